//! Ending tables per declension class, and the word-level rules that pick a
//! class for a common noun or an adjective.
//!
//! Each class is one flat row of [`ROWS`]: the nominative ending that is cut
//! off to get the stem, then the endings of the genitive, dative, accusative,
//! instrumental and prepositional. Two markers stand for whole forms: `=` is
//! the nominative itself, `~` is the genitive for animate nouns and the
//! nominative for inanimate ones. Word lists hold lower-case keys with `ё`
//! written as `е`, so both spellings of an input are recognised.

use super::Gender;

/// A declension class: names one row of [`ROWS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Para {
    MascHard,
    MascSib,
    MascSibAny,
    MascEts,
    MascJ,
    MascIj,
    MascSoft,
    MascSoftStr,
    Put,
    NounA,
    NounAVelar,
    NounASib,
    NounASibAny,
    NounACe,
    NounACeAny,
    NounYa,
    NounYaStr,
    NounIya,
    FemSoft,
    NeutO,
    NeutESoft,
    NeutESib,
    NeutIe,
    AdjMasc,
    AdjMascVelar,
    AdjMascSoft,
    AdjMascStr,
    AdjMascStrVelar,
    AdjFem,
    AdjFemSib,
    AdjFemSoft,
    AdjNeut,
    AdjNeutVelar,
    AdjNeutSoft,
    AdjPlur,
    AdjPlurSoft,
    PossMasc,
    PossFem,
    PossPlur,
    PlurHard,
    PlurHardZero,
    PlurVelar,
    PlurSib,
    PlurSoft,
    PlurJ,
    PlurIya,
    PlurA,
    PlurAZero,
    Indecl,
}

use Para::*;

/// One class: (class, nominative ending, [gen, dat, acc, ins, loc] endings).
type Row = (Para, &'static str, [&'static str; 5]);

