//! Russian case forms for gazetteer names.
//!
//! Users list every Russian name once, in the nominative; [`decline`] generates
//! every case form of it (singular, or plural for plural names) so the index can
//! match `о Путине`, `Марии Захаровой`, `в Нижнем Новгороде` exactly. The module
//! is rule based: ending tables per declension class (`paradigms.rs`), rules
//! for first names, patronymics and surnames (`names.rs`) and agreement inside
//! multi-word names (`phrase.rs`). It has no dependencies beyond `std`.
//!
//! # Choices
//!
//! * **Output.** The nominative comes first, then genitive, dative, accusative,
//!   instrumental, prepositional ([`Case::ALL`]). A text is kept once, with the
//!   first (case, number) that produced it, so the accusative of `Путин` is
//!   reported as genitive. Empty or blank input gives no forms.
//! * **Number.** Singular names produce singular forms only; plural names
//!   (`талибы`, `Соединённые Штаты`, [`Hints::plural`]) produce plural forms.
//! * **`ё`.** Input is kept as written (`Бобылёв → Бобылёва`), and `ё` written
//!   as `е` is recognised too (`Петр → Петра`). An ending that has `ё` of its
//!   own (`Кремлём`, `Ильёй`) is emitted twice: with `ё`, then with `е`.
//! * **Capitalization** is copied letter by letter from the input word; new
//!   letters are upper-case only when the input word was ALL-CAPS.
//! * **Abbreviations.** An ALL-CAPS word (`НАТО`, `ТАСС`, `КНР`, `ХАМАС`) is
//!   kept unchanged by default. A short list of abbreviations read as words
//!   declines by convention with a lower-case ending (`МИД → МИДа, МИДом`;
//!   also `ЗАГС`, `ГУМ`, `ЦУМ`, `ТЮЗ`, `ОМОН`, `МХАТ`, `БАМ`, `ВУЗ`). ALL-CAPS
//!   words are declined as words only in a person's name or in a "shouted"
//!   phrase, one holding an ALL-CAPS adjective of five letters or more
//!   (`ИСЛАМСКИЙ ЭМИРАТ → ИСЛАМСКОГО ЭМИРАТА`).
//! * **Unknown stress.** After a sibilant or `ц` the instrumental ending
//!   depends on stress (`Парижем` but `Иртышом`, `Ниццей` but `Тверцой`).
//!   Person names use the unstressed ending (`Сергеевичем`, `Сашей`; a short
//!   list such as `Ильич → Ильичом` is stressed); capitalized place and
//!   organization names get both endings, since a form that never occurs in
//!   text costs nothing in an exact-match index. Place names in consonant +
//!   `-ец` drop the `е` (`Череповец → Череповца`).
//! * **Unknown words.** Latin, digits, punctuation and foreign vowel-final
//!   words (`Шойгу`, `Сочи`) are kept unchanged.
//! * **Words of a person's name.** Listed first names decline as first names
//!   (`Константин → Константином`, not a surname in `-ин`); an unknown first
//!   word followed by a surname is taken as a first name (`Янина Иванова →
//!   Янины Ивановой`); a listed first name of the other gender is a surname
//!   (`Чарльз Тейлор`); `фон`, `бин`, `Ле` and the like stay unchanged.
//! * **Bare surname without gender.** `Песков` declines as masculine,
//!   `Захарова` as feminine (the ending says it). A hard-consonant surname
//!   (`Трамп`) is declined as masculine. A surname in `-ь` (`Меркель`, `Гоголь`)
//!   gets the nominative only unless [`Hints::gender`] is `Masc`: the two readings
//!   are equally common and a wrong `Меркеля` would be an index error.
//! * **Unknown kind** ([`Hints::kind`] `None`): a phrase with a known first name
//!   or a patronymic is a person; a single capitalized word with a surname
//!   suffix (`Песков`, `Ростов`) gets person forms and common-noun forms both;
//!   a single capitalized unknown word in `-ь` is treated as a surname
//!   (nominative only); everything else follows common-noun rules.
//! * **Hyphenated words.** In a common name only the last part declines
//!   (`Нур-Султана`, `Санкт-Петербурга`, `Альфа-Лизинга`, `Ханты-Мансийского`),
//!   except `X-на-Y` (`Ростова-на-Дону`: only the first part), noun plus
//!   adjective (`Петропавловска-Камчатского`: both) and `-ово`/`-ино` pairs
//!   (`Орехова-Зуева`, plus the colloquial `Орехово-Зуева`). In a person's name the last part declines, and an
//!   earlier part too when it is a surname (`Римского-Корсакова`) or a feminine
//!   first name in `-а`/`-я`; so `Касым-Жомарт → Касым-Жомарта`,
//!   `Жан-Клод → Жан-Клода`, `Франк-Вальтер → Франк-Вальтера`, as Russian
//!   usage has it.
//! * **Elided articles.** A word part that starts with one letter and an
//!   apostrophe (`'`, `’`) declines after it and keeps it: `Кот-д'Ивуар →
//!   Кот-д'Ивуара`, `О'Нил → О'Нила` (a woman's `д'Арк` stays, as any
//!   feminine consonant surname).
//! * **Compounds** follow their last word when it is a listed noun
//!   (`Северсталь → Северстали`, `Академгородок → Академгородка`,
//!   `Водлозеро → Водлозере`); a lone capitalized word in `-ой` without a
//!   typical adjective suffix is a noun (`Ханой → Ханоя`, `Джанкой`), while
//!   `Донской`, `Грозный` decline as adjectives.
//! * **Place names in `-ово`, `-ево`, `-ино`** (`Иваново`, `Косово`,
//!   `Шереметьево`, `Бородино`) decline as the literary norm prescribes
//!   (`в Иванове`, `в Косове`); the indeclinable newspaper usage (`в Косово`)
//!   is covered because its text is the nominative, which is always produced.
//! * **Multi-word common names.** The leading adjectives and the first noun
//!   after them decline in agreement; everything after that noun is a fixed
//!   complement (`Министерства иностранных дел`, `Банка России`, `Исламского
//!   Эмирата Афганистан`), except a group joined by `и` (`Боснии и Герцеговины`,
//!   `Сент-Винсента и Гренадин`), a single agreeing adjective at the very end
//!   (`Ростова Великого`), and a group after a dash that ends the name when
//!   the one word before the dash does not decline (`Папуа — Новой Гвинеи`,
//!   `ХМАО — Югры`). When the part before the dash declines, the part after
//!   it stays (`Кемеровской области — Кузбасс`).
//! * **Plural place names in `-ины`** (`Филиппины`, `Хибины`, `Гренадины`)
//!   have a genitive without ending (`Гренадин`), like the feminine nouns in
//!   `-ина` they come from; other plurals need a listed zero genitive
//!   (`Альпы → Альп`, `Коморы → Комор`) and otherwise take `-ов`.

