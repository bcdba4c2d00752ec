#!/usr/bin/env bash
# Installs what building and testing Primary Care Atlas needs, and nothing that is
# already there. Idempotent: a warm machine passes through in seconds.
# Pins and traps: see ARCHITECTURE.md ("Toolchain") — trunk 0.21.14 (0.22 needs a newer
# rustc), wasm-bindgen-cli at the Cargo.lock version, wasm-opt from npm binaryen 132
# (Debian's binaryen 108 silently produces a blank page).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# The wasm-bindgen version is whatever Cargo.lock resolved; the CLI must match it exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile pins a webpki-roots that the registry does not serve.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-liberation >/dev/null
fi

# The module-cycle check (tools/module-cycles.py) needs Python 3.
if ! command -v python3 >/dev/null; then
  say "installing Python 3 from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
fi

# npm: binaryen (wasm-opt), the NHS.UK frontend CSS, PurgeCSS (the build ships only the
# NHS.UK rules the pages use), playwright-core and axe-core.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The NHS.UK stylesheet asks for web fonts on assets.nhs.uk; our Content-Security-Policy
# forbids third-party requests, so ship it without the @font-face rules (Arial fallback).
node tools/vendor-css.mjs
