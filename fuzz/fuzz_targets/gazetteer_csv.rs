//! Arbitrary bytes → an entities file and an aliases file (split at the
//! first 0xFF byte, which UTF-8 never contains) → `Gazetteer::from_sources`;
//! when it loads, `Index::build`, a byte round trip, and tagging a text made
//! of its own aliases.
#![no_main]

use entnorm::{Gazetteer, Index, Tagger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (entities, aliases) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(gazetteer) = Gazetteer::from_sources([("entities.csv", entities), ("aliases.csv", aliases)])
    else {
        return;
    };
    let index = Index::build(&gazetteer).expect("a gazetteer that loads compiles");
    let loaded = Index::from_vec(index.as_bytes().to_vec()).expect("an index's own bytes load");
    let texts: Vec<String> = gazetteer.aliases().iter().map(|a| a.text.clone()).collect();
    let text = format!("{} — {}.", texts.join(", "), texts.join(" "));
    let (a, b) = (Tagger::new(index), Tagger::new(loaded));
    let tagged = a.tag_detailed(&text);
    assert_eq!(tagged, b.tag_detailed(&text), "loaded index tags differently");
    let n = text.chars().count();
    for m in &tagged.mentions {
        assert!(m.start < m.end && m.end <= n);
    }
    for alias in texts.iter().take(16) {
        let _ = a.tag_detailed(alias);
        let _ = a.lookup(alias);
    }
});
