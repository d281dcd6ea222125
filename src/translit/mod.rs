//! Transliteration of Russian names between Cyrillic and Latin script.
//!
//! * [`romanize`] spells a Cyrillic string under one [`Scheme`];
//! * [`romanizations`] lists every distinct Latin spelling under all schemes and their
//!   common informal variants (the index side of matching);
//! * [`fold`] / [`fold_into`] reduce one Latin word to a comparison key so that the
//!   spellings of one Russian word under different conventions meet
//!   (`Dmitry`, `Dmitriy`, `Dmitrii`, `Dmitrij`, `Dmitri` → `dmitri`);
//! * [`cyrillize()`] guesses the Cyrillic original of a romanized Russian name.
//!
//! Matching works like this: for each Cyrillic alias, take [`romanizations`], strip
//! diacritics, lowercase, split into words and [`fold`] each word; for each Latin token of
//! a document, strip, lowercase and [`fold`]; equal key sequences match.
//!
//! # Fold keys
//!
//! A key is lowercase ASCII. Besides the plain letters it uses `w` for ш/щ (`sh`, `sch`,
//! `shch`, `shh`, `shtch`, `chtch`, `schtsch`), `q` for ч (`ch`, `tch`, `tsch`), `x` for ж
//! (`zh`), `c` for ц (`ts`, `tz`, `tc`, `cz`, `c`), `h` for х (`kh`, `h`) and `i` for any
//! run of `i`/`y`/`j`. Latin `x` becomes `ks`, `w` becomes `v`, `ou` becomes `u` and `gu`
//! before a front vowel becomes `g`. A run of `i`/`y`/`j` is dropped before `e` (`ye`,
//! `je`, `ie` → `e`), merges with a following `o` into `e` (`yo`, `jo`, `io` → `e`, the
//! usual spellings of ё), and is `i` otherwise (`ya`, `ja`, `ia` → `ia`; word-final `y`,
//! `iy`, `ii`, `ij`, `yy` → `i`). Doubled consonants are single, and `h` after `e` is
//! kept only before a vowel (GOST 16876 writes э as `eh`).

mod cyrillize;
mod names;
mod schemes;

pub use cyrillize::cyrillize;
pub use names::first_name_equivalents;

/// A romanization scheme for Russian Cyrillic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// BGN/PCGN 1947 (US and UK geographic names boards): `Yel’tsin`, `Shoygu`.
    BgnPcgn,
    /// ISO 9:1995 = GOST 7.79-2000 System A, with diacritics: `Elʹcin`, `Šojgu`.
    Iso9,
    /// GOST 7.79-2000 System B, ASCII with digraphs and backticks: `El`czin`, `Shojgu`.
    Gost779B,
    /// ICAO Doc 9303, in Russian passports since 2013: `Eltsin`, `Shoigu`, `Iurii`.
    Icao,
    /// ALA-LC (Library of Congress), with and without diacritics: `Elʹt͡sin`, `Shoĭgu`.
    AlaLc,
    /// Scholarly (scientific) transliteration: `Elʹcin`, `Šojgu`, `Xabenskij`.
    Scholarly,
    /// UNGEGN 1987 (UN geographic names experts): `Elʹcin`, `Šojgu`, `Habenskij`.
    Ungegn,
    /// Wikipedia-style English, as in most English news: `Yeltsin`, `Shoygu`, `Dmitry`.
    Wikipedia,
    /// German (Duden-style) transcription: `Jelzin`, `Schoigu`, `Sacharowa`.
    German,
    /// French transcription: `Eltsine`, `Choïgou`, `Sergueï`.
    French,
}

impl Scheme {
    /// All schemes, in the order [`romanizations`] tries them.
    pub const ALL: [Scheme; 10] = [
        Scheme::Wikipedia,
        Scheme::BgnPcgn,
        Scheme::Icao,
        Scheme::AlaLc,
        Scheme::Iso9,
        Scheme::Gost779B,
        Scheme::Scholarly,
        Scheme::Ungegn,
        Scheme::German,
        Scheme::French,
    ];

