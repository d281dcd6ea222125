//! Recall of `cyrillize` on the reference names: the Latin Wikipedia-style spelling
//! (from `iuliia`) and the English-usage spelling must give back the Cyrillic original.
//! Run with `cargo test --test cyrillize -- --nocapture` to see the numbers and misses.

use std::collections::BTreeMap;

use entnorm::translit::cyrillize;

const REFERENCE: &str = include_str!("data/translit/reference.tsv");

fn rows(scheme: &str) -> Vec<(&'static str, &'static str)> {
    REFERENCE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 3 && f[1] == scheme).then(|| (f[0], f[2]))
        })
        .collect()
}

fn no_yo(s: &str) -> String {
    s.replace('ё', "е").replace('Ё', "Е")
}

fn words(s: &str) -> Vec<&str> {
    s.split([' ', '-']).filter(|w| !w.is_empty()).collect()
}

/// Word role in a full name: first name, patronymic (3+ words) or surname.
fn role(i: usize, n: usize) -> &'static str {
    match (i, n) {
        (0, _) => "first name",
        (i, n) if i + 1 == n => "surname",
        (1, n) if n >= 3 => "patronymic",
        _ => "surname",
    }
}

/// Prints and returns (full-name top-1, full-name recall, per-word recall).
fn evaluate(scheme: &str) -> (f64, f64, f64) {
    let data = rows(scheme);
    let (mut top1, mut found, mut found_yo) = (0, 0, 0);
    let mut per_role: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (cyr, latin) in &data {
        let cands = cyrillize(latin);
        top1 += usize::from(cands.first().is_some_and(|c| c == cyr));
        found += usize::from(cands.iter().any(|c| c == cyr));
        found_yo += usize::from(cands.iter().any(|c| no_yo(c) == no_yo(cyr)));
        let (cw, lw) = (words(cyr), words(latin));
        if cw.len() != lw.len() {
            continue;
        }
        for (i, (c, l)) in cw.iter().zip(&lw).enumerate() {
            let got = cyrillize(l);
            let hit = got.iter().any(|g| g == c);
            let e = per_role.entry(role(i, cw.len())).or_default();
            e.0 += usize::from(hit);
            e.1 += 1;
            if !hit {
                misses.push(format!("{l} -> {got:?} (want {c})"));
            }
        }
    }
    let n = data.len() as f64;
    let (wh, wt) = per_role.values().fold((0, 0), |(h, t), (a, b)| (h + a, t + b));
    println!("== {scheme}: {} names", data.len());
    println!(
        "full name: top-1 {:.1}%, among candidates {:.1}%",
        100.0 * top1 as f64 / n,
        100.0 * found as f64 / n
    );
    for (r, (h, t)) in &per_role {
        println!("word ({r}): {h}/{t} = {:.1}%", 100.0 * *h as f64 / *t as f64);
    }
    println!("word (all): {wh}/{wt} = {:.1}%", 100.0 * wh as f64 / wt as f64);
    println!("full name, ё = е: {:.1}%", 100.0 * found_yo as f64 / n);
    misses.iter().for_each(|m| println!("  MISS {m}"));
    (top1 as f64 / n, found as f64 / n, wh as f64 / wt as f64)
}

#[test]
fn cyrillize_recall_wikipedia() {
    let (_, full, word) = evaluate("iuliia:wikipedia");
    assert!(full >= 0.70, "full-name recall {full:.3}");
    assert!(word >= 0.90, "word recall {word:.3}");
}

#[test]
fn cyrillize_recall_english_usage() {
    let (_, full, word) = evaluate("usage:en");
    assert!(full >= 0.60, "full-name recall {full:.3}");
    assert!(word >= 0.80, "word recall {word:.3}");
}
