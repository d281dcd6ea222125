//! Name material for the synthetic gazetteer: Russian first names,
//! patronymics, surname stems, company and place-name parts; a simple
//! romanization (BGN/PCGN-like) and a simple Russian case generator
//! (genitive, dative, instrumental) used both to write the corpus and to give
//! the aho-corasick baseline the same inflected patterns.

/// A deterministic pseudo-random generator (SplitMix64). Written out here
/// rather than taken from `rand` so that the generated files never change
/// with a dependency's version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Male first names with their masculine patronymic.
pub const MALE: &[(&str, &str)] = &[
    ("Александр", "Александрович"),
    ("Алексей", "Алексеевич"),
    ("Анатолий", "Анатольевич"),
    ("Андрей", "Андреевич"),
    ("Антон", "Антонович"),
    ("Аркадий", "Аркадьевич"),
    ("Арсений", "Арсеньевич"),
    ("Артём", "Артёмович"),
    ("Артур", "Артурович"),
    ("Богдан", "Богданович"),
    ("Борис", "Борисович"),
    ("Вадим", "Вадимович"),
    ("Валентин", "Валентинович"),
    ("Валерий", "Валерьевич"),
    ("Василий", "Васильевич"),
    ("Вениамин", "Вениаминович"),
    ("Виктор", "Викторович"),
    ("Виталий", "Витальевич"),
    ("Владимир", "Владимирович"),
    ("Владислав", "Владиславович"),
    ("Всеволод", "Всеволодович"),
    ("Вячеслав", "Вячеславович"),
    ("Геннадий", "Геннадьевич"),
    ("Георгий", "Георгиевич"),
    ("Герман", "Германович"),
    ("Глеб", "Глебович"),
    ("Григорий", "Григорьевич"),
    ("Давид", "Давидович"),
    ("Даниил", "Даниилович"),
    ("Денис", "Денисович"),
    ("Дмитрий", "Дмитриевич"),
    ("Евгений", "Евгеньевич"),
    ("Егор", "Егорович"),
    ("Елисей", "Елисеевич"),
    ("Ефим", "Ефимович"),
    ("Захар", "Захарович"),
    ("Иван", "Иванович"),
    ("Игорь", "Игоревич"),
    ("Илья", "Ильич"),
    ("Кирилл", "Кириллович"),
    ("Константин", "Константинович"),
    ("Лев", "Львович"),
    ("Леонид", "Леонидович"),
    ("Макар", "Макарович"),
    ("Максим", "Максимович"),
    ("Марат", "Маратович"),
    ("Марк", "Маркович"),
    ("Матвей", "Матвеевич"),
    ("Михаил", "Михайлович"),
    ("Мирон", "Миронович"),
    ("Никита", "Никитич"),
    ("Николай", "Николаевич"),
    ("Олег", "Олегович"),
    ("Павел", "Павлович"),
    ("Пётр", "Петрович"),
    ("Платон", "Платонович"),
    ("Прохор", "Прохорович"),
    ("Родион", "Родионович"),
    ("Роман", "Романович"),
    ("Ростислав", "Ростиславович"),
    ("Руслан", "Русланович"),
    ("Рустам", "Рустамович"),
    ("Савелий", "Савельевич"),
    ("Святослав", "Святославович"),
    ("Семён", "Семёнович"),
    ("Сергей", "Сергеевич"),
    ("Станислав", "Станиславович"),
    ("Степан", "Степанович"),
    ("Тагир", "Тагирович"),
    ("Тимофей", "Тимофеевич"),
    ("Тимур", "Тимурович"),
    ("Тихон", "Тихонович"),
    ("Фёдор", "Фёдорович"),
    ("Филипп", "Филиппович"),
    ("Эдуард", "Эдуардович"),
    ("Эльдар", "Эльдарович"),
    ("Юрий", "Юрьевич"),
    ("Яков", "Яковлевич"),
    ("Ян", "Янович"),
    ("Ярослав", "Ярославович"),
    ("Айдар", "Айдарович"),
    ("Азат", "Азатович"),
    ("Альберт", "Альбертович"),
    ("Ильдар", "Ильдарович"),
    ("Ринат", "Ринатович"),
    ("Гордей", "Гордеевич"),
    ("Демид", "Демидович"),
    ("Наум", "Наумович"),
];

