"""Tag a text column of a Spark DataFrame with entnorm, partition by partition.

Usage::

    from entnorm.spark import tag_dataframe

    docs = spark.read.json("news.jsonl")                      # columns id, text
    tagged = tag_dataframe(docs, gazetteer="my-gazetteer/")   # columns id, mentions
    tagged.write.json("tagged/")                              # one JSON line per document

The result has one row per input row: the ID column as it was, and
``mentions``, an ``array<struct<start: bigint, end: bigint, text: string,
entity: string, type: string, match: string>>`` (the CLI's JSON objects, in
the same order) or, with ``mentions_as="json"``, that array as a JSON string.
A row whose text is null gets null mentions. Row order within a partition is
kept.

Where the engine comes from:

* neither ``gazetteer`` nor ``index``: the gazetteer embedded in entnorm;
* ``gazetteer=DIR``: compiled once on the driver (errors surface there as
  :class:`entnorm.EntnormError`), saved as an index file and shipped to the
  executors with ``SparkContext.addFile``;
* ``index=FILE``: an index file (``entnorm build``), checked on the driver and
  shipped with ``addFile``;
* ``ship=False``: ``gazetteer``/``index`` is a path every executor can already
  read (a shared file system), loaded there as is.

Each Python worker process loads its engine once, on its first partition, and
keeps it for every later partition and job (Spark reuses Python workers by
default); shipped index files are memory-mapped, so workers on one machine
share their pages. Tagging runs in ``mapInArrow`` (Spark 3.3 or newer), with
``threads`` Rayon threads per task (default 1: Spark already runs one task per
core).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from . import Engine, Mention

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType

__all__ = ["tag_dataframe", "mentions_type", "MENTION_FIELDS"]

#: The fields of one mention, in the CLI's order.
MENTION_FIELDS: tuple[str, ...] = ("start", "end", "text", "entity", "type", "match")

# (kind, value, fuzzy): kind and value are ("embedded", None), ("shipped",
# file name for SparkFiles), ("index", path) or ("gazetteer", path). Small
# and picklable.
EngineSpec = tuple[str, "str | None", str]

# Per Python worker process: engines already loaded, and how many times each
# spec was loaded (1, unless the process was forked from one that had it).
_ENGINES: dict[EngineSpec, Engine] = {}
_LOADS: dict[EngineSpec, int] = {}
# Per driver process: index files already shipped, by (application, name).
_SHIPPED: dict[tuple[str, str], str] = {}


def mentions_type(mentions_as: Literal["struct", "json"] = "struct") -> DataType:
    """The Spark type of the ``mentions`` column."""
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    if mentions_as == "json":
        return StringType()
    fields = [StructField(name, LongType() if name in ("start", "end") else StringType()) for name in MENTION_FIELDS]
    return ArrayType(StructType(fields))


def tag_dataframe(
    df: DataFrame,
    text_col: str = "text",
    id_col: str = "id",
    *,
    gazetteer: str | os.PathLike[str] | None = None,
    index: str | os.PathLike[str] | None = None,
    ship: bool = True,
    mentions_as: Literal["struct", "json"] = "struct",
    threads: int = 1,
    fuzzy: Literal["off", "context", "always"] = "context",
) -> DataFrame:
    """Tags ``df[text_col]`` and returns a DataFrame ``(id_col, mentions)``,
    one row per input row.

    ``gazetteer``/``index`` choose the engine (default: the embedded
    gazetteer) and ``ship`` whether to send it to the executors (see the
    module docstring). ``mentions_as`` is ``"struct"`` (an array of structs)
    or ``"json"`` (a JSON string per row, as the CLI writes the array).
    ``threads`` is the number of Rayon threads per task (0 = all cores).
    ``fuzzy`` is the engine option of the same name (the CLI's ``--fuzzy``).

    Raises :class:`entnorm.EntnormError` on the driver if the gazetteer or
    index cannot be loaded, and ``ValueError`` for an unknown column.
    """
    from pyspark.sql.types import StringType, StructField, StructType

    if gazetteer is not None and index is not None:
        raise ValueError("give gazetteer or index, not both")
    if mentions_as not in ("struct", "json"):
        raise ValueError(f"mentions_as must be 'struct' or 'json', not {mentions_as!r}")
    if fuzzy not in ("off", "context", "always"):
        raise ValueError(f"fuzzy must be 'off', 'context' or 'always', not {fuzzy!r}")
    if threads < 0:
        raise ValueError(f"threads must be >= 0 (0 = all cores), not {threads}")
    for col in (text_col, id_col):
        if col not in df.columns:
            raise ValueError(f"no column {col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if not isinstance(df.schema[text_col].dataType, StringType):
        raise ValueError(f"column {text_col!r} is {df.schema[text_col].dataType.simpleString()}, not string")

    spec = _engine_spec(df.sparkSession, gazetteer, index, ship, fuzzy)
    schema = StructType([df.schema[id_col], StructField("mentions", mentions_type(mentions_as))])
    tagger = functools.partial(
        _tag_batches, spec=spec, text_col=text_col, id_col=id_col, mentions_as=mentions_as, threads=threads
    )
    return df.select(id_col, text_col).mapInArrow(tagger, schema)


# --- driver side ---------------------------------------------------------------------


def _engine_spec(
    spark: SparkSession,
    gazetteer: str | os.PathLike[str] | None,
    index: str | os.PathLike[str] | None,
    ship: bool,
    fuzzy: str = "context",
) -> EngineSpec:
    """Checks the engine's source on the driver and ships it if asked."""
    if gazetteer is None and index is None:
        return ("embedded", None, fuzzy)
    if not ship:
        path = os.fspath(gazetteer if gazetteer is not None else index)  # type: ignore[arg-type]
        return ("gazetteer", path, fuzzy) if gazetteer is not None else ("index", path, fuzzy)
    if gazetteer is not None:
        # Compile once here: errors show on the driver, executors only mmap.
        engine = Engine.from_gazetteer(gazetteer)
        staging = tempfile.mkdtemp(prefix="entnorm-spark-")
        atexit.register(shutil.rmtree, staging, ignore_errors=True)
        staged = os.path.join(staging, "index.idx")
        engine.save_index(staged)
        name = f"entnorm-{_digest(staged)}.idx"
        path = os.path.join(staging, name)
        os.replace(staged, path)
        return ("shipped", _ship(spark, path, name, content_named=True), fuzzy)
    path = os.fspath(index)  # type: ignore[arg-type]
    if "://" in path and not path.startswith("file:"):
        # hdfs://, s3a:// ...: Spark fetches it; it is checked on first use.
        name = path.rstrip("/").rsplit("/", 1)[-1]
    else:
        path = os.path.abspath(path)
        Engine.from_index(path)  # fail early, on the driver
        name = os.path.basename(path)
    return ("shipped", _ship(spark, path, name), fuzzy)


def _digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def _ship(spark: SparkSession, path: str, name: str, content_named: bool = False) -> str:
    """``addFile`` once per application and file name; returns the name for
    ``SparkFiles.get``. A ``content_named`` file's name is a digest of its
    bytes, so the same name always means the same index."""
    key = (spark.sparkContext.applicationId, name)
    shipped = _SHIPPED.get(key)
    if shipped is None:
        spark.sparkContext.addFile(path)
        _SHIPPED[key] = path
    elif shipped != path and not content_named:
        raise ValueError(f"another index named {name} ({shipped}) was already shipped in this application; rename {path}")
    return name


# --- executor side -------------------------------------------------------------------


def _engine(spec: EngineSpec) -> Engine:
    """The engine for ``spec``, loaded once per Python worker process."""
    engine = _ENGINES.get(spec)
    if engine is None:
        kind, value, fuzzy = spec
        mode: Any = fuzzy
        if kind == "embedded":
            engine = Engine.default(fuzzy=mode)
        elif kind == "shipped":
            from pyspark import SparkFiles

            engine = Engine.from_index(SparkFiles.get(str(value)), fuzzy=mode)
        elif kind == "index":
            engine = Engine.from_index(str(value), fuzzy=mode)
        elif kind == "gazetteer":
            engine = Engine.from_gazetteer(str(value), fuzzy=mode)
        else:
            raise ValueError(f"unknown engine spec {spec!r}")
        _ENGINES[spec] = engine
        _LOADS[spec] = _LOADS.get(spec, 0) + 1
    return engine


def _tag_batches(
    batches: Iterator[pa.RecordBatch],
    *,
    spec: EngineSpec,
    text_col: str,
    id_col: str,
    mentions_as: str,
    threads: int,
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: one output batch per input batch."""
    import pyarrow as pa

    engine = _engine(spec)
    for batch in batches:
        texts: list[Any] = batch.column(batch.schema.get_field_index(text_col)).to_pylist()
        present = [t for t in texts if t is not None]
        tagged = iter(engine.tag_batch(present, threads=threads))
        results = [None if t is None else next(tagged) for t in texts]
        mentions = _json_array(results) if mentions_as == "json" else _struct_array(results)
        ids = batch.column(batch.schema.get_field_index(id_col))
        yield pa.RecordBatch.from_arrays([ids, mentions], names=[id_col, "mentions"])


def _struct_array(results: list[list[Mention] | None]) -> pa.Array:
    """``list<struct<start, end, text, entity, type, match>>``, column by column."""
    import pyarrow as pa

    offsets = [0]
    nulls = []
    columns: tuple[list[Any], ...] = ([], [], [], [], [], [])
    starts, ends, texts, entities, types, matches = columns
    for mentions in results:
        nulls.append(mentions is None)
        for m in mentions or ():
            starts.append(m.start)
            ends.append(m.end)
            texts.append(m.text)
            entities.append(m.entity)
            types.append(m.type)
            matches.append(m.match)
        offsets.append(len(starts))
    arrays = [pa.array(col, type=pa.int64() if i < 2 else pa.string()) for i, col in enumerate(columns)]
    values = pa.StructArray.from_arrays(arrays, names=list(MENTION_FIELDS))
    mask = pa.array(nulls, type=pa.bool_()) if any(nulls) else None
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), values, mask=mask)


def _json_array(results: list[list[Mention] | None]) -> pa.Array:
    """The mentions of each row as the CLI's JSON array text."""
    import pyarrow as pa

    return pa.array(
        [
            None
            if mentions is None
            else json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, separators=(",", ":"))
            for mentions in results
        ],
        type=pa.string(),
    )