/// The ending table.
#[rustfmt::skip]
const ROWS: &[Row] = &[
    (MascHard, "", ["а", "у", "~", "ом", "е"]),          // Трамп, Кабул, Ильич (stressed)
    (MascSib, "", ["а", "у", "~", "ем", "е"]),           // Сергеевич, Шольц, Абрамович
    (MascSibAny, "", ["а", "у", "~", "ем|ом", "е"]),     // Париж, Иртыш: place, stress unknown
    (MascEts, "ец", ["ца", "цу", "~", "цем|цом", "це"]), // Череповец, Юрьевец: place in -ец
    (MascJ, "й", ["я", "ю", "~", "ем", "е"]),            // Сергей, Китай, Гайдай
    (MascIj, "й", ["я", "ю", "~", "ем", "и"]),           // Дмитрий, Юрий
    (MascSoft, "ь", ["я", "ю", "~", "ем", "е"]),         // Игорь, Гоголь, Брюссель
    (MascSoftStr, "ь", ["я", "ю", "~", "ём", "е"]),      // Кремль, рубль, день
    (Put, "ь", ["и", "и", "=", "ём", "и"]),              // путь (irregular)
    (NounA, "а", ["ы", "е", "у", "ой", "е"]),            // Москва, Никита, Женева
    (NounAVelar, "а", ["и", "е", "у", "ой", "е"]),       // Арктика, Ольга, Глинка
    (NounASib, "а", ["и", "е", "у", "ей", "е"]),         // Саша, Наташа
    (NounASibAny, "а", ["и", "е", "у", "ей|ой", "е"]),   // Шуша, Могоча: place, stress unknown
    (NounACe, "а", ["ы", "е", "у", "ей", "е"]),          // улица, Куница
    (NounACeAny, "а", ["ы", "е", "у", "ей|ой", "е"]),    // Ницца, Тверца: place, stress unknown
    (NounYa, "я", ["и", "е", "ю", "ей", "е"]),           // Таня, Наталья, Корея
    (NounYaStr, "я", ["и", "е", "ю", "ёй", "е"]),        // Илья, земля, семья
    (NounIya, "я", ["и", "и", "ю", "ей", "и"]),          // Мария, Россия, Федерация
    (FemSoft, "ь", ["и", "и", "=", "ью", "и"]),          // Казань, область, Любовь
    (NeutO, "о", ["а", "у", "=", "ом", "е"]),            // Министерство, Иваново
    (NeutESoft, "е", ["я", "ю", "=", "ем", "е"]),        // море, Приморье
    (NeutESib, "е", ["а", "у", "=", "ем", "е"]),         // солнце, училище
    (NeutIe, "е", ["я", "ю", "=", "ем", "и"]),           // Движение, управление
    (AdjMasc, "ый", ["ого", "ому", "~", "ым", "ом"]),    // Белый, Навальный
    (AdjMascVelar, "ий", ["ого", "ому", "~", "им", "ом"]), // Исламский, Горький
    (AdjMascSoft, "ий", ["его", "ему", "~", "им", "ем"]),  // Нижний, Высший
    (AdjMascStr, "ой", ["ого", "ому", "~", "ым", "ом"]),   // Толстой, Молодой
    (AdjMascStrVelar, "ой", ["ого", "ому", "~", "им", "ом"]), // Донской, Большой
    (AdjFem, "ая", ["ой", "ой", "ую", "ой", "ой"]),      // Южная, Вольская
    (AdjFemSib, "ая", ["ей", "ей", "ую", "ей", "ей"]),   // Высшая, Горячая
    (AdjFemSoft, "яя", ["ей", "ей", "юю", "ей", "ей"]),  // Нижняя, Средняя
    (AdjNeut, "ое", ["ого", "ому", "=", "ым", "ом"]),    // Исламское, Чёрное
    (AdjNeutVelar, "ое", ["ого", "ому", "=", "им", "ом"]), // Арабское, Большое
    (AdjNeutSoft, "ее", ["его", "ему", "=", "им", "ем"]),  // Нижнее, Высшее
    (AdjPlur, "ые", ["ых", "ым", "~", "ыми", "ых"]),     // Соединённые, Вооружённые
    (AdjPlurSoft, "ие", ["их", "им", "~", "ими", "их"]), // Арабские, Нижние
    (PossMasc, "", ["а", "у", "~", "ым", "е"]),          // Песков, Путин, Мирзиёев
    (PossFem, "а", ["ой", "ой", "у", "ой", "ой"]),       // Захарова, Набиуллина
    (PossPlur, "ы", ["ых", "ым", "~", "ыми", "ых"]),     // Каймановы (острова), Маршалловы
    (PlurHard, "ы", ["ов", "ам", "~", "ами", "ах"]),     // Штаты, талибы, Нидерланды
    (PlurHardZero, "ы", ["", "ам", "~", "ами", "ах"]),   // Филиппины, Альпы, силы
    (PlurVelar, "и", ["ов", "ам", "~", "ами", "ах"]),    // боевики, Ессентуки, Химки*
    (PlurSib, "и", ["ей", "ам", "~", "ами", "ах"]),      // ножи, Мытищи*
    (PlurSoft, "и", ["ей", "ям", "~", "ями", "ях"]),     // власти, Новости
    (PlurJ, "и", ["ев", "ям", "~", "ями", "ях"]),        // Гималаи
    (PlurIya, "я", ["й", "ям", "~", "ями", "ях"]),       // Известия
    (PlurA, "а", ["ов", "ам", "~", "ами", "ах"]),        // острова
    (PlurAZero, "а", ["", "ам", "~", "ами", "ах"]),      // войска
    (Indecl, "", ["=", "=", "=", "=", "="]),             // Шойгу, Сочи, НАТО
];

/// Words whose stem loses a vowel outside the nominative: (key, oblique stem).
#[rustfmt::skip]
const FLEETING: &[(&str, &str)] = &[
    ("лев", "льв"), ("павел", "павл"), ("петр", "петр"), ("египет", "египт"),
    ("орел", "орл"), ("отец", "отц"), ("дворец", "дворц"), ("конец", "конц"),
    ("елец", "ельц"), ("купец", "купц"), ("певец", "певц"), ("борец", "борц"),
    ("образец", "образц"), ("торжок", "торжк"), ("поселок", "посёлк"),
    ("городок", "городк"), ("рынок", "рынк"), ("день", "дн"), ("огонь", "огн"),
    ("церковь", "церкв"), ("угол", "угл"), ("узел", "узл"), ("ковер", "ковр"),
    ("камень", "камн"), ("ветер", "ветр"), ("сон", "сн"), ("рот", "рт"),
    ("кусок", "куск"), ("замок", "замк"), ("потолок", "потолк"), ("песок", "песк"),
    ("каменец", "каменц"), ("уголь", "угл"),
];

