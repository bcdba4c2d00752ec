#!/usr/bin/env python3
"""Writes the Leicester boundary and its 2013 wards for the map, from the public files in
../shared/realdata/boundaries-leicester: the same polygons, coordinates rounded to five
decimal places (about a metre), names kept, everything else dropped.

    python3 tools/cut-boundaries.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "shared", "realdata", "boundaries-leicester")
OUT = os.path.join(HERE, "..", "crates", "atlas-core", "data", "leicester-city", "boundaries")


def rounded(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 5), round(coords[1], 5)]
    return [rounded(c) for c in coords]


def cut(source, name_of, out):
    with open(os.path.join(SRC, source)) as f:
        data = json.load(f)
    features = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        features.append({
            "type": "Feature",
            "properties": {"name": name_of(feature)},
            "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
        })
    with open(os.path.join(OUT, out), "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, separators=(",", ":"))
        f.write("\n")


cut("LAD_May_2024_BSC_E06000016_Leicester.geo.json", lambda _: "Leicester", "leicester-2024.geojson")
cut("martinjc_electoral_eng_wards_by_lad_E06000016.json", lambda f: f["properties"]["WD13NM"], "wards-2013.geojson")
