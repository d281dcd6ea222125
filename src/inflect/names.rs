//! Personal names: first names, patronymics and surname classes, and the
//! gender a name implies.
//!
//! A word of a person's name is a particle (`фон`, `бин`, `Ле`), a first name
//! (from the lists below), a patronymic (`-ович`, `-евна`, `Ильич`) or a
//! surname. Surnames fall into classes: possessive `-ов/-ев/-ин/-ын`
//! (instrumental `-ым`), adjectival `-ский/-ой/-ый`, indeclinable `-ко`,
//! `-ых/-их` and foreign vowel-final ones, `-а/-я` nouns that decline for both
//! genders, and consonant-final ones that decline for men only. List keys are
//! lower-case with `ё` written as `е`.

use super::paradigms::{
    a_para, adj_gender, adj_para, back, consonant_para, ends_any, is_consonant, j_para, listed, Para,
};
use super::Gender;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Masculine first names (Russian, Central Asian, Caucasian, Western, Arabic...).
#[rustfmt::skip]
const MASC_FIRST: &[&str] = &[
    "абрам", "август", "адам", "азамат", "айдар", "аким", "алан", "александр",
    "алексей", "али", "алишер", "альберт", "альфред", "амир", "анатолий", "андрей",
    "антон", "аркадий", "арнольд", "арсен", "арсений", "артем", "артур", "архип",
    "аслан", "афанасий", "ахмат", "ахмед", "богдан", "борис", "бронислав", "булат",
    "вадим", "валентин", "валерий", "василий", "венедикт", "вениамин", "виктор", "виталий",
    "влад", "владимир", "владислав", "владлен", "всеволод", "вячеслав", "гавриил", "геннадий",
    "георгий", "герасим", "герман", "глеб", "гордей", "григорий", "давид", "даниил",
    "данила", "демид", "демьян", "денис", "дмитрий", "добрыня", "евгений", "егор",
    "емельян", "еремей", "ефим", "захар", "зиновий", "зураб", "иван", "игнат",
    "игнатий", "игорь", "илларион", "ильдар", "ильхам", "илья", "иннокентий", "иосиф",
    "ираклий", "исаак", "камиль", "карен", "кирилл", "клим", "климент", "константин",
    "кузьма", "лаврентий", "лазарь", "лев", "леон", "леонид", "леонтий", "лука",
    "любомир", "макар", "максим", "марат", "марк", "матвей", "мирон", "митрофан",
    "михаил", "модест", "мстислав", "мурат", "назар", "наум", "нестор", "никита",
    "никифор", "николай", "нил", "олег", "оскар", "остап", "павел", "петр",
    "платон", "потап", "прохор", "рамзан", "рамиль", "ратмир", "ренат", "ринат",
    "роберт", "родион", "роман", "ростислав", "рубен", "рудольф", "руслан", "рустам",
    "рустем", "савва", "савелий", "самуил", "святослав", "севастьян", "семен", "серафим",
    "сергей", "станислав", "степан", "тагир", "тарас", "тигран", "тимофей", "тимур",
    "тихон", "трофим", "федор", "феликс", "филипп", "фома", "фрол", "харитон",
    "шамиль", "эдгар", "эдуард", "эльдар", "эмиль", "эрик", "юлиан", "юлий",
    "юрий", "яков", "ян", "ярослав", "миша", "дима", "коля", "ваня",
    "петя", "вася", "гриша", "леша", "сережа", "володя", "толя", "костя",
    "паша", "боря", "витя", "федя", "гоша", "юра", "вова", "абдулла",
    "алекс", "ален", "андрес", "антониу", "антонио", "ариэль", "башар", "бенджамин",
    "бернар", "берни", "билл", "биньямин", "боб", "бруно", "вальтер", "вильгельм",
    "винсент", "вольфганг", "габриэль", "ганс", "гельмут", "генри", "генрих", "герхард",
    "говард", "гордон", "гурбангулы", "дэвид", "джамшид", "джастин", "джеймс", "джек",
    "джефф", "джо", "джозеф", "джон", "джордж", "джорджо", "джузеппе", "диего",
    "дональд", "жаир", "жак", "жан", "жозе", "жомарт", "ибрагим", "игнасио",
    "имран", "иса", "исмаил", "ицхак", "йенс", "кайрат", "карл", "карлос",
    "касым", "кевин", "курманбек", "лех", "луи", "луис", "майк", "майкл",
    "мануэль", "марио", "мартин", "марко", "масуд", "махмуд", "мевлют", "мигель",
    "милорад", "мохаммад", "мохаммед", "мухаммед", "мухаммад", "муса", "мустафа", "нарендра",
    "нафтали", "никол", "николас", "нурсултан", "олаф", "омар", "педро", "пол",
    "питер", "пьер", "рафаэль", "реджеп", "рикардо", "ричард", "роберто", "рональд",
    "садыр", "саддам", "сальвадор", "сердар", "серж", "сильвио", "синдзо", "слободан",
    "сооронбай", "стив", "стивен", "тайип", "теодор", "томас", "том", "тони",
    "уильям", "умар", "усама", "фердинанд", "фернандо", "франк", "франсуа", "франц",
    "франциск", "фридрих", "хавьер", "хамза", "хасан", "хассан", "хафез", "хосе",
    "хуан", "хусейн", "цзиньпин", "чарльз", "шавкат", "шарль", "шинзо", "эбрахим",
    "эдвард", "эммануэль", "эмомали", "эммерсон", "энтони", "эрих", "юсуф", "яир",
    "янис", "александар", "алмазбек", "вагиф", "гейдар", "зелимхан", "ильхом", "кароль",
    "левон", "мирзо", "нурлан", "рашид", "рахул", "серик", "фумио", "ахмад",
    "абу", "бакр", "эмир", "мохсен", "ашраф", "абдель", "фаттах", "риши",
    "урмас", "кадзуо", "отто", "ларс", "ульф", "стефан", "кир", "нуриддин",
    "павло", "петро", "володимир", "михеил", "эмманюэль", "лионель", "самуэль", "жоэль",
];

