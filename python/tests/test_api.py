"""The Python API of entnorm: Engine, Mention, EntnormError, and parity with
the CLI (`target/release/entnorm`) document by document."""

from __future__ import annotations

import copy
import doctest
import multiprocessing
import pickle
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import (
    DEVSET_GAZETTEER,
    NEWS,
    SAMPLE,
    SEEDS,
    cli_error,
    cli_tag,
    read_jsonl,
    run_cli,
)

import entnorm
from entnorm import Engine, EntnormError, Mention

MATCH_KINDS = {"exact", "normalized", "inflection", "transliteration", "fuzzy", "context"}

# Texts where code points, UTF-16 units and bytes all differ: emoji and flags
# (astral), combining stress marks, soft hyphens, NBSP, CRLF, paragraphs.
TRICKY = [
    "🚀🚀 Песков заявил 🇷🇺, что Путин 🙂 в Кремле.",
    "Пе\u0301сков и Пу\u0301тин; Pes\u00adkov\u00a0said; «Талибан»\r\nKremlin",
    "𝕏 Dmitry Peskov\n\nДмитрий Песков 👍🏽 Moscow",
    "",
    "   ",
    "no entities at all",
]


@pytest.fixture(scope="module")
def default() -> Engine:
    return Engine.default()


@pytest.fixture(scope="module")
def devset() -> Engine:
    return Engine.from_gazetteer(DEVSET_GAZETTEER)


@pytest.fixture(scope="module")
def seeds() -> list[dict]:
    return read_jsonl(SEEDS)


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return read_jsonl(SAMPLE)


def dicts(mentions: list[Mention]) -> list[dict]:
    return [m.to_dict() for m in mentions]


# --- Engine and Mention ------------------------------------------------------


def test_readme_example(default: Engine) -> None:
    mentions = default.tag("Песков заявил")
    assert len(mentions) == 1
    m = mentions[0]
    assert (m.start, m.end, m.text, m.entity, m.type) == (0, 6, "Песков", "dmitry-peskov", "PER")
    assert m.match in MATCH_KINDS


def test_module_docstring_example_runs() -> None:
    failures, tried = doctest.testmod(entnorm, verbose=False)
    assert tried > 0 and failures == 0


def test_mention_attributes_repr_eq_hash_pickle(default: Engine) -> None:
    m = default.tag("Kremlin spokesman Dmitry Peskov")[1]
    assert m.to_dict() == {
        "start": 18,
        "end": 31,
        "text": "Dmitry Peskov",
        "entity": "dmitry-peskov",
        "type": "PER",
        "match": "exact",
    }
    assert list(m.to_dict()) == ["start", "end", "text", "entity", "type", "match"]  # the CLI's key order
    assert repr(m) == (
        "Mention(start=18, end=31, text='Dmitry Peskov', entity='dmitry-peskov', type='PER', match='exact')"
    )
    same = Mention(18, 31, "Dmitry Peskov", "dmitry-peskov", "PER", "exact")
    assert m == same and not (m != same) and hash(m) == hash(same)
    assert m != Mention(18, 31, "Dmitry Peskov", "dmitry-peskov", "PER", "normalized")
    assert m != "Dmitry Peskov"
    assert len({m, same}) == 1
    assert pickle.loads(pickle.dumps(m)) == m
    assert copy.deepcopy(m) == m
    assert Mention(**m.to_dict()) == m  # keyword arguments are the dict keys
    assert isinstance(m, entnorm.Mention) and type(m).__module__ == "entnorm"
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


def test_mention_rejects_unknown_match_kind() -> None:
    with pytest.raises(ValueError, match="unknown match kind `guess`"):
        Mention(0, 1, "x", "x", "PER", "guess")


def test_docstrings_everywhere() -> None:
    for obj in (entnorm, Engine, Mention, EntnormError):
        assert obj.__doc__ and obj.__doc__.strip(), obj
    for name in ("default", "from_gazetteer", "from_index", "tag", "tag_batch", "tag_detailed", "lookup",
                 "save_index", "entity_count", "key_count", "source", "path"):
        assert getattr(Engine, name).__doc__, name
    for name in ("to_dict", "start", "end", "text", "entity", "type", "match"):
        assert getattr(Mention, name).__doc__, name