/// Female first names.
pub const FEMALE: &[&str] = &[
    "Агата",
    "Агния",
    "Аделина",
    "Александра",
    "Алёна",
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
    "Варвара",
    "Василиса",
    "Вера",
    "Вероника",
    "Виктория",
    "Виолетта",
    "Галина",
    "Гульнара",
    "Дарья",
    "Диана",
    "Доминика",
    "Ева",
    "Евгения",
    "Екатерина",
    "Елена",
    "Елизавета",
    "Есения",
    "Жанна",
    "Зинаида",
    "Злата",
    "Зоя",
    "Инна",
    "Ирина",
    "Камила",
    "Карина",
    "Кира",
    "Кристина",
    "Ксения",
    "Лада",
    "Лариса",
    "Лиана",
    "Лидия",
    "Лилия",
    "Людмила",
    "Майя",
    "Маргарита",
    "Марина",
    "Мария",
    "Марьяна",
    "Милана",
    "Милена",
    "Мирослава",
    "Надежда",
    "Наталья",
    "Нина",
    "Нонна",
    "Оксана",
    "Олеся",
    "Ольга",
    "Полина",
    "Раиса",
    "Регина",
    "Римма",
    "Роза",
    "Светлана",
    "Серафима",
    "Снежана",
    "София",
    "Софья",
    "Станислава",
    "Стефания",
    "Таисия",
    "Тамара",
    "Татьяна",
    "Ульяна",
    "Фаина",
    "Эвелина",
    "Элина",
    "Эльвира",
    "Эльмира",
    "Эмма",
    "Юлия",
    "Яна",
    "Ярослава",
];

/// Common Russian surnames (masculine), whose stems are recombined.
pub const SURNAMES: &[&str] = &[
    "Смирнов",
    "Иванов",
    "Кузнецов",
    "Соколов",
    "Попов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Петров",
    "Волков",
    "Соловьёв",
    "Васильев",
    "Зайцев",
    "Павлов",
    "Семёнов",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Воробьёв",
    "Фёдоров",
    "Михайлов",
    "Беляев",
    "Тарасов",
    "Белов",
    "Комаров",
    "Орлов",
    "Киселёв",
    "Макаров",
    "Андреев",
    "Ковалёв",
    "Ильин",
    "Гусев",
    "Титов",
    "Кузьмин",
    "Кудрявцев",
    "Баранов",
    "Куликов",
    "Алексеев",
    "Степанов",
    "Яковлев",
    "Сорокин",
    "Сергеев",
    "Романов",
    "Захаров",
    "Борисов",
    "Королёв",
    "Герасимов",
    "Пономарёв",
    "Григорьев",
    "Лазарев",
    "Медведев",
    "Ершов",
    "Никитин",
    "Соболев",
    "Рябов",
    "Поляков",
    "Цветков",
    "Данилов",
    "Жуков",
    "Фролов",
    "Журавлёв",
    "Николаев",
    "Крылов",
    "Максимов",
    "Сидоров",
    "Осипов",
    "Белоусов",
    "Федотов",
    "Дорофеев",
    "Егоров",
    "Матвеев",
    "Бобров",
    "Дмитриев",
    "Калинин",
    "Анисимов",
    "Петухов",
    "Антонов",
    "Тимофеев",
    "Никифоров",
    "Веселов",
    "Филиппов",
    "Марков",
    "Большаков",
    "Суханов",
    "Миронов",
    "Ширяев",
    "Александров",
    "Коновалов",
    "Шестаков",
    "Казаков",
    "Ефимов",
    "Денисов",
    "Громов",
    "Фомин",
    "Давыдов",
    "Мельников",
    "Щербаков",
    "Блинов",
    "Колесников",
    "Карпов",
    "Афанасьев",
    "Власов",
    "Маслов",
    "Исаков",
    "Тихонов",
    "Аксёнов",
    "Гаврилов",
    "Родионов",
    "Котов",
    "Горбунов",
    "Кудряшов",
    "Быков",
    "Зуев",
    "Третьяков",
    "Савельев",
    "Панов",
    "Рыбаков",
    "Суворов",
    "Абрамов",
    "Воронов",
    "Мухин",
    "Архипов",
    "Трофимов",
    "Мартынов",
    "Емельянов",
    "Горшков",
    "Чернов",
    "Овчинников",
    "Селезнёв",
    "Панфилов",
    "Копылов",
    "Михеев",
    "Галкин",
    "Назаров",
    "Лобанов",
    "Лукин",
    "Беляков",
    "Потапов",
    "Некрасов",
    "Хохлов",
    "Жданов",
    "Наумов",
    "Шилов",
    "Воронцов",
    "Ермаков",
    "Дроздов",
    "Игнатьев",
    "Савин",
    "Логинов",
    "Сафонов",
    "Капустин",
    "Кириллов",
    "Моисеев",
    "Елисеев",
    "Кошелев",
    "Костин",
    "Горбачёв",
    "Орехов",
    "Ефремов",
    "Исаев",
    "Евдокимов",
    "Калашников",
    "Кабанов",
    "Носков",
    "Юдин",
    "Кулагин",
    "Лапин",
    "Прохоров",
    "Нестеров",
    "Харитонов",
    "Агафонов",
    "Муравьёв",
    "Ларионов",
    "Федосеев",
    "Зимин",
    "Пахомов",
    "Шубин",
    "Игнатов",
    "Филатов",
    "Крюков",
    "Рогов",
    "Кулаков",
    "Терентьев",
    "Молчанов",
    "Владимиров",
    "Артемьев",
    "Гурьев",
    "Зиновьев",
    "Гришин",
    "Кононов",
    "Дементьев",
    "Ситников",
    "Симонов",
    "Мишин",
    "Фадеев",
    "Комиссаров",
    "Мамонтов",
    "Носов",
    "Гуляев",
    "Шаров",
    "Устинов",
    "Вишняков",
    "Евсеев",
    "Лаврентьев",
    "Брагин",
    "Константинов",
    "Корнилов",
    "Авдеев",
    "Зыков",
    "Бирюков",
    "Шарапов",
    "Никонов",
    "Щукин",
    "Дьячков",
    "Одинцов",
    "Сазонов",
    "Якушев",
    "Красильников",
    "Гордеев",
    "Самойлов",
    "Князев",
    "Беспалов",
    "Уваров",
    "Шашков",
    "Доронин",
    "Белозёров",
    "Рожков",
    "Самсонов",
    "Мясников",
    "Лихачёв",
    "Буров",
    "Сысоев",
    "Фомичёв",
    "Русаков",
    "Стрелков",
    "Гущин",
    "Тетерин",
    "Колобов",
    "Субботин",
    "Фокин",
    "Блохин",
    "Селиверстов",
    "Пестов",
    "Кондратьев",
    "Силин",
    "Меркушев",
    "Лыткин",
    "Туров",
    "Гладков",
    "Дубинин",
    "Зверев",
    "Карасёв",
    "Лосев",
    "Мальцев",
    "Окунев",
    "Пименов",
    "Рудаков",
    "Сычёв",
    "Тюрин",
    "Уткин",
    "Хлебников",
    "Чижов",
    "Шмелёв",
    "Щеглов",
    "Ястребов",
];

