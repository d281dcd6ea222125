//! The real binary on real files: SPEC §2–3 as a user meets it.

mod util;

use serde_json::Value;
use std::io::Write;
use util::{check_offsets, devset, devset_docs, run_in, Dir};

fn devset_gazetteer() -> String {
    devset().join("gazetteer").display().to_string()
}

fn seeds() -> String {
    devset().join("seeds.jsonl").display().to_string()
}

#[test]
fn devset_same_output_from_gazetteer_index_and_any_thread_count() {
    let dir = Dir::new();
    let gazetteer = devset_gazetteer();
    let build = dir.run(&["build", "--gazetteer", &gazetteer, "-o", "dev.idx"], "");
    assert_eq!(build.status, 0, "{}", build.stderr);
    let configs: [&[&str]; 4] = [
        &["--gazetteer", &gazetteer, "-j", "1"],
        &["--gazetteer", &gazetteer, "-j", "2"],
        &["--index", "dev.idx", "-j", "1"],
        &["--index", "dev.idx", "-j", "3"],
    ];
    let mut outputs = Vec::new();
    for config in configs {
        let mut args = vec!["tag"];
        args.extend_from_slice(config);
        let seeds = seeds();
        args.push(&seeds);
        let run = dir.run(&args, "");
        assert_eq!(run.status, 0, "{config:?}: {}", run.stderr);
        check_offsets(&devset_docs(), &run.lines());
        outputs.push(run.stdout);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]), "outputs differ between configurations");
}

/// Every gold mention whose text equals, after normalization, an alias or
/// canonical name of its entity is found with the same span and entity.
#[test]
fn devset_finds_every_gold_mention_written_as_an_alias() {
    let gazetteer = entnorm::Gazetteer::from_dir(devset().join("gazetteer")).unwrap();
    let run = Dir::new().run(&["tag", "--gazetteer", &devset_gazetteer(), &seeds()], "");
    let predicted: Vec<Value> = run.lines();
    let gold = std::fs::read_to_string(devset().join("seeds.jsonl")).unwrap();
    let mut checked = 0;
    for (line, pred) in gold.lines().zip(&predicted) {
        let doc: Value = serde_json::from_str(line).unwrap();
        for m in doc["mentions"].as_array().unwrap() {
            let entity = gazetteer.entity(m["entity"].as_str().unwrap()).unwrap();
            let index = gazetteer.entities().iter().position(|e| e.id == entity.id).unwrap();
            let key = &entnorm::index::surface_keys(m["text"].as_str().unwrap())[0];
            let is_alias = gazetteer
                .aliases_of(index)
                .iter()
                .any(|a| entnorm::index::surface_keys(&a.text).contains(key));
            if !is_alias {
                continue;
            }
            checked += 1;
            let found = pred["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["start"] == m["start"] && p["end"] == m["end"] && p["entity"] == m["entity"]);
            assert!(found, "{}: gold {m} not found", doc["id"]);
        }
    }
    assert!(checked > 150, "only {checked} gold mentions are aliases");
}

#[test]
fn bad_lines_get_error_lines_and_the_run_goes_on() {
    let dir = Dir::new();
    let input = concat!(
        "{\"id\":\"a\",\"text\":\"Песков\"}\n",
        "{\"id\":\"b\",\"text\":\n",
        "[1,2]\n",
        "\n",
        "{\"id\":\"c\"}\n",
        "{\"id\":\"d\",\"text\":42}\n",
        "{\"text\":\"НАТО\"}\n",
    );
    dir.write("in.jsonl", input);
    // With fewer threads than cores the reading thread parses the lines,
    // otherwise the tagging threads do: the same lines either way.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [1, cores.max(2)] {
        let run = dir.run(&["tag", "-j", &threads.to_string(), "in.jsonl"], "");
        assert_eq!(run.status, 1, "documents failed: exit 1");
        let lines = run.lines();
        let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
        assert_eq!(
            ids,
            ["a", "in.jsonl:2", "in.jsonl:3", "c", "d", "in.jsonl:7"],
            "one line per document, in order, -j {threads}"
        );
        assert_eq!(lines[0]["mentions"][0]["entity"], "dmitry-peskov");
        assert!(lines[1]["error"].as_str().unwrap().contains("in.jsonl:2: invalid JSON"));
        assert!(lines[2]["error"].as_str().unwrap().contains("JSON array, not an object"));
        assert!(lines[3]["error"].as_str().unwrap().contains("no `text` field"));
        assert!(lines[4]["error"].as_str().unwrap().contains("JSON number, not a string"));
        assert_eq!(lines[5]["mentions"][0]["entity"], "nato");
        assert!(run.stderr.contains("6 documents read: 2 tagged, 4 failed"), "{}", run.stderr);
    }
}

