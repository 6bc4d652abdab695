#!/usr/bin/env bash
# benches/compare.sh: our CLI beside MediaInfo on the same files.
#
#   benches/compare.sh [FILE...]
#
# Without FILEs: every fixture in fixtures/media plus large files the script makes once in a
# scratch folder outside the repository ($MEDIAINFO_BENCH_SCRATCH, default
# ${TMPDIR:-/tmp}/mediainfo-rs-bench; never commit them): an MP4 with its moov at the end, a
# fragmented MP4 and an mkvmerge Matroska file, each at about 15, 50 and 150 MB, so that a cost
# growing with file length shows.
#
# For each file it prints:
#   - process time (hyperfine, text view): `mediainfo-rs FILE` against Debian's `mediainfo FILE`
#     (23.04: not our reference for output, fine for cost), wall and CPU (user + system), and
#     the ratios;
#   - in-process time: `analyze_path` + pymediainfo rendering (examples/inprocess.rs) against
#     `MediaInfo.parse(FILE).to_data()` of pymediainfo 7.0.1 (the library bundled with it,
#     MediaInfo 24.12), both already loaded, and the ratio;
#   - bytes read: ours from `--stats`, MediaInfo 23.04's and 24.12's (pymediainfo) from strace
#     (read/pread calls on the file's descriptors), and the ratio to 24.12's;
#   - peak memory (maximum resident set, /usr/bin/time) of both processes.
# A summary checks the goals: process time >= 10x below mediainfo on every file, bytes read
# >= 10x below MediaInfo's on the large files and flat as they grow.
#
# Environment: RUNS (hyperfine runs per command, default 20), MEDIAINFO_BENCH_SCRATCH,
# MEDIAINFO_RS_BIN (our CLI to time; default: the static CLI as shipped, tools/build-cli; set it
# to target/release/mediainfo-rs to time the default dynamic build),
# INSTRUCTIONS=1 to also count each process's instructions with valgrind (slow; the figure a
# busy machine does not blur).
# Needs: cargo, hyperfine, mediainfo, strace, /usr/bin/time (Debian: apt-get install hyperfine
# mediainfo strace time), python3 with pymediainfo==7.0.1, ffmpeg and mkvmerge (Debian:
# ffmpeg mkvtoolnix) to make the large files.
#
# The Lambda (cold start and per-invocation time against a local S3 server, beside the Python +
# pymediainfo function measured the same way) is benches/lambda-compare.py; LAMBDA=1 runs it
# here too, on the same files, when the musl `bootstrap` is built.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${MEDIAINFO_BENCH_SCRATCH:-${TMPDIR:-/tmp}/mediainfo-rs-bench}
RUNS=${RUNS:-20}
OURS=${MEDIAINFO_RS_BIN:-}
INPROCESS=$ROOT/target/release/examples/inprocess

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "compare.sh: needs $1 ($2)" >&2
    exit 1
  }
}
need hyperfine "apt-get install hyperfine"
need mediainfo "apt-get install mediainfo"
need strace "apt-get install strace"
need python3 "python3 with pip install pymediainfo==7.0.1"
[ -x /usr/bin/time ] || {
  echo "compare.sh: needs /usr/bin/time (apt-get install time)" >&2
  exit 1
}
python3 -c 'import pymediainfo' 2>/dev/null || {
  echo "compare.sh: needs pymediainfo (pip install pymediainfo==7.0.1)" >&2
  exit 1
}

