//! Arbitrary UTF-8 → `Tagger::embedded().tag_detailed`: no panics, offsets
//! in range and equal to the text they claim, sorted, not overlapping.
#![no_main]

use entnorm::Tagger;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let tagger = Tagger::embedded();
    let tagged = tagger.tag_detailed(text);
    let n = text.chars().count();
    let slice = |s: usize, e: usize| text.chars().skip(s).take(e - s).collect::<String>();
    for m in &tagged.mentions {
        assert!(m.start < m.end && m.end <= n, "mention out of range: {m:?}");
        assert_eq!(slice(m.start, m.end), m.text, "mention text is not the slice: {m:?}");
    }
    for a in &tagged.ambiguous {
        assert!(a.start < a.end && a.end <= n, "ambiguity out of range: {a:?}");
        assert_eq!(slice(a.start, a.end), a.text, "ambiguity text is not the slice: {a:?}");
        assert!(tagged.mentions.iter().all(|m| m.end <= a.start || a.end <= m.start), "overlap: {a:?}");
    }
    for w in tagged.mentions.windows(2) {
        assert!(w[0].end <= w[1].start, "mentions unsorted or overlapping: {w:?}");
    }
    for w in tagged.ambiguous.windows(2) {
        assert!(w[0].end <= w[1].start, "ambiguities unsorted or overlapping: {w:?}");
    }
    let _ = tagger.lookup(text);
});
