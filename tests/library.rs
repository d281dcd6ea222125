//! The library as other tools use it: same results as the CLI, shareable
//! across threads, indexes that round-trip through files.

mod util;

use entnorm::{Gazetteer, Index, MatchKind, Tagger};
use util::{devset, devset_docs, Dir};

fn devset_tagger() -> Tagger {
    Tagger::from_gazetteer_dir(devset().join("gazetteer")).unwrap()
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Tagger>();
    check::<Index>();
    check::<Gazetteer>();
    check::<entnorm::Error>();
    check::<entnorm::Mention>();
}

#[test]
fn library_and_cli_give_the_same_mentions() {
    let tagger = devset_tagger();
    let run = Dir::new().run(
        &[
            "tag",
            "--gazetteer",
            &devset().join("gazetteer").display().to_string(),
            &devset().join("seeds.jsonl").display().to_string(),
        ],
        "",
    );
    let docs = devset_docs();
    let texts: Vec<&str> = docs.iter().map(|(_, t)| t.as_str()).collect();
    let batch = tagger.tag_batch(&texts);
    for ((line, mentions), text) in run.lines().iter().zip(&batch).zip(&texts) {
        let from_cli: Vec<entnorm::Mention> = serde_json::from_value(line["mentions"].clone()).unwrap();
        assert_eq!(&from_cli, mentions);
        assert_eq!(&tagger.tag(text), mentions, "tag and tag_batch agree");
    }
}

#[test]
fn batch_output_does_not_depend_on_the_pool() {
    let tagger = devset_tagger();
    let docs = devset_docs();
    let texts: Vec<&str> = docs.iter().map(|(_, t)| t.as_str()).collect();
    let one =
        rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| tagger.tag_batch(&texts));
    let four =
        rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap().install(|| tagger.tag_batch(&texts));
    assert_eq!(one, four);
}

#[test]
fn saved_index_tags_like_the_gazetteer() {
    let gazetteer = Gazetteer::from_dir(devset().join("gazetteer")).unwrap();
    let index = Index::build(&gazetteer).unwrap();
    let dir = Dir::new();
    index.save(dir.path("dev.idx")).unwrap();
    let opened = Index::open(dir.path("dev.idx")).unwrap();
    assert_eq!(opened.as_bytes(), index.as_bytes());
    assert_eq!(opened.gazetteer_checksum(), gazetteer.checksum());
    let (a, b) = (Tagger::new(index), Tagger::new(opened));
    for (_, text) in devset_docs() {
        assert_eq!(a.tag(&text), b.tag(&text));
    }
    let bytes = std::fs::read(dir.path("dev.idx")).unwrap();
    for cut in [0, 10, 64, bytes.len() / 3, bytes.len() - 1] {
        assert!(Index::from_vec(bytes[..cut].to_vec()).is_err(), "cut at {cut}");
    }
}

/// The start filter is read in 64-byte blocks, one cache line each when
/// the index begins at a multiple of 64, as a mapped file does: the
/// embedded index and indexes from bytes anywhere in memory begin there
/// too, and tag alike.
#[test]
fn indexes_in_memory_begin_on_a_cache_line() {
    let aligned = |index: &Index| index.as_bytes().as_ptr() as usize % 64 == 0;
    let embedded = Tagger::embedded();
    assert!(aligned(embedded.index()));
    assert_eq!(embedded.index().start_filter().as_ptr() as usize % 64, 0);
    let bytes = embedded.index().as_bytes().to_vec();
    let text = "Дмитрий Песков сообщил, что Peskov и Эрдоган говорили о НАТО.";
    let expected = embedded.tag(text);
    assert!(expected.len() >= 3, "{expected:?}");
    // The same bytes at each offset from a cache line: copied when they
    // are not on one.
    let mut copied = 0;
    for offset in [0, 1, 17, 63] {
        let room = Box::leak(vec![0u8; bytes.len() + 128].into_boxed_slice());
        let from = (room.as_ptr() as usize).wrapping_neg() % 64 + offset;
        room[from..from + bytes.len()].copy_from_slice(&bytes);
        let stat: &'static [u8] = &room[from..from + bytes.len()];
        let index = Index::from_static(stat).unwrap();
        assert!(aligned(&index), "offset {offset}");
        copied += usize::from(index.as_bytes().as_ptr() != stat.as_ptr());
        assert_eq!(Tagger::new(index).tag(text), expected, "offset {offset}");
        let index = Index::from_vec(stat.to_vec()).unwrap();
        assert!(aligned(&index));
        assert_eq!(Tagger::new(index).tag(text), expected);
    }
    assert_eq!(copied, 3, "only the bytes on a cache line are used in place");
    // A build in memory writes its index on a cache line.
    let built = Index::build(&Gazetteer::embedded()).unwrap();
    assert!(aligned(&built));
    assert_eq!(built.as_bytes(), bytes);
}