#[test]
fn other_fields_are_skipped_and_a_repeated_key_keeps_its_last_value() {
    let dir = Dir::new();
    let input = concat!(
        // Metadata of any shape beside the text, a number no float holds
        // among it: read past, not parsed into values.
        "{\"url\":\"x\",\"meta\":{\"tags\":[1,{\"a\":null}],\"n\":1e400},\"id\":\"a\",\"text\":\"Песков\"}\n",
        // A repeated key: the last value counts, as in a JSON object map.
        "{\"id\":\"b\",\"text\":\"НАТО\",\"text\":\"Путин\",\"id\":\"c\"}\n",
        // Still checked: a bad value in a skipped field fails the line.
        "{\"id\":\"d\",\"text\":\"Песков\",\"meta\":[1,,2]}\n",
        "{\"id\":\"e\",\"te\\u0078t\":\"Песков\"}\n",
        // Not an object, and bad inside: the inner error is what is wrong.
        "[1e400]\n",
    );
    dir.write("in.jsonl", input);
    let run = dir.run(&["tag", "in.jsonl"], "");
    let lines = run.lines();
    assert_eq!(lines.len(), 5, "{}", run.stdout);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["mentions"][0]["entity"], "dmitry-peskov");
    assert_eq!(lines[1]["id"], "c");
    assert_eq!(lines[1]["mentions"].as_array().unwrap().len(), 1);
    assert_eq!(lines[1]["mentions"][0]["entity"], "vladimir-putin");
    assert_eq!(lines[2]["id"], "in.jsonl:3");
    assert!(lines[2]["error"].as_str().unwrap().contains("in.jsonl:3: invalid JSON: expected value"));
    assert_eq!(lines[3]["mentions"][0]["entity"], "dmitry-peskov", "an escaped key is the same key");
    assert!(lines[4]["error"].as_str().unwrap().contains("in.jsonl:5: invalid JSON: number out of range"));
    // The id field may be the text field.
    let run = dir.run(&["tag", "--id-field", "text", "in.jsonl"], "");
    assert_eq!(run.lines()[0]["id"], "Песков");
}
#[test]
fn invalid_utf8_is_recovered_with_a_warning() {
    let dir = Dir::new();
    dir.write("doc.txt", b"\xff\xfe \xd0\x9f\xd0\xb5\xd1\x81\xd0\xba\xd0\xbe\xd0\xb2 \xc3".as_slice());
    let mut line = b"{\"id\":\"x\",\"text\":\"\xff NATO\"}\n".to_vec();
    line.extend_from_slice(b"{\"id\":\"y\",\"text\":\"ok\"}\n");
    dir.write("docs.jsonl", line);
    let run = dir.run(&["tag", "doc.txt", "docs.jsonl"], "");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines = run.lines();
    assert_eq!(lines.len(), 3);
    // Offsets are in the decoded text: two U+FFFD, a space, then the name.
    assert_eq!(lines[0]["mentions"][0]["start"], 3);
    assert_eq!(lines[0]["mentions"][0]["text"], "Песков");
    assert_eq!(lines[1]["mentions"][0]["start"], 2);
    assert!(run.stderr.contains("doc.txt: invalid UTF-8"), "{}", run.stderr);
    assert!(run.stderr.contains("docs.jsonl:1: invalid UTF-8"), "{}", run.stderr);
}

