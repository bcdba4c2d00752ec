#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on the embedded
# Leicester City default at http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
# wasm-opt must be npm binaryen 132, found before any other on PATH.
export PATH="$PWD/node_modules/.bin:$PATH"
echo "[serve] building, then serving on http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --release
