#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets from the repository's real files.

    python3 fuzz/scripts/seed_corpus.py [--entnorm PATH/TO/entnorm]

Creates fuzz/corpus/<target>/ (gitignored; never committed):
  tag, normalize_tokenize   texts of tests/devset/seeds.jsonl and the
                            fixtures' sentence files (whole, and per
                            paragraph), every alias and name of gazetteers/
  gazetteer_csv             entities*.csv + b"\\xff" + aliases*.csv of every
                            gazetteer directory, whole and cut to a few rows
  index_load                index files built from those gazetteers with
                            `entnorm build`, behind the target's mode byte
                            (0 as is, 1 checksum recomputed, 2 fst section,
                            3 group section)
"""
import argparse
import csv
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
GAZETTEERS = [
    "gazetteers",
    "tests/devset/gazetteer",
    "tests/fixtures/inflection/gazetteer",
    "tests/fixtures/translit/gazetteer",
]
TEXT_FILES = [
    "tests/devset/seeds.jsonl",
    "tests/fixtures/inflection/sentences.jsonl",
    "tests/fixtures/inflection/negatives-ru.jsonl",
    "tests/fixtures/translit/sentences.jsonl",
    "tests/fixtures/translit/negatives.jsonl",
]


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def texts():
    for rel in TEXT_FILES:
        path = os.path.join(ROOT, rel)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                text = json.loads(line).get("text", "")
                if len(text.encode()) <= 4096:
                    yield text
                for para in text.split("\n\n"):
                    if para.strip():
                        yield para[:2048]


def gazetteer_files(rel):
    d = os.path.join(ROOT, rel)
    if not os.path.isdir(d):
        return None
    names = sorted(os.listdir(d))
    read = lambda prefix: b"".join(
        open(os.path.join(d, n), "rb").read() for n in names if n.startswith(prefix) and n.endswith(".csv")
    )
    return read("entities"), read("aliases")


def names(aliases_csv, entities_csv):
    out = []
    for data, cols in ((entities_csv, ("name_en", "name_ru")), (aliases_csv, ("alias",))):
        for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))):
            out.extend(row.get(c) or "" for c in cols)
    return [n for n in out if n]


def cut(data, rows):
    lines = data.split(b"\n")
    return b"\n".join(lines[: rows + 1]) + b"\n"


def sections(index):
    """The sections of an index file: 32 bytes, n u64 LE lengths, then the
    sections padded to 8 bytes; n is the count for which the sizes add up."""
    for n in range(1, 17):
        if len(index) < 32 + 8 * n:
            break
        lens = struct.unpack_from(f"<{n}Q", index, 32)
        at = 32 + 8 * n
        if at + sum((x + 7) // 8 * 8 for x in lens) == len(index):
            out = []
            for x in lens:
                out.append(index[at : at + x])
                at += (x + 7) // 8 * 8
            return out
    raise ValueError("not an entnorm index file")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entnorm", help="entnorm binary (default: build it with cargo into a temp target dir)")
    args = ap.parse_args()

    count = {}

    def put(target, data):
        write(target, data)
        count.setdefault(target, set()).add(hashlib.sha1(data if isinstance(data, bytes) else data.encode()).digest())

    for t in texts():
        put("tag", t)
        put("normalize_tokenize", t)
    for rel in GAZETTEERS:
        files = gazetteer_files(rel)
        if not files:
            continue
        entities, aliases = files
        put("gazetteer_csv", entities + b"\xff" + aliases)
        for rows in (1, 3, 8):
            put("gazetteer_csv", cut(entities, rows) + b"\xff" + cut(aliases, rows))
        for n in names(aliases, entities):
            put("tag", n)
            put("normalize_tokenize", n)

    binary = args.entnorm
    if not binary:
        target_dir = os.environ.get("CARGO_TARGET_DIR", os.path.join(tempfile.gettempdir(), "entnorm-seed-target"))
        subprocess.run(["cargo", "build", "--release", "--quiet", "--target-dir", target_dir],
                       cwd=ROOT, check=True)
        binary = os.path.join(target_dir, "release", "entnorm")
    with tempfile.TemporaryDirectory() as tmp:
        for i, rel in enumerate(GAZETTEERS):
            if not os.path.isdir(os.path.join(ROOT, rel)):
                continue
            out = os.path.join(tmp, f"{i}.idx")
            subprocess.run([binary, "build", "-q", "--gazetteer", os.path.join(ROOT, rel), "-o", out], check=True)
            index = open(out, "rb").read()
            fst, groups = sections(index)[:2]
            if len(index) <= 1 << 20:
                put("index_load", b"\x00" + index)
                put("index_load", b"\x01" + index)
            put("index_load", b"\x02" + fst)
            put("index_load", b"\x03" + groups)
    for target, seeds in sorted(count.items()):
        print(f"{target}: {len(seeds)} seeds in {os.path.join(CORPUS, target)}")


if __name__ == "__main__":
    sys.exit(main())