/// What tagging keeps per thread from one text to the next (where walks
/// get to in the fst after a first word) belongs to one index: two
/// indexes used in turn on one thread each tag as they do alone.
#[test]
fn two_indexes_used_in_turn_on_one_thread_tag_as_alone() {
    let tagger = |rows: &str| {
        let csv = format!("id,type,name_en,name_ru\n{rows}");
        Tagger::new(Index::build(&Gazetteer::from_sources([("entities.csv", csv)]).unwrap()).unwrap())
    };
    let a = tagger("acme,ORG,Acme Holdings,\nlam,PER,To Lam,\n");
    let b = tagger("bank,ORG,Acme Bank,\nrosneft,ORG,Rosneft,Роснефть\nlamb,PER,Lamb,\n");
    let text = "Acme Holdings and Acme Bank met To Lam and Lamb of Rosneft.";
    let alone = |t: &Tagger| std::thread::scope(|s| s.spawn(|| t.tag(text)).join().unwrap());
    let (from_a, from_b) = (alone(&a), alone(&b));
    assert_eq!(from_a.len(), 2);
    assert_eq!(from_b.len(), 3);
    for _ in 0..3 {
        assert_eq!(a.tag(text), from_a);
        assert_eq!(b.tag(text), from_b);
    }
}

#[test]
fn match_kinds_exact_and_normalized() {
    let tagger = Tagger::embedded();
    let kinds: Vec<MatchKind> = tagger.tag("Песков, ПЕСКОВ, Бобылев").iter().map(|m| m.match_kind).collect();
    assert_eq!(kinds, [MatchKind::Exact, MatchKind::Normalized, MatchKind::Normalized]);
}

/// `exact` is the alias as written, `normalized` anything else that
/// matches it: decided from the text alone for an alias written as its key
/// title-cased (`Sergey Lavrov`), from the alias itself for any other
/// (`Пётр`, `Rostov-on-Don`, `U.S.`, `McDonald's`).
#[test]
fn exact_is_the_alias_as_written() {
    let gazetteer = Gazetteer::from_sources([(
        "entities.csv",
        "id,type,name_en,name_ru\nlavrov,PER,Sergey Lavrov,Сергей Лавров\ntolstoy,PER,,Пётр Толстой\n\
         rostov,LOC,Rostov-on-Don,\nnn,LOC,,Нижний Новгород\nus,LOC,U.S.,\nmcd,ORG,McDonald's,\n",
    )])
    .unwrap();
    let tagger = Tagger::new(Index::build(&gazetteer).unwrap());
    let (exact, normalized) = (MatchKind::Exact, MatchKind::Normalized);
    let cases = [
        ("Sergey Lavrov", exact),
        ("Sergey Lavrov.", exact),
        ("SERGEY LAVROV", normalized),
        ("Sergey  Lavrov", normalized),
        ("Sergey\u{A0}Lavrov", normalized),
        ("Сергей Лавров", exact),
        ("Нижний Новгород", exact),
        ("нижний новгород", normalized),
        ("Пётр Толстой", exact),
        ("Петр Толстой", normalized),
        ("Rostov-on-Don", exact),
        ("Rostov-On-Don", normalized),
        ("U.S.", exact),
        ("U.S", normalized),
        ("McDonald's", exact),
        ("Mcdonald's", normalized),
    ];
    for (text, kind) in cases {
        let found = tagger.tag(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].match_kind, kind, "{text}: {found:?}");
    }
}

