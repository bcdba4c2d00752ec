#!/usr/bin/env bash
# Rebuilds the embedded Leicester City default from the committed public cuts:
#
#   bash tools/build-default.sh
#
# reads the files listed in crates/atlas-core/data/leicester-city/FILES through the same
# ingest as the Data page (pcatlas bundle: the validate report, disclosure control) and
# writes crates/atlas-core/data/leicester-city/atlas-bundle.json, which atlas-core embeds.
# EXTRACTED holds the day the cuts were taken from the national files: each
# publication's measures carry it into the bundle.
# The test default_is_rebuilt_from_the_cuts fails when the committed bundle is not what
# this command writes.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=crates/atlas-core/data/leicester-city
cargo build --quiet -p atlas-cli
mapfile -t FILES < <(grep -v '^#' "$DATA/FILES" | grep -v '^$')
cd "$DATA"
# The report names every file and its warnings (kept in target/, not committed).
REPORT=../../../../target/default-build-report.txt
status=0
../../../../target/debug/pcatlas bundle --out . --extracted "$(cat EXTRACTED)" "${FILES[@]}" > "$REPORT" || status=$?
if [ "$status" -ne 0 ]; then
  cat "$REPORT" >&2
  echo "build-default: pcatlas bundle exited $status: a row was rejected or a file unread" >&2
  exit "$status"
fi
echo "[build-default] $(tail -1 "$REPORT") (report: target/default-build-report.txt)"