(cd "$ROOT" && cargo build --release --quiet --bin mediainfo-rs --example inprocess)
[ -n "$OURS" ] || OURS=$("$ROOT/tools/build-cli")
echo "timing $OURS"
mkdir -p "$SCRATCH"
WORK=$(mktemp -d "$SCRATCH/run.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- large files -----------------------------------------------------------------------------

# One 10 s, 720p, 18 Mb/s H.264 + AAC clip; longer files repeat it by stream copy (quick, and
# the sample tables, cues and fragments grow as in a real long file).
make_large() {
  local seed=$SCRATCH/seed-10s.mp4
  if [ ! -s "$seed" ]; then
    need ffmpeg "apt-get install ffmpeg"
    need mkvmerge "apt-get install mkvtoolnix"
    echo "making large files in $SCRATCH (once)" >&2
    ffmpeg -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=30,noise=alls=30:allf=t" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 10 \
      -c:v libx264 -preset ultrafast -b:v 18M -maxrate 18M -bufsize 36M \
      -c:a aac -b:a 128k "$seed.tmp.mp4"
    mv "$seed.tmp.mp4" "$seed"
  fi
  local secs mb
  for pair in 6:15 20:50 60:150; do
    secs=${pair%%:*}
    mb=${pair##*:}
    local moov=$SCRATCH/large-${mb}mb-moov-at-end.mp4
    local frag=$SCRATCH/large-${mb}mb-fragmented.mp4
    local mkv=$SCRATCH/large-${mb}mb.mkv
    [ -s "$moov" ] || ffmpeg -v error -y -stream_loop 6 -i "$seed" -c copy -t "$secs" "$moov"
    [ -s "$frag" ] || ffmpeg -v error -y -i "$moov" -c copy \
      -movflags frag_keyframe+empty_moov+default_base_moof "$frag"
    [ -s "$mkv" ] || mkvmerge -q -o "$mkv" "$moov"
    echo "$moov" "$frag" "$mkv"
  done
}

if [ $# -gt 0 ]; then
  FILES=("$@")
  LARGE=()
else
  mapfile -t FIXTURES < <(find "$ROOT/fixtures/media" -type f | sort)
  read -r -a LARGE <<<"$(make_large | tr '\n' ' ')"
  FILES=("${FIXTURES[@]}" "${LARGE[@]}")
fi

# --- measurements ----------------------------------------------------------------------------

# Reads and bytes read from the file named $2 in strace log $1 (descriptors followed through
# open/close; threads share them).
strace_bytes() {
  python3 - "$1" "$2" <<'PY'
import os, re, sys
log, target = sys.argv[1], os.path.realpath(sys.argv[2])
opened = re.compile(r'^\d+\s+open(?:at)?\((?:\w+, )?"(.*?)".*\)\s+=\s+(\d+)')
read = re.compile(r'^\d+\s+(?:read|pread64|readv|preadv2?)\((\d+),.*\)\s+=\s+(\d+)')
closed = re.compile(r'^\d+\s+close\((\d+)\)')
fds, reads, total = {}, 0, 0
for line in open(log, errors="replace"):
    if m := opened.match(line):
        fds[m.group(2)] = os.path.realpath(m.group(1)) == target
    elif m := read.match(line):
        if fds.get(m.group(1)):
            reads, total = reads + 1, total + int(m.group(2))
    elif m := closed.match(line):
        fds.pop(m.group(1), None)
print(reads, total)
PY
}

# Mean wall seconds, mean CPU seconds (user + system) and fastest wall seconds of each command
# (hyperfine JSON), as "ours_wall mi_wall ours_cpu mi_cpu ours_min mi_min". The mean is what a
# caller waits; CPU time and the fastest run are what a loaded machine blurs least.
hyper() {
  hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/h.json" \
    "$OURS $1" "mediainfo $1" >/dev/null 2>&1
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(*(x["mean"] for x in r), *(x["user"] + x["system"] for x in r), *(x["min"] for x in r))' "$WORK/h.json"
}

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

# Instructions a whole process executes (valgrind's callgrind count: the same on a busy
# machine as on an idle one).
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,
}

echo "in-process timing (pymediainfo 7.0.1 and ours)..." >&2
python3 - "$RUNS" "${FILES[@]}" >"$WORK/py.tsv" <<'PY'
import sys, time
from pymediainfo import MediaInfo
runs = int(sys.argv[1])
for f in sys.argv[2:]:
    MediaInfo.parse(f).to_data()
    start, n = time.perf_counter(), 0
    while n < runs or time.perf_counter() - start < 0.3:
        MediaInfo.parse(f).to_data()
        n += 1
    print(f"{f}\t{(time.perf_counter() - start) * 1000 / n:.4f}")
PY
"$INPROCESS" "$RUNS" "${FILES[@]}" >"$WORK/ours.tsv"

printf '%-30s %6s | %7s %7s %5s %5s | %6s %6s %5s | %7s %7s %5s | %10s %10s %10s %6s | %5s %5s\n' \
  file MB ours_ms mi_ms x x_min cpu_ms mi_cpu x lib_ms py_ms x our_bytes mi23_bytes mi24_bytes x \
  our_MB mi_MB
: >"$WORK/rows.tsv"
for f in "${FILES[@]}"; do
  name=$(basename "$f")
  size=$(stat -c %s "$f")
  read -r t_ours t_mi c_ours c_mi m_ours m_mi <<<"$(hyper "$f")"
  ip_ours=$(awk -F'\t' -v f="$f" '$1 == f { print $2 }' "$WORK/ours.tsv")
  ip_py=$(awk -F'\t' -v f="$f" '$1 == f { print $2 }' "$WORK/py.tsv")
  our_bytes=$("$OURS" --stats "$f" 2>&1 >/dev/null | sed -n 's/.*: \([0-9]*\) reads, \([0-9]*\) bytes read/\2/p')
  strace -f -qq -e trace=open,openat,read,pread64,readv,preadv,preadv2,close \
    -o "$WORK/mi.strace" mediainfo "$f" >/dev/null
  read -r _ mi23 <<<"$(strace_bytes "$WORK/mi.strace" "$f")"
  strace -f -qq -e trace=open,openat,read,pread64,readv,preadv,preadv2,close \
    -o "$WORK/py.strace" python3 -c \
    'import sys; from pymediainfo import MediaInfo; MediaInfo.parse(sys.argv[1]).to_data()' "$f"
  read -r _ mi24 <<<"$(strace_bytes "$WORK/py.strace" "$f")"
  rss_ours=$(peak_kb "$OURS" "$f")
  rss_mi=$(peak_kb mediainfo "$f")
  if [ -n "${INSTRUCTIONS:-}" ]; then
    i_ours=$(instructions "$OURS" "$f")
    i_mi=$(instructions mediainfo "$f")
    printf '%s\t%s\t%s\n' "$name" "$i_ours" "$i_mi" >>"$WORK/instructions.tsv"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$size" "$t_ours" \
    "$t_mi" "$ip_ours" "$ip_py" "$our_bytes" "$mi23" "$mi24" "$rss_ours" "$rss_mi" \
    "$c_ours" "$c_mi" "$m_ours" "$m_mi" >>"$WORK/rows.tsv"
  awk -F'\t' '{
    printf "%-30s %6.1f | %7.2f %7.2f %5.1f %5.1f | %6.2f %6.2f %5.1f | %7.3f %7.2f %5.1f | %10d %10d %10d %6.0f | %5.1f %5.1f\n",
      $1, $2 / 1e6, $3 * 1000, $4 * 1000, $4 / $3, $15 / $14, $12 * 1000, $13 * 1000, $13 / $12,
      $5, $6, $6 / $5, $7, $8, $9, ($7 > 0 ? $9 / $7 : 0), $10 / 1024, $11 / 1024 }' <<<"$(tail -1 "$WORK/rows.tsv")"
done

# --- goals -----------------------------------------------------------------------------------

echo
awk -F'\t' -v large="${#LARGE[@]}" '
  { n++; t = $4 / $3; if (n == 1 || t < tmin) { tmin = t; tfile = $1 }
    c = $13 / $12; if (n == 1 || c < cmin) { cmin = c; cfile = $1 }
    m = $15 / $14; if (n == 1 || m < mmin) { mmin = m; mfile = $1 }
    if ($10 > rmax) { rmax = $10; rfile = $1 }
    if ($2 >= 10e6) { b = ($7 > 0 ? $9 / $7 : 0); if (nl++ == 0 || b < bmin) { bmin = b; bfile = $1 } } }
  END {
    printf "process wall time, means: at least %.1fx below mediainfo on every file (least: %s) -> %s\n",
      tmin, tfile, (tmin >= 10 ? "goal met" : "goal (10x) NOT met")
    printf "process wall time, fastest runs: at least %.1fx below mediainfo on every file (least: %s) -> %s\n",
      mmin, mfile, (mmin >= 10 ? "goal met" : "goal (10x) NOT met")
    printf "process CPU time: at least %.1fx below mediainfo on every file (least: %s) -> %s\n",
      cmin, cfile, (cmin >= 10 ? "goal met" : "goal (10x) NOT met")
    if (nl) printf "bytes read on files >= 10 MB: at least %.0fx below MediaInfo 24.12 (least: %s) -> %s\n",
      bmin, bfile, (bmin >= 10 ? "goal met" : "goal (10x) NOT met")
    printf "peak memory: at most %.1f MB (%s); benches/peak-memory.sh covers the whole corpus\n",
      rmax / 1024, rfile
  }' "$WORK/rows.tsv"
if [ "${#LARGE[@]}" -gt 0 ]; then
  echo "our bytes read as the large files grow (15 -> 50 -> 150 MB):"
  for kind in moov-at-end.mp4 fragmented.mp4 .mkv; do
    awk -F'\t' -v k="$kind" 'index($1, "large-") == 1 && substr($1, length($1) - length(k) + 1) == k {
      s = s sprintf(" %s: %d B,", $1, $7) } END { sub(/,$/, "", s); print " " s }' "$WORK/rows.tsv"
  done
