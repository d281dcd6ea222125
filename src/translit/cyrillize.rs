//! Latin → Cyrillic: plausible Russian spellings of a romanized Russian name.
//!
//! Each Latin word is segmented left to right: at each position the longest Latin
//! spelling that has a [`ROWS`] entry valid in that context is taken, and every row
//! for it is an alternative Cyrillic spelling with a cost. A beam search keeps the
//! cheapest spellings, and Russian spelling rules (no `кы`, `жы`, `чя`, …) add
//! penalties. Common first names are first looked up by [`fold`] key in [`FIRST_NAMES`],
//! which catches soft signs that romanizations drop (`Igor` → `Игорь`, `Olga` → `Ольга`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{fold, latin_base, romanizations};

/// Most candidates returned, for a word and for the whole text.
const MAX_CANDIDATES: usize = 5;
/// Partial spellings kept per position of a word.
const BEAM: usize = 24;
/// Longest word considered (longer words are not names).
const MAX_WORD: usize = 40;
/// Most words in a name.
const MAX_WORDS: usize = 8;
/// Extra cost of rule-based spellings of a word that the first-name lexicon knows.
const LEXICON_BONUS: u16 = 10;

// Context bits of a row. Previous letter: none of the three set = any.
const START: u8 = 1;
const AFTER_V: u8 = 2;
const AFTER_C: u8 = 4;
// Next letter: none of the three set = any.
const END: u8 = 8;
const BEFORE_V: u8 = 16;
const BEFORE_C: u8 = 32;
const ANY: u8 = 0;
const PREV_BITS: u8 = START | AFTER_V | AFTER_C;
const NEXT_BITS: u8 = END | BEFORE_V | BEFORE_C;

/// One Latin → Cyrillic row: (Latin spelling, context bits, Cyrillic, cost).
type Row = (&'static str, u8, &'static str, u16);

