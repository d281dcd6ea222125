//! Hostile input and faults: every case is handled deliberately, loses no
//! document, and is accounted for on stderr ("read == tagged + failed").

mod util;

use serde_json::Value;
use util::Dir;

/// (read, tagged, failed, skipped) from the summary line.
fn accounting(stderr: &str) -> (u64, u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.contains("documents read:"))
        .unwrap_or_else(|| panic!("no summary in:\n{stderr}"));
    let number = |after: &str| -> u64 {
        let rest = &line[line.find(after).unwrap_or_else(|| panic!("`{after}` in {line}")) + after.len()..];
        let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        rest[..end].parse().unwrap()
    };
    let read: u64 = line["entnorm: ".len()..].split(' ').next().unwrap().parse().unwrap();
    (read, number("read: "), number("tagged, "), number("failed; "))
}

fn check(stderr: &str, lines: &[Value], read: u64, failed: u64, skipped: u64) {
    let (r, tagged, f, s) = accounting(stderr);
    assert_eq!((r, f, s), (read, failed, skipped), "{stderr}");
    assert_eq!(r, tagged + f, "read == tagged + failed: {stderr}");
    assert_eq!(lines.len() as u64, r, "one output line per document read");
}

#[test]
fn pathological_documents_are_tagged_not_fatal() {
    let dir = Dir::new();
    let long_token = "ж".repeat(1_000_000);
    let marks = format!("Пу{}тин", "\u{301}".repeat(100_000));
    let docs = [
        String::new(),                       // empty
        "\0\0Путин\0НАТО\0".to_string(),     // NUL bytes
        format!("{long_token} Путин"),       // a 1M-character token
        marks,                               // deep combining marks
        "שלום Путин مرحبا NATO".to_string(), // right-to-left scripts
        "ПутinНАТO".to_string(),             // mixed scripts in one word
    ];
    let input: String = docs
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": i, "text": t}).to_string() + "\n")
        .collect();
    // Duplicate IDs are passed through: each document keeps its own line.
    let input = input + "{\"id\":1,\"text\":\"Песков\"}\n";
    let run = dir.run(&["tag"], &input);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines = run.lines();
    check(&run.stderr, &lines, 7, 0, 0);
    let entities = |i: usize| -> Vec<String> {
        lines[i]["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["entity"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(entities(0).is_empty());
    assert_eq!(entities(1), ["vladimir-putin", "nato"]);
    assert_eq!(entities(2), ["vladimir-putin"]);
    assert_eq!(lines[2]["mentions"][0]["start"], 1_000_001, "offsets in code points after a huge token");
    assert_eq!(entities(3), ["vladimir-putin"], "stress marks are removed, however many");
    assert_eq!(entities(4), ["vladimir-putin", "nato"]);
    assert!(entities(5).is_empty(), "a word of mixed scripts is not a name");
    assert_eq!((lines[6]["id"].clone(), entities(6)), (Value::from(1), vec!["dmitry-peskov".to_string()]));
}

#[test]
fn directory_walks_skip_binaries_and_symlink_loops() {
    let dir = Dir::new();
    dir.write("in/a.txt", "Путин");
    dir.write("in/b.bin", b"\x7fELF\x00\x00\x00binary".as_slice());
    dir.write("in/c.jsonl", "{\"id\":\"c\",\"text\":\"НАТО\"}\nnot json\n");
    std::os::unix::fs::symlink(dir.path("in"), dir.path("in/sub-loop")).unwrap();
    let run = dir.run(&["tag", "in"], "");
    assert_eq!(run.status, 1, "one bad line: {}", run.stderr);
    let lines = run.lines();
    check(&run.stderr, &lines, 3, 1, 2);
    assert!(run.stderr.contains("b.bin: skipped: binary file"), "{}", run.stderr);
    assert!(run.stderr.contains("sub-loop") && run.stderr.contains("skipped"), "{}", run.stderr);
    assert_eq!(lines[0]["mentions"][0]["entity"], "vladimir-putin");
    assert_eq!(lines[1]["mentions"][0]["entity"], "nato");
    assert!(lines[2]["error"].as_str().unwrap().contains("c.jsonl:2: invalid JSON"));
}

#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let dir = Dir::new();
    let input: String = (0..20_000).map(|i| format!("{{\"id\":{i},\"text\":\"Путин и НАТО\"}}\n")).collect();
    dir.write("in.jsonl", input);
    let run = dir.run(&["tag", "in.jsonl", "-o", "/dev/full"], "");
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot write output") && run.stderr.contains("No space left"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_closed_stdout_is_quiet_but_stdin_errors_count() {
    let dir = Dir::new();
    // Not JSON at all on stdin: every line is a failed document, none lost.
    let run = dir.run(&["tag"], "plain text\nmore text\n");
    assert_eq!(run.status, 1);
    check(&run.stderr, &run.lines(), 2, 2, 0);
}

/// An index crafted to pass the load-time checks (a damaged fst node behind
/// a recomputed checksum) makes tagging panic inside the `fst` crate: each
/// such document fails with an error line, the run goes on, and `entnorm
/// verify` names the damage.
#[test]
fn an_index_crafted_to_panic_fails_documents_not_the_run() {
    use entnorm::{index::format, Gazetteer, Index, Tagger};
    let g =
        Gazetteer::from_sources([("entities.csv", "id,type,name_en,name_ru\nb,ORG,NATO,НАТО\n")]).unwrap();
    let index = Index::build(&g).unwrap().as_bytes().to_vec();
    let fst = format::validate(&index).unwrap().fst;
    let panics = |bytes: &[u8]| {
        let Ok(loaded) = Index::from_vec(bytes.to_vec()) else { return false };
        let tagger = Tagger::new(loaded);
        std::panic::catch_unwind(|| tagger.tag("NATO НАТО")).is_err()
    };
    let crafted = fst.clone().flat_map(|at| [0x00u8, 0xFF].map(|v| (at, v))).find_map(|(at, v)| {
        let mut damaged = index[fst.clone()].to_vec();
        damaged[at - fst.start] = v;
        let bytes = util::replace_sections(&index, &[(0, &damaged)]);
        panics(&bytes).then_some(bytes)
    });
    let dir = Dir::new();
    let path = dir.write("crafted.idx", crafted.expect("some one-byte change of the fst loads and panics"));
    let input =
        "{\"id\":1,\"text\":\"NATO\"}\n{\"id\":2,\"text\":\"\"}\n{\"id\":3,\"text\":\"НАТО и NATO\"}\n";
    let run = dir.run(&["tag", "--index", path.to_str().unwrap()], input);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let lines = run.lines();
    let (read, tagged, failed, _) = accounting(&run.stderr);
    assert_eq!((read, tagged + failed, lines.len() as u64), (3, 3, 3), "{}", run.stderr);
    assert!(failed >= 1, "{}", run.stderr);
    let error = lines.iter().find_map(|l| l["error"].as_str()).expect("an error line");
    assert!(error.contains("internal error while tagging") && error.contains("entnorm verify"), "{error}");
    let verify = dir.run(&["verify", path.to_str().unwrap()], "");
    assert_eq!(verify.status, 2, "{}", verify.stderr);
    assert!(
        verify.stderr.contains("crafted.idx") && verify.stderr.contains("bad fst section"),
        "{}",
        verify.stderr
    );
    let good = dir.path("good.idx");
    std::fs::write(&good, &index).unwrap();
    let verify = dir.run(&["verify", good.to_str().unwrap()], "");
    assert_eq!(verify.status, 0, "{}", verify.stderr);
    assert!(verify.stderr.contains("ok: 1 entities"), "{}", verify.stderr);
}
