//! The optional columns that refine an alias or an entity, and how their
//! values are spelled in CSV files. Every value is documented in the README's
//! gazetteer section; an unknown value is an error naming the accepted ones.

/// Language of an alias (column `lang`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Russian: case forms and Latin spellings are derived.
    Ru,
    /// English (or any Latin-script name): Cyrillic spellings of
    /// Russian-origin names may be derived.
    En,
    /// Anything else: matched as written (after normalization) only.
    Other,
}

impl Lang {
    /// The language an unmarked alias is taken to be in, from its letters:
    /// any Cyrillic letter makes it Russian, any Latin letter English.
    pub fn detect(text: &str) -> Lang {
        if text.chars().any(is_cyrillic) {
            Lang::Ru
        } else if text.chars().any(|c| c.is_alphabetic() && is_latin(c)) {
            Lang::En
        } else {
            Lang::Other
        }
    }

    pub(crate) fn parse(value: &str) -> Result<Option<Lang>, String> {
        match value {
            "" | "auto" => Ok(None),
            "ru" => Ok(Some(Lang::Ru)),
            "en" => Ok(Some(Lang::En)),
            v if v.len() <= 3 && v.chars().all(|c| c.is_ascii_lowercase()) => Ok(Some(Lang::Other)),
            v => Err(format!(
                "`{v}` is not a language code (use ru, en, another ISO 639 code, or leave empty)"
            )),
        }
    }
}

/// True for letters of the Cyrillic blocks.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

/// True for letters of the Latin blocks.
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{FF21}'..='\u{FF5A}')
}

/// How the letter case of a text must look for an alias to match (column `case`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseRule {
    /// The engine decides: `Title` when a form of the alias is also a common
    /// lowercase word (`Путина`/`путина`), `Any` otherwise.
    Auto,
    /// Any letter case matches (`талибы`, `#песков`).
    Any,
    /// The text must start with a capital or be all capitals
    /// (`Путина`, `ПУТИНА`, not `путина`).
    Title,
    /// The text's letters must have the case they have in the alias
    /// (`US` but not `us`).
    Exact,
}

impl CaseRule {
    pub(crate) fn parse(value: &str) -> Result<CaseRule, String> {
        match value {
            "" | "auto" => Ok(CaseRule::Auto),
            "any" => Ok(CaseRule::Any),
            "title" => Ok(CaseRule::Title),
            "exact" => Ok(CaseRule::Exact),
            v => Err(format!("`{v}` is not a case rule (use auto, any, title or exact)")),
        }
    }
}

pub use crate::inflect::Gender;

/// Parses a gender column value: `m`, `f`, `n`, or empty.
pub(crate) fn parse_gender(value: &str) -> Result<Option<Gender>, String> {
    match value {
        "" => Ok(None),
        "m" => Ok(Some(Gender::Masc)),
        "f" => Ok(Some(Gender::Fem)),
        "n" => Ok(Some(Gender::Neut)),
        v => Err(format!("`{v}` is not a gender (use m, f, n or leave empty)")),
    }
}

/// Whether Russian case forms of an alias are generated (column `inflect`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InflectRule {
    /// Generate them for Russian aliases, inferring gender and class.
    Auto,
    /// Never: the alias is indeclinable (`Сочи`, `Шойгу`) or should match as written.
    No,
    /// Generate them with this gender.
    Gender(Gender),
    /// The alias is a plural noun (`талибы`): generate plural case forms.
    Plural,
}

impl InflectRule {
    pub(crate) fn parse(value: &str) -> Result<InflectRule, String> {
        match value {
            "" | "auto" | "yes" => Ok(InflectRule::Auto),
            "no" => Ok(InflectRule::No),
            "pl" => Ok(InflectRule::Plural),
            v => match parse_gender(v) {
                Ok(Some(g)) => Ok(InflectRule::Gender(g)),
                _ => Err(format!("`{v}` is not an inflection rule (use auto, no, m, f, n or pl)")),
            },
        }
    }
}

/// Parses a yes/no column; empty means `default`.
pub(crate) fn parse_flag(value: &str, default: bool) -> Result<bool, String> {
    match value {
        "" | "auto" => Ok(default),
        "yes" | "true" | "1" => Ok(true),
        "no" | "false" | "0" => Ok(false),
        v => Err(format!("`{v}` is not yes or no")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_script() {
        assert_eq!(Lang::detect("Путин"), Lang::Ru);
        assert_eq!(Lang::detect("Putin"), Lang::En);
        assert_eq!(Lang::detect("2024"), Lang::Other);
    }

    #[test]
    fn parses_and_rejects_values() {
        assert_eq!(CaseRule::parse("title"), Ok(CaseRule::Title));
        assert!(CaseRule::parse("Title").is_err());
        assert_eq!(InflectRule::parse("f"), Ok(InflectRule::Gender(Gender::Fem)));
        assert_eq!(InflectRule::parse("pl"), Ok(InflectRule::Plural));
        assert!(InflectRule::parse("x").unwrap_err().contains("auto, no, m, f, n or pl"));
        assert_eq!(parse_flag("", true), Ok(true));
        assert!(parse_flag("maybe", true).is_err());
    }
}