    /// A short stable identifier (`"bgn_pcgn"`, `"iso9"`, …, `"french"`).
    pub fn name(self) -> &'static str {
        match self {
            Scheme::BgnPcgn => "bgn_pcgn",
            Scheme::Iso9 => "iso9",
            Scheme::Gost779B => "gost779b",
            Scheme::Icao => "icao",
            Scheme::AlaLc => "alalc",
            Scheme::Scholarly => "scholarly",
            Scheme::Ungegn => "ungegn",
            Scheme::Wikipedia => "wikipedia",
            Scheme::German => "german",
            Scheme::French => "french",
        }
    }
}

/// Romanize a Cyrillic (Russian) string under one scheme. Input: any case; output
/// keeps the case pattern of each letter (first letter capital -> capitalized output).
/// Non-Cyrillic characters pass through unchanged. Context rules (word-initial е/ё,
/// after vowels, ъ/ь, -ий/-ый endings where a scheme has special rules) handled.
///
/// ```
/// use entnorm::translit::{romanize, Scheme};
/// assert_eq!(romanize("Сергей Шойгу", Scheme::Wikipedia), "Sergey Shoygu");
/// assert_eq!(romanize("Сергей Шойгу", Scheme::German), "Sergei Schoigu");
/// assert_eq!(romanize("Сергей Шойгу", Scheme::French), "Sergueï Choïgou");
/// ```
pub fn romanize(text: &str, scheme: Scheme) -> String {
    schemes::apply(text, schemes::variants(scheme)[0])
}

/// Every distinct Latin spelling of `text` under all schemes and their common
/// informal variants (e.g. ending -iy/-y/-ii/-i for -ий, -skiy/-sky/-ski, ё as yo/io/e),
/// each with the scheme that produced it first.
///
/// Per scheme this yields the standard spelling, the informal variants of that scheme
/// (ALA-LC without diacritics; Wikipedia's `Dmitri`/`Sergei`/`Alexander` forms; a chat
/// style ICAO with ж → `j`), each of them with the ъ/ь marks and separator dots
/// removed, and all of that again for the text with ё written as е. The standard
/// spelling of each scheme is the first entry carrying that scheme.
pub fn romanizations(text: &str) -> Vec<(Scheme, String)> {
    let has_yo = text.contains(['ё', 'Ё']);
    let grid = romanization_grid(text);
    let sources = if has_yo { grid.len() } else { grid.len() / 2 };
    let mut out: Vec<(Scheme, String)> = Vec::new();
    for (scheme, spelling) in grid.into_iter().take(sources) {
        push_unique(&mut out, scheme, spelling);
    }
    out
}

/// The spellings [`romanizations`] draws from, position by position and not
/// deduplicated: for `text` and then for `text` with ё written as е (even
/// when it has none), each scheme's variants, each spelled and with its marks
/// stripped. Every scheme works within a Cyrillic word, so the grid of a
/// phrase is, position by position, the grids of its words joined by what
/// separates them (see `index::expand`, which caches the grids of words).
pub fn romanization_grid(text: &str) -> Vec<(Scheme, String)> {
    let mut out = Vec::with_capacity(2 * 2 * 2 * Scheme::ALL.len());
    for scheme in Scheme::ALL {
        for tables in schemes::variants(scheme) {
            let spelled = schemes::apply(text, tables);
            let bare = schemes::strip_marks(&spelled);
            out.push((scheme, spelled));
            out.push((scheme, bare));
        }
    }
    if text.contains(['ё', 'Ё']) {
        let without_yo = text.replace('ё', "е").replace('Ё', "Е");
        let second = romanization_grid(&without_yo);
        out.extend(second.into_iter().take(out.len()));
    } else {
        out.extend_from_within(..);
    }
    out
}

fn push_unique(out: &mut Vec<(Scheme, String)>, scheme: Scheme, spelling: String) {
    if !spelling.is_empty() && !out.iter().any(|(_, s)| *s == spelling) {
        out.push((scheme, spelling));
    }
}

