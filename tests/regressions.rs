//! Regression tests for bugs found by the property tests
//! (`tests/properties.rs`) and the fuzz targets (`fuzz/`), each named after
//! its bug, with the minimized input. A test is `#[ignore]`d while its bug
//! is open; when a fix lands, remove the `#[ignore]` (and the matching
//! exclusion in `tests/properties.rs`).

mod util;

use entnorm::index::format;
use entnorm::normalize::normalize_str;
use entnorm::{Gazetteer, Index, Tagger};
use util::replace_sections;

fn tagger(entities: &str, aliases: &str) -> Tagger {
    let gazetteer = Gazetteer::from_sources([("entities.csv", entities), ("aliases.csv", aliases)])
        .expect("the test gazetteer loads");
    Tagger::new(Index::build(&gazetteer).expect("the test gazetteer compiles"))
}

fn entities_of(tagger: &Tagger, text: &str) -> Vec<(usize, usize, String)> {
    tagger.tag(text).into_iter().map(|m| (m.start, m.end, m.entity)).collect()
}

// ---------------------------------------------------------------------------
// normalize_str is not idempotent on compatibility dashes and quotes
// ---------------------------------------------------------------------------
//
// Found by `normalize_is_idempotent_including_known_bug`; minimal input
// "｀" (U+FF40 FULLWIDTH GRAVE ACCENT): normalize_str gives "`", and
// normalize_str("`") gives "'". `push_normalized` applies
// `typography::unify` to the input character only; a character whose
// compatibility decomposition (`fold::push_folded`) yields a dash, quote or
// prime that `unify` rewrites (U+FF40 → U+0060, U+FE31 → U+2014,
// U+2034 → 3 × U+2032, U+207B → U+2212, U+0149 → U+02BC …) keeps that
// character in the key. Keys of aliases and texts then differ where the
// README promises they meet.