#[test]
fn directories_gzip_and_plain_text() {
    let dir = Dir::new();
    dir.write("in/b/doc.txt", "Путин и НАТО");
    dir.write("in/a.ndjson", "{\"id\":1,\"text\":\"Kremlin\"}\n{\"id\":2,\"text\":\"CNN\"}\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\":\"g\",\"text\":\"Sputnik\"}\n").unwrap();
    dir.write("in/c.jsonl.gz", gz.finish().unwrap());
    let run = dir.run(&["tag", "in"], "");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines = run.lines();
    let ids: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
    // Walked in name order: a.ndjson, b/doc.txt, c.jsonl.gz; numeric IDs stay numbers.
    assert_eq!(ids, ["1", "2", "\"in/b/doc.txt\"", "\"g\""]);
    assert_eq!(lines[2]["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(lines[3]["mentions"][0]["entity"], "sputnik");
}

#[test]
fn truncated_gzip_is_an_error_line() {
    let dir = Dir::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..2000 {
        writeln!(gz, "{{\"id\":{i},\"text\":\"Путин {i}\"}}").unwrap();
    }
    let bytes = gz.finish().unwrap();
    dir.write("cut.jsonl.gz", &bytes[..bytes.len() / 2]);
    let run = dir.run(&["tag", "cut.jsonl.gz"], "");
    assert_eq!(run.status, 1);
    let lines = run.lines();
    let last = lines.last().unwrap();
    assert!(last["error"].as_str().unwrap().contains("read error at cut.jsonl.gz:"), "{last}");
    assert!(lines[..lines.len() - 1].iter().all(|l| l["mentions"][0]["entity"] == "vladimir-putin"));
}

#[test]
fn stdin_formats_and_field_names() {
    let dir = Dir::new();
    let run = dir.run(&["tag"], "{\"id\":\"s\",\"text\":\"Песков\"}\n");
    assert_eq!(run.lines()[0]["mentions"][0]["entity"], "dmitry-peskov");
    let run = dir.run(&["tag", "--input-format", "text", "-"], "Путин\nПесков\n");
    let lines = run.lines();
    assert_eq!((lines.len(), lines[0]["id"].as_str()), (1, Some("stdin")));
    let run = dir.run(&["tag", "--input-format", "lines"], "Путин\nПесков\n");
    let ids: Vec<Value> = run.lines().iter().map(|l| l["id"].clone()).collect();
    assert_eq!(ids, ["stdin:1", "stdin:2"]);
    let run = dir
        .run(&["tag", "--text-field", "body", "--id-field", "uid"], "{\"uid\":\"u1\",\"body\":\"НАТО\"}\n");
    assert_eq!(run.lines()[0]["id"], "u1");
    assert_eq!(run.lines()[0]["mentions"][0]["entity"], "nato");
}

#[test]
fn tsv_and_csv_have_one_row_per_mention() {
    let dir = Dir::new();
    let input = "{\"id\":\"d\",\"text\":\"Путин, Песков\"}\n";
    let run = dir.run(&["tag", "--format", "tsv"], input);
    assert_eq!(
        run.stdout,
        "id\tstart\tend\ttext\tentity\ttype\tmatch\nd\t0\t5\tПутин\tvladimir-putin\tPER\texact\nd\t7\t13\tПесков\tdmitry-peskov\tPER\texact\n"
    );
    let run = dir.run(&["tag", "--format", "csv", "-o", "out.csv"], input);
    assert_eq!(run.status, 0);
    let csv = std::fs::read_to_string(dir.path("out.csv")).unwrap();
    assert_eq!(csv.lines().count(), 3);
}

#[test]
fn damaged_index_files_are_rejected_clearly() {
    let dir = Dir::new();
    assert_eq!(dir.run(&["build", "-o", "good.idx"], "").status, 0);
    let good = std::fs::read(dir.path("good.idx")).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("truncated.idx", good[..good.len() - 100].to_vec(), "truncated"),
        ("short.idx", good[..20].to_vec(), "truncated"),
        ("flipped.idx", flipped, "checksum mismatch"),
        (
            "foreign.idx",
            b"PK\x03\x04 not an index at all, but long enough to have a header .....".to_vec(),
            "wrong magic",
        ),
    ];
    for (name, bytes, expected) in cases {
        dir.write(name, bytes);
        let run = dir.run(&["tag", "--index", name], "{\"text\":\"Путин\"}\n");
        assert_eq!(run.status, 2, "{name}");
        assert!(run.stderr.contains(name) && run.stderr.contains(expected), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    }
    let run = dir.run(&["tag", "--index", "missing.idx"], "");
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("missing.idx"), "{}", run.stderr);
}

#[test]
fn build_replaces_an_index_atomically() {
    let dir = Dir::new();
    dir.write("g/entities.csv", "id,type,name_en,name_ru\nx,LOC,Xland,\n");
    assert_eq!(dir.run(&["build", "--gazetteer", "g", "-o", "x.idx"], "").status, 0);
    let before = std::fs::read(dir.path("x.idx")).unwrap();
    dir.write("g/entities.csv", "id,type,name_en,name_ru\nx,loc,Xland,\n");
    let run = dir.run(&["build", "--gazetteer", "g", "-o", "x.idx"], "");
    assert_eq!(run.status, 2);
    assert_eq!(std::fs::read(dir.path("x.idx")).unwrap(), before, "a failed build leaves the old index");
    let leftovers = std::fs::read_dir(dir.tmp.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".tmp"));
    assert_eq!(leftovers.count(), 0);
}

