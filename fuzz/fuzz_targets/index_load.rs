//! Arbitrary bytes → `Index::from_vec`; when it loads, tag texts and look
//! up keys. The first input byte picks a mode, so the fuzzer also gets past
//! the checksum: 0 = the bytes as given; 1 = the bytes with the body
//! checksum recomputed (a crafted file); 2 = the rest as the fst section
//! behind a valid header and the tables of a real index; 3, 4, 5 = the rest
//! as the group, entity table or string section of a real index. An index
//! that loads and passes `Index::verify` must never make tagging panic.
#![no_main]

use entnorm::index::format;
use entnorm::{Gazetteer, Index, Tagger};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn real() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let g = Gazetteer::from_sources([
            (
                "entities.csv",
                // Four namesakes: groups stored as a template and a list,
                // the list shared by the surname's case forms.
                "id,type,name_en,name_ru\na,PER,Anol Naab,Анна Олнаан\nb,ORG,NATO,НАТО\nc,LOC,Ab,Аб\n\
                 d,PER,,Пётр Иванов\ne,PER,,Олег Иванов\nf,PER,,Антон Иванов\ng,PER,,Павел Иванов\n",
            ),
            ("aliases.csv", "id,alias,case\na,Anol,title\nb,ab.,exact\nc,x'lo,any\nc,ан-на,\n"),
        ])
        .unwrap();
        Index::build(&g).unwrap().as_bytes().to_vec()
    })
}

fn fix_checksum(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.len() >= format::HEADER_LEN {
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[format::HEADER_LEN..]);
        bytes[24..32].copy_from_slice(&sum.to_le_bytes());
    }
    bytes
}

const TEXTS: &[&str] = &[
    "Anol Naab and Анна Олнаан met NATO (НАТО) in Ab, Аб; x'lo ан-на ab. AB.",
    "Anolnaab Олнааннн Naaab Xylophone Аааааааа",
    "Путин, Песков и Лавров; Vladimir Putin; Kremlin",
    "Иванов, Иванова и Ивановым сказал Пётр Иванов; Ivanov",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 6 {
        0 => rest.to_vec(),
        1 => fix_checksum(rest.to_vec()),
        // fst (0), groups (1), table (2), strings (3)
        section => format::replace_sections(real(), &[(section as usize - 2, rest)])
            .expect("the real index is valid"),
    };
    let Ok(index) = Index::from_vec(bytes) else {
        return;
    };
    // Loading checks everything but the fst's inner nodes; `verify` checks
    // those. A crafted fst must fail one of the two or be safe to use.
    if index.verify().is_err() {
        return;
    }
    let _ = (index.key_count(), index.gazetteer_checksum());
    for i in 0..index.entity_count().min(64) as u32 {
        let _ = index.entity(i);
        let _ = index.alias_text(i, 0);
    }
    let tagger = Tagger::new(index.clone());
    for text in TEXTS {
        let tagged = tagger.tag_detailed(text);
        let n = text.chars().count();
        for m in &tagged.mentions {
            assert!(m.start < m.end && m.end <= n, "mention out of range: {m:?}");
        }
        // Without ambiguities (the CLI's default path), the same mentions.
        assert_eq!(tagger.tag(text), tagged.mentions);
        let _ = tagger.lookup(text);
        let _ = index.get(&entnorm::normalize::normalize_str(text));
    }
});
