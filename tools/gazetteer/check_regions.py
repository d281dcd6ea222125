#!/usr/bin/env python3
"""Cross-check gazetteers/entities-regions-ru.csv against ISO 3166-2:RU.

ISO 3166-2 (PyPI `pycountry`) lists 83 subdivisions of Russia under names
romanized from Russian with BGN/PCGN ("Kaluzhskaya oblast'", "Adygeya,
Respublika"). Each is turned into running order ("Respublika Adygeya") and
looked up with `entnorm lookup --json`: it must reach exactly one entity of
entities-regions-ru.csv or entities-cities.csv (Moscow, Saint Petersburg),
which checks the Russian spelling of every pre-2014 federal subject through
an independent romanization. ISO does not list Crimea, Sevastopol or the
four regions annexed in 2022 under Russia; they are reported as such.

Usage: python3 tools/gazetteer/check_regions.py [--bin PATH] [--gazetteer DIR]
"""

import csv
import json
import os
import subprocess
import sys

import pycountry

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    binary = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else os.environ.get(
        "ENTNORM", os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "entnorm"))
    with open(os.path.join(ROOT, "gazetteers", "entities-regions-ru.csv"), encoding="utf-8") as f:
        regions = {r["id"] for r in csv.DictReader(l for l in f if not l.startswith("#"))}
    federal_cities = {"moscow", "saint-petersburg"}
    subs = sorted((s for s in pycountry.subdivisions if s.country_code == "RU"), key=lambda s: s.code)
    forms = {}
    for s in subs:
        name = s.name
        if ", " in name:  # "Adygeya, Respublika" -> "Respublika Adygeya"
            a, b = name.split(", ", 1)
            name = f"{b} {a}"
        forms[s.code] = name
    cmd = [binary, "lookup", "--json"]
    if "--gazetteer" in sys.argv:
        cmd += ["--gazetteer", sys.argv[sys.argv.index("--gazetteer") + 1]]
    out = subprocess.run(cmd + ["--"] + list(forms.values()), capture_output=True, text=True)
    hits = {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        hits[o["surface"]] = sorted({h["entity"] for h in o["hits"] if not h.get("context_only")})
    seen, bad = set(), 0
    for code, name in forms.items():
        ents = [e for e in hits.get(name, []) if e in regions | federal_cities]
        if len(ents) == 1:
            seen.add(ents[0])
        else:
            bad += 1
            print(f"FAIL {code}\t{name}\t{hits.get(name)}")
    missing = sorted(regions - seen)
    print(f"{len(forms)} ISO 3166-2:RU names: {len(forms) - bad} resolve to one federal subject, {bad} fail", file=sys.stderr)
    print("not in ISO 3166-2:RU (Russia's definition only): " + ", ".join(missing), file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