/// `-j` is a common option: `build` runs on that many threads too (it used
/// to ignore it and take every core), and says how many.
#[test]
fn build_runs_on_the_threads_asked_for() {
    let dir = Dir::new();
    dir.write("g/entities.csv", "id,type,name_en,name_ru\nx,LOC,Xland,Иксландия\n");
    for (threads, said) in [("1", "on 1 thread"), ("3", "on 3 threads")] {
        let run = dir.run(&["build", "--gazetteer", "g", "-o", "x.idx", "-j", threads], "");
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert!(run.stderr.contains(said), "-j {threads}: {}", run.stderr);
    }
}

/// `entnorm build` over its own previous output reuses the keys of the
/// entities an edit left alone and writes what `--fresh` writes; a file
/// there that is not a usable index is replaced by a fresh build.
#[test]
fn build_after_an_edit_reuses_the_previous_index() {
    let dir = Dir::new();
    let rows = "id,type,name_en,name_ru\nx,LOC,Xland,Иксландия\ny,ORG,Yco,\n";
    dir.write("g/entities.csv", rows);
    let build = |args: &[&str]| {
        let run = dir.run(&[&["build", "--gazetteer", "g"], args].concat(), "");
        assert_eq!(run.status, 0, "{}", run.stderr);
        run.stderr
    };
    assert!(!build(&["-o", "x.idx"]).contains("reused"));
    dir.write("g/entities.csv", format!("{rows}z,PER,Zed Zedov,Зед Зедов\n"));
    let stderr = build(&["-o", "x.idx"]);
    assert!(stderr.contains("(2 unchanged entities' keys reused)"), "{stderr}");
    assert!(!build(&["-o", "fresh.idx", "--fresh"]).contains("reused"));
    assert_eq!(std::fs::read(dir.path("x.idx")).unwrap(), std::fs::read(dir.path("fresh.idx")).unwrap());
    let doc = r#"{"id":"1","text":"Зеда Зедова видели в Иксландии"}"#;
    let tagged = dir.run(&["tag", "--index", "x.idx"], doc).lines();
    let ids: Vec<&str> =
        tagged[0]["mentions"].as_array().unwrap().iter().map(|m| m["entity"].as_str().unwrap()).collect();
    assert_eq!(ids, ["z", "x"]);
    dir.write("junk.idx", "not an index");
    assert!(!build(&["-o", "junk.idx"]).contains("reused"));
    assert_eq!(std::fs::read(dir.path("junk.idx")).unwrap(), std::fs::read(dir.path("fresh.idx")).unwrap());
}

#[test]
fn bad_gazetteer_lists_every_problem_with_its_location() {
    let dir = Dir::new();
    dir.write("g/entities.csv", "id,type,name_en,name_ru\na,PER,A,\na,PER,B,\nc,per,,\n");
    dir.write("g/aliases.csv", "id,alias\nzz,Q\na,\n");
    let run = dir.run(&["tag", "--gazetteer", "g"], "");
    assert_eq!(run.status, 2);
    for expected in [
        "entities.csv:3:1: duplicate id `a` (first defined at",
        "entities.csv:4:2: type `per` is not an upper-case label",
        "entities.csv:4:3: both name_en and name_ru are empty",
        "aliases.csv:2:1: unknown entity id `zz`",
        "aliases.csv:3:2: empty alias",
    ] {
        assert!(run.stderr.contains(expected), "missing `{expected}` in:\n{}", run.stderr);
    }
    let lint = dir.run(&["lint", "g"], "");
    assert_eq!(lint.status, 1);
    assert!(lint.stdout.contains("error: g/entities.csv:3:1: duplicate id"), "{}", lint.stdout);
}

