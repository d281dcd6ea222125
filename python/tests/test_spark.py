"""entnorm.spark and examples/spark_tag.py in Spark local mode: output equals
the CLI's on the same input. Skipped (with the reason) without pyspark or
a Java runtime."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEVSET_GAZETTEER, PYTHON_DIR, SAMPLE, SEEDS, cli_tag, read_jsonl


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return os.path.join(home, "bin", "java")
    return shutil.which("java")


_missing = []
if importlib.util.find_spec("pyspark") is None:
    _missing.append("pyspark is not installed (pip install pyspark pandas pyarrow)")
if importlib.util.find_spec("pyarrow") is None:
    _missing.append("pyarrow is not installed")
if _java() is None:
    _missing.append("no Java runtime: `java` is not on PATH and JAVA_HOME is not set (Spark needs Java 17+)")

if _missing and os.environ.get("ENTNORM_REQUIRE_SPARK"):
    # python/ci.sh sets this: there, a missing Spark is a failure, not a skip.
    pytest.fail("Spark tests cannot run: " + "; ".join(_missing), pytrace=False)

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(bool(_missing), reason="; ".join(_missing) or "ok"),
]

EXAMPLE = PYTHON_DIR / "examples" / "spark_tag.py"


def spark_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYSPARK_PYTHON", sys.executable)
    env.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return env


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    os.environ.update({k: v for k, v in spark_env().items() if k.startswith(("PYSPARK_", "SPARK_"))})
    from pyspark.sql import SparkSession

    # Python workers start in the driver's working directory and put it on
    # sys.path: run them away from python/, whose entnorm/ has no extension.
    cwd = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("spark-cwd"))

    session = (
        SparkSession.builder.master("local[2]")
        .appName("entnorm-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "3")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        os.chdir(cwd)


def by_id(rows) -> dict:
    return {row["id"]: row["mentions"] for row in rows}


def collected(df) -> dict:
    """{id: [mention dict, ...]} from a tagged DataFrame (struct mentions)."""
    out = {}
    for row in df.collect():
        mentions = row["mentions"]
        out[row["id"]] = None if mentions is None else [m.asDict() for m in mentions]
    return out


def docs_frame(spark, path: Path, partitions: int = 3):
    return spark.read.schema("id STRING, text STRING").json(str(path)).repartition(partitions)


# --- the example, as a user runs it -----------------------------------------------


def test_example_on_sample_equals_cli(cli, tmp_path: Path) -> None:
    out, joined, stats = tmp_path / "out", tmp_path / "tagged.jsonl", tmp_path / "stats.json"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), str(SAMPLE), "-o", str(out), "--jsonl", str(joined), "--stats", str(stats)],
        capture_output=True,
        text=True,
        env=spark_env(),
        cwd=tmp_path,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert proc.stdout.strip().splitlines()[-1].startswith("spark: 38 documents")
    spark_lines = read_jsonl(joined)
    cli_lines = cli_tag(cli, SAMPLE)
    # One row per document, in input order, equal to the CLI's line.
    assert [line["id"] for line in spark_lines] == [doc["id"] for doc in read_jsonl(SAMPLE)]
    assert spark_lines == cli_lines
    assert json.loads(stats.read_text())["documents"] == 38


def test_example_parquet_with_gazetteer_equals_cli(cli, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out.parquet"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), str(SEEDS), "-o", str(out), "--format", "parquet",
         "--gazetteer", str(DEVSET_GAZETTEER), "--master", "local[2]", "--partitions", "2"],
        capture_output=True,
        text=True,
        env=spark_env(),
        cwd=tmp_path,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    rows = pq.read_table(out).to_pylist()
    expected = by_id(cli_tag(cli, "--gazetteer", DEVSET_GAZETTEER, SEEDS))
    assert len(rows) == len(expected)
    assert by_id(rows) == expected


# --- entnorm.spark.tag_dataframe ------------------------------------------------------


def test_embedded_struct_equals_cli(spark, cli) -> None:
    from entnorm.spark import tag_dataframe

    tagged = tag_dataframe(docs_frame(spark, SAMPLE))
    assert tagged.columns == ["id", "mentions"]
    assert tagged.schema["mentions"].dataType.simpleString() == (
        "array<struct<start:bigint,end:bigint,text:string,entity:string,type:string,match:string>>"
    )
    assert collected(tagged) == by_id(cli_tag(cli, SAMPLE))


def test_gazetteer_shipped_index_and_paths_equal_cli(spark, cli, tmp_path: Path) -> None:
    import entnorm
    from entnorm.spark import tag_dataframe

    expected = by_id(cli_tag(cli, "--gazetteer", DEVSET_GAZETTEER, SEEDS))
    docs = docs_frame(spark, SEEDS, 2)
    assert collected(tag_dataframe(docs, gazetteer=DEVSET_GAZETTEER)) == expected
    assert collected(tag_dataframe(docs, gazetteer=str(DEVSET_GAZETTEER), ship=False)) == expected
    index = tmp_path / "devset.idx"
    entnorm.Engine.from_gazetteer(DEVSET_GAZETTEER).save_index(index)
    assert collected(tag_dataframe(docs, index=index)) == expected
    assert collected(tag_dataframe(docs, index=index, ship=False)) == expected


def test_json_mentions_threads_and_fuzzy(spark, cli) -> None:
    from entnorm.spark import tag_dataframe

    tagged = tag_dataframe(docs_frame(spark, SAMPLE), mentions_as="json", threads=2, fuzzy="always")
    assert tagged.schema["mentions"].dataType.simpleString() == "string"
    got = {row["id"]: json.loads(row["mentions"]) for row in tagged.collect()}
    assert got == by_id(cli_tag(cli, "--fuzzy", "always", SAMPLE))


def test_nulls_other_columns_and_id_types(spark) -> None:
    import entnorm
    from entnorm.spark import tag_dataframe

    rows = [(1, "Песков заявил", "x"), (2, None, "y"), (3, "", "z"), (4, "Kremlin and NATO", "w")]
    df = spark.createDataFrame(rows, "doc_id LONG, body STRING, other STRING")
    tagged = tag_dataframe(df, text_col="body", id_col="doc_id")
    assert tagged.columns == ["doc_id", "mentions"]
    assert tagged.schema["doc_id"].dataType.simpleString() == "bigint"
    got = {row["doc_id"]: row["mentions"] for row in tagged.collect()}
    assert got[2] is None and got[3] == []
    engine = entnorm.Engine.default()
    for doc_id, text, _ in rows:
        if text is not None:
            assert [m.asDict() for m in got[doc_id]] == [m.to_dict() for m in engine.tag(text)]


def test_errors_surface_on_the_driver(spark, tmp_path: Path) -> None:
    import entnorm
    from entnorm.spark import tag_dataframe

    docs = docs_frame(spark, SAMPLE, 1)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "entities.csv").write_text("id,type,name_en,name_ru\nx,per,X,\n", encoding="utf-8")
    with pytest.raises(entnorm.EntnormError, match=r"entities\.csv:2:2"):
        tag_dataframe(docs, gazetteer=bad)
    junk = tmp_path / "junk.idx"
    junk.write_bytes(b"junk")
    with pytest.raises(entnorm.EntnormError, match="not a usable entnorm index"):
        tag_dataframe(docs, index=junk)
    with pytest.raises(ValueError, match="no column 'body'"):
        tag_dataframe(docs, text_col="body")
    with pytest.raises(ValueError, match="not both"):
        tag_dataframe(docs, gazetteer=bad, index=junk)



def test_engine_loaded_once_per_worker_process(spark) -> None:
    from entnorm.spark import _engine_spec

    def report_loads(batches):
        """mapInArrow (pickled by value): loads the engine as tagging does and
        reports (pid, times this process loaded it)."""
        import os

        import pyarrow as pa

        from entnorm import spark as es

        for batch in batches:
            es._engine(spec)
            n = batch.num_rows
            yield pa.RecordBatch.from_pydict({"pid": [os.getpid()] * n, "loads": [es._LOADS[spec]] * n})

    spec = _engine_spec(spark, DEVSET_GAZETTEER, None, True)
    assert spec[0] == "shipped"
    partitions = 8
    rows = spark.range(0, 64, numPartitions=partitions).mapInArrow(report_loads, "pid LONG, loads LONG").collect()
    assert len(rows) == 64
    assert all(row["loads"] == 1 for row in rows)  # never reloaded within a worker
    assert len({row["pid"] for row in rows}) < partitions  # workers were reused across partitions