/// Latin → Cyrillic rows; among the rows valid at a position only those with the
/// longest Latin spelling are used.
const ROWS: &[Row] = &[
    ("shch", ANY, "щ", 0),                   // щ
    ("shtch", ANY, "щ", 0),                  // щ
    ("shh", ANY, "щ", 1),                    // щ (GOST 7.79 B)
    ("sch", ANY, "щ", 2),                    // щ (informal)
    ("sch", ANY, "сч", 6),                   // сч
    ("sh", ANY, "ш", 0),                     // ш
    ("zh", ANY, "ж", 0),                     // ж
    ("tch", ANY, "ч", 1),                    // ч (Tchaikovsky)
    ("ch", ANY, "ч", 0),                     // ч
    ("kh", ANY, "х", 0),                     // х
    ("ts", ANY, "ц", 0),                     // ц
    ("ts", ANY, "тс", 7),                    // тс
    ("tz", ANY, "ц", 1),                     // ц
    ("cz", ANY, "ц", 1),                     // ц (GOST 7.79 B)
    ("x", ANY, "кс", 0),                     // кс
    ("ss", ANY, "сс", 0),                    // сс: Vissarionovich
    ("ss", ANY, "с", 3),                     // с (German, French, Kazakh): Kassym
    ("ya", START | AFTER_V, "я", 0),         // я
    ("ya", AFTER_C, "я", 0),                 // я
    ("ya", AFTER_C, "ья", 4),                // ья: Natalya
    ("ya", AFTER_V, "йя", 8),                // йя: Maya
    ("yu", START | AFTER_V, "ю", 0),         // ю
    ("yu", AFTER_C, "ю", 0),                 // ю
    ("yu", AFTER_C, "ью", 4),                // ью
    ("ye", START | AFTER_V, "е", 0),         // е
    ("ye", AFTER_C, "ье", 0),                // ье: Grigoryev
    ("ye", AFTER_C, "е", 6),                 // е
    ("yo", ANY, "ё", 0),                     // ё
    ("yo", AFTER_C, "ьё", 3),                // ьё: Solovyov
    ("yo", START | AFTER_V, "йо", 5),        // йо: Mayorov
    ("yi", AFTER_C, "ьи", 0),                // ьи: Ilyich
    ("yi", START | AFTER_V, "йи", 4),        // йи
    ("yy", END, "ый", 0),                    // -ый (BGN)
    ("iy", END | BEFORE_C, "ий", 0),         // -ий (BGN)
    ("ny", END, "ный", 0),                   // -ный: Navalny
    ("ny", END, "ний", 2),                   // -ний: Yevgeny
    ("iia", AFTER_C, "ия", 0),               // ия (ICAO)
    ("ii", END, "ий", 0),                    // -ий (ICAO)
    ("ij", END, "ий", 0),                    // -ий (ISO)
    ("ia", START, "я", 1),                   // я (ICAO)
    ("ia", START, "иа", 4),                  // иа
    ("ia", AFTER_C, "ия", 0),                // ия: Maria
    ("ia", AFTER_C, "иа", 2),                // иа: Veniamin
    ("ia", AFTER_C, "ья", 3),                // ья: Natalia
    ("ia", AFTER_C, "я", 4),                 // я (ICAO)
    ("iu", START, "ю", 0),                   // ю (ICAO)
    ("iu", AFTER_C, "иу", 0),                // иу: Nabiullina
    ("iu", AFTER_C, "ю", 2),                 // ю (ICAO)
    ("io", START, "ио", 0),                  // ио: Iosif
    ("io", AFTER_C, "ио", 1),                // ио: Tsiolkovsky
    ("io", AFTER_C, "ё", 2),                 // ё (French)
    ("ie", AFTER_C, "ие", 0),                // ие: Dmitriev
    ("ie", AFTER_C, "ье", 2),                // ье: Soloviev
    ("ja", ANY, "я", 0),                     // я (ISO, German)
    ("ju", ANY, "ю", 0),                     // ю (ISO, German)
    ("je", ANY, "е", 0),                     // е (German)
    ("jo", ANY, "ё", 0),                     // ё (ISO, German)
    ("jo", START, "джо", 3),                 // джо (English)
    ("jo", START, "жо", 4),                  // жо (French, Kazakh): Jomart
    ("y", AFTER_V | END | BEFORE_C, "й", 0), // й: Sergey, Shoygu
    ("y", AFTER_C | END, "ий", 0),           // -ий: Dmitry
    ("y", AFTER_C | END, "ый", 4),           // -ый
    ("y", AFTER_C | END, "и", 6),            // и (English): Garry
    ("y", AFTER_C | BEFORE_C, "ы", 0),       // ы: Bykov
    ("y", ANY, "й", 9),                      // й
    ("y", ANY, "ы", 9),                      // ы
    ("i", AFTER_V | END, "й", 0),            // й: Sergei
    ("i", AFTER_V | END, "и", 8),            // и
    ("i", AFTER_V | BEFORE_C, "й", 2),       // й: Shoigu
    ("i", AFTER_V | BEFORE_C, "и", 3),       // и: Mikhail
    ("i", AFTER_V | BEFORE_V, "и", 2),       // и
    ("i", AFTER_V | BEFORE_V, "й", 3),       // й
    ("i", START | AFTER_C, "и", 0),          // и
    ("i", AFTER_C | END, "ий", 4),           // -ий: Dmitri
    ("j", ANY, "й", 2),                      // й (ISO)
    ("j", ANY, "дж", 3),                     // дж (English)
    ("j", ANY, "ж", 4),                      // ж (French)
    ("e", START, "е", 3),                    // е: Evgeny, Yemelyanenko (informal)
    ("e", START, "э", 3),                    // э: Eduard (Wikipedia writes е as ye)
    ("e", AFTER_V | AFTER_C, "е", 0),        // е
    ("e", AFTER_V, "э", 9),                  // э
    ("e", AFTER_C, "э", 14),                 // э: Removich
    ("ou", ANY, "оу", 0),                    // оу: Belousov
    ("ou", ANY, "у", 2),                     // у (French)
    ("a", ANY, "а", 0),                      // а
    ("o", ANY, "о", 0),                      // о
    ("u", ANY, "у", 0),                      // у
    ("b", ANY, "б", 0),                      // б
    ("v", ANY, "в", 0),                      // в
    ("w", ANY, "в", 2),                      // в (German)
    ("g", ANY, "г", 0),                      // г
    ("d", ANY, "д", 0),                      // д
    ("z", ANY, "з", 0),                      // з
    ("k", ANY, "к", 0),                      // к
    ("l", ANY, "л", 0),                      // л
    ("l", BEFORE_C | END, "ль", 6),          // ль: Olga, Gogol
    ("m", ANY, "м", 0),                      // м
    ("n", ANY, "н", 0),                      // н
    ("p", ANY, "п", 0),                      // п
    ("r", ANY, "р", 0),                      // р
    ("r", END, "рь", 8),                     // рь: Igor
    ("rk", ANY, "рк", 0),                    // рк
    ("rk", ANY, "рьк", 10),                  // рьк: Gorky
    ("s", ANY, "с", 0),                      // с
    ("t", ANY, "т", 0),                      // т
    ("f", ANY, "ф", 0),                      // ф
    ("h", ANY, "х", 0),                      // х
    ("h", ANY, "г", 12),                     // г (Ukrainian-style)
    ("c", ANY, "ц", 4),                      // ц (ISO)
    ("c", ANY, "к", 5),                      // к
    ("q", ANY, "к", 5),                      // к
    ("'", ANY, "ь", 0),                      // ь (ʹ, ’, ')
    ("\"", ANY, "ъ", 0),                     // ъ (ʺ, ”, ")
];

