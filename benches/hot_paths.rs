//! Criterion benches of the hot paths, with bytes throughput, on the dev-set
//! news texts (Russian and English separately), against the dev-set
//! gazetteer: normalize; tokenize; match (the index's spans in the tokens,
//! exact and misspelled); resolve (the spans to entities, through the
//! document's other spans); and tag, all of them from the text.
//!
//! Run: `cargo bench --bench hot_paths`. In CI they run once as tests
//! (`cargo test --benches`), which also checks their results.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use entnorm::normalize::normalize_str;
use entnorm::stages::{matching, resolve};
use entnorm::tokenize::Tokens;
use entnorm::{Gazetteer, Index, Tagger};

fn corpus(lang_ru: bool) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/devset/seeds.jsonl");
    let text = std::fs::read_to_string(path).expect("dev set");
    let mut out = String::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let t = v["text"].as_str().expect("text");
        if t.chars().any(|c| ('а'..='я').contains(&c)) == lang_ru {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/devset/gazetteer");
    let tagger = Tagger::new(Index::build(&Gazetteer::from_dir(dir).expect("gazetteer")).expect("index"));
    for (name, ru) in [("ru", true), ("en", false)] {
        let text = corpus(ru);
        let mentions = tagger.tag(&text);
        assert!(!mentions.is_empty(), "the corpus has mentions");
        // The stages, one after the other, tag as `tag` does.
        let tokens = Tokens::new(&text);
        let matched = matching(&tagger, &text, &tokens);
        assert!(matched.len() >= mentions.len());
        assert_eq!(resolve(&tagger, &text, &tokens, &matched, false).mentions, mentions);
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("normalize", |b| b.iter(|| normalize_str(black_box(&text))));
        group.bench_function("tokenize", |b| b.iter(|| Tokens::new(black_box(&text)).len()));
        group.bench_function("match", |b| b.iter(|| matching(&tagger, &text, black_box(&tokens)).len()));
        group.bench_function("resolve", |b| {
            b.iter(|| resolve(&tagger, &text, &tokens, black_box(&matched), false).mentions.len())
        });
        group.bench_function("tag", |b| b.iter(|| tagger.tag(black_box(&text)).len()));
        group.finish();
    }
}

criterion_group!(hot_paths, benches);
criterion_main!(hot_paths);