/// First parts of compound surnames (`Белоусов`, `Новосельцев`).
pub const SURNAME_PREFIXES: &[&str] = &[
    "",
    "Бело",
    "Черно",
    "Красно",
    "Ново",
    "Старо",
    "Добро",
    "Велико",
    "Мало",
    "Сухо",
    "Толсто",
    "Долго",
    "Свято",
    "Злато",
    "Быстро",
    "Тихо",
];

/// Parts of company brand names (`Уралэнергострой`).
pub const BRAND_HEADS: &[&str] = &[
    "Урал",
    "Сибирь",
    "Волга",
    "Север",
    "Юг",
    "Балт",
    "Амур",
    "Дон",
    "Кама",
    "Байкал",
    "Алтай",
    "Нева",
    "Ока",
    "Енисей",
    "Печора",
    "Кубань",
    "Транс",
    "Техно",
    "Рус",
    "Интер",
    "Евро",
    "Глобал",
    "Мега",
    "Старт",
    "Вектор",
    "Альфа",
    "Бета",
    "Дельта",
    "Омега",
    "Спектр",
    "Меридиан",
    "Горизонт",
    "Зенит",
    "Прогресс",
    "Восток",
    "Запад",
    "Центр",
    "Регион",
    "Гранит",
    "Кристалл",
];
pub const BRAND_MIDS: &[&str] = &[
    "",
    "энерго",
    "нефте",
    "газо",
    "агро",
    "строй",
    "мет",
    "лес",
    "хим",
    "пром",
    "торг",
    "транс",
    "тех",
    "фарм",
    "авто",
    "авиа",
    "дор",
    "тепло",
    "электро",
    "инфо",
    "маш",
    "снаб",
    "фин",
    "медиа",
    "телеком",
];
pub const BRAND_TAILS: &[&str] = &[
    "строй",
    "инвест",
    "сервис",
    "капитал",
    "альянс",
    "холдинг",
    "ресурс",
    "проект",
    "комплекс",
    "систем",
    "логистик",
    "трейд",
    "снаб",
    "монтаж",
    "развитие",
    "лизинг",
    "консалт",
    "девелопмент",
    "технологии",
];

