#!/usr/bin/env bash
# Builds the Lambda function: one static musl binary named `bootstrap`, zipped alone (no layer).
#
#   layer-free-deploy/build.sh [x86_64|arm64|all]      (default: x86_64)
#
# Writes dist/mediainfo-lambda-<arch>.zip and prints its size. x86_64 needs Debian's
# musl-tools (musl-gcc builds aws-lc's C code); arm64 (Graviton) needs cargo-zigbuild and zig
# (`pip install cargo-zigbuild ziglang`). Both need `rustup target add <triple>`. The zip is
# deflated with zlib at level 9; `ZOPFLI=1` deflates it with zopfli (`pip install zopfli`):
# 2.7% smaller, but minutes of CPU.
set -euo pipefail
cd "$(dirname "$0")/.."

arch="${1:-x86_64}"
case "$arch" in
  x86_64|arm64) arches=("$arch") ;;
  all) arches=(x86_64 arm64) ;;
  *) echo "usage: $0 [x86_64|arm64|all]" >&2; exit 2 ;;
esac

target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
mkdir -p dist

for a in "${arches[@]}"; do
  if [ "$a" = x86_64 ]; then
    triple=x86_64-unknown-linux-musl
    command -v musl-gcc >/dev/null || { echo "musl-gcc not found: apt-get install musl-tools" >&2; exit 1; }
    # cc finds musl-gcc by itself; setting CC_* here would make every plain cargo command for
    # this target rebuild aws-lc (its build script watches those variables).
    build=(cargo build)
  else
    triple=aarch64-unknown-linux-musl
    command -v cargo-zigbuild >/dev/null || { echo "cargo-zigbuild not found: pip install cargo-zigbuild ziglang" >&2; exit 1; }
    build=(cargo zigbuild)
  fi
  rustup target list --installed 2>/dev/null | grep -qx "$triple" || rustup target add "$triple"
  echo "== building bootstrap for $triple"
  "${build[@]}" --profile lambda --target "$triple" --features lambda --bin bootstrap
  bin="$target_dir/$triple/lambda/bootstrap"
  stage="$(mktemp -d)"
  cp "$bin" "$stage/bootstrap"
  chmod 755 "$stage/bootstrap"
  zip_path="$PWD/dist/mediainfo-lambda-$a.zip"
  rm -f "$zip_path"
  (cd "$stage" && python3 - "$zip_path" <<'PY'
import os, sys, zipfile
zopfli = None
if os.environ.get("ZOPFLI") == "1":
    import zopfli.zopfli  # `pip install zopfli`: a denser deflate, the same format


class Zopfli:
    """zipfile's compressor interface, deflating the whole member at once with zopfli."""

    def __init__(self):
        self.data = []

    def compress(self, data):
        self.data.append(data)
        return b""

    def flush(self):
        # zopfli writes a zlib stream: a 2-byte header, raw deflate, a 4-byte Adler-32.
        return zopfli.zopfli.compress(b"".join(self.data), numiterations=5)[2:-4]


if zopfli:
    zipfile._get_compressor = lambda *_: Zopfli()
info = zipfile.ZipInfo("bootstrap", date_time=(2020, 1, 1, 0, 0, 0))
info.external_attr = (0o100755 << 16)  # a regular, executable file
info.compress_type = zipfile.ZIP_DEFLATED
with open("bootstrap", "rb") as f, zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr(info, f.read(), compresslevel=9)
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None  # inflates the member and checks its CRC
print("deflate:", "zopfli" if zopfli else "zlib level 9")
PY
  )
  rm -rf "$stage"
  size=$(stat -c %s "$zip_path")
  echo "dist/mediainfo-lambda-$a.zip: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB), bootstrap $(stat -c %s "$bin") bytes"
done