def test_typing_files_are_shipped() -> None:
    package = Path(entnorm.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_entnorm.pyi").is_file()


def test_engine_properties(default: Engine, devset: Engine) -> None:
    assert default.source == "embedded" and default.path is None
    assert default.entity_count > 0 and default.key_count >= default.entity_count
    assert repr(default) == f"<entnorm.Engine embedded entities={default.entity_count}>"
    assert devset.source == "gazetteer" and devset.path == DEVSET_GAZETTEER
    assert "gazetteer=" in repr(devset)


def test_tag_rejects_non_str(default: Engine) -> None:
    with pytest.raises(TypeError):
        default.tag(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        default.tag(None)  # type: ignore[arg-type]


def test_mentions_sorted_and_disjoint(default: Engine, sample: list[dict]) -> None:
    for doc in sample:
        mentions = default.tag(doc["text"])
        for a, b in zip(mentions, mentions[1:]):
            assert a.end <= b.start
        for m in mentions:
            assert m.match in MATCH_KINDS and 0 <= m.start < m.end <= len(doc["text"])


# --- offsets -----------------------------------------------------------------


@pytest.mark.parametrize("text", TRICKY)
def test_offsets_are_code_points_tricky(default: Engine, text: str) -> None:
    for m in default.tag(text):
        assert text[m.start : m.end] == m.text


def test_offsets_are_code_points_everywhere(default: Engine, devset: Engine, seeds, sample) -> None:
    count = 0
    for engine in (default, devset):
        for doc in seeds + sample:
            for m in engine.tag(doc["text"]):
                assert doc["text"][m.start : m.end] == m.text
                count += 1
    assert count > 50
    astral = default.tag(TRICKY[0])
    assert astral and all(TRICKY[0][m.start : m.end] == m.text for m in astral)


# --- tag_batch -----------------------------------------------------------------


@pytest.mark.parametrize("threads", [None, 0, 1, 2, 3, 8])
def test_tag_batch_equals_tag_in_order(devset: Engine, seeds, sample, threads) -> None:
    texts = [d["text"] for d in seeds + sample] + TRICKY
    texts = texts * 7  # more texts than threads, in an order that repeats
    expected = [devset.tag(t) for t in texts]
    assert devset.tag_batch(texts, threads=threads) == expected
    assert devset.tag_batch(list(reversed(texts)), threads=threads) == list(reversed(expected))


def test_tag_batch_inputs(default: Engine) -> None:
    texts = ["Песков", "Kremlin", ""]
    expected = [default.tag(t) for t in texts]
    assert default.tag_batch(texts) == expected
    assert default.tag_batch(tuple(texts)) == expected
    assert default.tag_batch(t for t in texts) == expected  # any iterable
    assert default.tag_batch([]) == []
    assert default.tag_batch(texts, 1) == expected  # threads positionally


def test_tag_batch_rejects_bad_input(default: Engine) -> None:
    with pytest.raises(TypeError, match="not a single str"):
        default.tag_batch("Песков")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"texts\[1\] is int, not str"):
        default.tag_batch(["ok", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        default.tag_batch(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads must be >= 0"):
        default.tag_batch(["x"], threads=-1)


def test_tag_batch_releases_the_gil(default: Engine, sample) -> None:
    """While one Python thread runs tag_batch, another keeps running."""
    texts = [d["text"] for d in sample] * 1500
    done = threading.Event()
    result: list = []

    def work() -> None:
        result.append(default.tag_batch(texts, threads=1))
        done.set()

    worker = threading.Thread(target=work)
    start = time.perf_counter()
    worker.start()
    ticks = 0
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    worker.join()
    assert len(result[0]) == len(texts)
    # With the GIL held for the whole batch this loop would barely run.
    if elapsed > 0.05:
        assert ticks > 10, (ticks, elapsed)


def test_engine_shared_across_python_threads(default: Engine, sample) -> None:
    texts = [d["text"] for d in sample]
    expected = [default.tag(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        batches = list(pool.map(lambda i: default.tag_batch(texts, threads=1 + i % 2), range(8)))
        singles = list(pool.map(default.tag, texts))
    assert all(b == expected for b in batches)
    assert singles == expected


def _entities_found_by_a_fresh_engine(gazetteer: str, text: str) -> list[str]:
    return [m.entity for m in Engine.from_gazetteer(gazetteer).tag(text)]


@pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")
def test_a_forked_child_loads_a_gazetteer(devset: Engine) -> None:
    """A child made by fork (multiprocessing's default on Linux) loads a
    gazetteer after its parent did. The load used to run on Rayon's global
    pool, whose threads do not exist in the child: it waited forever."""
    text = "Дмитрий Песков и Талибан"
    expected = [m.entity for m in devset.tag(text)]
    assert expected
    with multiprocessing.get_context("fork").Pool(1) as pool:
        found = pool.apply_async(_entities_found_by_a_fresh_engine, (str(DEVSET_GAZETTEER), text))
        assert found.get(timeout=120) == expected


# --- lookup and tag_detailed ---------------------------------------------------------


def test_lookup_equals_cli(cli, default: Engine) -> None:
    import json

    forms = ["ПЕСКОВ", "Xyzzy", "Dmitry", "Kremlin"]
    proc = run_cli(cli, "lookup", "--json", *forms, check=False)
    expected = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [default.lookup(f) for f in forms] == expected
    hit = default.lookup("ПЕСКОВ")["hits"][0]
    assert hit["entity"] == "dmitry-peskov" and hit["type"] == "PER"


def test_tag_detailed_equals_cli_ambiguous(cli, default: Engine, tmp_path: Path, sample) -> None:
    docs = sample + [{"id": "amb", "text": "Dmitry said. Dmitry Peskov and Dmitry"}, {"id": "amb2", "text": "Dmitry"}]
    path = tmp_path / "docs.jsonl"
    import json

    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    expected = cli_tag(cli, "--ambiguous", path)
    for doc, line in zip(docs, expected, strict=True):
        got = default.tag_detailed(doc["text"])
        assert line["id"] == doc["id"]
        assert dicts(got["mentions"]) == line["mentions"]
        assert got["ambiguous"] == line["ambiguous"]
    assert default.tag_detailed("Dmitry")["ambiguous"][0]["candidates"]


# --- parity with the CLI ----------------------------------------------------------


def assert_same_as_cli(engine: Engine, docs: list[dict], cli_lines: list[dict]) -> int:
    assert len(cli_lines) == len(docs)
    texts = [d["text"] for d in docs]
    batch = engine.tag_batch(texts)
    mentions = 0
    for doc, line, got in zip(docs, cli_lines, batch, strict=True):
        assert line["id"] == doc["id"]
        assert "error" not in line, line
        assert dicts(got) == line["mentions"], doc["id"]
        assert dicts(engine.tag(doc["text"])) == line["mentions"], doc["id"]
        mentions += len(got)
    return mentions


def test_devset_equals_cli(cli, devset: Engine, seeds) -> None:
    """The key check: Python == CLI on the dev set, document by document."""
    lines = cli_tag(cli, "--gazetteer", DEVSET_GAZETTEER, SEEDS)
    assert assert_same_as_cli(devset, seeds, lines) > 0


@pytest.mark.parametrize("path", [SAMPLE, NEWS, SEEDS], ids=lambda p: p.name)
def test_embedded_equals_cli(cli, default: Engine, path: Path) -> None:
    assert assert_same_as_cli(default, read_jsonl(path), cli_tag(cli, path)) > 0


def test_threads_flag_parity(cli, devset: Engine, seeds) -> None:
    lines = cli_tag(cli, "-j", "1", "--gazetteer", DEVSET_GAZETTEER, SEEDS)
    assert [dicts(ms) for ms in devset.tag_batch([d["text"] for d in seeds], threads=2)] == [
        line["mentions"] for line in lines
    ]


@pytest.mark.parametrize("fuzzy", ["off", "context", "always"])
def test_fuzzy_modes_equal_cli(cli, fuzzy: str, seeds, sample) -> None:
    engine = Engine.from_gazetteer(DEVSET_GAZETTEER, fuzzy=fuzzy)
    assert engine.fuzzy == fuzzy
    lines = cli_tag(cli, "--fuzzy", fuzzy, "--gazetteer", DEVSET_GAZETTEER, SEEDS)
    assert assert_same_as_cli(engine, seeds, lines) > 0
    default = Engine.default(fuzzy=fuzzy)
    assert assert_same_as_cli(default, sample, cli_tag(cli, "--fuzzy", fuzzy, SAMPLE)) > 0


def test_fuzzy_option(tmp_path: Path) -> None:
    text = "Lavorv said nothing."
    assert [m.entity for m in Engine.default(fuzzy="always").tag(text)] == ["sergey-lavrov"]
    assert Engine.default(fuzzy="always").tag(text)[0].match == "fuzzy"
    assert Engine.default(fuzzy="off").tag(text) == []
    assert Engine.default().fuzzy == "context"
    assert repr(Engine.default(fuzzy="off")).endswith("fuzzy=off>")
    with pytest.raises(ValueError, match="unknown fuzzy mode `sometimes`"):
        Engine.default(fuzzy="sometimes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Engine.default("always")  # type: ignore[misc]  # keyword only
    clone = pickle.loads(pickle.dumps(Engine.from_gazetteer(DEVSET_GAZETTEER, fuzzy="always")))
    assert clone.fuzzy == "always" and clone.tag(text)[0].entity == "sergey-lavrov"


# --- index files ----------------------------------------------------------------


def test_index_round_trip_and_cli_interop(cli, devset: Engine, seeds, tmp_path: Path) -> None:
    texts = [d["text"] for d in seeds]
    # Python writes an index; Python and the CLI both read it.
    py_index = tmp_path / "py.idx"
    devset.save_index(py_index)
    from_py = Engine.from_index(py_index)
    assert from_py.source == "index" and from_py.path == py_index
    assert from_py.entity_count == devset.entity_count
    assert from_py.tag_batch(texts) == devset.tag_batch(texts)
    lines = cli_tag(cli, "--index", py_index, SEEDS)
    assert assert_same_as_cli(from_py, seeds, lines) > 0
    # The CLI writes an index; Python reads it.
    cli_index = tmp_path / "cli.idx"
    run_cli(cli, "build", "--gazetteer", DEVSET_GAZETTEER, "-o", cli_index)
    assert Engine.from_index(cli_index).tag_batch(texts) == devset.tag_batch(texts)


def test_engine_pickles_as_its_source(devset: Engine, default: Engine, tmp_path: Path) -> None:
    texts = ["Дмитрий Песков", "Kremlin", "Талибан"]
    for engine in (devset, default):
        clone = pickle.loads(pickle.dumps(engine))
        assert clone.source == engine.source and clone.path == engine.path
        assert clone.tag_batch(texts) == engine.tag_batch(texts)
    index = tmp_path / "e.idx"
    devset.save_index(index)
    clone = pickle.loads(pickle.dumps(Engine.from_index(index)))
    assert clone.source == "index" and clone.tag_batch(texts) == devset.tag_batch(texts)


# --- errors ------------------------------------------------------------------------


def write_bad_gazetteer(path: Path) -> Path:
    path.mkdir()
    (path / "entities.csv").write_text(
        "id,type,name_en,name_ru\nkabul,LOC,Kabul,Кабул\nkabul,per,Kabul again,\n", encoding="utf-8"
    )
    (path / "aliases.csv").write_text("id,alias\nzz,Foo\n", encoding="utf-8")
    return path


def test_bad_gazetteer_raises_entnorm_error_with_locations(cli, tmp_path: Path) -> None:
    bad = write_bad_gazetteer(tmp_path / "bad")
    with pytest.raises(EntnormError) as info:
        Engine.from_gazetteer(bad)
    err = info.value
    assert isinstance(err, ValueError)
    message = str(err)
    assert message.startswith(f"cannot load gazetteer {bad}: 3 gazetteer errors:")
    assert f"{bad / 'entities.csv'}:3:1: duplicate id `kabul`" in message
    assert f"{bad / 'entities.csv'}:3:2: type `per`" in message
    assert f"{bad / 'aliases.csv'}:2:1: unknown entity id `zz`" in message
    # The same text the CLI prints after "entnorm: error: ".
    assert message == cli_error(cli, "tag", "--gazetteer", bad, SAMPLE)
    problems = sorted((p["file"], p["line"], p["column"]) for p in err.problems)
    assert problems == [
        (str(bad / "aliases.csv"), 2, 1),
        (str(bad / "entities.csv"), 3, 1),
        (str(bad / "entities.csv"), 3, 2),
    ]
    assert all(p["message"] for p in err.problems)


def test_one_problem_message(cli, tmp_path: Path) -> None:
    bad = tmp_path / "one"
    bad.mkdir()
    (bad / "entities.csv").write_text("id,type,name_en,name_ru\nx,LOC,X,\ny,per,Y,\n", encoding="utf-8")
    with pytest.raises(EntnormError, match=r"entities\.csv:3:2: type `per`") as info:
        Engine.from_gazetteer(bad)
    assert str(info.value) == f"cannot load gazetteer {bad}: gazetteer error: {bad / 'entities.csv'}:3:2: " \
        "type `per` is not an upper-case label such as PER, ORG or LOC"
    assert str(info.value) == cli_error(cli, "tag", "--gazetteer", bad, SAMPLE)


def test_missing_gazetteer_and_index(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(EntnormError) as info:
        Engine.from_gazetteer(missing)
    assert str(info.value) == cli_error(cli, "tag", "--gazetteer", missing, SAMPLE)
    assert info.value.problems == []
    with pytest.raises(EntnormError) as info:
        Engine.from_index(missing)
    assert str(missing) in str(info.value)
    assert str(info.value) == cli_error(cli, "tag", "--index", missing, SAMPLE)


@pytest.mark.parametrize("content", [b"", b"garbage, not an index\n", b"\0" * 4096])
def test_bad_index_raises_entnorm_error(cli, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.idx"
    bad.write_bytes(content)
    with pytest.raises(EntnormError, match="not a usable entnorm index") as info:
        Engine.from_index(bad)
    assert str(info.value).startswith(f"{bad}: not a usable entnorm index: ")
    assert str(info.value) == cli_error(cli, "tag", "--index", bad, SAMPLE)


def test_truncated_index_is_rejected(devset: Engine, tmp_path: Path) -> None:
    good = tmp_path / "good.idx"
    devset.save_index(good)
    data = good.read_bytes()
    bad = tmp_path / "truncated.idx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(EntnormError, match="not a usable entnorm index"):
        Engine.from_index(bad)


def test_save_index_error(devset: Engine, tmp_path: Path) -> None:
    with pytest.raises(EntnormError):
        devset.save_index(tmp_path / "no" / "such" / "dir" / "x.idx")