/// A first name that is also a word (`Роман`, `Mark`), shared by several
/// people: capitalized, it names the one the document names in full; in
/// lowercase it is the word, and opening a sentence it is too when the
/// document writes the word elsewhere. The same whether the people's
/// payloads are read or looked up (in an index of a million entities,
/// thousands share `Mark`: each lowercase `mark` read them all).
#[test]
fn first_names_that_are_words_resolve_alike_read_or_looked_up() {
    let mut rows = String::from("id,type,name_en,name_ru,gender\n");
    for surname in ["Белов", "Чернов", "Сидоров", "Петров", "Кузнецов"] {
        rows.push_str(&format!("r-{surname},PER,,Роман {surname},m\n"));
    }
    for surname in ["Orlov", "Maslov", "Kuznetsov", "Melnikov", "Bolshakov"] {
        rows.push_str(&format!("m-{surname},PER,Mark {surname},,m\n"));
    }
    let tagger =
        Tagger::new(Index::build(&Gazetteer::from_sources([("entities.csv", rows)]).unwrap()).unwrap());
    /// A mention: its text, start and entity.
    type Found<'a> = (&'a str, usize, &'a str);
    let cases: [(&str, &[Found]); 5] = [
        (
            "Вчера Роман Белов пришёл, и Роман сказал, что роман хороший.",
            &[("Роман Белов", 6, "r-Белов"), ("Роман", 28, "r-Белов")],
        ),
        ("Роман Белов пришёл. Роман сказал.", &[("Роман Белов", 0, "r-Белов"), ("Роман", 20, "r-Белов")]),
        // The word written elsewhere: a sentence's first word is that word.
        ("Вчера Роман Белов пришёл. Роман сказал, что роман хороший.", &[("Роман Белов", 6, "r-Белов")]),
        (
            "Mark Orlov came, and then Mark spoke; they mark it.",
            &[("Mark Orlov", 0, "m-Orlov"), ("Mark", 26, "m-Orlov")],
        ),
        ("Mark Orlov came. They mark it. Mark spoke.", &[("Mark Orlov", 0, "m-Orlov")]),
    ];
    for (text, expected) in cases {
        let tagged = tagger.tag_detailed(text);
        let found: Vec<Found> =
            tagged.mentions.iter().map(|m| (m.text.as_str(), m.start, m.entity.as_str())).collect();
        assert_eq!(found, expected, "{text}");
        assert_eq!(entnorm::without_group_lookups(|| tagger.tag_detailed(text)), tagged, "{text}");
    }
}

/// The candidates listed for a first name many people share, at each of
/// its mentions, are those of the index tagging: another index whose
/// groups lie at the same places lists its own people.
#[test]
fn shared_first_names_list_the_tagging_index_people() {
    let tagger = |prefix: &str| {
        let rows: String = ["Белов", "Чернов", "Сидоров", "Петров", "Кузнецов"]
            .iter()
            .map(|surname| format!("{prefix}-{surname},PER,,Роман {surname},m\n"))
            .collect();
        let rows = format!("id,type,name_en,name_ru,gender\n{rows}");
        Tagger::new(Index::build(&Gazetteer::from_sources([("entities.csv", rows)]).unwrap()).unwrap())
    };
    let (a, b) = (tagger("a"), tagger("b"));
    for (tagger, prefix) in [(&a, "a-"), (&b, "b-"), (&a, "a-")] {
        for _ in 0..2 {
            let tagged = tagger.tag_detailed("Вчера Роман пришёл.");
            let [ambiguity] = tagged.ambiguous.as_slice() else { panic!("one ambiguous span: {tagged:?}") };
            assert_eq!(ambiguity.candidates.len(), 5);
            assert!(ambiguity.candidates.iter().all(|id| id.starts_with(prefix)), "{ambiguity:?}");
        }
    }
}

