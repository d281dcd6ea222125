//! Tag a few texts with the embedded default gazetteer and with a small
//! gazetteer of your own, then explain one surface form.
//!
//! Run: `cargo run --example tag`

use entnorm::{Gazetteer, Index, Tagger};

fn main() -> entnorm::Result<()> {
    // 1. The embedded default: no files needed.
    let tagger = Tagger::embedded();
    for m in tagger.tag("Дмитрий Песков: встреч с «Талибаном» не планируется. NATO, Reuters")
    {
        println!(
            "{:>3}..{:<3} {:<16} {:<18} {} ({})",
            m.start,
            m.end,
            m.text,
            m.entity,
            m.entity_type,
            m.match_kind.as_str()
        );
    }

    // 2. Your own gazetteer, here from in-memory CSV (use `Gazetteer::from_dir` for a directory).
    let gazetteer = Gazetteer::from_sources([
        ("entities.csv", "id,type,name_en,name_ru\nacme,ORG,Acme Corp.,Акме\n"),
        ("aliases.csv", "id,alias\nacme,ACME\n"),
    ])?;
    let mine = Tagger::new(Index::build(&gazetteer)?);
    let batch = mine.tag_batch(&["Acme Corp. reported", "акме и ACME"]);
    for (i, mentions) in batch.iter().enumerate() {
        let found: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
        println!("text {i}: {found:?}");
    }

    // 3. Why does a form match?
    let lookup = tagger.lookup("ПЕСКОВ");
    println!(
        "{} -> key {:?}, {} hit(s): {}",
        lookup.surface,
        lookup.key,
        lookup.hits.len(),
        lookup.hits[0].entity
    );
    Ok(())
}