#[test]
fn lint_warns_about_shared_aliases() {
    let dir = Dir::new();
    dir.write("g/entities.csv", "id,type,name_en,name_ru\np,PER,Dmitry Peskov,\nz,PER,Dmitry Zhirnov,\n");
    dir.write("g/aliases.csv", "id,alias\np,Dmitry\nz,Dmitry\n");
    let run = dir.run(&["lint", "g"], "");
    assert_eq!(run.status, 0, "warnings alone pass");
    assert!(
        run.stdout.contains("warning: g/aliases.csv:2: alias `Dmitry` of `p` is also an alias of z"),
        "{}",
        run.stdout
    );
    assert_eq!(dir.run(&["lint", "g", "--deny-warnings"], "").status, 1);
    assert_eq!(dir.run(&["lint"], "").status, 0, "the embedded default lints clean of errors");
}

#[test]
fn ambiguous_aliases_are_not_given_to_either_entity() {
    let dir = Dir::new();
    dir.write("g/entities.csv", "id,type,name_en,name_ru\np,PER,Dmitry Peskov,\nz,PER,Dmitry Zhirnov,\n");
    dir.write("g/aliases.csv", "id,alias\np,Dmitry\nz,Dmitry\n");
    let input = "{\"id\":\"1\",\"text\":\"Dmitry said.\"}\n{\"id\":\"2\",\"text\":\"Dmitry Peskov said. Later Dmitry added.\"}\n";
    let run = dir.run(&["tag", "--gazetteer", "g", "--ambiguous"], input);
    let lines = run.lines();
    assert_eq!(lines[0]["mentions"].as_array().unwrap().len(), 0);
    assert_eq!(lines[0]["ambiguous"][0]["candidates"], serde_json::json!(["p", "z"]));
    let second = lines[1]["mentions"].as_array().unwrap();
    assert_eq!(second.len(), 2);
    assert_eq!(
        (&second[1]["text"], &second[1]["entity"], &second[1]["match"]),
        (&"Dmitry".into(), &"p".into(), &"context".into())
    );
    let plain = dir.run(&["tag", "--gazetteer", "g"], input);
    assert!(plain.lines()[0].get("ambiguous").is_none(), "ambiguous spans only on request");
}

#[test]
fn lookup_explains_a_surface_form() {
    let dir = Dir::new();
    let run = dir.run(&["lookup", "ПЕСКОВ", "Dmitry Peskov", "Xyz42"], "");
    assert_eq!(run.status, 1, "one form found nothing");
    assert!(
        run.stdout.contains("ПЕСКОВ  (key \"песков\")\n  dmitry-peskov (PER)  normalized  alias \"Песков\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("dmitry-peskov (PER)  exact  alias \"Dmitry Peskov\""), "{}", run.stdout);
    assert!(
        run.stdout.contains("Xyz42  (key \"xyz42\", fold key \"ksiz42\")\n  no entity"),
        "{}",
        run.stdout
    );
    let run = dir.run(&["lookup", "Jirnov", "Lavorv"], "");
    assert!(
        run.stdout.contains("dmitry-zhirnov (PER)  transliteration  alias \"Жирнов\"  romanization:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("sergey-lavrov (PER)  fuzzy  alias \"Lavrov\"  edit distance 1"),
        "{}",
        run.stdout
    );
    let run = dir.run(&["lookup", "Захаровой"], "");
    assert!(
        run.stdout.contains("maria-zakharova (PER)  inflection  alias \"Захарова\"  genitive, dative, instrumental, prepositional singular"),
        "{}",
        run.stdout
    );
    let json = dir.run(&["lookup", "--json", "НАТО"], "");
    let v: Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(v["hits"][0]["entity"], "nato");
}