/// The comparison key of ONE Latin word, appended to `out` (which is not cleared).
///
/// Input: one lowercase word of Latin letters after diacritics were already stripped
/// (the engine strips them: `Žirnov` arrives as `zirnov`, `Choïgou` as `choigou`);
/// uppercase ASCII and common accented Latin letters are tolerated, other characters
/// are ignored. Output: a short ASCII key (see the module docs) such that spellings of
/// the same Russian word under different schemes and informal variants give the same key
/// as far as possible. Linear time, no allocation beyond growing `out`.
///
/// ```
/// use entnorm::translit::fold;
/// assert_eq!(fold("dmitriy"), fold("dmitrii"));
/// assert_eq!(fold("shcherbakov"), fold("scherbakov"));
/// assert_eq!(fold("fyodor"), fold("fedor"));
/// ```
pub fn fold_into(word: &str, out: &mut String) {
    let bytes = word.as_bytes();
    if bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        fold_letters(Slice { bytes, pos: 0 }, out); // the usual, fast case
    } else if word.is_ascii() {
        let letters = bytes.iter().filter(|b| b.is_ascii_alphanumeric());
        fold_letters(Ahead::new(letters.map(u8::to_ascii_lowercase)), out);
    } else {
        fold_letters(Ahead::new(word.chars().filter_map(ascii_letter)), out);
    }
}

/// [`fold_into`] over lowercase ASCII letters and digits.
fn fold_letters(mut letters: impl Letters, out: &mut String) {
    let mut key = KeyWriter::new(out);
    while let Some(c) = letters.peek(0) {
        if c == b'g' && letters.peek(1) == Some(b'u') && is_front(letters.peek(2)) {
            key.push(b'g'); // French gu before e/i/y: Sergueï, Guennadi
            letters.advance(2);
            continue;
        }
        let (first, end) = UNIT_RANGES[usize::from(c & 0x7f)];
        let unit = FOLD_UNITS[usize::from(first)..usize::from(end)]
            .iter()
            .find(|(from, _)| letters.starts_with(from.as_bytes()));
        match unit {
            Some((from, to)) => {
                to.bytes().for_each(|b| key.push(b));
                letters.advance(from.len());
            }
            None => {
                key.push(c);
                letters.advance(1);
            }
        }
    }
    key.finish();
}

/// The comparison key of one Latin word; see [`fold_into`].
pub fn fold(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    fold_into(word, &mut key);
    key
}

/// Placeholder for a run of `i`/`y`/`j` between the fold's two stages.
const GLIDE: u8 = b'j';

/// Latin spellings folded to one key symbol (or two), grouped by first letter,
/// longest first within a group. Letters not listed stand for themselves.
const FOLD_UNITS: &[(&str, &str)] = &[
    ("schtsch", "w"), // щ German
    ("shtch", "w"),   // щ informal
    ("shch", "w"),    // щ
    ("sch", "w"),     // щ informal; ш, ж German
    ("shh", "w"),     // щ GOST 7.79 B
    ("sh", "w"),      // ш
    ("chtch", "w"),   // щ French
    ("ch", "q"),      // ч; ш French; х German
    ("cz", "c"),      // ц GOST 7.79 B
    ("tsch", "q"),    // ч German
    ("tch", "q"),     // ч French, informal English
    ("ts", "c"),      // ц
    ("tz", "c"),      // ц informal
    ("tc", "c"),      // ц GOST 52535
    ("zh", "x"),      // ж
    ("kh", "h"),      // х
    ("ou", "u"),      // у French
    ("x", "ks"),      // кс
    ("w", "v"),       // в German
    ("q", "k"),       // rare
    ("y", "j"),       // й, ы, iotation
    ("j", "j"),       // й, iotation; ж French
    ("i", "j"),       // и, й
];

/// For each ASCII byte, the range of [`FOLD_UNITS`] starting with it.
const UNIT_RANGES: [(u8, u8); 128] = unit_ranges();

const fn unit_ranges() -> [(u8, u8); 128] {
    let mut ranges = [(0u8, 0u8); 128];
    let mut i = 0;
    while i < FOLD_UNITS.len() {
        let first = (FOLD_UNITS[i].0.as_bytes()[0] & 0x7f) as usize;
        if ranges[first].1 == 0 {
            ranges[first].0 = i as u8;
        }
        ranges[first].1 = i as u8 + 1;
        i += 1;
    }
    ranges
}

fn is_front(b: Option<u8>) -> bool {
    matches!(b, Some(b'e' | b'i' | b'y'))
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'o' | b'u')
}

/// Lowercase ASCII letters with lookahead.
trait Letters {
    /// The letter `k` places ahead, if any.
    fn peek(&mut self, k: usize) -> Option<u8>;
    /// Drops `n` letters that were peeked before.
    fn advance(&mut self, n: usize);