/// Nouns stressed on the ending: instrumental `-ом`/`-ём` after a sibilant,
/// `ц` or soft sign.
#[rustfmt::skip]
const STRESSED: &[&str] = &[
    "ильич", "кузьмич", "лукич", "фомич", "врач", "нож", "рубеж", "этаж", "гараж",
    "ключ", "меч", "луч", "плащ", "мяч", "отец", "дворец", "конец", "елец", "купец",
    "певец", "борец", "образец", "кремль", "рубль", "царь", "король", "январь",
    "февраль", "корабль", "вождь", "дождь", "день", "огонь", "словарь", "секретарь",
    "календарь", "монастырь", "богатырь", "пузырь", "жонглер",
];

/// Feminine nouns in `-ь` that no suffix rule catches.
#[rustfmt::skip]
const FEM_SOFT: &[&str] = &[
    "казань", "рязань", "тверь", "пермь", "сибирь", "русь", "обь", "керчь",
    "астрахань", "тюмень", "кубань", "тамань", "сызрань", "любовь", "нинель",
    "рахиль", "юдифь", "эсфирь", "беларусь", "белорусь", "которосль", "адель", "цель", "модель", "мель", "постель",
    "дуэль", "шинель", "метель", "артель", "соль", "боль", "роль", "ель", "сирень",
    "тень", "осень", "сталь", "даль", "деталь", "медаль", "дверь", "пыль", "гавань",
    "дань", "ткань", "грань", "пристань", "лань", "мысль", "ось", "смесь", "рысь",
    "высь", "взвесь", "ладонь", "рань", "брань", "печаль", "фасоль", "мораль",
    "магистраль", "спираль", "вертикаль", "горизонталь", "параллель", "акварель",
    "мебель", "запчасть",
];

/// Masculine nouns in `-ь` (and cities) that a feminine suffix rule would catch,
/// plus masculine `-ь` names that are known not to be surnames.
#[rustfmt::skip]
const MASC_SOFT: &[&str] = &[
    "гость", "тесть", "князь", "путь", "зять", "медведь", "лебедь", "голубь",
    "гвоздь", "вождь", "дождь", "тайвань", "ухань", "пномпень", "тяньцзинь",
    "шэньчжэнь", "брюссель", "марсель", "ливерпуль", "ярославль", "гомель",
    "куршевель", "кремль", "день", "огонь", "январь", "февраль", "рубль", "царь",
    "король", "корабль", "секретарь", "словарь", "монастырь", "рояль", "портфель",
    "костыль", "дизель", "отель", "апрель", "июль", "картофель", "ансамбль",
    "камень", "корень", "олень", "ремень", "пень", "конь", "мартель", "вавель",
    "севастополь", "мариуполь", "ставрополь", "симферополь", "мелитополь",
    "тирасполь",
];

/// Nouns in `-ой` (not adjectives).
#[rustfmt::skip]
const NOUN_OJ: &[&str] = &[
    "бой", "строй", "слой", "рой", "герой", "конвой", "покой", "зной", "уренгой",
    "изгой", "разбой", "прибой", "запой", "отбой", "гной", "хой", "ной", "постой",
    "застой", "устой", "настой", "мой", "твой", "свой", "ханой",
];

/// Nouns in `-кий`/`-ний` that look like adjectives.
const NOUN_IJ: &[&str] = &["маврикий", "аверкий", "евстихий", "кирьякий"];

/// Neuter nouns in `-ие` after a velar or sibilant (not plural adjectives).
const NOUN_IE: &[&str] = &["оружие", "величие", "приличие", "безразличие", "наречие"];

/// Neuter nouns in `-о` that decline even when capitalized.
#[rustfmt::skip]
const NEUTER_O: &[&str] = &[
    "село", "озеро", "окно", "дело", "слово", "право", "место", "небо", "лето",
    "тело", "золото", "серебро", "пиво", "вино", "мясо", "молоко", "облако",
    "колесо", "зеркало", "правило", "начало", "дно", "ядро", "гнездо", "бедро",
    "добро", "зло", "стекло", "кольцо", "письмо", "войско", "яблоко",
];