/// Accented letters and marks that carry Russian information, as plain Latin spellings.
const ACCENTED: &[(char, &str)] = &[
    ('č', "ch"),   // ч (ISO)
    ('š', "sh"),   // ш (ISO)
    ('ž', "zh"),   // ж (ISO)
    ('ŝ', "shch"), // щ (ISO)
    ('ë', "yo"),   // ё
    ('ĭ', "y"),    // й (ALA-LC)
    ('â', "ya"),   // я (ISO)
    ('û', "yu"),   // ю (ISO)
    ('ʹ', "'"),    // ь
    ('’', "'"),    // ь (BGN)
    ('ʺ', "\""),   // ъ
    ('”', "\""),   // ъ (BGN)
];

/// Penalties for letter sequences that Russian spelling avoids.
const PENALTIES: &[(&str, u16)] = &[
    ("кы", 30), // к + ы
    ("гы", 30), // г + ы
    ("хы", 30), // х + ы
    ("жы", 30), // ж + ы
    ("шы", 30), // ш + ы
    ("чы", 30), // ч + ы
    ("щы", 30), // щ + ы
    ("жя", 20), // ж + я
    ("шя", 20), // ш + я
    ("чя", 20), // ч + я
    ("щя", 20), // щ + я
    ("жю", 20), // ж + ю
    ("шю", 20), // ш + ю
    ("чю", 20), // ч + ю
    ("щю", 20), // щ + ю
    ("йй", 20), // й + й
    ("ьь", 30), // ь + ь
    ("ьй", 30), // ь + й
    ("йь", 30), // й + ь
    ("ыы", 20), // ы + ы
    ("иы", 20), // и + ы
];

/// Common Russian first names, for spellings that rules cannot recover (dropped ь).
const FIRST_NAMES: &[&str] = &[
    "Александр",
    "Алексей",
    "Альберт",
    "Анатолий",
    "Андрей",
    "Антон",
    "Аркадий",
    "Арсений",
    "Артём",
    "Артур",
    "Богдан",
    "Борис",
    "Вадим",
    "Валентин",
    "Валерий",
    "Василий",
    "Вениамин",
    "Виктор",
    "Виталий",
    "Владимир",
    "Владислав",
    "Всеволод",
    "Вячеслав",
    "Гавриил",
    "Геннадий",
    "Георгий",
    "Герман",
    "Глеб",
    "Григорий",
    "Даниил",
    "Денис",
    "Дмитрий",
    "Евгений",
    "Егор",
    "Ефим",
    "Захар",
    "Иван",
    "Игнат",
    "Игорь",
    "Илья",
    "Иннокентий",
    "Иосиф",
    "Кирилл",
    "Климент",
    "Константин",
    "Кузьма",
    "Лаврентий",
    "Лев",
    "Леонид",
    "Макар",
    "Максим",
    "Марат",
    "Марк",
    "Матвей",
    "Михаил",
    "Мстислав",
    "Назар",
    "Никита",
    "Никифор",
    "Николай",
    "Олег",
    "Остап",
    "Павел",
    "Пётр",
    "Платон",
    "Прохор",
    "Роберт",
    "Родион",
    "Роман",
    "Ростислав",
    "Руслан",
    "Рустам",
    "Савелий",
    "Святослав",
    "Семён",
    "Сергей",
    "Станислав",
    "Степан",
    "Тарас",
    "Тимофей",
    "Тимур",
    "Трофим",
    "Фёдор",
    "Феликс",
    "Филипп",
    "Эдуард",
    "Эльдар",
    "Эмиль",
    "Юлиан",
    "Юрий",
    "Яков",
    "Ян",
    "Ярослав",
    "Александра",
    "Алина",
    "Алиса",
    "Алла",
    "Анастасия",
    "Ангелина",
    "Анна",
    "Антонина",
    "Арина",
    "Валентина",
    "Валерия",
    "Василиса",
    "Вера",
    "Вероника",
    "Виктория",
    "Галина",
    "Дарья",
    "Диана",
    "Ева",
    "Евгения",
    "Екатерина",
    "Елена",
    "Елизавета",
    "Жанна",
    "Зинаида",
    "Зоя",
    "Инна",
    "Ирина",
    "Карина",
    "Кира",
    "Клавдия",
    "Кристина",
    "Ксения",
    "Лариса",
    "Лидия",
    "Лилия",
    "Любовь",
    "Людмила",
    "Майя",
    "Маргарита",
    "Марина",
    "Мария",
    "Милана",
    "Надежда",
    "Наталья",
    "Наталия",
    "Нина",
    "Оксана",
    "Олеся",
    "Ольга",
    "Полина",
    "Раиса",
    "Регина",
    "Римма",
    "Светлана",
    "Снежана",
    "Софья",
    "София",
    "Таисия",
    "Тамара",
    "Татьяна",
    "Ульяна",
    "Эльвира",
    "Элла",
    "Эмма",
    "Юлия",
    "Яна",
];