#[test]
fn typography_and_invisible_characters_do_not_hide_names() {
    let tagger = Tagger::embedded();
    let text = "«Нагорный\u{A0}Карабах», Пес\u{AD}ков, Russia’s, Taliban-led, Славянск–на–Кубани";
    let found: Vec<(String, String)> = tagger.tag(text).into_iter().map(|m| (m.text, m.entity)).collect();
    let expected = [
        ("Нагорный\u{A0}Карабах", "nagorno-karabakh"),
        ("Пес\u{AD}ков", "dmitry-peskov"),
        ("Russia", "russia"),
        ("Taliban", "taliban"),
        ("Славянск–на–Кубани", "slavyansk-na-kubani"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(found, expected);
}

#[test]
fn tag_accepts_any_text() {
    let tagger = Tagger::embedded();
    for text in ["", " ", "\u{301}\u{301}", "\u{AD}", "\0\0", "a\u{200B}", ".....", "ﬁ", "\u{10FFFF}"] {
        assert!(tagger.tag(text).is_empty(), "{text:?}");
    }
}

#[test]
fn romanized_names_match_cyrillic_aliases_and_conventional_spellings() {
    let gazetteer = Gazetteer::from_sources([
        (
            "entities.csv",
            "id,type,name_en,name_ru\nrach,PER,,Сергей Рахманинов\nkasp,PER,,Евгений Касперский\nzh,PER,,Дмитрий Жирнов\n",
        ),
        ("aliases.csv", "id,alias\nrach,Rachmaninoff\nzh,Жирнов\n"),
    ])
    .unwrap();
    let tagger = Tagger::new(Index::build(&gazetteer).unwrap());
    let text = "Sergei Rachmaninoff, Eugene Kaspersky, Dmitrij Žirnov and Jirnov; Sacharowa is not here.";
    let found: Vec<(String, String, MatchKind)> =
        tagger.tag(text).into_iter().map(|m| (m.text, m.entity, m.match_kind)).collect();
    let t = MatchKind::Transliteration;
    assert_eq!(
        found,
        [
            ("Sergei Rachmaninoff".to_string(), "rach".to_string(), t),
            ("Eugene Kaspersky".into(), "kasp".into(), t),
            ("Dmitrij Žirnov".into(), "zh".into(), t),
            ("Jirnov".into(), "zh".into(), t),
        ]
    );
}

#[test]
fn the_embedded_index_is_what_the_library_builds_from_the_shipped_files() {
    let built = Index::build(&Gazetteer::embedded()).unwrap();
    assert_eq!(Tagger::embedded().index().as_bytes(), built.as_bytes(), "build.rs and the library disagree");
}

/// The derived forms of two fixture gazetteers (every key with its
/// payloads' fields, whatever the file layout) are pinned to the engine
/// version: when normalization, inflection or transliteration changes what
/// an index holds, an index built by the previous engine must be rejected,
/// so bump `index::format::ENGINE_VERSION` and update the digest here. (A
/// change of layout alone bumps `FORMAT_VERSION` instead.)
#[test]
fn engine_version_follows_the_derived_forms() {
    use fst::Streamer;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut forms = Vec::new();
    for dir in ["tests/fixtures/inflection/gazetteer", "tests/fixtures/translit/gazetteer"] {
        let index = Index::build(&Gazetteer::from_dir(root.join(dir)).unwrap()).unwrap();
        let mut keys = index.fst_map().stream();
        while let Some((key, value)) = keys.next() {
            forms.extend_from_slice(key);
            // By entity ID, not the index's entity numbers (a layout detail).
            let mut payloads: Vec<String> = index
                .payloads(value)
                .map(|p| format!("\t{} {:?} {} {}", index.entity_id(p.entity), p.kind, p.alias, p.flags))
                .collect();
            payloads.sort();
            payloads.iter().for_each(|p| forms.extend_from_slice(p.as_bytes()));
            forms.push(b'\n');
        }
    }
    let pinned =
        (entnorm::index::format::ENGINE_VERSION, format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&forms)));
    assert_eq!(
        pinned,
        (3, "f9d0c2c86f4df465".into()),
        "derived forms changed: bump ENGINE_VERSION and pin the new digest"
    );
}

/// A build that sorts its keys in small runs through temporary files (as a
/// gazetteer of millions of aliases does) writes the same index, byte for
/// byte, as one sorted in memory.
#[test]
fn builds_in_runs_equal_builds_in_memory() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = Gazetteer::from_dir(root.join("tests/fixtures/inflection/gazetteer")).unwrap();
    for gazetteer in [fixture, Gazetteer::embedded()] {
        let whole = Index::build(&gazetteer).unwrap();
        for run_bytes in [4 << 10, 256 << 10] {
            let runs = Index::build_in_runs(&gazetteer, run_bytes).unwrap();
            assert!(runs.as_bytes() == whole.as_bytes(), "runs of {run_bytes} bytes give another index");
        }
    }
}

