//! Checks `decline` against `tests/data/inflect/reference.tsv` (written by
//! `gen/gen_reference.py` from pymorphy3 plus hand corrections).
//!
//! Recall: every expected form must be among the generated texts; reported
//! per case, and required to be at least 99% for each case. Precision: the
//! generated texts that are not an expected form of the same name (ignoring
//! `ё`/`е`) are listed. Run with `--nocapture` to see the report; it is also
//! written to `target/inflect_reference_report.txt`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use entnorm::inflect::{decline, Case, Hints, NameKind};

/// One row of the reference file.
struct Row {
    nominative: String,
    kind: String,
    case: String,
    plural: bool,
    expected: String,
}

fn load() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/inflect/reference.tsv");
    let text = std::fs::read_to_string(path).expect("reference.tsv");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                nominative: f[0].to_string(),
                kind: f[1].to_string(),
                case: f[2].to_string(),
                plural: f[3] == "Plur",
                expected: f[4].to_string(),
            }
        })
        .collect()
}

fn hints(kind: &str, plural: bool) -> Hints {
    let kind = match kind {
        "PER" => NameKind::Person,
        "LOC" => NameKind::Place,
        "ORG" => NameKind::Organization,
        _ => NameKind::Other,
    };
    Hints { kind: Some(kind), plural, ..Hints::default() }
}

fn plain(s: &str) -> String {
    s.replace('ё', "е").replace('Ё', "Е")
}

#[test]
fn reference_recall_and_precision() {
    let rows = load();
    assert!(rows.len() > 900, "reference has {} rows", rows.len());
    let mut per_case: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut expected_by_name: BTreeMap<(String, String, bool), HashSet<String>> = BTreeMap::new();
    for r in &rows {
        let got: Vec<String> =
            decline(&r.nominative, &hints(&r.kind, r.plural)).into_iter().map(|f| f.text).collect();
        let hit = got.contains(&r.expected);
        let e = per_case.entry(r.case.clone()).or_default();
        e.0 += 1;
        e.1 += usize::from(hit);
        if !hit {
            misses.push(format!("{} [{}] {}: want {}", r.nominative, r.kind, r.case, r.expected));
        }
        expected_by_name
            .entry((r.nominative.clone(), r.kind.clone(), r.plural))
            .or_default()
            .insert(plain(&r.expected));
    }
    let mut extras = Vec::new();
    let mut produced = 0;
    for ((nom, kind, plural), want) in &expected_by_name {
        for f in decline(nom, &hints(kind, *plural)) {
            produced += 1;
            if !want.contains(&plain(&f.text)) {
                extras.push(format!("{nom} [{kind}] {:?}: {}", f.case, f.text));
            }
        }
    }
    let mut report = String::new();
    let names = expected_by_name.len();
    writeln!(report, "{names} names, {} rows", rows.len()).unwrap();
    for c in Case::ALL {
        let (n, hit) = per_case[&format!("{c:?}")];
        let pct = 100.0 * hit as f64 / n as f64;
        writeln!(report, "recall {c:?}: {hit}/{n} = {pct:.2}%").unwrap();
    }
    writeln!(report, "misses ({}):", misses.len()).unwrap();
    misses.iter().for_each(|m| writeln!(report, "  {m}").unwrap());
    writeln!(report, "extra forms not in the reference ({} of {produced}):", extras.len()).unwrap();
    extras.iter().for_each(|m| writeln!(report, "  {m}").unwrap());
    println!("{report}");
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/target/inflect_reference_report.txt");
    let _ = std::fs::write(out, &report);
    for (case, (n, hit)) in &per_case {
        assert!(*hit as f64 >= 0.99 * *n as f64, "recall of {case} below 99%");
    }
    assert!(extras.len() * 50 <= produced, "more than 2% extra forms");
}
