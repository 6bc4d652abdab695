#!/usr/bin/env bash
# benches/peak-memory.sh: peak memory of one CLI run per file, over a whole folder.
#
#   benches/peak-memory.sh [DIR...]     (default: ../shared/corpus, fixtures/media)
#
# Runs `mediainfo-rs --output pymediainfo FILE` (the complete field set, as the Lambda answers)
# under /usr/bin/time for every file, and prints the largest maximum resident set sizes, the
# maximum, and how many files stay under the 16 MB goal. Needs /usr/bin/time (apt-get install
# time). LIMIT_MB changes the goal.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OURS=$ROOT/target/release/mediainfo-rs
LIMIT_MB=${LIMIT_MB:-16}
[ -x /usr/bin/time ] || {
  echo "peak-memory.sh: needs /usr/bin/time (apt-get install time)" >&2
  exit 1
}
(cd "$ROOT" && cargo build --release --quiet --bin mediainfo-rs)
if [ $# -eq 0 ]; then
  set -- "$ROOT/../shared/corpus" "$ROOT/fixtures/media"
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
find "$@" -type f ! -name '*.md' -print0 | sort -z | while IFS= read -r -d '' f; do
  kb=$(/usr/bin/time -f %M "$OURS" --output pymediainfo "$f" 2>&1 >/dev/null | tail -1)
  printf '%s\t%s\t%s\n' "$kb" "$(stat -c %s "$f")" "$f"
done | sort -n >"$out"

echo "largest peak resident sets (KiB, file size, file):"
tail -5 "$out" | awk -F'\t' '{ printf "  %6d KiB  %10d B  %s\n", $1, $2, $3 }'
awk -F'\t' -v limit="$LIMIT_MB" '
  { n++; if ($1 > max) max = $1; if ($1 < limit * 1024) under++; sum += $1 }
  END {
    printf "%d files: peak memory max %.1f MiB, mean %.1f MiB; %d/%d under %d MiB -> %s\n",
      n, max / 1024, sum / n / 1024, under, n, limit, (under == n ? "goal met" : "goal NOT met")
  }' "$out"