/// Nouns in `-о` that never decline (foreign words and loanwords).
#[rustfmt::skip]
const INDECL_O: &[&str] = &[
    "бюро", "кино", "метро", "радио", "депо", "казино", "пальто", "табло", "ранчо",
    "какао", "кредо", "эго", "лото", "трио", "евро", "авто", "фото", "видео", "соло",
    "танго", "манго", "гетто", "марино", "торино", "альбино", "латино", "домино",
    "сомбреро", "эскимо", "мачо", "бинго", "крипто", "порто", "джо",
];

/// Soft neuter nouns in `-е` that decline (`море → моря`).
const NEUTER_E: &[&str] = &["море", "поле", "горе"];

/// Nouns in `-я` stressed on the ending (instrumental `-ёй`).
#[rustfmt::skip]
const STRESSED_YA: &[&str] = &[
    "илья", "земля", "семья", "статья", "струя", "свинья", "судья", "ладья",
    "скамья", "колея", "кисея", "полынья",
];

/// Feminine adjectives after a sibilant that are stressed (`-ой`, not `-ей`).
const STRESSED_SIB_ADJ: &[&str] = &["большая", "чужая"];

/// Plurals whose genitive has no ending (`Филиппины → Филиппин`).
#[rustfmt::skip]
const PLURAL_ZERO: &[&str] = &[
    "филиппины", "афины", "мальдивы", "багамы", "альпы", "карпаты", "канары",
    "сейшелы", "бермуды", "курилы", "силы", "чебоксары", "черкассы", "анды", "фивы",
    "войска", "дела", "сумы", "ворота", "игры", "горы", "ведомости", "коморы",
];

/// Irregular forms: (key, case index as in [`super::Case::ALL`], form).
#[rustfmt::skip]
const IRREGULAR: &[(&str, usize, &str)] = &[
    ("химки", 1, "химок"),        // Химки: genitive plural with a fleeting vowel
    ("мытищи", 1, "мытищ"),       // Мытищи: zero genitive plural
    ("люберцы", 1, "люберец"),    // Люберцы: fleeting vowel
    ("луки", 1, "лук"),           // Великие Луки
    ("дороги", 1, "дорог"),       // Российские железные дороги
    ("новости", 1, "новостей"),   // РИА Новости
    ("сумы", 1, "сум"),           // Сумы
    ("люди", 1, "людей"),         // Новые люди
    ("люди", 4, "людьми"),        // Новые люди: instrumental
];

/// Compound names that keep a genitive ending and never decline.
#[rustfmt::skip]
pub(crate) const INDECL_COMPOUNDS: &[&str] = &[
    "минобороны", "минобрнауки", "минэкономразвития", "минприроды", "минпросвещения",
    "минтруда", "минкультуры", "минэнерго", "минцифры", "минвостокразвития",
    "минспорта", "алматы", "караганды", "гурбангулы",
];

/// ALL-CAPS abbreviations read as words, which decline by convention with a
/// lower-case ending (`МИДа`, `ЗАГСе`).
#[rustfmt::skip]
pub(crate) const DECLINABLE_ABBR: &[&str] = &[
    "мид", "загс", "гум", "цум", "тюз", "омон", "мхат", "бам", "вуз",
];

/// Nouns in `-и` that are plural names even without a plural hint.
#[rustfmt::skip]
pub(crate) const PLURAL_I: &[&str] = &[
    "химки", "мытищи", "луки", "гималаи", "ессентуки", "новости", "власти",
    "войска", "острова", "люди", "сумы", "известия", "ведомости",
];

/// Masculine nouns in `-а`/`-я` (adjectives agree in the masculine).
const MASC_A: &[&str] = &["папа", "глава", "судья", "мужчина", "дедушка", "дядя"];

/// True when `key` is in `list`.
pub(crate) fn listed(list: &[&str], key: &str) -> bool {
    list.contains(&key)
}

/// The `n`-th character from the end (`0` is the last).
pub(crate) fn back(key: &str, n: usize) -> Option<char> {
    key.chars().rev().nth(n)
}

/// A Russian vowel letter.
pub(crate) fn is_vowel(c: char) -> bool {
    "аеёиоуыэюя".contains(c)
}

/// A Russian consonant letter (not `й`, `ь`, `ъ`).
pub(crate) fn is_consonant(c: char) -> bool {
    ('а'..='я').contains(&c) && !is_vowel(c) && !"йьъ".contains(c)
}

/// `г`, `к`, `х`.
fn is_velar(c: char) -> bool {
    "гкх".contains(c)
}

