#!/usr/bin/env bash
# layer-free-deploy/test-arm64.sh: builds the arm64 (Graviton) bootstrap and runs the Lambda
# end-to-end tests (tests/lambda_e2e.rs) against it under QEMU's user-mode emulator, as the
# x86_64 bootstrap is run in .ci/run. Not part of CI: the cross build takes long on 2 cores
# and needs zig.
# Needs: cargo-zigbuild and zig (`pip install cargo-zigbuild ziglang`), qemu-aarch64-static
# (Debian: apt-get install qemu-user-static), and what the e2e tests need (moto's server).
set -euo pipefail
cd "$(dirname "$0")/.."
qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
[ -n "$qemu" ] || { echo "test-arm64.sh: needs qemu-aarch64-static (apt-get install qemu-user-static)" >&2; exit 1; }
layer-free-deploy/build.sh arm64
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bin="$target_dir/aarch64-unknown-linux-musl/lambda/bootstrap"
wrapper="$(mktemp -d)/bootstrap"
printf '#!/bin/sh\nexec %q %q "$@"\n' "$qemu" "$bin" > "$wrapper"
chmod 755 "$wrapper"
MEDIAINFO_BOOTSTRAP="$wrapper" MEDIAINFO_E2E=require cargo test --release --test lambda_e2e
