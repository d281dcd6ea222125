//! French transcription as used by French media and fr.wikipedia: ж → j, ш → ch,
//! х → kh, ч → tch, щ → chtch, у → ou, ю → iou, я → ia, с → ss between vowels,
//! г → gu before е/и/ы, й and и after a vowel → ï, е after a vowel → ïe, ё → io
//! (e after ж ч ш щ), -ий → -i, -ин → -ine: `Шойгу` → `Choïgou`, `Сергей` → `Sergueï`,
//! `Путин` → `Poutine`, `Юрий` → `Iouri`, `Горбачёв` → `Gorbatchev`.
//!
//! [`PASSPORT`] is an overlay for the French-style system of Russian passports
//! (MVD 310-1997 French table), which keeps `Alexandr` instead of `Alexandre`.

use super::Rule;

/// French rules: endings and digraphs, context rows, then one row per letter.
pub(crate) static RULES: &[Rule] = &[
    ("андр", "", "$", "andre"),               // -андр: Alexandre
    ("гий", "", "$", "gui"),                  // -гий ending: Gueorgui
    ("гин", "", "$", "guine"),                // -гин ending: Kossyguine
    ("ий", "", "$", "i"),                     // -ий ending: Dmitri, Iouri, -ski
    ("ый", "", "$", "y"),                     // -ый ending: Navalny
    ("ин", "", "$", "ine"),                   // -ин ending: Poutine, Lénine
    ("ын", "", "$", "yne"),                   // -ын ending: Soljenitsyne
    ("кс", "", "", "x"),                      // кс: Alexeï, Félix
    ("ге", "", "", "gue"),                    // г before е: Sergueï, Guennadi
    ("ги", "", "", "gui"),                    // г before и: Guirkine
    ("гы", "", "", "guy"),                    // г before ы
    ("е", "и", "", "e"),                      // е after и: Kirienko
    ("е", "аеёоуыэюя", "", "ïe"),             // е after other vowels: Dostoïevski
    ("е", "ъь", "", "ie"),                    // е after ъ, ь: Prokofiev
    ("ё", "жчшщ", "", "e"),                   // ё after ж, ч, ш, щ: Gorbatchev
    ("ё", "и", "", "o"),                      // ё after и: Mirzioïev
    ("и", "аеёоуэюя", "", "ï"),               // и after a vowel: Mikhaïl
    ("й", "аеёиоуыэюя", "", "ï"),             // й after a vowel: Sergueï, Tolstoï
    ("я", "йи", "", "a"),                     // я after й, и: Maïa, Maria
    ("я", "аеёоуыэюя", "", "ïa"),             // я after other vowels: Politkovskaïa
    ("ю", "аеёоуыэюя", "", "ïou"),            // ю after a vowel
    ("с", "аеёиоуыэюя", "аеёиоуыэюяь", "ss"), // с between vowels: Vassili
    ("а", "", "", "a"),                       // а
    ("б", "", "", "b"),                       // б
    ("в", "", "", "v"),                       // в
    ("г", "", "", "g"),                       // г
    ("д", "", "", "d"),                       // д
    ("е", "", "", "e"),                       // е
    ("ё", "", "", "io"),                      // ё
    ("ж", "", "", "j"),                       // ж
    ("з", "", "", "z"),                       // з
    ("и", "", "", "i"),                       // и
    ("й", "", "", "i"),                       // й
    ("к", "", "", "k"),                       // к
    ("л", "", "", "l"),                       // л
    ("м", "", "", "m"),                       // м
    ("н", "", "", "n"),                       // н
    ("о", "", "", "o"),                       // о
    ("п", "", "", "p"),                       // п
    ("р", "", "", "r"),                       // р
    ("с", "", "", "s"),                       // с
    ("т", "", "", "t"),                       // т
    ("у", "", "", "ou"),                      // у
    ("ф", "", "", "f"),                       // ф
    ("х", "", "", "kh"),                      // х
    ("ц", "", "", "ts"),                      // ц
    ("ч", "", "", "tch"),                     // ч
    ("ш", "", "", "ch"),                      // ш
    ("щ", "", "", "chtch"),                   // щ
    ("ъ", "", "", ""),                        // ъ
    ("ы", "", "", "y"),                       // ы
    ("ь", "", "", ""),                        // ь
    ("э", "", "", "e"),                       // э
    ("ю", "", "", "iou"),                     // ю
    ("я", "", "", "ia"),                      // я
];

/// French passport-style overlay, searched before [`RULES`].
pub(crate) static PASSPORT: &[Rule] = &[
    ("андр", "", "$", "andr"), // -андр: Alexandr
];