/// Feminine first names.
#[rustfmt::skip]
const FEM_FIRST: &[&str] = &[
    "августа", "аврора", "агата", "агния", "аделина", "аида", "айгуль", "айгерим",
    "акулина", "алевтина", "алена", "алеся", "александра", "алина", "алиса", "алла",
    "альбина", "анастасия", "ангела", "ангелина", "анжела", "анжелика", "анна", "анналена",
    "антонина", "анфиса", "арина", "ася", "белла", "беназир", "валентина", "валерия",
    "ванда", "варвара", "василиса", "вера", "вероника", "виктория", "виолетта", "галина",
    "гульнара", "дана", "дарина", "дарья", "джилл", "джорджа", "джорджия", "диана",
    "дилма", "дина", "динара", "ева", "евгения", "евдокия", "екатерина", "елена",
    "елизавета", "жанна", "зара", "зарина", "зинаида", "злата", "зоя", "зульфия",
    "ида", "ингрид", "индира", "инесса", "инна", "ирина", "камала", "камила",
    "камилла", "карина", "кармен", "каролина", "кайя", "кира", "клавдия", "клара",
    "кристалина", "кристин", "кристина", "ксения", "лада", "лариса", "лейла", "лиана",
    "лидия", "лилия", "лиз", "лиза", "лина", "любовь", "людмила", "майя",
    "маргарет", "маргарита", "марианна", "марин", "марина", "мария", "марта", "мелания",
    "милана", "мирослава", "надежда", "наталия", "наталья", "нелли", "ника", "нина",
    "нинель", "нонна", "оксана", "олеся", "ольга", "полина", "прасковья", "раиса",
    "регина", "рената", "римма", "роза", "сабина", "санна", "светлана", "серафима",
    "снежана", "софия", "софья", "стефания", "сусанна", "таисия", "тамара", "татьяна",
    "тереза", "ульяна", "урсула", "фаина", "хиллари", "христина", "эвелина", "элеонора",
    "элизабет", "элла", "эльвира", "эльмира", "эмма", "юлия", "яна", "ярослава",
    "ширин", "мерседес", "нэнси", "софи", "сеголен", "мете", "джасинда", "маргрете",
    "кая", "ивана", "зузана", "мая", "хелле", "эрна", "беата", "ирена",
    "ана", "мэри", "кэтрин", "дженнифер", "джессика", "изабелла", "наоми", "грета",
    "ангелика", "асель", "тина", "эльза", "тейлор", "келли", "сара", "эмили",
    "аглая",
];

