//! Loading gazetteers: what is accepted, and every error with its location.

use entnorm::{ErrorKind, Gazetteer};

fn load(entities: &str, aliases: &str) -> Result<Gazetteer, entnorm::Error> {
    Gazetteer::from_sources([("entities.csv", entities.as_bytes()), ("aliases.csv", aliases.as_bytes())])
}

/// Every problem, as "file:line:column: message".
fn problems(entities: &str, aliases: &str) -> Vec<String> {
    let err = load(entities, aliases).expect_err("should fail");
    assert!(matches!(err.kind(), ErrorKind::Gazetteer(_)));
    err.problems().iter().map(|p| p.to_string()).collect()
}

const HEADER: &str = "id,type,name_en,name_ru\n";

#[test]
fn bom_crlf_blank_lines_comments_and_extra_columns_are_accepted() {
    let entities = "\u{FEFF}id,type,name_en,name_ru,description,wikidata\r\n\r\n# people\r\nputin,PER,Vladimir Putin,Владимир Путин,President,Q7747\r\n";
    let g = load(entities, "id,alias,note\r\nputin,Путин,surname\r\n").unwrap();
    let e = &g.entities()[0];
    assert_eq!((e.id.as_str(), e.kind.as_str(), e.location.line), ("putin", "PER", 4));
    assert_eq!(
        e.extra,
        [("description".to_string(), "President".to_string()), ("wikidata".into(), "Q7747".into())]
    );
    let alias = &g.aliases_of(0)[2];
    assert_eq!((alias.text.as_str(), alias.location.line), ("Путин", 2));
    assert_eq!(alias.extra, [("note".to_string(), "surname".to_string())]);
}

#[test]
fn split_files_are_merged() {
    let g = Gazetteer::from_sources([
        ("entities-places.csv", "id,type,name_en,name_ru\nkabul,LOC,Kabul,Кабул\n"),
        ("entities-people.csv", "id,type,name_ru,name_en\nputin,PER,Владимир Путин,\n"),
        ("aliases-people.csv", "alias,id\nПутин,putin\n"),
    ])
    .unwrap();
    let ids: Vec<&str> = g.entities().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["putin", "kabul"], "files in name order");
    assert_eq!(g.aliases_of(0).len(), 2);
}

/// Entity and alias files are read at the same time, and aliases find
/// their entities afterwards: in any order, across files, each entity's
/// listed aliases in file order, and every row of an unknown id reported,
/// those dropped for other problems too.
#[test]
fn aliases_find_their_entities_whatever_the_order() {
    let entities = format!("{HEADER}a,PER,A,\nb,LOC,B,\nc,ORG,C,\n");
    let aliases_1 = "id,alias\nc,C1\na,A1\nc,C2\n  b  ,  B1  \n";
    let aliases_2 = "id,alias\na,A2\nc,C3\n";
    let g = Gazetteer::from_sources([
        ("aliases-2.csv", aliases_2),
        ("entities.csv", &entities),
        ("aliases-1.csv", aliases_1),
    ])
    .unwrap();
    let listed = |entity: usize| -> Vec<(&str, String)> {
        let aliases = &g.aliases_of(entity)[1..]; // after name_en
        aliases.iter().map(|a| (a.text.as_str(), a.location.to_string())).collect()
    };
    assert_eq!(listed(0), [("A1", "aliases-1.csv:3".to_string()), ("A2", "aliases-2.csv:2".into())]);
    assert_eq!(listed(1), [("B1", "aliases-1.csv:5".to_string())], "fields are trimmed");
    assert_eq!(
        listed(2),
        [
            ("C1", "aliases-1.csv:2".to_string()),
            ("C2", "aliases-1.csv:4".into()),
            ("C3", "aliases-2.csv:3".into())
        ]
    );
    let within = |(i, alias): (usize, &entnorm::Alias)| g.entities()[alias.entity].aliases.contains(&i);
    assert!(g.aliases().iter().enumerate().all(within), "each alias within its entity's range");
    let found =
        problems(&format!("{HEADER}a,PER,A,\n"), "id,alias,case\nz,Z1,\nz,Z2,bad\na,A1,\nz,Z3,\n,E,\n");
    assert_eq!(
        found,
        [
            "aliases.csv:2:1: unknown entity id `z` (not defined in any entities*.csv)",
            "aliases.csv:3:1: unknown entity id `z` (not defined in any entities*.csv)",
            "aliases.csv:3:3: column `case`: `bad` is not a case rule (use auto, any, title or exact)",
            "aliases.csv:5:1: unknown entity id `z` (not defined in any entities*.csv)",
            "aliases.csv:6:1: empty id",
        ]
    );
}

#[test]
fn duplicate_and_bad_ids() {
    let found = problems(&format!("{HEADER}a,PER,A,\na,PER,B,\n,PER,C,\nb c,PER,D,\n"), "id,alias\n");
    assert_eq!(
        found,
        [
            "entities.csv:3:1: duplicate id `a` (first defined at entities.csv:2)",
            "entities.csv:4:1: empty id",
            "entities.csv:5:1: id `b c` contains whitespace",
        ]
    );
}

