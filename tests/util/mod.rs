//! Shared test helpers: run the real `entnorm` binary in a fresh temporary
//! directory and parse its JSON Lines; paths to the shared dev set.
#![allow(dead_code)]

use entnorm::index::format;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The dev set, copied from `../shared/devset` so that CI has it.
pub fn devset() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/devset")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary directory with helpers to write files into it and run the binary there.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

/// What a run produced.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as JSON Lines; panics with the output if a line is not JSON.
    pub fn lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("not JSON ({e}): {l}\nstderr: {}", self.stderr))
            })
            .collect()
    }
}

impl Dir {
    pub fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Writes `contents` to `name` (parents created), returning the path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Runs `entnorm ARGS` in this directory with `stdin`.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        run_in(self.tmp.path(), args, stdin.as_bytes())
    }
}

/// Runs the binary in `dir`.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_entnorm"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn entnorm");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = input.write_all(&stdin);
    });
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Checks SPEC §3 on every line: offsets in code points, `text` equal to the
/// document's span, sorted and not overlapping.
pub fn check_offsets(docs: &[(String, String)], lines: &[Value]) {
    assert_eq!(docs.len(), lines.len(), "one output line per document");
    for ((id, text), line) in docs.iter().zip(lines) {
        assert_eq!(line["id"].as_str(), Some(id.as_str()), "input order");
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for m in line["mentions"].as_array().expect("mentions") {
            let (start, end) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert!(start >= last_end && start < end && end <= chars.len(), "{id}: bad span {m}");
            let span: String = chars[start..end].iter().collect();
            assert_eq!(m["text"].as_str(), Some(span.as_str()), "{id}: text != doc[start:end]");
            last_end = end;
        }
    }
}

/// (id, text) of every dev-set document.
pub fn devset_docs() -> Vec<(String, String)> {
    let gold = std::fs::read_to_string(devset().join("seeds.jsonl")).expect("dev set");
    gold.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string())
        })
        .collect()
}

/// `index` (a valid index file) with sections replaced and the checksum
/// recomputed (see `format::replace_sections`).
pub fn replace_sections(index: &[u8], replace: &[(usize, &[u8])]) -> Vec<u8> {
    format::replace_sections(index, replace).expect("a valid index and section numbers")
}
