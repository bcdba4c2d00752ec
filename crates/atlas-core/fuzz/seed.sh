#!/usr/bin/env bash
# Writes the seed corpora from the test fixtures: each fixture once per name it could be
# given (the first byte chooses the name), the patient templates, and the default bundle.
set -euo pipefail
cd "$(dirname "$0")"
FIXTURES=../tests/fixtures
mkdir -p corpus/read_file corpus/read_patients corpus/read_bundle
# names.in: the fixtures' names, as a Rust array the target includes.
{
  echo "["
  ls "$FIXTURES" | sort | sed 's/.*/    "&",/'
  echo "]"
} > names.in
i=0
while IFS= read -r name; do
  { printf "\\$(printf '%03o' "$i")"; cat "$FIXTURES/$name"; } > "corpus/read_file/$i"
  i=$((i + 1))
done < <(ls "$FIXTURES" | sort)
for f in ../tests/corpus/*patient* ../../../tests/e2e/fixtures/*patient* ; do
  [ -f "$f" ] && head -c 20000 "$f" > "corpus/read_patients/$(basename "$f")"
done
head -c 200000 ../data/leicester-city/atlas-bundle.json > corpus/read_bundle/default.json
echo "seeded: $(ls corpus/read_file | wc -l) files, $(ls corpus/read_patients | wc -l) patient files"
