//! BGN/PCGN 1947 romanization of Russian (US Board on Geographic Names / UK Permanent
//! Committee on Geographical Names), with its optional separator dots, as implemented by
//! the `iuliia` reference (`bgn_pcgn`): `Шойгу` → `Shoygu`, `Ельцин` → `Yel’tsin`.
//!
//! [`PASSPORT`] is an overlay for the BGN-like ASCII systems of Russian passports
//! before 2013 (MVD 310-1997, MVD 782-2000, GOST R 52290): ь and ъ as `'`, but ь
//! dropped before е and ё: `Naval'nyy`, `Il'ya`, `Anatolyevich`.

use super::Rule;

/// BGN/PCGN rules: context rows first, then one row per letter.
pub(crate) static RULES: &[Rule] = &[
    ("е", "^аеёиоуыэюяйъь", "", "ye"), // е at word start, after vowels, й, ъ, ь
    ("ё", "^аеёиоуыэюяйъь", "", "yë"), // ё at word start, after vowels, й, ъ, ь
    ("ы", "аеёиоуыэюя", "", "·y"),     // ы after a vowel
    ("э", "бвгджзклмнпрстфхцчшщ", "", "·e"), // э after a consonant
    ("й", "", "ауыэ", "y·"),           // й before а, у, ы, э
    ("ы", "", "ауыэ", "y·"),           // ы before а, у, ы, э
    ("т", "", "с", "t·"),              // т before с (тс is not ц)
    ("ш", "", "ч", "sh·"),             // ш before ч (шч is not щ)
    ("а", "", "", "a"),                // а
    ("б", "", "", "b"),                // б
    ("в", "", "", "v"),                // в
    ("г", "", "", "g"),                // г
    ("д", "", "", "d"),                // д
    ("е", "", "", "e"),                // е
    ("ё", "", "", "ë"),                // ё
    ("ж", "", "", "zh"),               // ж
    ("з", "", "", "z"),                // з
    ("и", "", "", "i"),                // и
    ("й", "", "", "y"),                // й
    ("к", "", "", "k"),                // к
    ("л", "", "", "l"),                // л
    ("м", "", "", "m"),                // м
    ("н", "", "", "n"),                // н
    ("о", "", "", "o"),                // о
    ("п", "", "", "p"),                // п
    ("р", "", "", "r"),                // р
    ("с", "", "", "s"),                // с
    ("т", "", "", "t"),                // т
    ("у", "", "", "u"),                // у
    ("ф", "", "", "f"),                // ф
    ("х", "", "", "kh"),               // х
    ("ц", "", "", "ts"),               // ц
    ("ч", "", "", "ch"),               // ч
    ("ш", "", "", "sh"),               // ш
    ("щ", "", "", "shch"),             // щ
    ("ъ", "", "", "”"),                // ъ
    ("ы", "", "", "y"),                // ы
    ("ь", "", "", "’"),                // ь
    ("э", "", "", "e"),                // э
    ("ю", "", "", "yu"),               // ю
    ("я", "", "", "ya"),               // я
];

/// Pre-2013 Russian passport overlay, searched before [`RULES`].
pub(crate) static PASSPORT: &[Rule] = &[
    ("ь", "", "её", ""), // ь before е, ё (е then gives ye)
    ("ь", "", "", "'"),  // ь
    ("ъ", "", "", "'"),  // ъ
];
