//! Conventional Western equivalents of Russian first names, as English,
//! German and French texts write them for some people instead of a
//! romanization: `Eugene Kaspersky` (Евгений), `Leo Tolstoy` (Лев),
//! `Joseph Brodsky` (Иосиф), `Peter the Great` (Пётр), `Herman Gref`
//! (Герман). Used only together with a surname, never alone, since most of
//! them are common Western first names.
//!
//! One row per Russian name (nominative, `ё` written as `е`), then its
//! equivalents. Sources: the English, German and French Wikipedia titles of
//! people so named (Kaspersky, Tolstoy, Brodsky, Gref, Tchaikovsky, Stalin,
//! Catherine the Great …).

/// (Russian first name, equivalents).
const EQUIVALENTS: &[(&str, &[&str])] = &[
    ("александр", &["Alexander", "Alexandre"]), // Alexandre Soljenitsyne (fr)
    ("алексей", &["Alexis", "Alexej"]),         // Alexis (fr), Alexej Nawalny (de)
    ("анна", &["Anne"]),                        // Anne (fr)
    ("георгий", &["George", "Georges"]),        // George (en), Georges (fr)
    ("герман", &["Herman", "Hermann"]),         // Herman Gref (en), Hermann Gref (de)
    ("дмитрий", &["Dimitri"]),                  // Dimitri (fr)
    ("евгений", &["Eugene", "Eugen", "Eugène"]), // Eugene Kaspersky (en), Eugen (de), Eugène (fr)
    ("екатерина", &["Catherine", "Katharina"]), // Catherine the Great (en), Katharina (de)
    ("елизавета", &["Elizabeth", "Elisabeth"]), // Elizabeth of Russia (en), Elisabeth (de/fr)
    ("иосиф", &["Joseph", "Josef"]),            // Joseph Brodsky, Joseph Stalin (en), Josef (de)
    ("лев", &["Leo", "Léon"]),                  // Leo Tolstoy (en), Léon Tolstoï (fr)
    ("мария", &["Mary", "Marie"]),              // Marie (fr)
    ("михаил", &["Michael", "Michel"]),         // Michel (fr)
    ("николай", &["Nicholas", "Nicolas"]),      // Nicholas II (en), Nicolas (fr)
    ("павел", &["Paul"]),                       // Paul I of Russia (en)
    ("петр", &["Peter", "Pierre"]),             // Peter the Great (en), Pierre (fr)
    ("федор", &["Theodore", "Fedor"]),          // Theodore (en, tsar Feodor I)
];

/// The conventional equivalents of a Russian first name (any case, `ё` or
/// `е`); empty for names without one.
pub fn first_name_equivalents(name: &str) -> &'static [&'static str] {
    let key = crate::tokenize::to_lowercase(name).replace('ё', "е");
    EQUIVALENTS.iter().find(|(ru, _)| *ru == key).map_or(&[], |(_, eq)| eq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equivalents() {
        assert_eq!(first_name_equivalents("Евгений"), ["Eugene", "Eugen", "Eugène"]);
        assert_eq!(first_name_equivalents("ПЁТР"), ["Peter", "Pierre"]);
        assert!(first_name_equivalents("Владимир").is_empty());
    }
}
