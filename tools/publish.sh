#!/usr/bin/env bash
# Writes a public Primary Care Atlas site with your own published data as its default:
#
#   pcatlas bundle --out DIR [--extracted YYYY-MM-DD] FILE...   # your national files → DIR/atlas-bundle.json
#   tools/publish.sh --data DIR --out SITE
#
# SITE is the public build (no patient-level code) with DIR's bundle at
# SITE/data/atlas-bundle.json, named in SITE/index.html, and every public route written as
# a static page of the bundle's figures (SITE/variation/index.html, …): any static host
# serves it from its own origin, with no rewrite rules for the public routes (a practice's
# or PCN's own page, /practices/CODE, needs every path not a file to serve index.html).
# Installs what is missing first (tools/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: tools/publish.sh --data DIR --out SITE (DIR holds atlas-bundle.json, written by pcatlas bundle --out DIR FILE...)" >&2
  exit 2
}
DATA="" OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) [ $# -ge 2 ] || usage; DATA=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; OUT=$2; shift 2 ;;
    *) usage ;;
  esac
done
[ -n "$DATA" ] && [ -n "$OUT" ] || usage
if [ ! -f "$DATA/atlas-bundle.json" ]; then
  echo "publish: $DATA/atlas-bundle.json is missing: write it with pcatlas bundle --out $DATA FILE..." >&2
  exit 2
fi
DATA=$(cd "$DATA" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

bash tools/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release --no-default-features --dist "$OUT"
mkdir -p "$OUT/data"
cp "$DATA/atlas-bundle.json" "$OUT/data/atlas-bundle.json"
node tools/name-bundle.mjs "$OUT/index.html" /data/atlas-bundle.json
# Every public route as a static page of the bundle's figures (SITE/variation/index.html,
# …), readable before the app has loaded; each names the bundle as index.html does.
cargo run -q --release --locked -p atlas-pages --bin atlas-prerender -- --site "$OUT" --bundle "$DATA/atlas-bundle.json"
echo "[publish] wrote $OUT: the public build with $DATA/atlas-bundle.json as its data"
