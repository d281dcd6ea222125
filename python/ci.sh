#!/usr/bin/env bash
# CI for the Python bindings and the Spark integration, from a fresh machine
# with Rust, Python 3 (with pip and venv) and Java 17+:
#
#   1. a virtualenv (python/.venv, or $ENTNORM_VENV) with pinned maturin,
#      pytest, pyspark, pandas, pyarrow;
#   2. the wheel, `maturin build --release` into python/target-wheels/, checked
#      in a second, empty virtualenv, then installed into the first;
#   3. the CLI, `cargo build --release` at the repository root;
#   4. cargo fmt --check and clippy -D warnings on the bindings crate;
#   5. the type stubs against the module (mypy stubtest, mypy --strict);
#   6. pytest python/tests (API, CLI parity, Spark local mode, spaCy: no skips);
#   7. one line of throughput: Python tag_batch vs CLI vs Spark on the same
#      input (ENTNORM_BENCH_MB MB of text, default 20; 0 skips it).
#
# Exits non-zero as soon as anything fails.
set -euo pipefail

PY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$PY_DIR")"
PYTHON="${PYTHON:-python3}"
VENV="${ENTNORM_VENV:-$PY_DIR/.venv}"
WHEELS="$PY_DIR/target-wheels"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
BENCH_MB="${ENTNORM_BENCH_MB:-20}"
# Versions verified together (Python 3.11, Java 17, Rust 1.95).
# spaCy (optional integration) and mypy (stub check) are tested here too.
PINS=(maturin==1.16.0 pytest==9.2.0 pyspark==4.3.0 pandas==2.3.3 pyarrow==26.0.1 spacy==3.8.18 mypy==2.4.1)

step() { printf '\n== python/ci.sh: %s\n' "$*"; }
die() { printf 'python/ci.sh: error: %s\n' "$*" >&2; exit 1; }

step "checking the tools"
command -v cargo >/dev/null || die "cargo not found: install Rust (rustup)"
command -v "$PYTHON" >/dev/null || die "$PYTHON not found: install Python 3.9+ with pip and venv (or set PYTHON)"
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi
command -v "$JAVA" >/dev/null ||
    die "java not found: Spark needs a Java runtime 17 or newer (e.g. apt-get install openjdk-17-jre-headless, or set JAVA_HOME)"
java_version="$("$JAVA" -version 2>&1 | head -n 1)"
java_major="$(printf '%s\n' "$java_version" | sed -E 's/.*version "(1\.)?([0-9]+).*/\2/')"
case "$java_major" in
    '' | *[!0-9]*) die "cannot tell the Java version from: $java_version" ;;
esac
[ "$java_major" -ge 17 ] || die "Java $java_major found ($java_version); Spark 4 needs Java 17 or newer"
cargo --version
"$PYTHON" --version
echo "$java_version"

step "virtualenv $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
"$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null |
    grep -iE '^(maturin|pytest|pyspark|pandas|pyarrow|numpy|py4j|spacy|mypy) ' || true

step "wheel (maturin build --release)"
rm -rf "$WHEELS"
(cd "$PY_DIR" && "$VENV/bin/maturin" build --release --interpreter "$VENV/bin/python" --out "$WHEELS")
shopt -s nullglob
wheels=("$WHEELS"/entnorm-*.whl)
shopt -u nullglob
[ "${#wheels[@]}" -eq 1 ] || die "expected one wheel in $WHEELS, found ${#wheels[@]}"
WHEEL="${wheels[0]}"

step "wheel in an empty virtualenv"
smoke="$(mktemp -d)"
trap 'rm -rf "$smoke"' EXIT
"$PYTHON" -m venv "$smoke/venv"
"$smoke/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEEL"
(cd "$smoke" && "$smoke/venv/bin/python" -c "import entnorm; print(entnorm.Engine.default().tag('Песков заявил'))")

"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

step "CLI (cargo build --release)"
(cd "$REPO" && cargo build --release)
CLI="$TARGET_DIR/release/entnorm"
[ -x "$CLI" ] || die "CLI binary $CLI not found after cargo build --release"

step "cargo fmt and clippy (entnorm-python)"
(cd "$REPO" && cargo fmt -p entnorm-python --check)
(cd "$REPO" && PYO3_PYTHON="$VENV/bin/python" cargo clippy -p entnorm-python --all-targets -- -D warnings)

step "type stubs (mypy stubtest, mypy --strict)"
(cd "$REPO" && export MYPY_CACHE_DIR="$smoke/mypy-cache" &&
    "$VENV/bin/python" -m mypy.stubtest entnorm._entnorm && "$VENV/bin/python" -m mypy --strict -p entnorm)

step "pytest python/tests"
# Run from the repository root so that python/entnorm/ (no compiled
# extension) does not shadow the installed wheel.
(cd "$REPO" && ENTNORM_CLI="$CLI" ENTNORM_REQUIRE_SPARK=1 "$VENV/bin/pytest" "$PY_DIR/tests" -ra -p no:cacheprovider)

if [ "$BENCH_MB" != "0" ]; then
    step "throughput ($BENCH_MB MB of text)"
    bench="$(mktemp -d)"
    trap 'rm -rf "$smoke" "$bench"' EXIT
    (cd "$bench" && "$VENV/bin/python" "$PY_DIR/bench/throughput.py" --cli "$CLI" --size-mb "$BENCH_MB" \
        --workdir "$bench" 2>"$bench/stderr.log") || { cat "$bench/stderr.log" >&2; die "throughput run failed"; }
fi

step "all passed"