/// Plausible Russian (Cyrillic) spellings of a name given only in Latin, for names of
/// Russian or post-Soviet origin (`Sergey Shoigu` -> `Сергей Шойгу`, `Zhirnov` -> `Жирнов`,
/// `Dmitry Peskov` -> `Дмитрий Песков`, `Maria Zakharova` -> `Мария Захарова`).
/// At most a handful of candidates, most likely first; empty when the word does not look
/// like a romanized Russian name (English names such as `Biden`, `Trump` need not work —
/// those stay in the gazetteer in both scripts).
///
/// Non-letters between words (spaces, hyphens) are kept; the case pattern of each word
/// (capitalized, all caps, lowercase) carries over.
///
/// ```
/// use entnorm::translit::cyrillize;
/// assert_eq!(cyrillize("Sergey Shoigu")[0], "Сергей Шойгу");
/// assert!(cyrillize("Dmitry Peskov").contains(&"Дмитрий Песков".to_string()));
/// assert!(cyrillize("Thatcher").is_empty());
/// ```
pub fn cyrillize(text: &str) -> Vec<String> {
    let Some(segments) = split_words(text) else {
        return Vec::new();
    };
    let words = segments.iter().filter(|s| matches!(s, Segment::Word(_))).count();
    if words == 0 || words > MAX_WORDS {
        return Vec::new();
    }
    let mut combos: Vec<(String, u16)> = vec![(String::new(), 0)];
    for segment in &segments {
        let options = match segment {
            Segment::Other(s) => vec![(s.clone(), 0)],
            Segment::Word(w) => match word_candidates(w) {
                Some(found) => found,
                None => return Vec::new(),
            },
        };
        combos = extend_combos(&combos, &options);
    }
    combos.into_iter().map(|(s, _)| s).collect()
}

/// A part of the input: a Latin word or the text between words.
enum Segment {
    Word(String),
    Other(String),
}

/// Splits `text` into Latin words and separators; `None` if it has non-Latin letters.
fn split_words(text: &str) -> Option<Vec<Segment>> {
    let mut segments = Vec::new();
    let mut word = String::new();
    let mut other = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let is_mark = matches!(c, '\'' | 'ʹ' | '’' | 'ʺ' | '”');
        let in_word = !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphabetic());
        if c.is_ascii_alphabetic() || latin_base(c).is_some() || (is_mark && in_word) {
            flush(&mut other, &mut segments, Segment::Other);
            word.push(c);
        } else if c.is_alphabetic() {
            return None;
        } else {
            flush(&mut word, &mut segments, Segment::Word);
            other.push(c);
        }
    }
    flush(&mut word, &mut segments, Segment::Word);
    flush(&mut other, &mut segments, Segment::Other);
    Some(segments)
}

fn flush(buf: &mut String, segments: &mut Vec<Segment>, make: fn(String) -> Segment) {
    if !buf.is_empty() {
        segments.push(make(std::mem::take(buf)));
    }
}