/// Ministries: (genitive topic, English topic, short name or "").
pub const MINISTRIES: &[(&str, &str, &str)] = &[
    ("здравоохранения", "Health", "Минздрав"),
    ("образования", "Education", "Минобр"),
    ("финансов", "Finance", "Минфин"),
    ("транспорта", "Transport", "Минтранс"),
    ("экономического развития", "Economic Development", ""),
    ("культуры", "Culture", ""),
    ("сельского хозяйства", "Agriculture", "Минсельхоз"),
    ("строительства", "Construction", "Минстрой"),
    ("промышленности и торговли", "Industry and Trade", "Минпромторг"),
    ("социальной защиты", "Social Protection", ""),
    ("природных ресурсов и экологии", "Natural Resources and Ecology", ""),
    ("энергетики", "Energy", ""),
    ("цифрового развития", "Digital Development", ""),
    ("спорта", "Sport", "Минспорт"),
    ("юстиции", "Justice", "Минюст"),
    ("труда и занятости", "Labour and Employment", "Минтруд"),
];

/// Place names: prefix + root + suffix.
pub const PLACE_PREFIXES: &[&str] = &[
    "",
    "Ново",
    "Старо",
    "Красно",
    "Бело",
    "Верхне",
    "Нижне",
    "Зелено",
    "Северо",
    "Южно",
    "Светло",
    "Черно",
    "Велико",
    "Мало",
    "Усть-",
    "Под",
];
pub const PLACE_ROOTS: &[&str] = &[
    "озёр",
    "камен",
    "бор",
    "гор",
    "лес",
    "мост",
    "берёз",
    "дуб",
    "лип",
    "ключ",
    "поль",
    "рыб",
    "соль",
    "мороз",
    "свет",
    "звезд",
    "снеж",
    "ветл",
    "осин",
    "тополь",
    "ольх",
    "клён",
    "кедр",
    "сосн",
    "ель",
    "рябин",
    "калин",
    "малин",
    "вишн",
    "яблон",
    "луг",
    "брод",
    "остров",
    "бережн",
    "курган",
    "холм",
    "овраж",
    "ручей",
    "ярослав",
    "глеб",
    "степ",
    "никол",
    "петр",
    "алекс",
    "иван",
    "михайл",
    "сергиев",
    "дмитр",
    "кузьм",
    "марь",
    "анн",
    "ольг",
    "вер",
    "надежд",
    "любим",
    "радост",
    "мир",
    "слав",
    "добр",
    "крас",
    "бел",
    "сер",
    "зелен",
    "тих",
    "быстр",
    "глубок",
    "широк",
    "высок",
    "горяч",
    "студен",
    "тёпл",
    "медн",
    "желез",
    "золот",
    "серебр",
    "уголь",
    "торф",
    "глин",
    "песк",
];
/// Settlement suffixes: `…ск`, `…ово`, `…град` and relatives.
pub const PLACE_SUFFIXES: &[&str] = &["ск", "инск", "овск", "ово", "ево", "оград", "огорск", "ино"];

/// Transliterates Cyrillic to Latin the way news agencies romanize names
/// (BGN/PCGN-like: `ж zh`, `х kh`, `ц ts`, `щ shch`, `ё yo`, `ий y` at the end
/// of a word, `е ye` at the start of a word and after a vowel or soft sign).
pub fn romanize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let prev = if i > 0 { chars[i - 1].to_lowercase().next() } else { None };
        let next = chars.get(i + 1).map(|c| c.to_lowercase().next().unwrap_or(*c));
        let next_is_letter = chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
        let after_vowel_or_start = prev.map_or(true, |p| !p.is_alphabetic() || "аеёиоуыэюяьъ".contains(p));
        let latin: &str = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' if after_vowel_or_start => "ye",
            'е' => "e",
            'ё' if prev.is_some_and(|p| "жчшщ".contains(p)) => "o",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' if next == Some('й') && !next_is_letter => "y",
            'и' => "i",
            'й' if prev == Some('и') && !next.is_some_and(char::is_alphabetic) => "",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' if next == Some('й') && !next_is_letter => "y",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(c);
                continue;
            }
        };
        if c.is_uppercase() {
            let mut it = latin.chars();
            if let Some(first) = it.next() {
                out.extend(first.to_uppercase());
                out.push_str(it.as_str());
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

/// Grammatical gender of a person.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Gender {
    M,
    F,
}

/// The three oblique cases the corpus uses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    Gen,
    Dat,
    Ins,
}