/// `ж`, `ш`, `ч`, `щ`.
fn is_sib(c: char) -> bool {
    "жшчщ".contains(c)
}

/// True when `key` ends with any of `ends`.
pub(crate) fn ends_any(key: &str, ends: &[&str]) -> bool {
    ends.iter().any(|e| key.ends_with(e))
}

/// The row of a class.
fn row(para: Para) -> &'static Row {
    ROWS.iter().find(|r| r.0 == para).unwrap_or(&ROWS[ROWS.len() - 1])
}

/// Forms of one word per case (index as in [`super::Case::ALL`]), lower-case,
/// each with its spelling variants (`ё` ending first, then `е`).
pub(crate) fn forms(lower: &str, para: Para, animate: bool) -> [Vec<String>; 6] {
    let (_, nom_end, ends) = row(para);
    let key = super::key_of(lower);
    let n = lower.chars().count().saturating_sub(nom_end.chars().count());
    let stem: String = lower.chars().take(n).collect();
    let oblique =
        fleeting_para(para).then(|| fleeting(&key, lower)).flatten().unwrap_or_else(|| stem.clone());
    let mut out: [Vec<String>; 6] = Default::default();
    out[0] = vec![lower.to_string()];
    for (i, end) in ends.iter().enumerate() {
        out[i + 1] = match *end {
            "=" => out[0].clone(),
            "~" if animate => out[1].clone(),
            "~" => out[0].clone(),
            _ if irregular(&key, i + 1).is_some() => {
                vec![irregular(&key, i + 1).unwrap_or_default()]
            }
            _ if i == 3 && para == FemSoft => with_yo(&stem, end),
            _ => with_yo(&oblique, end),
        };
    }
    out
}

/// `stem + end` for each alternative of `end` (`ем|ом`), each followed by
/// its `е` spelling when the ending has `ё`.
fn with_yo(stem: &str, end: &str) -> Vec<String> {
    let mut out = Vec::new();
    for alt in end.split('|') {
        out.push(format!("{stem}{alt}"));
        if alt.contains('ё') {
            out.push(format!("{stem}{}", alt.replace('ё', "е")));
        }
    }
    out
}

/// The oblique stem of a word with a fleeting vowel, spelled like the input.
/// Also matches compounds ending in a listed word (`Академгородок`).
fn fleeting(key: &str, lower: &str) -> Option<String> {
    let (k, stem) = FLEETING.iter().find(|(k, _)| suffix_match(k, key, 5))?;
    let head: String = lower.chars().take(lower.chars().count() - k.chars().count()).collect();
    if lower.contains('ё') {
        Some(format!("{head}{stem}"))
    } else {
        Some(format!("{head}{}", stem.replace('ё', "е")))
    }
}

/// `key` is `word`, or ends with it when `word` has at least `min` letters.
fn suffix_match(word: &str, key: &str, min: usize) -> bool {
    key == word || (key.ends_with(word) && word.chars().count() >= min)
}

/// `key` is in `list`, or is a compound ending in an entry of `min` letters.
fn listed_suffix(list: &[&str], key: &str, min: usize) -> bool {
    list.iter().any(|w| suffix_match(w, key, min))
}

/// The irregular form of `key` in case `ci`, if listed.
fn irregular(key: &str, ci: usize) -> Option<String> {
    IRREGULAR.iter().find(|(k, c, _)| *k == key && *c == ci).map(|(_, _, f)| f.to_string())
}

/// Classes whose stem may lose a fleeting vowel.
fn fleeting_para(para: Para) -> bool {
    matches!(para, MascHard | MascSib | MascSibAny | MascSoft | MascSoftStr | FemSoft)
}

/// True for the plural classes.
pub(crate) fn is_plural(para: Para) -> bool {
    matches!(
        para,
        PlurHard | PlurHardZero | PlurVelar | PlurSib | PlurSoft | PlurJ | PlurIya | PlurA | PlurAZero
    ) || matches!(para, AdjPlur | AdjPlurSoft | PossPlur)
}

/// The gender (or `None` for plural) an adjective class agrees with.
pub(crate) fn adj_gender(para: Para) -> Option<Gender> {
    match para {
        AdjMasc | AdjMascVelar | AdjMascSoft | AdjMascStr | AdjMascStrVelar => Some(Gender::Masc),
        AdjFem | AdjFemSib | AdjFemSoft => Some(Gender::Fem),
        AdjNeut | AdjNeutVelar | AdjNeutSoft => Some(Gender::Neut),
        _ => None,
    }
}