/// Appends each option to each combination, keeping the cheapest few.
fn extend_combos(combos: &[(String, u16)], options: &[(String, u16)]) -> Vec<(String, u16)> {
    let mut next: Vec<(String, u16)> = combos
        .iter()
        .flat_map(|(s, c)| options.iter().map(move |(o, oc)| (format!("{s}{o}"), c + oc)))
        .collect();
    next.sort_by_key(|(_, c)| *c);
    next.truncate(MAX_CANDIDATES);
    next
}

/// Cyrillic candidates of one Latin word with costs, or `None` if it does not look Russian.
fn word_candidates(word: &str) -> Option<Vec<(String, u16)>> {
    let latin = normalize(word);
    if !looks_russian(&latin) {
        return None;
    }
    let mut found: Vec<(String, u16)> = Vec::new();
    let known = lexicon().get(&fold(&latin));
    for name in known.into_iter().flatten() {
        found.push((name.to_lowercase(), 0));
    }
    let bonus = if found.is_empty() { 0 } else { LEXICON_BONUS };
    for (spelled, cost) in spell(latin.as_bytes()) {
        if !found.iter().any(|(s, _)| *s == spelled) {
            found.push((spelled, cost + bonus));
        }
    }
    found.truncate(MAX_CANDIDATES);
    let case = Case::of(word);
    Some(found.into_iter().map(|(s, c)| (case.apply(&s), c)).collect())
}

/// Lowercase ASCII spelling of a Latin word: informative accents become digraphs
/// (`č` → `ch`), other accents are dropped, ъ/ь marks become `"` and `'`.
fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if let Some((_, to)) = ACCENTED.iter().find(|(a, _)| *a == c) {
            out.push_str(to);
        } else if c.is_ascii_alphabetic() || c == '\'' {
            out.push(c);
        } else if let Some(base) = latin_base(c) {
            out.push(base);
        }
    }
    out
}

/// Whether a normalized word could be a romanized Russian word.
fn looks_russian(latin: &str) -> bool {
    const FOREIGN: &[&str] = &["q", "th", "ph", "wh", "ck", "gh", "oo", "ea", "aw"];
    const FOREIGN_END: &[&str] = &["ng", "mp", "tion"];
    let b = latin.as_bytes();
    let lone_c = (0..b.len()).any(|i| {
        b[i] == b'c'
            && !matches!(b.get(i + 1), Some(b'h' | b'z'))
            && !matches!(i.checked_sub(1).map(|p| b[p]), Some(b't' | b's'))
    });
    !latin.is_empty()
        && latin.len() <= MAX_WORD
        && latin.bytes().any(|c| b"aeiouy".contains(&c))
        && !lone_c
        && !FOREIGN.iter().any(|f| latin.contains(f))
        && !FOREIGN_END.iter().any(|f| latin.ends_with(f))
}

/// Lexicon of common first names, keyed by the fold of their romanizations.
fn lexicon() -> &'static HashMap<String, Vec<&'static str>> {
    static LEXICON: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map: HashMap<String, Vec<&'static str>> = HashMap::new();
        for &name in FIRST_NAMES {
            for (_, spelling) in romanizations(name) {
                let names = map.entry(fold(&spelling)).or_default();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        map
    })
}

/// Rule-based spellings of a normalized word, cheapest first.
fn spell(latin: &[u8]) -> Vec<(String, u16)> {
    let n = latin.len();
    let mut at: Vec<Vec<(String, u16)>> = vec![Vec::new(); n + 1];
    at[0].push((String::new(), 0));
    for i in 0..n {
        let mut states = std::mem::take(&mut at[i]);
        states.sort_by_key(|(_, c)| *c);
        states.truncate(BEAM);
        let options = options_at(latin, i);
        if options.is_empty() {
            at[i + 1].extend(states);
            continue;
        }
        for (prefix, cost) in &states {
            for &(len, cyr, c) in &options {
                at[i + len].push((format!("{prefix}{cyr}"), cost + c));
            }
        }
    }
    let mut done: Vec<(String, u16)> = std::mem::take(&mut at[n])
        .into_iter()
        .map(|(s, c)| {
            let penalty = penalty(&s);
            (s, c + penalty)
        })
        .collect();
    done.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    done.dedup_by(|a, b| a.0 == b.0);
    done.truncate(MAX_CANDIDATES);
    done
}

