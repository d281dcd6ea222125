//! No panics and sane output on arbitrary input (a deterministic pseudo-random sweep).

use entnorm::translit::{cyrillize, fold, romanizations, romanize, Scheme};

const POOL: &[char] = &[
    'а', 'ё', 'Ё', 'й', 'ъ', 'ь', 'Щ', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'ґ', 'ў', 'Ӝ', 'a', 'e', 'i', 'o', 'u',
    'y', 'j', 's', 'h', 'c', 'z', 'k', 'x', 'w', 'q', 'g', 'S', 'Z', 'ž', 'ë', 'ï', 'ĭ', 'â', 'ŝ', 'ß', 'ʹ',
    'ʺ', '’', '\'', '"', '`', '·', '-', ' ', '\u{361}', '\u{301}', '1', '😀', '東', '\t', '\u{0}',
];

fn random_strings() -> impl Iterator<Item = String> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..3000).map(move |i| {
        let len = i % 23;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                POOL[(state % POOL.len() as u64) as usize]
            })
            .collect()
    })
}

#[test]
fn arbitrary_input_never_panics() {
    for text in random_strings() {
        for scheme in Scheme::ALL {
            let _ = romanize(&text, scheme);
        }
        for (_, spelling) in romanizations(&text) {
            assert!(!spelling.is_empty());
        }
        let key = fold(&text);
        assert!(key.is_ascii() && key.len() <= 2 * text.len(), "{text:?} -> {key:?}");
        assert!(cyrillize(&text).len() <= 5);
    }
}

#[test]
fn names_survive_round_trip() {
    for name in ["Сергей Шойгу", "Мария Захарова", "Фёдор Достоевский", "Кара-Мурза"]
    {
        let latin = romanize(name, Scheme::Wikipedia);
        assert!(cyrillize(&latin).contains(&name.to_string()), "{name} -> {latin}");
    }
}