pub const CASES: [Case; 3] = [Case::Gen, Case::Dat, Case::Ins];

fn pick3(case: Case, gen: &str, dat: &str, ins: &str) -> String {
    match case {
        Case::Gen => gen,
        Case::Dat => dat,
        Case::Ins => ins,
    }
    .to_string()
}

fn ends_any(word: &str, ends: &[&str]) -> bool {
    ends.iter().any(|e| word.ends_with(e))
}

fn strip(word: &str, n: usize) -> &str {
    let cut = word.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &word[..cut]
}

/// A noun of the first/second declension (`Иван`, `Сергей`, `Игорь`,
/// `Никита`, `Мария`, `Кремль`); None when it does not decline here.
fn noun(word: &str, gender: Gender, case: Case) -> Option<String> {
    let last = word.chars().last()?;
    let before = word.chars().rev().nth(1).unwrap_or(' ');
    let hissing = "жшчщц".contains(before);
    let velar_or_hissing = "гкхжшчщ".contains(before);
    Some(match last {
        'а' => {
            let s = strip(word, 1);
            let gen = if velar_or_hissing { "и" } else { "ы" };
            let ins = if hissing { "ей" } else { "ой" };
            pick3(case, &format!("{s}{gen}"), &format!("{s}е"), &format!("{s}{ins}"))
        }
        'я' => {
            let s = strip(word, 1);
            let dat = if before == 'и' { "и" } else { "е" };
            let ins = if before == 'ь' || before == 'и' { "ей" } else { "ёй" };
            pick3(case, &format!("{s}и"), &format!("{s}{dat}"), &format!("{s}{ins}"))
        }
        'й' | 'ь' if gender == Gender::M => {
            let s = strip(word, 1);
            pick3(case, &format!("{s}я"), &format!("{s}ю"), &format!("{s}ем"))
        }
        c if gender == Gender::M && c.is_alphabetic() && !"аеёиоуыэюяйь".contains(c) => {
            let ins = if "жшчщц".contains(c) { "ем" } else { "ом" };
            pick3(case, &format!("{word}а"), &format!("{word}у"), &format!("{word}{ins}"))
        }
        _ => return None,
    })
}

/// A first name in a case.
pub fn first_name_case(word: &str, gender: Gender, case: Case) -> Option<String> {
    let irregular = match word {
        "Павел" => Some("Павл"),
        "Лев" => Some("Льв"),
        "Пётр" => Some("Петр"),
        _ => None,
    };
    if let Some(stem) = irregular {
        return Some(pick3(case, &format!("{stem}а"), &format!("{stem}у"), &format!("{stem}ом")));
    }
    noun(word, gender, case)
}

/// A patronymic in a case (`Сергеевича`, `Сергеевне`).
pub fn patronymic_case(word: &str, case: Case) -> Option<String> {
    if word.ends_with("ич") {
        return Some(pick3(case, &format!("{word}а"), &format!("{word}у"), &format!("{word}ем")));
    }
    if word.ends_with("на") {
        let s = strip(word, 1);
        return Some(pick3(case, &format!("{s}ы"), &format!("{s}е"), &format!("{s}ой")));
    }
    None
}