mod names;
mod paradigms;
mod phrase;
#[cfg(test)]
mod tests;

/// Grammatical case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Case {
    /// Nominative (`Москва`).
    Nom,
    /// Genitive (`Москвы`).
    Gen,
    /// Dative (`Москве`).
    Dat,
    /// Accusative (`Москву`).
    Acc,
    /// Instrumental (`Москвой`).
    Ins,
    /// Prepositional (`о Москве`).
    Loc,
}

impl Case {
    /// The case's English name (`"genitive"`).
    pub fn name(self) -> &'static str {
        match self {
            Case::Nom => "nominative",
            Case::Gen => "genitive",
            Case::Dat => "dative",
            Case::Acc => "accusative",
            Case::Ins => "instrumental",
            Case::Loc => "prepositional",
        }
    }

    /// All cases, in the order [`decline`] emits them.
    pub const ALL: [Case; 6] = [Case::Nom, Case::Gen, Case::Dat, Case::Acc, Case::Ins, Case::Loc];
}

/// Grammatical number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Number {
    /// Singular.
    Sing,
    /// Plural.
    Plur,
}

/// Grammatical gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Masculine.
    Masc,
    /// Feminine.
    Fem,
    /// Neuter.
    Neut,
}

/// What kind of entity the phrase names; changes which rules apply
/// (a person's surname vs. a common noun in a place or organization name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// A person (`PER`): first names, patronymics, surnames; animate.
    Person,
    /// A place (`LOC`): common-noun rules, inanimate.
    Place,
    /// An organization (`ORG`): common-noun rules, inanimate.
    Organization,
    /// Anything else: common-noun rules, inanimate.
    Other,
}

