//! German (Duden-style) transcription as used by German media and de.wikipedia:
//! ж, ш → sch, х → ch, ч → tsch, щ → schtsch, в → w, з → s, ц → z, с → ss between
//! vowels, й → i, ы → y, я → ja, ю → ju, е → je at word start and after vowels,
//! ё → jo (o after ж ч ш щ), -ий → -i: `Шойгу` → `Schoigu`, `Захарова` → `Sacharowa`,
//! `Хрущёв` → `Chruschtschow`, `Достоевский` → `Dostojewski`.

use super::Rule;

/// German rules: endings and digraphs, context rows, then one row per letter.
pub(crate) static RULES: &[Rule] = &[
    ("андр", "", "$", "ander"),              // -андр: Alexander
    ("ий", "", "$", "i"),                    // -ий ending: Dmitri, Juri, -ski
    ("ый", "", "$", "y"),                    // -ый ending: Nawalny
    ("кс", "", "", "x"),                     // кс: Alexei, Xenija
    ("е", "^аеёиоуыэюяъь", "", "je"),        // е at word start, after vowels, ъ, ь
    ("ё", "жчшщ", "", "o"),                  // ё after ж, ч, ш, щ: Gorbatschow
    ("и", "ъь", "", "ji"),                   // и after ъ, ь: Iljitsch
    ("о", "ъь", "", "jo"),                   // о after ъ, ь
    ("й", "", "яюеё", ""),                   // й before я, ю, е, ё: Maja
    ("й", "", "аоуыэи", "j"),                // й before other vowels: Joschkar
    ("с", "аеёиоуыэюя", "аеёиоуыэюя", "ss"), // с between vowels: Wassili
    ("а", "", "", "a"),                      // а
    ("б", "", "", "b"),                      // б
    ("в", "", "", "w"),                      // в
    ("г", "", "", "g"),                      // г
    ("д", "", "", "d"),                      // д
    ("е", "", "", "e"),                      // е
    ("ё", "", "", "jo"),                     // ё
    ("ж", "", "", "sch"),                    // ж
    ("з", "", "", "s"),                      // з
    ("и", "", "", "i"),                      // и
    ("й", "", "", "i"),                      // й
    ("к", "", "", "k"),                      // к
    ("л", "", "", "l"),                      // л
    ("м", "", "", "m"),                      // м
    ("н", "", "", "n"),                      // н
    ("о", "", "", "o"),                      // о
    ("п", "", "", "p"),                      // п
    ("р", "", "", "r"),                      // р
    ("с", "", "", "s"),                      // с
    ("т", "", "", "t"),                      // т
    ("у", "", "", "u"),                      // у
    ("ф", "", "", "f"),                      // ф
    ("х", "", "", "ch"),                     // х
    ("ц", "", "", "z"),                      // ц
    ("ч", "", "", "tsch"),                   // ч
    ("ш", "", "", "sch"),                    // ш
    ("щ", "", "", "schtsch"),                // щ
    ("ъ", "", "", ""),                       // ъ
    ("ы", "", "", "y"),                      // ы
    ("ь", "", "", ""),                       // ь
    ("э", "", "", "e"),                      // э
    ("ю", "", "", "ju"),                     // ю
    ("я", "", "", "ja"),                     // я
];