/// The gender of a noun for agreement: its class, or a listed masculine `-а`.
pub(crate) fn agreement_gender(key: &str, para: Para) -> Option<Gender> {
    if listed(MASC_A, key) {
        Some(Gender::Masc)
    } else {
        noun_gender(para)
    }
}

/// The gender of a singular noun class (`None` for plural and indeclinable).
fn noun_gender(para: Para) -> Option<Gender> {
    match para {
        MascHard | MascSib | MascJ | MascIj | MascSoft | MascSoftStr | Put => Some(Gender::Masc),
        NounA | NounAVelar | NounASib | NounACe | NounYa | NounYaStr | NounIya | FemSoft => Some(Gender::Fem),
        NeutO | NeutESoft | NeutESib | NeutIe => Some(Gender::Neut),
        _ => None,
    }
}

/// The adjective class of `key`, if it is a full adjective in the nominative.
pub(crate) fn adj_para(key: &str) -> Option<Para> {
    // A plural possessive adjective (`Каймановы острова`); the phrase rules
    // take it as one only before a noun (`Филиппины` alone is a noun).
    if key.chars().count() >= 6 && ["овы", "евы", "ёвы", "ины", "ыны"].iter().any(|e| key.ends_with(e))
    {
        return Some(PossPlur);
    }
    let c = back(key, 2).filter(|&c| is_consonant(c))?;
    if key.chars().count() < 4 || !key.chars().rev().skip(2).any(is_vowel) {
        return None;
    }
    let tail = key.char_indices().rev().nth(1).map_or("", |(i, _)| &key[i..]);
    match tail {
        "ый" => Some(AdjMasc),
        "ий" => adj_ij(key, c),
        "ой" => adj_oj(key, c),
        "ая" => Some(adj_aja(key, c)),
        "яя" => Some(AdjFemSoft),
        "ое" if is_velar(c) || is_sib(c) => Some(AdjNeutVelar),
        "ое" => Some(AdjNeut),
        "ее" => (c == 'н' || is_sib(c)).then_some(AdjNeutSoft),
        "ые" => Some(AdjPlur),
        "ие" => adj_ie(key, c),
        _ => None,
    }
}

/// Masculine adjective in `-ий`: velar stem, sibilant stem or soft `-ний`.
fn adj_ij(key: &str, c: char) -> Option<Para> {
    if listed(NOUN_IJ, key) {
        None
    } else if is_velar(c) {
        Some(AdjMascVelar)
    } else if is_sib(c) || soft_n(key, c) {
        Some(AdjMascSoft)
    } else {
        None
    }
}

/// Masculine adjective in stressed `-ой` (`Толстой`, `Донской`).
fn adj_oj(key: &str, c: char) -> Option<Para> {
    if listed(NOUN_OJ, key) {
        None
    } else if is_velar(c) || is_sib(c) {
        Some(AdjMascStrVelar)
    } else {
        Some(AdjMascStr)
    }
}

/// Feminine adjective in `-ая`.
fn adj_aja(key: &str, c: char) -> Para {
    if is_sib(c) && !listed(STRESSED_SIB_ADJ, key) {
        AdjFemSib
    } else {
        AdjFem
    }
}

/// Plural adjective in `-ие` (not a neuter noun such as `Движение`).
fn adj_ie(key: &str, c: char) -> Option<Para> {
    let adj = ((is_velar(c) || is_sib(c)) && !listed(NOUN_IE, key)) || soft_n(key, c);
    adj.then_some(AdjPlurSoft)
}

/// A soft adjective stem in `-н` (`нижн-`, `древн-`, `син-`), not a noun in
/// `-ение`/`-ание`/`-ений`.
fn soft_n(key: &str, c: char) -> bool {
    c == 'н' && (back(key, 3).is_some_and(|p| !is_vowel(p)) || key.starts_with("син"))
}

/// Context for choosing a common noun's class.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NounCtx {
    /// Gender from an agreeing adjective or a hint.
    pub gender: Option<Gender>,
    /// Capitalized (a proper name).
    pub proper: bool,
    /// Plural name.
    pub plural: bool,
    /// A place name (entity kind `LOC`).
    pub place: bool,
}

