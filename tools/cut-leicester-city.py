#!/usr/bin/env python3
"""Cuts the Leicester City rows out of ../shared/realdata into
crates/atlas-core/data/leicester-city/, the files the embedded default is built from.

Run once when the public files change; the cuts are committed with their SOURCE.txt.
A row is kept when its practice is one of the 55 in practices.csv (the paper's
practices), or, for files by PCN or by area, when its PCN is one of the paper's 10 or
its area is 04C. Kept lines are copied byte for byte (line endings, quoting, byte
order mark), so the cut reads exactly as the publication does.

    python3 tools/cut-leicester-city.py [REALDATA]
"""

import csv
import io
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/atlas-core/data/leicester-city"
REALDATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/realdata"

practices = {r["practice_code"] for r in csv.DictReader(open(OUT / "practices.csv"))}
pcns = {r["area_code"] for r in csv.DictReader(open(OUT / "areas.csv")) if r["area_type"] == "pcn"}
assert len(practices) == 55 and len(pcns) == 10

# folder, file glob, the column that decides, the codes kept
CUTS = [
    ("gp-reg-all-jan2021", "gp-reg-pat-prac-all_jan2021_leicester04C.csv", "CODE", practices),
    ("appointments-practice-monthly-04C", "gpad_practice_month_*.csv", "gp_code", practices),
    ("appointments-ccg-monthly-llr", "Regional_CSV_LeicesterLeicsRut_04C_only.csv", "CCG_CODE", {"04C"}),
    ("gp-workforce-practice-quarterly-04C", "workforce_panel_04C.csv", "prac", practices),
    ("qof-2022-23", "PREVALENCE_2223_04C.csv", "PRACTICE_CODE", practices),
    ("qof-2022-23", "MAPPING_NHS_GEOGRAPHIES_2223_04C.csv", "PRACTICE_CODE", practices),
    ("qof-2024-25-prevalence-04C", "qof_prevalence_2425_04C.csv", "gp_code", practices),
    ("gp-patient-survey-04C", "gpps_long_04C.csv", "gp_code", practices),
    ("payments-to-general-practice", "payments_*_04C.csv", "Practice Code", practices),
    ("pcn-workforce-individual", "pcn_workforce_individual_*_04C.csv", "PCN_CODE", pcns),
]


def cut(source: pathlib.Path, target: pathlib.Path, column: str, keep: set) -> tuple[int, int]:
    data = source.read_bytes()
    lines = data.splitlines(keepends=True)
    header = next(csv.reader([lines[0].decode("utf-8-sig")]))
    at = [h.strip() for h in header].index(column)
    kept, dropped = [lines[0]], 0
    for line in lines[1:]:
        # Quoted fields never hold line breaks in these files.
        row = next(csv.reader(io.StringIO(line.decode("utf-8", "replace"))), [])
        if len(row) > at and row[at].strip() in keep:
            kept.append(line)
        else:
            dropped += 1
    target.write_bytes(b"".join(kept))
    return len(kept) - 1, dropped


for folder, pattern, column, keep in CUTS:
    (OUT / folder).mkdir(exist_ok=True)
    notes = []
    for source in sorted((REALDATA / folder).glob(pattern)):
        kept, dropped = cut(source, OUT / folder / source.name, column, keep)
        notes.append(f"  {source.name}: {kept} rows kept, {dropped} dropped")
        print(f"{folder}/{source.name}: {kept} kept, {dropped} dropped")
    source_text = (REALDATA / folder / "SOURCE.txt").read_text()
    (OUT / folder / "SOURCE.txt").write_text(
        source_text.rstrip("\n")
        + "\n\nCut for Primary Care Atlas by tools/cut-leicester-city.py: the header and the rows whose "
        + f"{column} is "
        + ("04C" if keep == {"04C"} else "one of the paper's 10 PCNs (areas.csv)" if keep is pcns else "one of the paper's 55 practices (practices.csv)")
        + ", copied byte for byte.\n"
        + "\n".join(notes)
        + "\n"
    )