/// A name shared by more entities than an ambiguity lists (a common first
/// name in a gazetteer of millions of people) lists the first 50 (by
/// name, then gazetteer order) and counts the rest, instead of spelling out thousands.
#[test]
fn a_widely_shared_name_lists_fifty_candidates_and_counts_the_rest() {
    let rows: String = (0..70).map(|i| format!("e{i:02},ORG,Acme Holdings,\n")).collect();
    let gazetteer =
        Gazetteer::from_sources([("entities.csv", format!("id,type,name_en,name_ru\n{rows}"))]).unwrap();
    let tagged = Tagger::new(Index::build(&gazetteer).unwrap()).tag_detailed("Acme Holdings said.");
    assert!(tagged.mentions.is_empty());
    let [ambiguity] = tagged.ambiguous.as_slice() else { panic!("one ambiguous span: {tagged:?}") };
    assert_eq!(ambiguity.candidates.len(), entnorm::Ambiguity::MAX_LISTED);
    assert_eq!((ambiguity.candidates[0].as_str(), ambiguity.candidates[49].as_str()), ("e00", "e49"));
    assert_eq!(ambiguity.more, 20);
    let json = serde_json::to_value(ambiguity).unwrap();
    assert_eq!(json["more"], 20);
}

/// `Index::build_file` (what `entnorm build` uses: fst through a temporary
/// file, the file image never in memory) writes the bytes `Index::build`
/// holds, and a failed write leaves nothing behind.
#[test]
fn building_straight_to_a_file_writes_the_same_index() {
    let dir = Dir::new();
    let gazetteer = Gazetteer::embedded();
    let path = dir.path("default.idx");
    let built = Index::build_file(&gazetteer, &path).unwrap();
    let in_memory = Index::build(&gazetteer).unwrap();
    assert_eq!((built.keys, built.bytes), (in_memory.key_count(), in_memory.as_bytes().len() as u64));
    assert!(std::fs::read(&path).unwrap() == in_memory.as_bytes());
    assert!(Index::open(&path).unwrap().as_bytes() == in_memory.as_bytes());
    let missing = dir.path("no-such-dir/x.idx");
    let error = Index::build_file(&gazetteer, &missing).expect_err("no such directory");
    assert!(error.to_string().contains("no-such-dir/x.idx"), "{error}");
    let names: Vec<_> = std::fs::read_dir(dir.path(".")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["default.idx"], "no temporary file is left");
}

/// The shipped gazetteer's files, with `edit` applied to their text.
fn shipped_sources(edit: impl Fn(&str, String) -> String) -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(root.join(&name)).unwrap();
            let edited = edit(&name, text);
            (name, edited)
        })
        .collect()
}

/// Rebuilding after an edit reuses the keys of the entities that did not
/// change (whatever their new position) and writes exactly the index a
/// fresh build writes: here an alias edited, an entity with its aliases
/// removed, one added, and a file's rows reversed.
#[test]
fn a_rebuild_after_an_edit_reuses_unchanged_entities_and_equals_a_fresh_build() {
    let dir = Dir::new();
    let before = Gazetteer::from_sources(shipped_sources(|_, text| text)).unwrap();
    let previous_path = dir.path("previous.idx");
    Index::build_file(&before, &previous_path).unwrap();
    let previous = Index::open(&previous_path).unwrap();
    let gone = |line: &&str| !line.starts_with("alexei-navalny,");
    let after = Gazetteer::from_sources(shipped_sources(|name, text| match name {
        "aliases-people.csv" => {
            let lines: Vec<&str> = text.lines().filter(gone).collect();
            format!("{}\n", lines.join("\n")).replace("\ndmitry-peskov,Песков,", "\ndmitry-peskov,Песковъ,")
        }
        "entities-people.csv" => {
            // Comments and the header stay on top; the rows are reversed.
            let (top, rows): (Vec<&str>, Vec<&str>) =
                text.lines().filter(gone).partition(|l| l.starts_with('#') || l.starts_with("id,"));
            let rows: Vec<&str> = rows.into_iter().rev().collect();
            format!("{}\n{}\nnew-person,PER,Ivan Testov,Иван Тестов,m,,,\n", top.join("\n"), rows.join("\n"))
        }
        _ => text,
    }))
    .unwrap();
    assert!(after.entity("alexei-navalny").is_none() && after.entity("new-person").is_some());
    let fresh = Index::build(&after).unwrap();
    let reused = Index::build_reusing(&after, &previous).unwrap();
    assert!(reused.as_bytes() == fresh.as_bytes(), "a rebuild differs from a fresh build");
    let path = dir.path("rebuilt.idx");
    let built = Index::build_file_reusing(&after, &path, Some(&previous)).unwrap();
    assert!(std::fs::read(&path).unwrap() == fresh.as_bytes());
    // Every entity but the edited one (Peskov) and the new one.
    assert_eq!(built.reused, after.entities().len() - 2);
    let tagger = Tagger::new(reused);
    let ids = |text: &str| tagger.tag(text).into_iter().map(|m| m.entity).collect::<Vec<_>>();
    assert_eq!(ids("Иван Тестов и Ивана Тестова"), ["new-person", "new-person"]);
    assert!(ids("Навальный").is_empty(), "a removed entity is gone");
    assert_eq!(ids("Песковъ сказал"), ["dmitry-peskov"]);
}