#[test]
fn works_with_no_files_at_all() {
    let dir = Dir::new();
    let run = dir.run(&["tag"], "{\"id\":\"x\",\"text\":\"Россия: Владимир Путин\"}\n");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let entities: Vec<Value> =
        run.lines()[0]["mentions"].as_array().unwrap().iter().map(|m| m["entity"].clone()).collect();
    assert_eq!(entities, ["russia", "vladimir-putin"]);
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = Dir::new();
    let input: String =
        (0..50_000).map(|i| format!("{{\"id\":{i},\"text\":\"Путин и Песков\"}}\n")).collect();
    dir.write("big.jsonl", input);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_entnorm"))
        .args(["tag", "big.jsonl"])
        .current_dir(dir.tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `entnorm tag -j N` on a standard input kept open, its output lines read
/// as they come.
struct Stream {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Stream {
    fn start(threads: &str) -> Stream {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_entnorm"))
            .args(["tag", "-j", threads])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let (stdin, stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
                let _ = tx.send(line.unwrap());
            }
        });
        Stream { child, stdin, lines }
    }

    fn write(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// The next output line, if one comes within a minute.
    fn next_line(&self) -> Option<String> {
        self.lines.recv_timeout(std::time::Duration::from_secs(60)).ok()
    }

    /// Ends the input; whether `tag` then exits with success.
    fn close(self) -> bool {
        let Stream { mut child, stdin, .. } = self;
        drop(stdin);
        child.wait().unwrap().success()
    }
}

/// A stream of documents gets its first lines out while the rest is still
/// to come: the first chunks are small (64 documents), not 1,024.
#[test]
fn a_stream_gets_its_first_lines_before_the_input_ends() {
    let mut stream = Stream::start("1");
    let docs: String = (0..64).map(|i| format!("{{\"id\":{i},\"text\":\"Песков\"}}\n")).collect();
    stream.write(docs.as_bytes());
    // The input stays open: only a chunk sent before its end can answer.
    let first = stream.next_line();
    stream.close();
    let first: Value = serde_json::from_str(&first.expect("no line before the input ended")).unwrap();
    assert_eq!(first["id"], 0);
    assert_eq!(first["mentions"][0]["entity"], "dmitry-peskov");
}

#[test]
fn a_slow_stream_gets_each_line_as_its_document_comes() {
    // A writer slower than tagging (`tail -f`, a queue): each document's
    // line comes out while the input stays open, before the next is written.
    for threads in ["1", "2"] {
        let mut stream = Stream::start(threads);
        let mut lines = Vec::new();
        for (id, text) in [(1, "Песков"), (2, "Lavrov said")] {
            stream.write(format!("{{\"id\":{id},\"text\":\"{text}\"}}\n").as_bytes());
            lines.push(stream.next_line());
        }
        // A line and half the next, the rest later: the whole line goes on.
        stream.write("{\"id\":3,\"text\":\"НАТО\"}\n{\"id\":4,\"text\":\"Moscow".as_bytes());
        lines.push(stream.next_line());
        stream.write(b" said\"}\n");
        lines.push(stream.next_line());
        assert!(stream.close());
        let entities: Vec<Value> = lines
            .iter()
            .map(|line| {
                serde_json::from_str::<Value>(line.as_deref().expect("no line while the input was open"))
            })
            .map(|line| line.unwrap()["mentions"][0]["entity"].clone())
            .collect();
        assert_eq!(entities, ["dmitry-peskov", "sergey-lavrov", "nato", "moscow"], "-j {threads}");
    }
}

#[test]
fn unreadable_paths_become_error_lines() {
    let dir = Dir::new();
    let run = run_in(dir.tmp.path(), &["tag", "nope.txt"], b"");
    assert_eq!(run.status, 1);
    let line = &run.lines()[0];
    assert_eq!(line["id"], "nope.txt");
    assert!(line["error"].as_str().unwrap().contains("cannot read nope.txt"));
}

#[test]
fn documents_over_the_size_limit_get_error_lines() {
    let dir = Dir::new();
    let big = "Путин ".repeat(100_000); // 1.1 MB of text in one line
    dir.write(
        "big.jsonl",
        format!("{{\"id\":\"big\",\"text\":\"{big}\"}}\n{{\"id\":\"small\",\"text\":\"НАТО\"}}\n"),
    );
    dir.write("big.txt", &big);
    let run = dir.run(&["tag", "--max-doc-bytes", "1000000", "big.jsonl", "big.txt"], "");
    assert_eq!(run.status, 1);
    let lines = run.lines();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("big.jsonl:1: document of 1100023 bytes is over the limit of 1000000 bytes"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1]["mentions"][0]["entity"], "nato");
    assert!(
        lines[2]["error"].as_str().unwrap().contains("big.txt: document of 1000001 bytes is over the limit"),
        "{}",
        lines[2]
    );
    assert!(run.stderr.contains("3 documents read: 1 tagged, 2 failed"), "{}", run.stderr);
    let run = dir.run(&["tag", "big.txt"], "");
    assert_eq!(run.status, 0, "under the default limit it is tagged");
    assert_eq!(run.lines()[0]["mentions"].as_array().unwrap().len(), 100_000);
}

#[test]
fn wikidata_import_writes_a_gazetteer_that_lints_and_tags() {
    let dir = Dir::new();
    let sample = util::root().join("tests/data/wikidata-sample.json.gz").display().to_string();
    let run = dir.run(&["import", "wikidata", &sample, "-o", "wd"], "");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "11 entities (22 aliases) of 14 read; skipped 2 of unmapped classes, 1 without an en/ru label"
        ),
        "{}",
        run.stderr
    );
    let entities = std::fs::read_to_string(dir.path("wd/entities.csv")).unwrap();
    assert!(
        entities.contains("Q7747,PER,Vladimir Putin,Владимир Владимирович Путин,President of Russia"),
        "{entities}"
    );
    assert!(!entities.contains("Q146"), "unmapped classes are skipped");
    let lint = dir.run(&["lint", "wd"], "");
    assert_eq!(lint.status, 0, "{}", lint.stdout);
    let tagged = dir
        .run(&["tag", "--gazetteer", "wd"], "{\"id\":\"d\",\"text\":\"Путина встретили в Киеве; Lavrov\"}\n");
    let ids: Vec<Value> =
        tagged.lines()[0]["mentions"].as_array().unwrap().iter().map(|m| m["entity"].clone()).collect();
    assert_eq!(ids, ["Q7747", "Q1899", "Q900000003"]);
    // A class map and a type for the rest; a broken line is counted and fails the run.
    dir.write("classes.csv", "qid,type\nQ5,PERSON\n");
    dir.write("dump.json", "[\n{\"type\":\"item\",\"id\":\"Q1\",\"labels\":{\"en\":{\"language\":\"en\",\"value\":\"A\"}},\"claims\":{}},\n{broken,\n]\n");
    let run = dir.run(
        &["import", "wikidata", "dump.json", "-o", "d2", "--class-map", "classes.csv", "--unmapped", "MISC"],
        "",
    );
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("1 entities (0 aliases) of 1 read") && run.stderr.contains("1 bad lines"),
        "{}",
        run.stderr
    );
    assert!(std::fs::read_to_string(dir.path("d2/entities.csv")).unwrap().contains("Q1,MISC,A,,"));
}

