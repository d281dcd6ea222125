#!/usr/bin/env python3
"""Throughput of the same input through Python ``Engine.tag_batch``, the CLI
and Spark (``examples/spark_tag.py`` in local mode); prints one line.

    python bench/throughput.py --cli target/release/entnorm --size-mb 20

The input is the shipped sample and the dev set repeated (with fresh IDs)
until the texts add up to ``--size-mb`` MB of UTF-8. All three use the
embedded default gazetteer and all cores. What is timed:

* python: the ``tag_batch`` call alone (texts already in memory, result
  converted to Python ``Mention`` objects);
* cli: the whole ``entnorm tag FILE -o OUT`` process (start, JSON parsing,
  writing);
* spark: the job of ``spark_tag.py`` (read JSON, tag, write JSON), the
  session's start-up excluded.

MB are MB of text (UTF-8 bytes of the text fields) in every case. The
Python results are also checked against the CLI's, document by document.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parent.parent
REPO = PYTHON_DIR.parent
SOURCES = [PYTHON_DIR / "examples" / "sample.jsonl", REPO / "tests" / "devset" / "seeds.jsonl"]
EXAMPLE = PYTHON_DIR / "examples" / "spark_tag.py"


def make_input(path: Path, size_mb: float) -> tuple[list[str], int]:
    """Writes the input; returns the texts and their total UTF-8 size."""
    docs = []
    for source in SOURCES:
        with open(source, encoding="utf-8") as f:
            docs += [json.loads(line) for line in f if line.strip()]
    texts, size, n = [], 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while size < size_mb * 1e6:
            for doc in docs:
                n += 1
                out.write(json.dumps({"id": f"d{n}", "text": doc["text"]}, ensure_ascii=False) + "\n")
                texts.append(doc["text"])
                size += len(doc["text"].encode("utf-8"))
    return texts, size


def rate(docs: int, size: int, seconds: float) -> str:
    return f"{docs / seconds:,.0f} docs/s {size / 1e6 / seconds:.1f} MB/s ({seconds:.2f} s)"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cli", default=str(REPO / "target" / "release" / "entnorm"))
    p.add_argument("--size-mb", type=float, default=20.0)
    p.add_argument("--workdir", help="where to write the input and outputs (default: a temporary directory)")
    p.add_argument("--no-spark", action="store_true", help="skip the Spark run")
    args = p.parse_args()

    import entnorm

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="entnorm-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    input_path = workdir / "bench.jsonl"
    texts, size = make_input(input_path, args.size_mb)
    docs = len(texts)

    # CLI
    cli_out = workdir / "cli.jsonl"
    started = time.perf_counter()
    subprocess.run([args.cli, "--quiet", "tag", str(input_path), "-o", str(cli_out)], check=True)
    cli_seconds = time.perf_counter() - started

    # Python
    engine = entnorm.Engine.default()
    engine.tag_batch(texts[:100])  # start the pool
    started = time.perf_counter()
    batch = engine.tag_batch(texts)
    py_seconds = time.perf_counter() - started
    with open(cli_out, encoding="utf-8") as f:
        for i, (line, mentions) in enumerate(zip(f, batch, strict=True)):
            if json.loads(line)["mentions"] != [m.to_dict() for m in mentions]:
                print(f"throughput: Python and CLI differ on document {i + 1}", file=sys.stderr)
                return 1
    del batch

    # Spark
    spark = "spark: skipped"
    if not args.no_spark:
        stats = workdir / "spark-stats.json"
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
        env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        subprocess.run(
            [sys.executable, str(EXAMPLE), str(input_path), "-o", str(workdir / "spark-out"), "--stats", str(stats)],
            check=True,
            cwd=workdir,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        spark_seconds = json.loads(stats.read_text())["seconds"]
        spark = f"spark local[*] {rate(docs, size, spark_seconds)}"

    print(
        f"throughput ({size / 1e6:.1f} MB of text, {docs:,} docs, {os.cpu_count()} cores): "
        f"python tag_batch {rate(docs, size, py_seconds)} | cli {rate(docs, size, cli_seconds)} | {spark}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
