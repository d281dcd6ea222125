//! Wikipedia-style English romanization (a simplified BGN/PCGN as used by English
//! Wikipedia and most English-language news), as implemented by the `iuliia` reference
//! (`wikipedia`): `Дмитрий` → `Dmitry`, `Юрий` → `Yury`, `Ельцин` → `Yeltsin`,
//! `Фёдор` → `Fyodor`, `Ильич` → `Ilyich`, `-ский` → `-sky`.
//!
//! [`INFORMAL`] is an overlay with the most common informal English forms:
//! `Dmitri`, `Yuri`, `Sergei`, `Alexei`, `Alexander`, `-ski`.

use super::Rule;

/// Wikipedia-style rules: endings, context rows, then one row per letter.
pub(crate) static RULES: &[Rule] = &[
    ("ий", "", "$", "y"),          // -ий ending: Dmitry, Yury, Dostoyevsky
    ("ый", "", "$", "y"),          // -ый ending: Navalny
    ("е", "^аиоуэюяъь", "", "ye"), // е at word start, after а и о у э ю я ъ ь
    ("ъ", "", "аиоуыэ", "y"),      // ъ before а и о у ы э
    ("ь", "", "аиоуыэ", "y"),      // ь before а и о у ы э: Ilyich
    ("а", "", "", "a"),            // а
    ("б", "", "", "b"),            // б
    ("в", "", "", "v"),            // в
    ("г", "", "", "g"),            // г
    ("д", "", "", "d"),            // д
    ("е", "", "", "e"),            // е
    ("ё", "", "", "yo"),           // ё
    ("ж", "", "", "zh"),           // ж
    ("з", "", "", "z"),            // з
    ("и", "", "", "i"),            // и
    ("й", "", "", "y"),            // й
    ("к", "", "", "k"),            // к
    ("л", "", "", "l"),            // л
    ("м", "", "", "m"),            // м
    ("н", "", "", "n"),            // н
    ("о", "", "", "o"),            // о
    ("п", "", "", "p"),            // п
    ("р", "", "", "r"),            // р
    ("с", "", "", "s"),            // с
    ("т", "", "", "t"),            // т
    ("у", "", "", "u"),            // у
    ("ф", "", "", "f"),            // ф
    ("х", "", "", "kh"),           // х
    ("ц", "", "", "ts"),           // ц
    ("ч", "", "", "ch"),           // ч
    ("ш", "", "", "sh"),           // ш
    ("щ", "", "", "shch"),         // щ
    ("ъ", "", "", ""),             // ъ
    ("ы", "", "", "y"),            // ы
    ("ь", "", "", ""),             // ь
    ("э", "", "", "e"),            // э
    ("ю", "", "", "yu"),           // ю
    ("я", "", "", "ya"),           // я
];

/// Informal English overlay, searched before [`RULES`].
pub(crate) static INFORMAL: &[Rule] = &[
    ("андр", "", "$", "ander"), // -андр: Alexander
    ("ий", "", "$", "i"),       // -ий ending: Dmitri, Yuri, Tchaikovski
    ("ей", "", "$", "ei"),      // -ей ending: Sergei, Andrei, Alexei
    ("кс", "", "", "x"),        // кс: Alexei, Maxim
];