/// The class of a common noun or place name.
pub(crate) fn noun_para(key: &str, ctx: NounCtx) -> Para {
    if listed(INDECL_COMPOUNDS, key) {
        return Indecl;
    }
    if ctx.plural {
        return plural_para(key, ctx);
    }
    match back(key, 0) {
        Some('й') => j_para(key),
        Some('ь') => soft_para(key, ctx),
        Some('а' | 'я') if ctx.proper => stress_unknown(a_para(key)),
        Some('а' | 'я') => a_para(key),
        Some('о') if neuter_o_declines(key, ctx.proper) => NeutO,
        Some('е') => e_para(key),
        Some('ы') => plural_para(key, ctx),
        Some(_) if ctx.proper && place_in_ets(key) => MascEts,
        Some(c) if is_consonant(c) && ctx.proper => stress_unknown(consonant_para(key)),
        Some(c) if is_consonant(c) => consonant_para(key),
        _ => Indecl,
    }
}

/// A proper name's stress is unknown: after a sibilant or `ц` both
/// instrumental endings are produced (`Парижем`, `Иртышом`; `Ниццей`, `Тверцой`).
fn stress_unknown(para: Para) -> Para {
    match para {
        MascSib => MascSibAny,
        NounASib => NounASibAny,
        NounACe => NounACeAny,
        p => p,
    }
}

/// A place name in `-ой` used without a noun (`Джанкой`, `Шатой`) is a noun,
/// unless it has a typical adjective suffix (`Донской`, `Лесной`).
pub(crate) fn oj_place_noun(key: &str) -> bool {
    const ADJ: &[&str] = &["ской", "цкой", "ной", "вой", "шой", "жой"];
    key.ends_with("ой") && !ends_any(key, ADJ)
}

/// A place name in consonant + `-ец` (`Череповец`), which loses the `е`.
fn place_in_ets(key: &str) -> bool {
    key.ends_with("ец")
        && back(key, 2).is_some_and(is_consonant)
        && key.chars().count() >= 5
        && fleeting(key, key).is_none()
}

/// Hard-consonant masculine: sibilants and `ц` take `-ем` unless stressed.
pub(crate) fn consonant_para(key: &str) -> Para {
    let sib = back(key, 0).is_some_and(|c| is_sib(c) || c == 'ц');
    if sib && !listed_suffix(STRESSED, key, 6) {
        MascSib
    } else {
        MascHard
    }
}

/// Masculine in `-й`.
pub(crate) fn j_para(key: &str) -> Para {
    match back(key, 1) {
        Some('и') => MascIj,
        Some(c) if is_vowel(c) => MascJ,
        _ => Indecl,
    }
}

/// A noun in `-ь`: feminine third declension or soft masculine.
fn soft_para(key: &str, ctx: NounCtx) -> Para {
    let fem = match ctx.gender {
        Some(g) => g == Gender::Fem,
        None => is_fem_soft(key) || (ctx.proper && place_in_n(key)),
    };
    if key == "путь" {
        Put
    } else if fem {
        FemSoft
    } else if listed(STRESSED, key) {
        MascSoftStr
    } else {
        MascSoft
    }
}

/// A place name in `-нь` (`Мезень`, `Волынь`), feminine unless listed or
/// Chinese (`Тайвань`, `Хайнань`, `Тяньцзинь`).
fn place_in_n(key: &str) -> bool {
    key.ends_with("нь") && !listed(MASC_SOFT, key) && !chinese(key)
}

/// Chinese place names in `-нь` are masculine (`Хайнань`, `Чанчунь`).
fn chinese(key: &str) -> bool {
    const CHINESE: &[&str] = &["шань", "нань", "ьань", "инь", "энь", "чунь", "мынь"];
    ends_any(key, CHINESE)
}

/// Feminine gender of a noun in `-ь`, from lists and suffixes.
fn is_fem_soft(key: &str) -> bool {
    if listed(FEM_SOFT, key) {
        return true;
    }
    let mut long_fem = FEM_SOFT.iter().filter(|w| w.chars().count() >= 5);
    if long_fem.any(|w| key.ends_with(w)) {
        return true; // compounds: Северсталь, Супермодель
    }
    if listed(MASC_SOFT, key) || key.ends_with("поль") || chinese(key) {
        return false;
    }
    const FEM_ENDS: &[&str] =
        &["сть", "зь", "жь", "шь", "чь", "щь", "знь", "снь", "вь", "ть", "дь", "мь", "бь", "пь", "ань"];
    ends_any(key, FEM_ENDS)
}

