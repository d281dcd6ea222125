"""Shared paths and helpers: the repository layout, the CLI binary, JSONL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PYTHON_DIR = Path(__file__).resolve().parent.parent
REPO = PYTHON_DIR.parent
DEVSET = REPO / "tests" / "devset"
SEEDS = DEVSET / "seeds.jsonl"
DEVSET_GAZETTEER = DEVSET / "gazetteer"
SAMPLE = PYTHON_DIR / "examples" / "sample.jsonl"
NEWS = REPO / "examples" / "news.jsonl"

# Test the installed wheel, never the source directory `python/entnorm/`
# (which has no compiled extension): `python -m pytest` run from `python/`
# would put it first on sys.path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != PYTHON_DIR]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every JSON object of a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cli_binary() -> Path:
    """The CLI: $ENTNORM_CLI, else target/release/entnorm of this repository
    (in $CARGO_TARGET_DIR when that is set)."""
    if os.environ.get("ENTNORM_CLI"):
        return Path(os.environ["ENTNORM_CLI"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    if not target.is_absolute():
        target = REPO / target
    return target / "release" / "entnorm"


@pytest.fixture(scope="session")
def cli() -> Path:
    """Path of the CLI binary; fails (not skips) when it is missing, since
    Python/CLI parity is the point of these tests."""
    path = cli_binary()
    if not path.is_file():
        pytest.fail(f"CLI binary {path} not found: run `cargo build --release` at {REPO} (or set ENTNORM_CLI)")
    return path


def run_cli(cli: Path, *args: str | os.PathLike[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    """Runs the CLI quietly and returns the completed process (text mode)."""
    proc = subprocess.run(
        [str(cli), "--quiet", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"{cli} {args} exited {proc.returncode}: {proc.stderr}")
    return proc


def cli_tag(cli: Path, *args: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """`entnorm tag ARGS`, parsed: one object per document."""
    out = run_cli(cli, "tag", *args).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def cli_error(cli: Path, *args: str | os.PathLike[str]) -> str:
    """The message of a failing CLI run, without the `entnorm: error: ` prefix."""
    proc = run_cli(cli, *args, check=False)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    prefix = "entnorm: error: "
    message = proc.stderr.strip("\n")
    assert message.startswith(prefix), message
    return message[len(prefix) :]