/// A surname in a case: `-ов/-ев/-ин` (`Петрова`, `Петровой`),
/// adjectival `-ский/-ая/-ый` (`Зеленского`), nouns (`Трампа`); `-енко`,
/// `-о/-у/-и` and women's consonant endings do not decline.
pub fn surname_case(word: &str, gender: Gender, case: Case) -> Option<String> {
    match gender {
        Gender::M => {
            if ends_any(word, &["ов", "ев", "ёв", "ин", "ын"]) {
                return Some(pick3(case, &format!("{word}а"), &format!("{word}у"), &format!("{word}ым")));
            }
            if ends_any(word, &["ский", "цкий", "ый", "ой"]) || (word.ends_with("ий") && word.len() > 6)
            {
                let s = strip(word, 2);
                let ins =
                    if ends_any(s, &["к", "г", "х"]) || word.ends_with("ий") { "им" } else { "ым" };
                return Some(pick3(case, &format!("{s}ого"), &format!("{s}ому"), &format!("{s}{ins}")));
            }
            noun(word, gender, case)
        }
        Gender::F => {
            if ends_any(word, &["ова", "ева", "ёва", "ина", "ына", "ая"]) {
                let s = strip(word, if word.ends_with("ая") { 2 } else { 1 });
                return Some(format!("{s}ой"));
            }
            if word.ends_with('а') || word.ends_with('я') {
                return noun(word, gender, case);
            }
            None
        }
    }
}

/// The feminine form of a generated masculine surname.
pub fn feminine_surname(word: &str) -> String {
    if ends_any(word, &["ов", "ев", "ёв", "ин", "ын"]) {
        format!("{word}а")
    } else if ends_any(word, &["ский", "цкий"]) {
        format!("{}ая", strip(word, 2))
    } else {
        word.to_string()
    }
}

/// The feminine patronymic of a masculine one.
pub fn feminine_patronymic(word: &str) -> String {
    match word {
        "Ильич" => "Ильинична".to_string(),
        w if w.ends_with("вич") => format!("{}вна", strip(w, 3)),
        w => format!("{w}на"),
    }
}

/// Whether a name (a first name in the default gazetteer) is feminine.
pub fn guess_gender(words: &[&str]) -> Gender {
    let masc_a = ["Никита", "Илья", "Фома", "Кузьма", "Лука", "Саша", "Инамулла"];
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    let feminine_end = |w: &str| ends_any(w, &["ова", "ева", "ёва", "ина", "ая"]);
    if words.len() > 1 {
        if (first.ends_with('а') || first.ends_with('я')) && !masc_a.contains(&first) {
            return Gender::F;
        }
        return Gender::M;
    }
    if feminine_end(last) {
        Gender::F
    } else {
        Gender::M
    }
}

fn is_cyrillic_word(word: &str) -> bool {
    word.chars().any(|c| ('а'..='я').contains(&c) || c == 'ё')
}

/// A person's Russian name in a case: 1 word = surname, 2 = first name +
/// surname, 3 = first name + patronymic + surname. None when nothing in it
/// changes or the name is not Cyrillic.
pub fn person_case(name: &str, gender: Gender, case: Case) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.iter().any(|w| !is_cyrillic_word(w) || w.contains('-')) || words.len() > 3 {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let form = if i + 1 == words.len() {
            surname_case(w, gender, case)
        } else if i == 0 {
            first_name_case(w, gender, case)
        } else {
            patronymic_case(w, case)
        };
        out.push(form.unwrap_or_else(|| w.to_string()));
    }
    let joined = out.join(" ");
    (joined != name).then_some(joined)
}

/// Head words of organization names that decline (`Банк «Волга»` →
/// `Банка «Волга»`); the rest of the name stays as it is.
const ORG_HEADS: &[&str] = &[
    "Банк",
    "Группа",
    "Министерство",
    "Минздрав",
    "Минобр",
    "Минфин",
    "Минтранс",
    "Минсельхоз",
    "Минстрой",
    "Минпромторг",
    "Минспорт",
    "Минюст",
    "Минтруд",
    "Кремль",
    "Талибан",
    "Евросоюз",
    "Центробанк",
    "Сбер",
    "Совет",
    "Суд",
    "Альянс",
];

/// An organization's Russian name in a case (only the head word changes).
pub fn org_case(name: &str, case: Case) -> Option<String> {
    let (head, rest) = name.split_once(' ').map_or((name, ""), |(h, r)| (h, r));
    if !ORG_HEADS.contains(&head) {
        return None;
    }
    let form = if head == "Министерство" {
        let s = strip(head, 1);
        pick3(case, &format!("{s}а"), &format!("{s}у"), &format!("{s}ом"))
    } else {
        let gender = if head.ends_with('а') { Gender::F } else { Gender::M };
        noun(head, gender, case)?
    };
    Some(if rest.is_empty() { form } else { format!("{form} {rest}") })
}

