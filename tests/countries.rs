//! Every country and territory of the default gazetteer (ISO 3166-1, via
//! `tools/gazetteer/gen_countries.py` → `tests/data/countries.tsv`) resolves
//! by its English short name, its Russian short name and a Russian case form
//! (generated with pymorphy3) to the same entity.

use entnorm::Tagger;

/// Case forms the engine does not derive yet; each needs a rule in
/// `src/inflect/`. Empty since the elided article (`Кот-д'Ивуара`), the
/// indeclinable word before a dash (`Папуа — Новой Гвинеи`) and the
/// zero-ending plural place name (`Сент-Винсента и Гренадин`) are derived.
const KNOWN_GAPS: &[&str] = &[];

#[test]
fn every_country_by_english_russian_and_inflected_name() {
    let tagger = Tagger::embedded();
    let table = include_str!("data/countries.tsv");
    let mut failures = Vec::new();
    let mut checked = 0;
    for row in table.lines().skip(1) {
        let fields: Vec<&str> = row.split('\t').collect();
        let [id, en, ru, inflected] = fields[..] else { panic!("bad row: {row}") };
        for surface in [en, ru, inflected] {
            if surface.is_empty() || KNOWN_GAPS.contains(&surface) {
                continue;
            }
            checked += 1;
            let hits = tagger.lookup(surface).hits;
            let definite: Vec<&str> =
                hits.iter().filter(|h| !h.context_only).map(|h| h.entity.as_str()).collect();
            if !definite.contains(&id) {
                failures.push(format!("{surface}: expected {id}, got {definite:?}"));
            }
        }
    }
    assert!(checked > 650, "only {checked} forms checked");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn known_gaps_are_still_gaps() {
    // When a rule starts deriving one of these, remove it from KNOWN_GAPS.
    let tagger = Tagger::embedded();
    for surface in KNOWN_GAPS {
        assert!(tagger.lookup(surface).hits.iter().all(|h| h.context_only), "{surface} now resolves");
    }
}
