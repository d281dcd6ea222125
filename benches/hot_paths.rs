//! Criterion benches of the hot paths, with bytes throughput, on the dev-set
//! news texts (Russian and English separately), against the dev-set
//! gazetteer: normalize; tokenize; match (the index's spans in the tokens,
//! exact and misspelled); resolve (the spans to entities, through the
//! document's other spans); and tag, all of them from the text.
//!
//! And `shared-names`: a gazetteer of 6,000 people who share six first
//! names that are also words (`Mark`, `Roman`, `Вера`, `Роман` …), over
//! text that writes those words in lowercase and the names capitalized,
//! tagged with and without the ambiguous spans: in a gazetteer of millions
//! of people each such word leads to thousands of them.
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
    shared_names(c);
}

fn shared_names(c: &mut Criterion) {
    const FIRST: [(&str, &str); 6] =
        [("Mark", ""), ("Roman", ""), ("Will", ""), ("", "Вера"), ("", "Роман"), ("", "Надежда")];
    let mut rows = String::from("id,type,name_en,name_ru\n");
    for i in 0..6_000 {
        let (en, ru) = FIRST[i % FIRST.len()];
        let surname = |name: &str| if name.is_empty() { String::new() } else { format!("{name} S{i:04}") };
        rows.push_str(&format!("p{i},PER,{},{}\n", surname(en), surname(ru)));
    }
    let gazetteer = Gazetteer::from_sources([("entities.csv", rows)]).expect("gazetteer");
    let tagger = Tagger::new(Index::build(&gazetteer).expect("index"));
    let text = "They will mark the day with Roman numerals, and Mark S0000 spoke; then Mark left. \
                Их вера и надежда, роман и любовь. Потом Вера S0003 и Надежда пришли, а Роман ушёл.\n"
        .repeat(50);
    let tagged = tagger.tag_detailed(&text);
    assert_eq!(tagged.mentions.iter().filter(|m| m.entity == "p0").count(), 100, "Mark S0000, then Mark");
    assert!(!tagged.ambiguous.is_empty(), "Роман, Надежда: a thousand people each");
    let mut group = c.benchmark_group("shared-names");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tag", |b| b.iter(|| tagger.tag(black_box(&text)).len()));
    group.bench_function("tag-ambiguous", |b| {
        b.iter(|| tagger.tag_detailed(black_box(&text)).ambiguous.len())
    });
    group.finish();
}

criterion_group!(hot_paths, benches);
criterion_main!(hot_paths);