/// True when a `-ь` word is a known common noun or place (not a surname).
pub(crate) fn known_soft(key: &str) -> bool {
    listed(FEM_SOFT, key)
        || listed(MASC_SOFT, key)
        || listed(STRESSED, key)
        || key.ends_with("поль")
        || key.ends_with("ость")
}

/// A noun in `-а`/`-я` (both genders decline alike).
pub(crate) fn a_para(key: &str) -> Para {
    let last = back(key, 0);
    let prev = back(key, 1).unwrap_or(' ');
    match last {
        Some('а') if is_vowel(prev) => Indecl,
        Some('а') if is_velar(prev) => NounAVelar,
        Some('а') if is_sib(prev) => NounASib,
        Some('а') if prev == 'ц' => NounACe,
        Some('а') => NounA,
        Some('я') if prev == 'и' => NounIya,
        Some('я') if listed(STRESSED_YA, key) => NounYaStr,
        Some('я') => NounYa,
        _ => Indecl,
    }
}

/// A neuter in `-е`; foreign words in `-е` (`Гёте`, `Кале`) do not decline.
fn e_para(key: &str) -> Para {
    match back(key, 1) {
        Some('и') => NeutIe,
        Some('ь') => NeutESoft,
        Some(c) if is_sib(c) || c == 'ц' => NeutESib,
        _ if listed_suffix(NEUTER_E, key, 4) => NeutESoft,
        _ => Indecl,
    }
}

/// Whether a noun in `-о` declines: Russian suffixes and listed nouns do,
/// capitalized foreign names (`Монако`, `Осло`) and loanwords do not.
fn neuter_o_declines(key: &str, proper: bool) -> bool {
    const SUFFIXES: &[&str] = &["ство", "ово", "ево", "ино", "ыно"];
    if listed(INDECL_O, key) || key.chars().count() < 3 {
        return false;
    }
    if ends_any(key, SUFFIXES) || listed_suffix(NEUTER_O, key, 4) {
        return true;
    }
    !proper && back(key, 1).is_some_and(is_consonant)
}

/// A plural place name in `-ины` (`Филиппины`, `Хибины`, `Гренадины`), whose
/// genitive has no ending, like the feminine nouns in `-ина` it comes from.
fn place_in_iny(key: &str, ctx: NounCtx) -> bool {
    ctx.place && ctx.proper && key.ends_with("ины") && key.chars().count() >= 5
}

/// The class of a plural noun.
fn plural_para(key: &str, ctx: NounCtx) -> Para {
    let zero = listed(PLURAL_ZERO, key) || place_in_iny(key, ctx);
    let prev = back(key, 1).unwrap_or(' ');
    match back(key, 0) {
        Some('ы') if zero => PlurHardZero,
        Some('ы') => PlurHard,
        Some('и') if is_vowel(prev) => PlurJ,
        Some('и') if is_velar(prev) => PlurVelar,
        Some('и') if is_sib(prev) => PlurSib,
        Some('и') => PlurSoft,
        Some('а') if zero => PlurAZero,
        Some('а') => PlurA,
        Some('я') if prev == 'и' => PlurIya,
        _ => Indecl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_a_row() {
        for r in ROWS {
            assert_eq!(row(r.0).0, r.0);
        }
        assert_eq!(row(Indecl).0, Indecl);
    }

    #[test]
    fn lists_have_no_duplicates() {
        let lists = [FEM_SOFT, MASC_SOFT, STRESSED, NOUN_OJ, NEUTER_O, INDECL_O, PLURAL_ZERO];
        for list in lists {
            let set: std::collections::HashSet<_> = list.iter().collect();
            assert_eq!(set.len(), list.len(), "{list:?}");
        }
    }

    #[test]
    fn lists_use_e_not_yo() {
        let lists = [FEM_SOFT, MASC_SOFT, STRESSED, NOUN_OJ, NEUTER_O, INDECL_O];
        for list in lists {
            assert!(list.iter().all(|w| !w.contains('ё')), "{list:?}");
        }
        assert!(FLEETING.iter().all(|(k, _)| !k.contains('ё')));
    }
}