/// A place's Russian name in a case: `…ская область` → `…ской области`,
/// settlements in `-ск/-град` (+а), `-ово/-ино` (→ -ова), nouns in `-а/-я`.
pub fn place_case(name: &str, case: Case) -> Option<String> {
    if let Some(adj) = name.strip_suffix(" область") {
        if let Some(s) = adj.strip_suffix("ая") {
            let noun = pick3(case, "области", "области", "областью");
            return Some(format!("{s}ой {noun}"));
        }
        return None;
    }
    if let Some(s) = name.strip_suffix("ая обл.") {
        return Some(format!("{s}ой обл."));
    }
    if name.contains(' ') || !is_cyrillic_word(name) || name.chars().all(|c| !c.is_lowercase()) {
        return None;
    }
    if ends_any(name, &["ово", "ево", "ино", "ёво"]) {
        let s = strip(name, 1);
        return Some(pick3(case, &format!("{s}а"), &format!("{s}у"), &format!("{s}ом")));
    }
    let gender = if name.ends_with('ь') { Gender::F } else { Gender::M };
    if gender == Gender::F {
        return None; // `Рязань`, `Тверь`: third declension, left out
    }
    noun(name, Gender::M, case)
}

/// Every distinct oblique form (gen, dat, ins) of a Russian name of an
/// entity of type `kind` — the forms the corpus can contain.
pub fn case_forms(kind: &str, gender: Option<Gender>, name: &str) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    for case in CASES {
        let form = match kind {
            "PER" => {
                let words: Vec<&str> = name.split(' ').collect();
                person_case(name, gender.unwrap_or_else(|| guess_gender(&words)), case)
            }
            "ORG" => org_case(name, case),
            "LOC" => place_case(name, case),
            _ => None,
        };
        if let Some(f) = form {
            if f != name && !forms.contains(&f) {
                forms.push(f);
            }
        }
    }
    forms
}

/// Checks the romanization and case rules on known examples (run by the
/// smoke mode, i.e. by `cargo test --benches`).
pub fn self_check() {
    assert_eq!(romanize("Дмитрий Сергеевич Песков"), "Dmitry Sergeyevich Peskov");
    assert_eq!(romanize("Евгений Юрьевич Щукин"), "Yevgeny Yuryevich Shchukin");
    assert_eq!(romanize("Пётр Соловьёв"), "Pyotr Solovyov");
    assert_eq!(romanize("Наталья Зеленская"), "Natalya Zelenskaya");
    let person = |name, g, case| person_case(name, g, case).unwrap_or_default();
    assert_eq!(person("Дмитрий Сергеевич Песков", Gender::M, Case::Gen), "Дмитрия Сергеевича Пескова");
    assert_eq!(person("Мария Захарова", Gender::F, Case::Ins), "Марией Захаровой");
    assert_eq!(person("Ольга Петренко", Gender::F, Case::Gen), "Ольги Петренко");
    assert_eq!(person("Павел Белоозёрский", Gender::M, Case::Dat), "Павлу Белоозёрскому");
    assert_eq!(person("Игорь Ильич Зайцев", Gender::M, Case::Ins), "Игорем Ильичем Зайцевым");
    assert_eq!(person("Навальный", Gender::M, Case::Gen), "Навального");
    assert_eq!(person("Анастасия Ильинична Лебедева", Gender::F, Case::Dat), "Анастасии Ильиничне Лебедевой");
    assert_eq!(place_case("Новоозёрская область", Case::Gen).unwrap_or_default(), "Новоозёрской области");
    assert_eq!(place_case("Новоозёрская обл.", Case::Dat).unwrap_or_default(), "Новоозёрской обл.");
    assert_eq!(place_case("Каменово", Case::Ins).unwrap_or_default(), "Каменовом");
    assert_eq!(place_case("Москва", Case::Gen).unwrap_or_default(), "Москвы");
    assert_eq!(org_case("Банк «Волга»", Case::Gen).unwrap_or_default(), "Банка «Волга»");
    assert_eq!(org_case("Министерство финансов", Case::Ins).unwrap_or_default(), "Министерством финансов");
    assert_eq!(feminine_patronymic("Сергеевич"), "Сергеевна");
    assert_eq!(feminine_surname("Белосмирнов"), "Белосмирнова");
    assert_eq!(feminine_surname("Лебединский"), "Лебединская");
}
