#!/usr/bin/env python3
"""Tag a JSON Lines file with entnorm on Spark and write one row per document.

    python examples/spark_tag.py                                  # the shipped sample, local[*]
    python examples/spark_tag.py docs.jsonl -o out/ --format parquet
    python examples/spark_tag.py docs.jsonl --gazetteer my-gazetteer/ --jsonl tagged.jsonl

Input: one JSON object per line with an ID field (``--id-field``, default
``id``) and a text field (``--text-field``, default ``text``). Output: a Spark
output directory (``-o``, JSON Lines part files or Parquet) with columns
``id`` and ``mentions`` (an array of ``{start, end, text, entity, type,
match}``); with ``--jsonl FILE`` the part files are also joined, in order,
into one JSON Lines file shaped like ``entnorm tag`` output. The last line on
stdout is a summary: documents, MB of text, seconds, documents/s, MB/s of the
Spark job (session start-up excluded).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", nargs="?", default=str(HERE / "sample.jsonl"), help="JSON Lines input (default: sample.jsonl)")
    p.add_argument("-o", "--output", default="spark-out", help="output directory (replaced; default: spark-out)")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--jsonl", metavar="FILE", help="also join the JSON Lines part files, in order, into FILE")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--gazetteer", metavar="DIR", help="gazetteer directory (compiled on the driver, shipped)")
    src.add_argument("--index", metavar="FILE", help="index file from `entnorm build` (shipped)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default="id")
    p.add_argument("--mentions", choices=["struct", "json"], default="struct", help="mentions column type")
    p.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[*]"))
    p.add_argument("--partitions", type=int, default=0, help="repartition the input (0: Spark's file splits)")
    p.add_argument("--threads", type=int, default=1, help="Rayon threads per Spark task (default 1)")
    p.add_argument("--stats", metavar="FILE", help="write the summary as JSON to FILE")
    return p.parse_args(argv)


def spark_session(master: str):
    """A quiet local session whose Python workers use this interpreter."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("entnorm-spark-tag")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def text_bytes(path: str, text_field: str) -> tuple[int, int]:
    """(documents, UTF-8 bytes of their texts), for the summary."""
    docs = size = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs += 1
                text = json.loads(line).get(text_field)
                size += len(text.encode("utf-8")) if isinstance(text, str) else 0
    return docs, size


def join_parts(output: str, target: str) -> None:
    """Concatenates Spark's JSON part files in partition order."""
    with open(target, "wb") as out:
        for part in sorted(glob.glob(os.path.join(output, "part-*"))):
            with open(part, "rb") as f:
                shutil.copyfileobj(f, out)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from entnorm.spark import tag_dataframe

    spark = spark_session(args.master)
    try:
        started = time.perf_counter()
        # Both fields read as strings (a numeric ID keeps its digits); no
        # schema-inference pass over the input.
        schema = f"`{args.id_field}` STRING, `{args.text_field}` STRING"
        docs = spark.read.schema(schema).json(args.input)
        if args.partitions > 0:
            docs = docs.repartition(args.partitions)
        tagged = tag_dataframe(
            docs,
            text_col=args.text_field,
            id_col=args.id_field,
            gazetteer=args.gazetteer,
            index=args.index,
            mentions_as=args.mentions,
            threads=args.threads,
        )
        writer = tagged.write.mode("overwrite")
        if args.format == "parquet":
            writer.parquet(args.output)
        else:
            writer.option("ignoreNullFields", "false").json(args.output)
        seconds = time.perf_counter() - started
    finally:
        spark.stop()
    if args.jsonl:
        if args.format != "jsonl":
            print("--jsonl needs --format jsonl", file=sys.stderr)
            return 2
        join_parts(args.output, args.jsonl)
    documents, size = text_bytes(args.input, args.text_field)
    stats = {
        "documents": documents,
        "mb": size / 1e6,
        "seconds": seconds,
        "docs_per_s": documents / seconds,
        "mb_per_s": size / 1e6 / seconds,
        "output": args.output,
    }
    if args.stats:
        Path(args.stats).write_text(json.dumps(stats) + "\n", encoding="utf-8")
    print(
        f"spark: {documents} documents, {stats['mb']:.1f} MB of text in {seconds:.2f} s "
        f"({stats['docs_per_s']:.0f} docs/s, {stats['mb_per_s']:.2f} MB/s) -> {args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