/// The rows usable at `latin[i]`: (Latin length, Cyrillic, cost), longest spelling only,
/// one entry per Cyrillic spelling at its lowest cost.
fn options_at(latin: &[u8], i: usize) -> Vec<(usize, &'static str, u16)> {
    let fits: Vec<&Row> = ROWS
        .iter()
        .filter(|(from, when, _, _)| {
            latin[i..].starts_with(from.as_bytes()) && context_ok(latin, i, from.len(), *when)
        })
        .collect();
    let longest = fits.iter().map(|(from, ..)| from.len()).max().unwrap_or(0);
    let mut options: Vec<(usize, &'static str, u16)> = Vec::new();
    for &&(from, _, cyr, cost) in fits.iter().filter(|r| r.0.len() == longest) {
        match options.iter_mut().find(|o| o.1 == cyr) {
            Some(o) => o.2 = o.2.min(cost),
            None => options.push((from.len(), cyr, cost)),
        }
    }
    options
}

/// Whether the letters around `latin[i..i + len]` satisfy the context bits `when`.
fn context_ok(latin: &[u8], i: usize, len: usize, when: u8) -> bool {
    let prev = match i.checked_sub(1).map(|p| latin[p]) {
        None => START,
        Some(c) if is_latin_vowel(c) => AFTER_V,
        Some(_) => AFTER_C,
    };
    let next = match latin.get(i + len) {
        None => END,
        Some(&c) if is_latin_vowel(c) => BEFORE_V,
        Some(_) => BEFORE_C,
    };
    (when & PREV_BITS == 0 || when & prev != 0) && (when & NEXT_BITS == 0 || when & next != 0)
}

fn is_latin_vowel(c: u8) -> bool {
    b"aeiouy".contains(&c)
}

/// Total penalty of the letter sequences Russian spelling avoids, plus a bad start.
fn penalty(cyr: &str) -> u16 {
    let inner: u16 = PENALTIES.iter().map(|(seq, p)| p * cyr.matches(seq).count() as u16).sum();
    let start = match cyr.chars().next() {
        Some('ь' | 'ъ' | 'ы') => 50,
        _ => 0,
    };
    inner.saturating_add(start)
}

/// Case pattern of an input word.
enum Case {
    Lower,
    Capital,
    Upper,
}

impl Case {
    fn of(word: &str) -> Case {
        let letters = || word.chars().filter(|c| c.is_alphabetic());
        if letters().count() > 1 && letters().all(char::is_uppercase) {
            Case::Upper
        } else if letters().next().is_some_and(char::is_uppercase) {
            Case::Capital
        } else {
            Case::Lower
        }
    }

    fn apply(&self, s: &str) -> String {
        match self {
            Case::Lower => s.to_string(),
            Case::Upper => s.to_uppercase(),
            Case::Capital => {
                let mut chars = s.chars();
                chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_from_the_brief() {
        assert_eq!(cyrillize("Sergey Shoigu")[0], "Сергей Шойгу");
        assert_eq!(cyrillize("Zhirnov")[0], "Жирнов");
        assert_eq!(cyrillize("Dmitry Peskov")[0], "Дмитрий Песков");
        assert_eq!(cyrillize("Maria Zakharova")[0], "Мария Захарова");
    }

    #[test]
    fn soft_signs_from_lexicon_and_rules() {
        assert_eq!(cyrillize("Igor")[0], "Игорь");
        assert_eq!(cyrillize("Olga")[0], "Ольга");
        assert!(cyrillize("Alexei Navalny").contains(&"Алексей Навальный".to_string()));
        assert!(cyrillize("Ilyich").contains(&"Ильич".to_string()));
        assert!(cyrillize("Fyodor Dostoyevsky").contains(&"Фёдор Достоевский".to_string()));
    }

    #[test]
    fn case_and_separators() {
        assert_eq!(cyrillize("KARA-MURZA")[0], "КАРА-МУРЗА");
        assert_eq!(cyrillize("lavrov")[0], "лавров");
        assert_eq!(cyrillize("Il'ich")[0], "Ильич");
        assert_eq!(cyrillize("Žirnov")[0], "Жирнов");
    }

    #[test]
    fn rejects_non_russian_and_odd_input() {
        for text in ["", " ", "...", "Thatcher", "Macron", "Trump", "Путин", "東京", "x-ray"] {
            assert!(cyrillize(text).len() <= MAX_CANDIDATES, "{text}");
        }
        assert!(cyrillize("").is_empty());
        assert!(cyrillize("Thatcher").is_empty());
        assert!(cyrillize("Путин").is_empty());
        assert!(cyrillize(&"Shoigu ".repeat(2000)).is_empty());
        assert!(cyrillize(&"a".repeat(100_000)).is_empty());
    }
}
