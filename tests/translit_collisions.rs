//! Precision check: how many common English and news words fold to the same key as
//! some word of the reference names, and how many different Cyrillic name words share
//! a key. Run with `cargo test --test collisions -- --nocapture` to see the lists.

use std::collections::{BTreeMap, BTreeSet};

use entnorm::translit::{fold, romanizations};

const REFERENCE: &str = include_str!("data/translit/reference.tsv");

/// ~330 frequent English words and words frequent in news text.
const ENGLISH: &str = "
the of and to in a is that for it as was with be by on not he i this are or his from at
which but have an they you were her she there one all we can their has been if more when
will would who so no said out up about into than them its then only other new some could
time these two may first like over also after did many most where before must through
back years much way well down should because each just those people how too little state
good very make world still own see men work long get here between both life being under
never day same another know while last might great old year off come since against go
came right used take three states himself few house use during without again place around
however home small found thought went say part once general high upon school every don
does got united left number course war until always away something fact though water less
public put think almost hand enough far took head yet government system better set told
nothing night end why called didn find look asked later point knew city next program
business give group toward young days let room president side social given present several
order national second possible rather per face among form important often things looking
early white case john become large big need four within felt along children saw best church
ever least power development light thing seemed family interest want members mind country
area others done turned although open problem help sense certain moment military minister
police court election vote party leader officials report according week month news press
foreign economy market price prices oil gas sanctions attack troops forces border peace
talks deal trade bank crisis security defense army navy missile strike drone killed wounded
spokesman spokeswoman ministry kremlin moscow kyiv ukraine russia russian european union
china chinese america american british london washington paris berlin brussels summit
meeting statement interview agency reuters sources official senior former prime chief
head deputy director company companies billion million percent shares investors energy
nuclear weapons regime opposition protest protests prison arrested charges trial judge
law bill parliament senate congress campaign candidate results polls voters support
against between during because however while after before since despite amid over under
sergeant general colonel major captain admiral governor mayor council committee
tuesday monday wednesday thursday friday saturday sunday january february march april
june july august september october november december morning evening today yesterday
tomorrow season match team coach player players goal league cup final win won lost
score game games olympic champion record world film music book novel writer author
artist theatre museum prize award star famous history historic science scientist space
";

/// Fold keys of the Cyrillic name words of the reference file.
struct NameKeys {
    /// Word → keys of its spellings that stay one Latin word.
    whole: BTreeMap<String, BTreeSet<String>>,
    /// Word → keys of the pieces of spellings that marks split (`Ilʹič` → `il`, `ic`).
    pieces: BTreeMap<String, BTreeSet<String>>,
}

impl NameKeys {
    fn load() -> NameKeys {
        let mut keys = NameKeys { whole: BTreeMap::new(), pieces: BTreeMap::new() };
        for line in REFERENCE.lines().filter(|l| !l.starts_with('#')) {
            let cyr = line.split('\t').next().unwrap_or("");
            for word in cyr.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
                if !keys.whole.contains_key(word) {
                    keys.add(word);
                }
            }
        }
        keys
    }

    fn add(&mut self, word: &str) {
        let whole = self.whole.entry(word.to_string()).or_default();
        let pieces = self.pieces.entry(word.to_string()).or_default();
        for (_, spelling) in romanizations(word) {
            let plain = deunicode::deunicode(&spelling).to_lowercase();
            let parts: Vec<String> =
                plain.split(|c: char| !c.is_ascii_alphabetic()).filter(|p| !p.is_empty()).map(fold).collect();
            match parts.as_slice() {
                [one] => whole.insert(one.clone()),
                _ => parts.into_iter().fold(false, |_, p| pieces.insert(p)),
            };
        }
    }
}

/// Key → the Cyrillic words having it.
fn invert(map: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut by_key: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (word, keys) in map {
        for k in keys {
            by_key.entry(k).or_default().insert(word);
        }
    }
    by_key
}

fn english_collisions(by_key: &BTreeMap<&str, BTreeSet<&str>>, english: &BTreeSet<&str>) -> Vec<String> {
    english
        .iter()
        .filter_map(|w| {
            let key = fold(w);
            by_key
                .get(key.as_str())
                .map(|ws| format!("{w} [{key}] ~ {}", ws.iter().copied().collect::<Vec<_>>().join(", ")))
        })
        .collect()
}

#[test]
fn english_words_rarely_collide_with_names() {
    let names = NameKeys::load();
    let english: BTreeSet<&str> = ENGLISH.split_whitespace().collect();
    let whole = invert(&names.whole);
    let pieces = invert(&names.pieces);
    let hits = english_collisions(&whole, &english);
    let piece_hits = english_collisions(&pieces, &english);
    println!(
        "{} English words vs {} Cyrillic name words ({} whole-word keys): {} collisions",
        english.len(),
        names.whole.len(),
        whole.len(),
        hits.len()
    );
    hits.iter().for_each(|h| println!("  {h}"));
    println!("vs {} keys of pieces split off by ъ/ь marks: {} collisions", pieces.len(), piece_hits.len());
    piece_hits.iter().for_each(|h| println!("  {h}"));
    assert!(hits.len() * 100 <= english.len(), "too many collisions");
}

#[test]
fn different_name_words_rarely_share_keys() {
    let names = NameKeys::load();
    let shared: Vec<String> = invert(&names.whole)
        .iter()
        .filter(|(_, ws)| ws.len() > 1)
        .map(|(k, ws)| format!("{k}: {}", ws.iter().copied().collect::<Vec<_>>().join(", ")))
        .collect();
    println!(
        "{} whole-word keys shared by different Cyrillic words (of {}):",
        shared.len(),
        names.whole.len()
    );
    shared.iter().for_each(|s| println!("  {s}"));
    assert!(shared.len() * 100 <= names.whole.len() * 2, "too many shared keys");
}