/// Particles kept unchanged inside names.
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "фон", "дер", "де", "ди", "да", "дос", "дас", "ду",
    "ван", "бин", "бен", "ибн", "аль", "эль", "ле", "ла",
    "дю", "дель", "делла", "оглы", "кызы", "ас", "ад", "ат",
    "ан", "аш", "ах", "ар",
];

/// Masculine patronymics in `-ич` that no `-ович`/`-евич` rule catches.
#[rustfmt::skip]
const PATRONYMIC_IC: &[&str] = &[
    "ильич", "кузьмич", "лукич", "фомич", "никитич", "саввич",
];

/// Foreign surnames in `-ин`/`-ов` that decline as nouns (instrumental `-ом`).
#[rustfmt::skip]
const FOREIGN_IN: &[&str] = &[
    "дарвин", "чаплин", "франклин", "мартин", "остин", "кевин", "цзиньпин", "бенджамин",
    "джастин", "калвин", "эрвин", "гриффин", "хокин",
];

/// Surnames in `-а`/`-я` stressed on the ending, which do not decline.
#[rustfmt::skip]
const INDECL_SURNAMES: &[&str] = &[
    "дюма", "золя", "тома", "дега", "петипа", "гамарра",
];

/// The role a word plays in a person's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// `фон`, `бин`, `Ле`: never declines.
    Particle,
    /// A listed first name and its gender.
    First(Gender),
    /// A patronymic and its gender.
    Patronymic(Gender),
    /// Anything else.
    Surname,
}

/// The role of `key` in a person's name.
pub(crate) fn role(key: &str) -> Role {
    if listed(PARTICLES, key) {
        Role::Particle
    } else if let Some(&gender) = first_names().get(key) {
        Role::First(gender)
    } else if let Some(g) = patronymic(key) {
        Role::Patronymic(g)
    } else {
        Role::Surname
    }
}

/// The listed first names and their genders, for [`role`]: asked of every
/// word of every person's name a build declines (millions at a million
/// entities), where a search of the lists took 1.5% of a build.
fn first_names() -> &'static FxHashMap<&'static str, Gender> {
    static NAMES: OnceLock<FxHashMap<&'static str, Gender>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let masc = MASC_FIRST.iter().map(|&name| (name, Gender::Masc));
        masc.chain(FEM_FIRST.iter().map(|&name| (name, Gender::Fem))).collect()
    })
}

/// The gender of a patronymic, if `key` is one.
fn patronymic(key: &str) -> Option<Gender> {
    const MASC: &[&str] = &["ович", "евич", "ьич"];
    const FEM: &[&str] = &["овна", "евна", "ична"];
    let long = key.chars().count() > 5;
    if listed(PATRONYMIC_IC, key) || (long && ends_any(key, MASC)) {
        Some(Gender::Masc)
    } else if long && ends_any(key, FEM) {
        Some(Gender::Fem)
    } else {
        None
    }
}

