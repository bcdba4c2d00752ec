#!/usr/bin/env bash
# Writes the seed corpora from the test fixtures: each fixture once per name it could be
# given (the first byte chooses the name), the patient templates, and the default bundle.
set -euo pipefail
cd "$(dirname "$0")"
FIXTURES=../tests/fixtures
mkdir -p corpus/read_file corpus/read_patients corpus/read_bundle corpus/load_several corpus/read_pieces
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
# The bad-input corpus too, each under the first name.
for f in ../tests/corpus/*; do
  { printf '\000'; cat "$f"; } > "corpus/read_file/corpus-$(basename "$f")"
done
for f in ../tests/corpus/*patient*; do
  head -c 20000 "$f" > "corpus/read_patients/$(basename "$f")"
done
# A good patient file: the synthetic one the end-to-end tests use, its first 200 rows.
(cd ../../.. && cargo run -q -p atlas-core --example synthetic_patients -- 200 crates/atlas-core/fuzz/corpus/read_patients/synthetic-200.csv)
# Pairs of fixtures for load_several, separated as its target splits them.
n=$(ls "$FIXTURES" | wc -l)
for ((a = 0; a < n; a += 3)); do
  b=$(( (a * 7 + 5) % n ))
  {
    printf "\\$(printf '%03o' "$a")"; cat "$FIXTURES/$(ls "$FIXTURES" | sort | sed -n "$((a + 1))p")"
    printf '\377\376\375'
    printf "\\$(printf '%03o' "$b")"; cat "$FIXTURES/$(ls "$FIXTURES" | sort | sed -n "$((b + 1))p")"
  } > "corpus/load_several/pair-$a-$b"
done
# The crosstabs for read_pieces, with two cuts.
for f in "$FIXTURES"/Practice_Level_Crosstab*.csv "$FIXTURES"/Regional_CSV*.csv; do
  { printf '\002\003\011'; cat "$f"; } > "corpus/read_pieces/$(basename "$f")"
done
head -c 200000 ../data/leicester-city/atlas-bundle.json > corpus/read_bundle/default.json
echo "seeded: $(ls corpus/read_file | wc -l) files, $(ls corpus/read_patients | wc -l) patient files"