impl NameKind {
    /// The kind for a gazetteer entity type: `PER`, `LOC`, `ORG`, other.
    pub fn of_type(entity_type: &str) -> NameKind {
        match entity_type {
            "PER" => NameKind::Person,
            "LOC" => NameKind::Place,
            "ORG" => NameKind::Organization,
            _ => NameKind::Other,
        }
    }
}

/// What the gazetteer knows about a name besides its text.
#[derive(Clone, Debug, Default)]
pub struct Hints {
    /// Entity kind, from the entity type PER/LOC/ORG; `None` means "guess".
    pub kind: Option<NameKind>,
    /// Gender override from the CSV; inferred from the name when `None`.
    pub gender: Option<Gender>,
    /// The alias itself is a plural noun (`талибы`).
    pub plural: bool,
    /// Never inflect: only the nominative is produced.
    pub indeclinable: bool,
}

/// One generated form of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The form, capitalized like the input.
    pub text: String,
    /// The first case that produced this text.
    pub case: Case,
    /// The number of the form.
    pub number: Number,
}

/// Every case form of `phrase` (a Russian name in the nominative, as written in a
/// gazetteer, original capitalization kept in the output). Includes the nominative
/// itself. Deduplicated (keep the first (case, number) that produced a text).
/// Never panics on any input (Latin, digits, punctuation, empty): words it
/// does not know how to decline are kept unchanged.
pub fn decline(phrase: &str, hints: &Hints) -> Vec<Form> {
    forms(phrase, hints, |out, form| !out.iter().any(|f| f.text == form.text))
}

/// Like [`decline`], but keeping every (case, number) a text serves
/// (`Захаровой` as genitive, dative, instrumental and prepositional), for
/// explaining a match.
pub fn decline_all(phrase: &str, hints: &Hints) -> Vec<Form> {
    forms(phrase, hints, |out, form| !out.contains(form))
}

/// Every form of every plan, in order, that `keep` accepts given the
/// forms kept before it (a few dozen at most: scanned, not hashed).
fn forms(phrase: &str, hints: &Hints, keep: impl Fn(&[Form], &Form) -> bool) -> Vec<Form> {
    let toks = phrase::tokenize(phrase);
    if toks.is_empty() {
        return Vec::new();
    }
    let plans = if hints.indeclinable {
        vec![phrase::fixed_plan(&toks, hints.plural)]
    } else {
        phrase::plans(&toks, hints)
    };
    let mut out = Vec::new();
    for plan in &plans {
        for (ci, &case) in Case::ALL.iter().enumerate() {
            for text in phrase::texts(&toks, &plan.cells, ci) {
                let form = Form { text, case, number: plan.number };
                if keep(&out, &form) {
                    out.push(form);
                }
            }
        }
    }
    out
}

/// The gender a person's name implies, from first name, patronymic or surname ending.
pub fn infer_gender(phrase: &str) -> Option<Gender> {
    let keys: Vec<String> = phrase::tokenize(phrase)
        .iter()
        .filter(|t| t.is_word())
        .flat_map(|t| t.key.split('-').map(str::to_string).collect::<Vec<_>>())
        .collect();
    names::gender_of(&keys)
}

/// Adds the forms of one plan to `out`, skipping texts already seen.
/// Copies the capitalization of `template` onto `lower`, letter by letter;
/// letters past the end of the template are upper-case only if the template
/// is ALL-CAPS.
fn recase(template: &str, lower: &str) -> String {
    let t: Vec<bool> = template.chars().map(crate::tokenize::is_uppercase).collect();
    let all_caps = t.len() > 1 && t.iter().all(|&u| u);
    let mut out = String::with_capacity(lower.len());
    for (i, c) in lower.chars().enumerate() {
        if t.get(i).copied().unwrap_or(all_caps) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Lower-case form with `ё` written as `е`: the key for word lists.
fn key_of(lower: &str) -> String {
    lower.replace('ё', "е")
}