fi
if [ -s "$WORK/instructions.tsv" ]; then
  echo "instructions per process (callgrind):"
  awk -F'\t' '{ r = $3 / $2; printf "  %-30s ours %11d  mediainfo %12d  %5.1fx\n", $1, $2, $3, r
    if (n++ == 0 || r < least) { least = r; lf = $1 } }
    END { printf "  least: %.1fx (%s)\n", least, lf }' "$WORK/instructions.tsv"
  cp "$WORK/instructions.tsv" "$SCRATCH/last-instructions.tsv"
fi
cp "$WORK/rows.tsv" "$SCRATCH/last-compare.tsv"
echo "(raw figures: $SCRATCH/last-compare.tsv)"

# --- the Lambda -------------------------------------------------------------------------------
# benches/lambda-compare.py: cold start and per-invocation time of `bootstrap` and of the Python +
# pymediainfo function, on a local Runtime API and moto's S3 (the README's Benchmarks section).
if [ "${LAMBDA:-0}" = 1 ]; then
  if [ -x "$ROOT/target/x86_64-unknown-linux-musl/lambda/bootstrap" ]; then
    python3 "$ROOT/benches/lambda-compare.py" "${FILES[@]}"
  else
    echo "lambda: no bootstrap (layer-free-deploy/build.sh builds it)" >&2
  fi
fi
