#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, native tests of
# every crate, wasm tests in headless Chromium, and end-to-end tests of the built app
# in headless Chromium (screenshots saved under target/e2e-screenshots/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; }

step "formatting"
cargo fmt --all --check

step "lints"
# No module of atlas-core imports another that imports it back, at the top level and
# one level down.
python3 tools/module-cycles.py
python3 tools/module-cycles.py --sub
cargo clippy --workspace --all-targets --locked -- -D warnings
# The app's browser-only code (the worker, storage) compiles for wasm32 alone.
cargo clippy -p primary-care-atlas --target wasm32-unknown-unknown --locked -- -D warnings
# The benchmark build (a synthetic England-sized workspace), so that it does not rot.
cargo clippy -p primary-care-atlas --target wasm32-unknown-unknown --features synthetic-england --locked -- -D warnings
# The public build: no Risk page, no patient-level code.
cargo clippy -p primary-care-atlas --target wasm32-unknown-unknown --no-default-features --locked -- -D warnings

step "native tests"
if [ -d ../shared/realdata ]; then
  echo "real NHS files found in ../shared/realdata: the real-data tests read them"
else
  echo "../shared/realdata is absent: the real-data tests skip (each says why under --nocapture)"
fi
cargo test --workspace --locked

step "wasm tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  cargo test -p atlas-charts --target wasm32-unknown-unknown --locked

step "release build"
trunk build --release
# The public transparency build, without patient-level code (tested end to end below).
trunk build --release --no-default-features --dist target/dist-public
# Its every public route as a static page, readable before the app has loaded.
cargo run -q --locked -p atlas-pages --bin atlas-prerender -- --site target/dist-public

step "end-to-end tests in headless Chromium"
# A deterministic synthetic patient file for the Risk page's tests.
mkdir -p target/e2e-data
[ -s target/e2e-data/patients-10000.csv ] ||
  cargo run -q -p atlas-core --example synthetic_patients -- 10000 target/e2e-data/patients-10000.csv
node --test --test-concurrency=1 tests/e2e/