    fn starts_with(&mut self, pattern: &[u8]) -> bool {
        (0..pattern.len()).all(|k| self.peek(k) == Some(pattern[k]))
    }
}

/// Letters of a word that is already lowercase ASCII.
struct Slice<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Letters for Slice<'_> {
    fn peek(&mut self, k: usize) -> Option<u8> {
        self.bytes.get(self.pos + k).copied()
    }

    fn advance(&mut self, n: usize) {
        self.pos += n;
    }
}

/// Up to 8 letters of lookahead over a stream of letters (a ring buffer).
struct Ahead<I> {
    letters: I,
    buf: [u8; 8],
    start: usize,
    len: usize,
}

impl<I: Iterator<Item = u8>> Ahead<I> {
    fn new(letters: I) -> Self {
        Ahead { letters, buf: [0; 8], start: 0, len: 0 }
    }
}

impl<I: Iterator<Item = u8>> Letters for Ahead<I> {
    fn peek(&mut self, k: usize) -> Option<u8> {
        while self.len <= k && self.len < self.buf.len() {
            let next = self.letters.next()?;
            self.buf[(self.start + self.len) % 8] = next;
            self.len += 1;
        }
        (k < self.len).then(|| self.buf[(self.start + k) % 8])
    }

    fn advance(&mut self, n: usize) {
        let n = n.min(self.len);
        self.start = (self.start + n) % 8;
        self.len -= n;
    }
}

/// Lowercase ASCII for an ASCII letter or digit or a common accented Latin letter.
fn ascii_letter(c: char) -> Option<u8> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase() as u8);
    }
    latin_base(c).map(|b| b as u8)
}

/// The base letter of an accented Latin letter (`ž` → `z`, `Ï` → `i`), if known.
pub(crate) fn latin_base(c: char) -> Option<char> {
    let lower = crate::tokenize::first_lowercase(c);
    let base = match lower {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' | 'ȳ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    };
    Some(base)
}

/// Second stage of the fold: resolves glide runs, drops doubled consonants and the `h`
/// of `eh`, and writes key bytes.
struct KeyWriter<'a> {
    out: &'a mut String,
    last: Option<u8>,
    glide: bool,
    h_after_e: bool,
}

impl<'a> KeyWriter<'a> {
    fn new(out: &'a mut String) -> Self {
        KeyWriter { out, last: None, glide: false, h_after_e: false }
    }

    fn push(&mut self, sym: u8) {
        if sym == GLIDE {
            self.h_after_e = false;
            self.glide = true;
            return;
        }
        let mut sym = sym;
        if std::mem::take(&mut self.glide) {
            match sym {
                b'e' => {}
                b'o' => sym = b'e',
                _ => self.emit(b'i'),
            }
        }
        if std::mem::take(&mut self.h_after_e) && is_vowel(sym) {
            self.emit(b'h');
        }
        if sym == b'h' && self.last == Some(b'e') {
            self.h_after_e = true;
            return;
        }
        self.emit(sym);
    }

    fn emit(&mut self, b: u8) {
        if self.last == Some(b) && b.is_ascii_lowercase() && !is_vowel(b) {
            return;
        }
        self.out.push(char::from(b));
        self.last = Some(b);
    }

