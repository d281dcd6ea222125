#!/usr/bin/env python3
"""Check that every country resolves by its names, through the real engine.

For each row of tests/data/countries.tsv (id, name_en, name_ru, inflected_ru,
written by gen_countries.py) the English short name, the Russian short name
and the inflected Russian form are looked up with `entnorm lookup --json`.
A form passes when the row's entity is among the hits and no other entity is
(an alias two entities share is left untagged in running text). Hits that
only count with support from the same document (`context_only`, e.g. the
first name `Israel` of Israel Katz) do not make a form fail; they are listed
as notes.

Usage (from the repository root):
    python3 tools/gazetteer/check_countries.py [--bin PATH] [--gazetteer DIR]

--bin defaults to $ENTNORM, else target/release/entnorm (or
$CARGO_TARGET_DIR/release/entnorm). Without --gazetteer the binary's embedded
default is used, so rebuild after editing gazetteers/. Exit status 1 if any
form fails.
"""

import argparse
import csv
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def default_bin():
    if os.environ.get("ENTNORM"):
        return os.environ["ENTNORM"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "entnorm")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=default_bin())
    ap.add_argument("--gazetteer")
    ap.add_argument("--tsv", default=os.path.join(ROOT, "tests", "data", "countries.tsv"))
    args = ap.parse_args()

    with open(args.tsv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    checks = []  # (id, column, surface)
    for r in rows:
        for col in ("name_en", "name_ru", "inflected_ru"):
            if r[col]:
                checks.append((r["id"], col, r[col]))
    surfaces = sorted({s for _, _, s in checks})
    cmd = [args.bin, "lookup", "--json"]
    if args.gazetteer:
        cmd += ["--gazetteer", args.gazetteer]
    # lookup exits 1 when some form reaches no entity; the JSON says which
    proc = subprocess.run(cmd + ["--"] + surfaces, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    hits = {}
    for line in proc.stdout.splitlines():
        obj = json.loads(line)
        hits[obj["surface"]] = obj["hits"]
    failures, notes = [], []
    for eid, col, surface in checks:
        found = hits.get(surface, [])
        entities = sorted({h["entity"] for h in found if not h.get("context_only")})
        context = sorted({h["entity"] for h in found if h.get("context_only")} - set(entities) - {eid})
        if eid not in entities:
            failures.append((eid, col, surface, "resolves to " + (", ".join(entities) or "nothing")))
        elif len(entities) > 1:
            failures.append((eid, col, surface, "ambiguous: " + ", ".join(entities)))
        elif context:
            notes.append((eid, col, surface, "also, only with context: " + ", ".join(context)))
    for eid, col, surface, why in notes:
        print(f"note {eid}\t{col}\t{surface}\t{why}")
    for eid, col, surface, why in failures:
        print(f"FAIL {eid}\t{col}\t{surface}\t{why}")
    print(f"{len(checks) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