#[test]
fn fmt_rewrites_in_canonical_form_and_check_reports() {
    let dir = Dir::new();
    dir.write("g/entities.csv", "name_ru,id,type,name_en,wikidata\r\n# people\r\nПутин,putin,PER,Putin,Q7747\r\nЛавров,lavrov,PER,Lavrov,\r\n");
    dir.write("g/aliases.csv", "alias,id\nВВП,putin\n");
    assert_eq!(dir.run(&["fmt", "g", "--check"], "").status, 1);
    let run = dir.run(&["fmt", "g"], "");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let entities = std::fs::read_to_string(dir.path("g/entities.csv")).unwrap();
    assert_eq!(entities, "id,type,name_en,name_ru,wikidata\nlavrov,PER,Lavrov,Лавров,\n# people\nputin,PER,Putin,Путин,Q7747\n");
    assert_eq!(std::fs::read_to_string(dir.path("g/aliases.csv")).unwrap(), "id,alias\nputin,ВВП\n");
    assert_eq!(dir.run(&["fmt", "g", "--check"], "").status, 0, "canonical now");
    dir.write("g/aliases.csv", "alias,id\nX,nobody\n");
    let run = dir.run(&["fmt", "g"], "");
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("unknown entity id `nobody`") && run.stderr.contains("nothing was rewritten"),
        "{}",
        run.stderr
    );
}