/// A first name shared by several people is stored as their entity numbers
/// only (a compact group: how each derives the key is not kept). An edit
/// that leaves the key to one entity, or adds one whose payload is not
/// alike, needs that detail again: the rebuild derives it for the reused
/// entities and still equals a fresh build, without giving up the reuse.
#[test]
fn a_rebuild_restores_what_a_compact_group_does_not_store() {
    let dir = Dir::new();
    let people = |extra: &str, surnames: &[&str]| {
        let rows: String =
            surnames.iter().enumerate().map(|(i, s)| format!("p{i},PER,,Иван {s},m\n")).collect();
        Gazetteer::from_sources([("entities.csv", format!("id,type,name_en,name_ru,gender\n{rows}{extra}"))])
            .unwrap()
    };
    let stems = ["Бел", "Чер", "Сид", "Пет", "Кузнец", "Смирн", "Поп", "Васил"];
    let surnames: Vec<String> =
        stems.iter().flat_map(|s| ["ов", "ин", "ев", "аков"].map(|e| format!("{s}{e}"))).collect();
    let surnames: Vec<&str> = surnames.iter().map(String::as_str).collect();
    let before = people("", &surnames);
    let previous_path = dir.path("previous.idx");
    Index::build_file(&before, &previous_path).unwrap();
    let previous = Index::open(&previous_path).unwrap();
    let value = previous.fst_map().get("ивана").expect("a case form of the first name");
    let head = previous.group_head(value).expect("shared by 32");
    let stored = head.compact_payload().expect("stored compact");
    let mut entities: Vec<u32> = previous.payloads(value).map(|p| p.entity).collect();
    entities.dedup();
    assert_eq!(entities.len(), 32);
    assert!(previous.payloads(value).all(|p| p == entnorm::index::Payload { entity: p.entity, ..stored }));
    for (what, after, reusable) in [
        // `Иван` is also a (not context-only) name of a ship.
        ("a ship", people("s,VESSEL,,Иван,\n", &surnames), 32),
        // Too few keep the first name to be stored compact.
        ("31 left", people("", &surnames[..31]), 31),
        ("one left", people("", &surnames[..1]), 1),
    ] {
        let fresh = Index::build(&after).unwrap();
        let path = dir.path("rebuilt.idx");
        let built = Index::build_file_reusing(&after, &path, Some(&previous)).unwrap();
        assert!(std::fs::read(&path).unwrap() == fresh.as_bytes(), "{what}: a rebuild differs");
        assert_eq!(built.reused, reusable, "{what}");
        let value = fresh.fst_map().get("ивана").unwrap();
        assert!(fresh.group_head(value).map_or(true, |h| h.compact_payload().is_none()), "{what}");
        assert!(fresh.payloads(value).any(|p| p.kind == MatchKind::Inflection), "{what}");
    }
}