    fn finish(mut self) {
        if self.glide {
            self.emit(b'i');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(words: &[&str]) {
        let key = fold(words[0]);
        for w in words {
            assert_eq!(fold(w), key, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn fold_unifies_brief_examples() {
        same(&["dmitry", "dmitriy", "dmitrii", "dmitri", "dmitrij"]);
        same(&["sergey", "sergei", "sergej", "serguei"]);
        same(&["yury", "yuri", "iurii", "jurij", "iouri", "yuriy"]);
        same(&["zakharova", "zaharova"]);
        same(&["dostoevsky", "dostoevskiy", "dostoevskii", "dostoevskij"]);
        same(&["dostoevski", "dostoyevsky", "dostojewski", "dostoievski"]);
        same(&["khan", "han"]);
        same(&["tsoy", "tzoi", "coj", "tsoi", "czoj"]);
        same(&["shchukin", "schukin", "shtchukin", "shhukin"]);
        same(&["yolkin", "jolkin", "iolkin"]);
        same(&["fyodor", "fjodor", "fiodor", "fedor", "fyedor"]);
        same(&["yelena", "jelena", "ielena", "elena"]);
        same(&["yulia", "yuliya", "iuliia", "julija", "ioulia"]);
        same(&["maria", "mariya", "mariia", "marija"]);
        same(&["aleksey", "alexei", "aleksei", "aleksej", "alexey"]);
        same(&["peskov", "peskow"]);
        same(&["shoigu", "shoygu", "schoigu", "shojgu", "shoĭgu"]);
        same(&["vasily", "wassili", "vassili", "vasilii"]);
        same(&["solovyov", "solovyev", "soloviev", "solovjov", "soloviov"]);
        same(&["ilyich", "ilich", "iljich"]);
    }

    #[test]
    fn fold_keeps_different_names_apart() {
        let keys = ["lavrov", "lvov", "peskov", "popov", "ivanov", "yana", "anna"];
        let folded: Vec<String> = keys.iter().map(|k| fold(k)).collect();
        for (i, a) in folded.iter().enumerate() {
            for b in &folded[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn fold_units_are_grouped_by_first_letter() {
        for (i, (from, _)) in FOLD_UNITS.iter().enumerate() {
            let (first, end) = UNIT_RANGES[usize::from(from.as_bytes()[0])];
            assert!((usize::from(first)..usize::from(end)).contains(&i), "{from}");
        }
    }

    #[test]
    fn fold_handles_odd_input() {
        assert_eq!(fold(""), "");
        assert_eq!(fold("'-"), "");
        assert_eq!(fold("Žirnov"), fold("zirnov"));
        assert_eq!(fold("ШОЙГУ"), "");
        let huge = "shchy".repeat(100_000);
        assert_eq!(fold(&huge).len(), 200_000);
        let mut buf = String::from("x:");
        fold_into("yury", &mut buf);
        assert_eq!(buf, "x:iuri");
    }

    #[test]
    fn romanize_keeps_case_and_passes_other_text() {
        assert_eq!(romanize("Щукин", Scheme::BgnPcgn), "Shchukin");
        assert_eq!(romanize("ЩУКИН", Scheme::BgnPcgn), "SHCHUKIN");
        assert_eq!(romanize("Ёлкин, 2024!", Scheme::BgnPcgn), "Yëlkin, 2024!");
        assert_eq!(romanize("Hello Мир", Scheme::Icao), "Hello Mir");
        assert_eq!(romanize("", Scheme::Iso9), "");
        assert_eq!(romanize("Київ", Scheme::Wikipedia), "Kiyiv");
    }

    #[test]
    fn romanize_context_rules() {
        assert_eq!(romanize("Ельцин", Scheme::Wikipedia), "Yeltsin");
        assert_eq!(romanize("Ельцин", Scheme::German), "Jelzin");
        assert_eq!(romanize("Ельцин", Scheme::French), "Eltsine");
        assert_eq!(romanize("Достоевский", Scheme::Wikipedia), "Dostoyevsky");
        assert_eq!(romanize("Достоевский", Scheme::German), "Dostojewski");
        assert_eq!(romanize("Достоевский", Scheme::French), "Dostoïevski");
        assert_eq!(romanize("Хрущёв", Scheme::German), "Chruschtschow");
        assert_eq!(romanize("Захарова", Scheme::German), "Sacharowa");
        assert_eq!(romanize("Василий", Scheme::German), "Wassili");
        assert_eq!(romanize("Ильич", Scheme::Wikipedia), "Ilyich");
        assert_eq!(romanize("Цой", Scheme::Gost779B), "Czoj");
        assert_eq!(romanize("Цыганов", Scheme::Gost779B), "Cy`ganov");
    }

    #[test]
    fn romanizations_cover_informal_variants() {
        let all = romanizations("Дмитрий Фёдорович");
        let has = |s: &str| all.iter().any(|(_, x)| x == s);
        assert!(has("Dmitry Fyodorovich"));
        assert!(has("Dmitri Fyodorovich"));
        assert!(has("Dmitriy Fedorovich"));
        assert!(has("Dmitrii Fedorovich"));
        assert!(has("Dmitrij Fëdorovič"));
        assert!(all.iter().all(|(_, s)| !s.is_empty()));
        assert_eq!(all[0], (Scheme::Wikipedia, "Dmitry Fyodorovich".to_string()));
        assert!(romanizations("").is_empty());
        assert_eq!(romanizations("NATO").len(), 1);
    }
}