#[test]
fn aliases_for_unknown_ids_and_empty_aliases() {
    let found = problems(&format!("{HEADER}a,PER,A,\n"), "id,alias\nb,Bee\na,\na,!!!\n");
    assert_eq!(
        found,
        [
            "aliases.csv:2:1: unknown entity id `b` (not defined in any entities*.csv)",
            "aliases.csv:3:2: empty alias",
            "aliases.csv:4:2: `!!!` has no letters or digits, so it can never match",
        ]
    );
}

#[test]
fn missing_columns_and_wrong_field_counts() {
    let found = problems("id,type,name_en\na,PER,A\n", "id,alias\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("entities.csv:1: missing required column `name_ru`"), "{found:?}");
    let found = problems(&format!("{HEADER}a,PER,A,,extra\nb,PER\n"), "id,alias\n");
    assert_eq!(
        found,
        [
            "entities.csv:2:5: expected 4 fields (as in the header: id,type,name_en,name_ru), found 5",
            "entities.csv:3:3: expected 4 fields (as in the header: id,type,name_en,name_ru), found 2",
        ]
    );
}

#[test]
fn invalid_utf8_names_the_field() {
    let entities = b"id,type,name_en,name_ru\na,PER,A,\xd0\n".as_slice();
    let err = Gazetteer::from_sources([("entities.csv", entities)]).unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "entities.csv:2:4: invalid UTF-8 at byte 0 of this field (save the file as UTF-8)"
    );
}

/// A row that is not UTF-8 is reported and dropped alone: the file's other
/// rows are still checked, and the dropped entity's aliases are not
/// reported again as of an unknown entity.
#[test]
fn a_row_that_is_not_utf8_is_dropped_alone() {
    let entities = b"id,type,name_en,name_ru\na,PER,A,\xd0\nb,PER,,\nc,PER,C,\n".as_slice();
    let aliases = "id,alias\na,Alias of a\nc,Alias of c\nz,Alias of z\n";
    let err = Gazetteer::from_sources([("entities.csv", entities), ("aliases.csv", aliases.as_bytes())])
        .unwrap_err();
    let found: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        found,
        [
            "aliases.csv:4:1: unknown entity id `z` (not defined in any entities*.csv)",
            "entities.csv:2:4: invalid UTF-8 at byte 0 of this field (save the file as UTF-8)",
            "entities.csv:3:3: both name_en and name_ru are empty",
        ]
    );
}

#[test]
fn option_columns_are_validated() {
    let found = problems(
        &format!("{HEADER}a,PER,A,\n"),
        "id,alias,case,inflect,context\na,X,Title,pl,yes\na,Y,any,q,maybe\n",
    );
    assert_eq!(
        found,
        [
            "aliases.csv:2:3: column `case`: `Title` is not a case rule (use auto, any, title or exact)",
            "aliases.csv:3:4: column `inflect`: `q` is not an inflection rule (use auto, no, m, f, n or pl)",
            "aliases.csv:3:5: column `context`: `maybe` is not yes or no",
        ]
    );
}

#[test]
fn nothing_is_half_loaded_and_all_problems_come_at_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("entities.csv"), format!("{HEADER}a,PER,A,\nb,XX x,B,\n")).unwrap();
    std::fs::write(dir.path().join("aliases.csv"), "id,alias\nq,Q\n").unwrap();
    let err = Gazetteer::from_dir(dir.path()).unwrap_err();
    assert_eq!(err.problems().len(), 2);
    assert_eq!(err.location().unwrap().line, 2, "sorted by file and line");
    assert!(err.to_string().starts_with("2 gazetteer errors:\n  "), "{err}");
}

#[test]
fn limits_and_empty_directories() {
    let long = "x".repeat(600);
    let found = problems(&format!("{HEADER}a,PER,A,\n"), &format!("id,alias\na,{long}\n"));
    assert_eq!(found, ["aliases.csv:2:2: 600 characters; the limit is 512"]);
    // 10,000 characters in a canonical name and in an alias: each named, none kept.
    let huge = "Ж".repeat(10_000);
    let found = problems(&format!("{HEADER}a,PER,A,{huge}\n"), &format!("id,alias\na,{huge}\n"));
    assert_eq!(
        found,
        [
            "aliases.csv:2:2: 10000 characters; the limit is 512",
            "entities.csv:2:4: 10000 characters; the limit is 512"
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let err = Gazetteer::from_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("no entities*.csv file in this directory"), "{err}");
    let err = Gazetteer::from_dir(dir.path().join("missing")).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
}

#[test]
fn the_shipped_default_loads_and_covers_the_devset_entities() {
    let g = Gazetteer::embedded();
    let devset = Gazetteer::from_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/devset/gazetteer")).unwrap();
    for e in devset.entities() {
        let shipped = g.entity(&e.id).unwrap_or_else(|| panic!("{} missing from gazetteers/", e.id));
        assert_eq!((&shipped.name_en, &shipped.name_ru), (&e.name_en, &e.name_ru), "{}", e.id);
    }
}
