#!/usr/bin/env python3
"""Dumps every nominative-singular place (Geox), first name (Name), surname
(Surn) or organization (Orgn) of the pymorphy3 dictionary with its five
oblique case forms, for a broad check of the rules on names they were not
tuned on:

    python3 gen/bulk_dump.py Geox Name Surn Orgn      # -> target/bulk/*.tsv
    cargo run --release --example bulk -- loc < target/bulk/Geox.tsv | tail -5
    cargo run --release --example bulk -- per < target/bulk/Surn.tsv | tail -5
    cargo run --release --example bulk -- org < target/bulk/Orgn.tsv | tail -5

Columns: word, gender, nomn, gent, datv, accs, ablt, loct. Indeclinable
(Fixd) and hyphenated entries are skipped.
"""

import os
import sys

import pymorphy3

CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]


def dump(morph, tag_name, out_dir):
    seen = set()
    path = os.path.join(out_dir, f"{tag_name}.tsv")
    with open(path, "w", encoding="utf-8") as out:
        for word, tag, _normal, _para, idx in morph.dictionary.iter_known_words():
            if tag_name not in tag or tag.case != "nomn" or tag.number != "sing" or idx != 0:
                continue
            if "Fixd" in tag or "-" in word or (word, tag.gender) in seen:
                continue
            seen.add((word, tag.gender))
            parse = next((p for p in morph.parse(word) if p.tag == tag), None)
            if parse is None:
                continue
            forms = [(parse.inflect({c}) or parse).word for c in CASES]
            out.write("\t".join([word, tag.gender or "", *forms]) + "\n")
    print(f"{path}: {len(seen)} words", file=sys.stderr)


def main():
    out_dir = os.path.join(os.path.dirname(__file__), "..", "target", "bulk")
    os.makedirs(out_dir, exist_ok=True)
    morph = pymorphy3.MorphAnalyzer()
    for tag_name in sys.argv[1:] or ["Geox", "Name", "Surn", "Orgn"]:
        dump(morph, tag_name, out_dir)


if __name__ == "__main__":
    main()