/// The class of one word of a person's name, given the name's gender.
/// `as_first`: an unknown word in first-name position (`Янина Иванова`).
/// A listed first name of the other gender is a surname (`Чарльз Тейлор`).
pub(crate) fn person_para(key: &str, gender: Option<Gender>, as_first: bool) -> Para {
    match role(key) {
        Role::Particle => Para::Indecl,
        Role::First(g) if gender.is_some_and(|pg| pg != g) => surname_para(key, gender),
        Role::First(g) => first_para(key, g),
        Role::Surname if as_first => first_para(key, gender.unwrap_or(Gender::Masc)),
        Role::Patronymic(Gender::Fem) => a_para(key),
        Role::Patronymic(_) if gender == Some(Gender::Fem) => Para::Indecl,
        Role::Patronymic(_) => consonant_para(key),
        Role::Surname => surname_para(key, gender),
    }
}

/// A first name: feminine ones in a consonant do not decline, feminine ones
/// in `-ь` follow `Любовь`.
fn first_para(key: &str, g: Gender) -> Para {
    let fem = g == Gender::Fem;
    match back(key, 0) {
        Some('а' | 'я') => a_para(key),
        Some('ь') if fem => Para::FemSoft,
        Some('ь') => Para::MascSoft,
        Some('й') if !fem => j_para(key),
        Some(c) if is_consonant(c) && !fem => consonant_para(key),
        _ => Para::Indecl,
    }
}

/// A surname, given the name's gender (`None`: unknown).
fn surname_para(key: &str, gender: Option<Gender>) -> Para {
    if indeclinable_surname(key) {
        return Para::Indecl;
    }
    if let Some(pg) = possessive(key) {
        return possessive_para(key, pg, gender);
    }
    if let Some(p) = adj_para(key).filter(|&p| adj_gender(p).is_some()) {
        return adjectival_para(p, gender);
    }
    let fem = gender == Some(Gender::Fem);
    match back(key, 0) {
        Some('а' | 'я') => a_para(key),
        Some('ь') if gender == Some(Gender::Masc) => Para::MascSoft,
        Some('й') if !fem => j_para(key),
        Some(c) if is_consonant(c) && !fem => consonant_para(key),
        _ => Para::Indecl,
    }
}

/// `-ых`, `-их` (not German `-рих`) and listed stressed `-а` surnames.
fn indeclinable_surname(key: &str) -> bool {
    key.ends_with("ых") || (key.ends_with("их") && !key.ends_with("рих")) || listed(INDECL_SURNAMES, key)
}

/// A possessive surname under the name's gender.
fn possessive_para(key: &str, own: Gender, gender: Option<Gender>) -> Para {
    match (own, gender) {
        (Gender::Masc, Some(Gender::Fem)) => Para::Indecl,
        (Gender::Masc, _) if listed(FOREIGN_IN, key) => Para::MascHard,
        (Gender::Masc, _) => Para::PossMasc,
        (_, Some(Gender::Masc)) => a_para(key),
        _ => Para::PossFem,
    }
}

/// An adjectival surname; a masculine form for a woman does not decline.
fn adjectival_para(p: Para, gender: Option<Gender>) -> Para {
    let own = adj_gender(p);
    match gender {
        Some(g) if own != Some(g) && g != Gender::Neut => Para::Indecl,
        _ => p,
    }
}

/// The gender of a possessive surname (`-ов`, `-ова`, ...), if `key` is one.
pub(crate) fn possessive(key: &str) -> Option<Gender> {
    const FEM: &[&str] = &["ова", "ева", "ина", "ына"];
    const MASC: &[&str] = &["ов", "ев", "ин", "ын"];
    // Muslim first names (Нуриддин, Салахутдин) are not possessive.
    const DIN: &[&str] = &["ддин", "тдин", "удин", "идин", "един"];
    let n = key.chars().count();
    if ends_any(key, FEM) && n > 4 && !ends_any(key.trim_end_matches('а'), DIN) {
        Some(Gender::Fem)
    } else if ends_any(key, MASC) && n > 3 && !ends_any(key, DIN) {
        Some(Gender::Masc)
    } else {
        None
    }
}