/// A previous index that cannot lend its keys (damaged, or from another
/// gazetteer altogether) leaves a correct fresh build.
#[test]
fn a_rebuild_from_an_unusable_previous_index_is_a_fresh_build() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = Gazetteer::from_dir(root.join("tests/fixtures/inflection/gazetteer")).unwrap();
    let shipped = Gazetteer::embedded();
    let fresh = Index::build(&fixture).unwrap();
    let other = Index::build(&shipped).unwrap();
    let unrelated = Index::build_reusing(&fixture, &other).unwrap();
    assert!(unrelated.as_bytes() == fresh.as_bytes());
    // The shipped index, with the fixture's fingerprints claimed for its
    // first entities: their aliases do not exist in the fixture.
    let fixture_fingerprints: Vec<u8> =
        (0..fresh.entity_count() as u32).flat_map(|i| fresh.source_fingerprint(i).to_le_bytes()).collect();
    let mut sources: Vec<u8> =
        (0..other.entity_count() as u32).flat_map(|i| other.source_fingerprint(i).to_le_bytes()).collect();
    sources[..fixture_fingerprints.len()].copy_from_slice(&fixture_fingerprints);
    let crafted = Index::from_vec(util::replace_sections(other.as_bytes(), &[(5, &sources)])).unwrap();
    let rebuilt = Index::build_reusing(&fixture, &crafted).unwrap();
    assert!(rebuilt.as_bytes() == fresh.as_bytes());
}

/// A first name that sixty people share is one payload group whose every
/// payload only counts with context (its head says so): it is resolved by
/// lookups in that group, to the person the document names in full, and
/// reported ambiguous (fifty listed, the rest counted) when none is.
#[test]
fn a_first_name_shared_by_many_resolves_through_the_full_name() {
    let stems = ["Бел", "Чер", "Сид", "Пет", "Кузнец", "Смирн", "Поп", "Васил", "Мор", "Волк"];
    let ends = ["ов", "ин", "ев", "цов", "енков", "аков"];
    let surnames: Vec<String> =
        stems.iter().flat_map(|s| ends.iter().map(move |e| format!("{s}{e}"))).collect();
    let rows: String =
        surnames.iter().enumerate().map(|(i, s)| format!("p{i:02},PER,,Иван {s},m\n")).collect();
    let gazetteer =
        Gazetteer::from_sources([("entities.csv", format!("id,type,name_en,name_ru,gender\n{rows}"))])
            .unwrap();
    let index = Index::build(&gazetteer).unwrap();
    let value = index.fst_map().get("иван").expect("the first name is a key");
    let head = index.group_head(value).expect("shared by sixty: a group");
    assert!(head.uniform() && head.entities() == 60, "{head:?}");
    let tagger = Tagger::new(index);
    let tagged = tagger.tag_detailed("Иван Смирнов приехал в Москву. Иван сказал, что Ивана ждали.");
    let found: Vec<(&str, &str, MatchKind)> =
        tagged.mentions.iter().map(|m| (m.text.as_str(), m.entity.as_str(), m.match_kind)).collect();
    let smirnov = format!("p{:02}", surnames.iter().position(|s| s == "Смирнов").unwrap());
    assert_eq!(
        found,
        [
            ("Иван Смирнов", smirnov.as_str(), MatchKind::Exact),
            ("Иван", smirnov.as_str(), MatchKind::Context),
            ("Ивана", smirnov.as_str(), MatchKind::Context),
        ]
    );
    let alone = tagger.tag_detailed("Вчера Иван сказал.");
    assert!(alone.mentions.is_empty(), "{alone:?}");
    let [ambiguity] = alone.ambiguous.as_slice() else { panic!("one ambiguous span: {alone:?}") };
    assert_eq!((ambiguity.text.as_str(), ambiguity.candidates.len(), ambiguity.more), ("Иван", 50, 10));
    // The first fifty by name: `Иван Белаков`, `Иван Белев`, …
    let mut by_name: Vec<(&String, String)> =
        surnames.iter().enumerate().map(|(i, s)| (s, format!("p{i:02}"))).collect();
    by_name.sort();
    let first: Vec<&str> = by_name.iter().take(50).map(|(_, id)| id.as_str()).collect();
    assert_eq!(ambiguity.candidates, first);
}

/// The start filter lets through every text that spells a key, also when
/// normalization puts a mark inside a word (`⒈` is `1.`): the key
/// `1. foo` starts with the word `1`, the text's token is `1.`.
#[test]
fn a_key_whose_first_token_normalizes_to_a_mark_still_matches() {
    let gazetteer =
        Gazetteer::from_sources([("entities.csv", "id,type,name_en,name_ru\nfirst,ORG,⒈ Foo,\n")]).unwrap();
    let tagger = Tagger::new(Index::build(&gazetteer).unwrap());
    let found: Vec<String> = tagger.tag("See ⒈ Foo and 1. Foo.").into_iter().map(|m| m.text).collect();
    assert_eq!(found, ["⒈ Foo", "1. Foo"]);
}