/// Every character whose key is not a fixed point of normalization.
fn non_idempotent_chars() -> Vec<String> {
    (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter_map(|c| {
            let once = normalize_str(c.encode_utf8(&mut [0; 4]));
            let twice = normalize_str(&once);
            (once != twice).then(|| format!("U+{:04X} {c:?} → {once:?} → {twice:?}", c as u32))
        })
        .collect()
}

#[test]

fn normalize_is_not_idempotent_on_compatibility_dashes_and_quotes() {
    for s in ["｀", "︱", "︲", "‴", "⁗", "⁻", "₋", "ŉ", "\u{1FEF}", "O｀Brien"] {
        let once = normalize_str(s);
        assert_eq!(normalize_str(&once), once, "{s:?}: see normalize/fold.rs push_folded");
    }
    let bad = non_idempotent_chars();
    assert!(
        bad.is_empty(),
        "{} characters normalize to a key that normalizes again:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]

fn fullwidth_grave_apostrophe_and_vertical_dash_match_like_their_ascii_forms() {
    let t = tagger("id,type,name_en,name_ru\nob,PER,O'Brien,\nns,LOC,Nur-Sultan,\n", "id,alias\n");
    assert_eq!(
        entities_of(&t, "O｀Brien"),
        [(0, 7, "ob".to_string())],
        "U+FF40 is a grave accent used as `'`"
    );
    assert_eq!(entities_of(&t, "Nur︱Sultan"), [(0, 10, "ns".to_string())], "U+FE31 is an em dash");
}

// ---------------------------------------------------------------------------
// An alias's case rule is lost when its entity has another alias with the
// same key
// ---------------------------------------------------------------------------
//
// Found by `every_alias_matches_itself_including_known_bug`; minimal
// gazetteer below. `index::expand::Keys::sorted_groups` keeps one payload
// per (key, entity) — the first by (context_only, kind, alias ordinal) —
// and the payload carries that alias's case rule (and, for `exact`, its
// ordinal, whose text `same_case` compares against). Another alias of the
// same entity with the same key but a laxer rule is dropped: `акме` below
// (case any) is only reachable through the `АКМЕ` payload (case exact), so
// the text "акме" — the alias exactly as written — is not tagged. (Latin
// aliases may still be found through their transliteration fold key, which
// is deduplicated the same way: `petrov` below.)

#[test]

fn alias_case_rule_is_lost_when_an_entity_has_two_aliases_with_one_key() {
    let t =
        tagger("id,type,name_en,name_ru\na,ORG,,Акме Корп\n", "id,alias,case\na,АКМЕ,exact\na,акме,any\n");
    assert_eq!(entities_of(&t, "АКМЕ"), [(0, 4, "a".to_string())]);
    assert_eq!(entities_of(&t, "акме"), [(0, 4, "a".to_string())], "alias `акме` (case any) as written");
    // Same with `title` against `any`.
    let t = tagger(
        "id,type,name_en,name_ru\np,PER,Ivan Petrov,\n",
        "id,alias,case\np,Petrov,title\np,petrov,any\n",
    );
    assert_eq!(entities_of(&t, "petrov"), [(0, 6, "p".to_string())], "alias `petrov` (case any) as written");
}

// ---------------------------------------------------------------------------
// A crafted fst section behind a valid checksum panics inside `fst`
// ---------------------------------------------------------------------------
//
// Found by `crafted_index_is_rejected_or_usable_including_fst`,
// `arbitrary_fst_behind_a_valid_header` and the `index_load` fuzz target.
// `format::validate` checks the header, the xxh3 body checksum and the
// tables, and `fst::Map::new` checks only the fst's footer (its root-address
// check never fires); node addresses inside the fst are trusted, and the
// `fst` crate indexes its bytes with them unchecked. Minimal input: the
// index of a one-entity gazetteer with the low byte of the fst's root
// address (12 bytes before the fst's end) set to 0xFF and the checksum
// recomputed: `Index::from_vec` accepted it and `tag("NATO")` panicked with
// "index out of bounds: the len is 52 but the index is 255" in
// fst-0.4.7/src/raw/node.rs. Other single-byte changes gave "attempt to
// subtract with overflow" (node.rs:873) and "assertion failed: 1 <= nbytes
// && nbytes <= 8" (bytes.rs:100).
// Fixed: loading checks the root address against the section's length;
// `Index::verify` (`entnorm verify`) decodes every reachable node with
// checked offsets, and `entnorm tag` turns a panic into a failed document.

fn nato_index() -> Vec<u8> {
    let g = Gazetteer::from_sources([("entities.csv", "id,type,name_en,name_ru\nb,ORG,NATO,\n")]).unwrap();
    Index::build(&g).unwrap().as_bytes().to_vec()
}

/// `index` with its fst section replaced by `fst` and a valid checksum.
fn with_fst(index: &[u8], fst: &[u8]) -> Vec<u8> {
    replace_sections(index, &[(0, fst)])
}

/// The panic message of tagging `texts` with `bytes`, if it loads.
fn panic_of(bytes: Vec<u8>, texts: &[&str]) -> Option<String> {
    let index = Index::from_vec(bytes).ok()?;
    let tagger = Tagger::new(index);
    let result = std::panic::catch_unwind(|| {
        for t in texts {
            let _ = tagger.tag_detailed(t);
            let _ = tagger.lookup(t);
        }
    });
    result.err().map(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

#[test]
fn crafted_fst_root_address_is_rejected_at_load() {
    let index = nato_index();
    let h = format::validate(&index).unwrap();
    let mut fst = index[h.fst.clone()].to_vec();
    let root = fst.len() - 12; // footer: …, root address (u64 LE), crc32c (u32)
    fst[root] = 0xFF;
    let error =
        Index::from_vec(with_fst(&index, &fst)).err().expect("a root address off the end is rejected");
    assert!(error.to_string().contains("root address"), "{error}");
}

/// Every truncation and every single-byte change of the fst section, behind
/// a recomputed checksum: rejected by loading or by `Index::verify`, or
/// tagging works without a panic.
#[test]
fn crafted_fst_section_is_rejected_or_usable() {
    let index = nato_index();
    let h = format::validate(&index).unwrap();
    let fst = index[h.fst.clone()].to_vec();
    let mut crafted = Vec::new();
    for len in 0..fst.len() {
        crafted.push((format!("fst truncated to {len} bytes"), fst[..len].to_vec()));
    }
    for at in 0..fst.len() {
        for value in [0x00, 0x01, 0x80, 0xFF] {
            let mut damaged = fst.clone();
            damaged[at] = value;
            crafted.push((format!("fst byte {at} := {value:#04x}"), damaged));
        }
    }
    let (mut panics, mut usable) = (Vec::new(), 0);
    for (what, fst) in crafted {
        let bytes = with_fst(&index, &fst);
        let verified = Index::from_vec(bytes.clone()).is_ok_and(|i| i.verify().is_ok());
        if verified {
            usable += 1;
            if let Some(m) = panic_of(bytes, &["NATO Nato nato NATOO"]) {
                panics.push(format!("{what}: {m}"));
            }
        }
    }
    assert!(usable > 0, "some harmless changes (an output, an input byte) still verify");
    assert!(panics.is_empty(), "{} verified fst sections panic:\n{}", panics.len(), panics.join("\n"));
}

#[test]
fn verify_accepts_the_indexes_entnorm_builds() {
    Tagger::embedded().index().verify().expect("the embedded default verifies");
    for dir in ["tests/fixtures/inflection/gazetteer", "tests/fixtures/translit/gazetteer"] {
        let g = Gazetteer::from_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap();
        Index::build(&g).unwrap().verify().unwrap_or_else(|e| panic!("{dir}: {e}"));
    }
}

// ---------------------------------------------------------------------------
// Ignorable characters at word boundaries change tokenization and matching
// ---------------------------------------------------------------------------
//
// Found by `invisible_characters_and_wider_spaces_change_no_mention_including_known_bugs`.
// The README says soft hyphens and zero-width characters are dropped, yet:
//
// 1. `Scanner::run` (tokenize.rs) keeps an ignorable inside a word only when
//    the *very next* character is a word character. Two ignorables in a row
//    (`Пес\u{AD}\u{200B}ков`, common in scraped HTML), or an ignorable before
//    a combining mark (`Пу\u{AD}\u{301}тин`), end the word there, so the
//    name is split in two and not found. Fix: look past ignorables (and
//    combining marks) to the next other character before deciding.
//
// 2. `matcher::walk` feeds every separator character to the fst, ignorables
//    included: their normalization is empty, but they still reset
//    `last_space`, so `Dmitry \u{200B} Peskov` is walked as `dmitry  peskov`
//    (two spaces) while the tokenizer and `lookup` collapse it to
//    `dmitry peskov`; and they move the "mark glued to the next word" test,
//    so `U.S.\u{AD}А` ends the mention after the dot where `U.S.А` does not.
//    Fix: in the separator walk, `continue` when `buf` is empty (before
//    touching `last_space`), and compute `glued` as "only ignorables follow
//    in this separator".

fn mentions(text: &str) -> Vec<(String, String)> {
    Tagger::embedded().tag(text).into_iter().map(|m| (m.entity, m.text)).collect()
}

fn one(entity: &str, text: &str) -> Vec<(String, String)> {
    vec![(entity.to_string(), text.to_string())]
}

#[test]

fn ignorable_before_another_ignorable_or_a_mark_splits_the_word() {
    assert_eq!(mentions("Песков"), one("dmitry-peskov", "Песков"));
    let words = |t: &str| entnorm::tokenize::Tokens::new(t).len();
    assert_eq!(words("Пес\u{AD}\u{200B}ков"), 1, "two ignorables inside a word");
    assert_eq!(words("Пу\u{AD}\u{301}тин"), 1, "an ignorable before a stress mark");
    assert_eq!(mentions("Пес\u{AD}\u{200B}ков"), one("dmitry-peskov", "Пес\u{AD}\u{200B}ков"));
}

#[test]

fn ignorable_in_a_separator_is_seen_by_the_matcher() {
    assert_eq!(mentions("Dmitry  Peskov"), one("dmitry-peskov", "Dmitry  Peskov"));
    let text = "Dmitry \u{200B} Peskov";
    assert_eq!(Tagger::embedded().lookup(text).key, "dmitry peskov", "the tokenizer collapses the spaces");
    assert_eq!(mentions(text), one("dmitry-peskov", text), "the matcher should too");
    let strip = |v: Vec<(String, String)>| -> Vec<(String, String)> {
        v.into_iter().map(|(e, t)| (e, t.replace('\u{AD}', ""))).collect()
    };
    assert_eq!(
        strip(mentions("U.S.\u{AD}А")),
        mentions("U.S.А"),
        "a soft hyphen after `U.S.` changes the span"
    );
}

/// The `index_load` fuzz target's minimized crash (mode 2: these 36 bytes
/// as the fst section of an otherwise valid index): `fst::Map::new` accepts
/// them, and tagging panics in fst-0.4.7/src/raw/node.rs:302 ("index out of
/// bounds: the len is 36 but the index is …"). Now rejected at load.
#[test]
fn crafted_fst_section_from_the_fuzzer_is_rejected() {
    let fst: [u8; 36] = [
        0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x1f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0xd8, 0x09, 0x00, 0x07, 0xd8, 0x00, 0x00,
        0x07, 0xd8,
    ];
    let crafted = with_fst(&nato_index(), &fst);
    let error = Index::from_vec(crafted).err().expect("a 36-byte garbage fst is rejected");
    assert!(error.to_string().contains("bad fst section"), "{error}");
}

// ---------------------------------------------------------------------------
// A name of common words opening a sentence was lost to one of its words
// ---------------------------------------------------------------------------
//
// Found by comparing tag outputs on the bench corpus (session 18): a
// sentence-initial span whose key is common words is dropped when the
// document writes the entity's common-word form in lowercase (`Миру` of
// «Миру мир»). The entity was marked by any of its keys: `и` (Russian
// "and", a part of `Ван И`) or `to` (of `Tô Lâm`) in lowercase dropped the
// whole name opening a sentence, though its second capital shows a name.

#[test]
fn a_name_of_common_words_opening_a_sentence_stands_when_a_later_word_is_capitalized() {
    let embedded = Tagger::embedded();
    let found = |text: &str| embedded.tag(text).into_iter().map(|m| (m.text, m.entity)).collect::<Vec<_>>();
    let wang = found("Ван И прибыл в Москву и встретился с Лавровым.");
    assert_eq!(wang.first(), Some(&("Ван И".to_string(), "wang-yi".to_string())), "{wang:?}");
    let to_lam = found("Tô Lâm arrived. He went to Hanoi. Tô Lâm spoke.");
    assert_eq!(to_lam.iter().filter(|(_, e)| e == "to-lam").count(), 2, "{to_lam:?}");
    // One word opening a sentence is still the word written elsewhere.
    let mir = tagger("id,type,name_en,name_ru\nmir,ORG,,Мир\nwang,PER,Wang Yi,Ван И\n", "id,alias\n");
    assert_eq!(entities_of(&mir, "Мир прекрасен. Мы за мир."), []);
    assert_eq!(entities_of(&mir, "Ван И прибыл, и всё."), [(0, 5, "wang".to_string())]);
}