/// The gender a surname ending implies (possessive or adjectival).
fn surname_gender(key: &str) -> Option<Gender> {
    possessive(key).or_else(|| adj_para(key).and_then(adj_gender))
}

/// True when `key` has a surname suffix (possessive or adjectival).
pub(crate) fn has_surname_suffix(key: &str) -> bool {
    matches!(surname_gender(key), Some(Gender::Masc | Gender::Fem))
}

/// True when the first of the words (lower-case keys, one per token) is an
/// unknown word followed by a surname: it is then a first name.
pub(crate) fn first_is_given_name(keys: &[&str]) -> bool {
    match keys {
        [first, rest @ ..] if !rest.is_empty() => {
            role(first) == Role::Surname && rest.iter().any(|k| has_surname_suffix(k))
        }
        _ => false,
    }
}

/// True when a non-final part of a hyphenated person word declines with it:
/// a surname (`Римский-Корсаков`) or a feminine first name in `-а/-я`.
pub(crate) fn part_declines(key: &str) -> bool {
    has_surname_suffix(key) || (role(key) == Role::First(Gender::Fem) && ends_any(key, &["а", "я"]))
}

/// True when one of the words is a first name or a patronymic.
pub(crate) fn has_person_word(keys: &[String]) -> bool {
    keys.iter().any(|k| matches!(role(k), Role::First(_) | Role::Patronymic(_)))
}

/// The gender of a person's name from its words (lower-case keys): first
/// names, then patronymics, then surname endings, then (weakly) the ending of
/// an unknown first word of a longer name.
pub(crate) fn gender_of(keys: &[String]) -> Option<Gender> {
    let first = keys.iter().find_map(|k| match role(k) {
        Role::First(g) => Some(g),
        _ => None,
    });
    first
        .or_else(|| keys.iter().find_map(|k| patronymic(k).or_else(|| turkic(k))))
        .or_else(|| keys.iter().rev().find_map(|k| surname_gender(k)))
        .and_then(|g| (g != Gender::Neut).then_some(g))
        .or_else(|| weak_gender(keys))
}

/// `оглы` (son) and `кызы` (daughter).
fn turkic(key: &str) -> Option<Gender> {
    match key {
        "оглы" | "улы" => Some(Gender::Masc),
        "кызы" => Some(Gender::Fem),
        _ => None,
    }
}

/// A guess from an unknown first word: `-а/-я` feminine, consonant masculine.
fn weak_gender(keys: &[String]) -> Option<Gender> {
    if keys.len() < 2 {
        return None;
    }
    let k = keys.iter().find(|k| role(k) != Role::Particle)?;
    match back(k, 0) {
        Some('а' | 'я') => Some(Gender::Fem),
        Some(c) if is_consonant(c) => Some(Gender::Masc),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_clean() {
        let lists = [MASC_FIRST, FEM_FIRST, PARTICLES, PATRONYMIC_IC, FOREIGN_IN];
        for list in lists {
            let set: std::collections::HashSet<_> = list.iter().collect();
            assert_eq!(set.len(), list.len(), "duplicates in {list:?}");
            assert!(list.iter().all(|w| !w.contains('ё') && !w.contains('-')));
        }
        let both: Vec<_> = MASC_FIRST.iter().filter(|w| FEM_FIRST.contains(w)).collect();
        assert!(both.is_empty(), "{both:?}");
    }

    #[test]
    fn roles() {
        assert_eq!(role("фон"), Role::Particle);
        assert_eq!(role("петр"), Role::First(Gender::Masc));
        assert_eq!(role("ангела"), Role::First(Gender::Fem));
        assert_eq!(role("сергеевич"), Role::Patronymic(Gender::Masc));
        assert_eq!(role("ильинична"), Role::Patronymic(Gender::Fem));
        assert_eq!(role("песков"), Role::Surname);
        assert_eq!(possessive("львов"), Some(Gender::Masc));
        assert_eq!(possessive("нуриддин"), None);
    }
}