/// A crafted index whose compact group claims more entities than the index
/// has (one run of four billion) reads as an empty group: tagging and
/// lookup go on, nothing runs through billions of numbers.
#[test]
fn a_compact_group_claiming_more_entities_than_there_are_is_empty() {
    // Uniform, compact, runs; one run; count u32::MAX; the run (0, u32::MAX).
    let head: u64 = 1 << 63 | 1 << 62 | 1 << 60 | 1 << 32 | u64::from(u32::MAX);
    assert_crafted_ivan_group_is_empty(|_| vec![head, u64::from(u32::MAX) << 32]);
}

/// A damaged or crafted file whose template group places its shared list
/// past the end of the group table, or whose template is not a payload,
/// reads as an empty group: nothing is read out of bounds.
#[test]
fn a_template_group_with_its_list_out_of_place_is_empty() {
    // Template, shared list; two entities.
    let head: u64 = 1 << 59 | 1 << 58 | 2 << 32 | 2;
    for (template, place) in [(true, u64::MAX / 8), (true, 1 << 40), (false, 0)] {
        assert_crafted_ivan_group_is_empty(|like| {
            vec![head, if template { like.pack() } else { u64::MAX }, place]
        });
    }
}

/// Builds an index of two people named `Иван`, overwrites the group of
/// `иван` from its head on with the words `craft` gives (from what its
/// payloads are like but for their entity), and checks that the crafted
/// group reads as empty: no payload, entity or membership, and tagging and
/// lookup go on.
fn assert_crafted_ivan_group_is_empty(craft: impl Fn(entnorm::index::Payload) -> Vec<u64>) {
    let rows = "id,type,name_en,name_ru,gender\na,PER,,Иван Носков,m\nb,PER,,Иван Петров,m\n";
    let built =
        Index::build(&Gazetteer::from_sources([("entities.csv", rows.to_string())]).unwrap()).unwrap();
    let value = built.fst_map().get("иван").expect("a shared first name");
    let start = entnorm::index::Payload::group_start(value).expect("a group");
    let header = entnorm::index::format::validate(built.as_bytes()).unwrap();
    let like = entnorm::index::Payload { entity: 0, ..built.payloads(value).next().unwrap() };
    let mut groups = built.as_bytes()[header.groups].to_vec();
    for (i, word) in craft(like).into_iter().enumerate() {
        groups[(start + i) * 8..(start + i + 1) * 8].copy_from_slice(&word.to_le_bytes());
    }
    let crafted = Index::from_vec(util::replace_sections(built.as_bytes(), &[(1, &groups)])).unwrap();
    assert_eq!(crafted.payload_entities(value).count(), 0);
    assert_eq!(crafted.payloads(value).count(), 0);
    assert!(!crafted.group_has(value, 0));
    let tagger = Tagger::new(crafted);
    assert!(tagger.tag_detailed("Иван сказал.").ambiguous.is_empty());
    assert!(tagger.lookup("Иван").hits.is_empty());
}

/// The index does not store which case form or romanization scheme a key
/// is (it would cost the fst 9 MB at a million entities): `lookup` finds it
/// again from the alias. A romanization of a Russian alias or of one of
/// its name parts names its scheme; an English alias's other spellings
/// name none; a case form of a name whose gender the gazetteer gave (the
/// index does not keep it) is still named.
#[test]
fn lookup_finds_the_case_and_scheme_the_index_does_not_store() {
    let tagger = Tagger::embedded();
    let detail = |surface: &str| {
        let hits = tagger.lookup(surface).hits;
        assert_eq!(hits.len(), 1, "{surface}: {hits:?}");
        (hits[0].match_kind, hits[0].detail.clone())
    };
    assert_eq!(detail("Jirnov"), (MatchKind::Transliteration, "romanization: icao".into()));
    assert_eq!(detail("Sofiya"), (MatchKind::Transliteration, String::new()));
    assert_eq!(detail("Бецалеля Смотрича"), (MatchKind::Inflection, "genitive, accusative singular".into()));
    assert_eq!(detail("Пескова"), (MatchKind::Inflection, "genitive, accusative singular".into()));
    assert_eq!(detail("хуситов"), (MatchKind::Inflection, "genitive plural".into()));
}
