//! Embeds the shipped default gazetteer (`gazetteers/`): lists its CSV files
//! and compiles them into a ready index, so that `entnorm tag` works with no
//! files at all and starts without compiling anything.
//!
//! The index is built by the library's own modules, included here by path
//! (the same files, so the embedded index is exactly what `entnorm build`
//! would write). A gazetteer error fails the build with every problem listed.

#![allow(dead_code, unused_imports)]

#[path = "src/error.rs"]
mod error;
#[path = "src/gazetteer/mod.rs"]
mod gazetteer;
#[path = "src/index/mod.rs"]
mod index;
#[path = "src/inflect/mod.rs"]
mod inflect;
/// The library's `lexicon` module reads the fst set this script writes;
/// here the same word lists answer from a hash set.
mod lexicon {
    use std::collections::HashSet;
    use std::sync::OnceLock;

    pub fn words() -> &'static HashSet<&'static str> {
        static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
        WORDS.get_or_init(|| {
            let ru = include_str!("data/common-words-ru.txt");
            let en = include_str!("data/common-words-en.txt");
            ru.lines().chain(en.lines()).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
        })
    }

    pub fn is_common_word(word: &str) -> bool {
        words().contains(word)
    }

    pub fn is_common_phrase(key: &str) -> bool {
        let mut words = key.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
        words.peek().is_some() && words.all(is_common_word)
    }
}
#[path = "src/mention.rs"]
mod mention;
#[path = "src/normalize/mod.rs"]
mod normalize;
#[path = "src/tokenize.rs"]
mod tokenize;
#[path = "src/translit/mod.rs"]
mod translit;

/// The library's `derivation` module: the digest this script computes
/// (first, before compiling the embedded index) and writes for the library.
mod derivation {
    pub static DIGEST: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

    pub fn digest() -> u64 {
        *DIGEST.get().expect("the build script computes the digest first")
    }

    /// Sources and data the derived keys depend on (see `src/derivation.rs`).
    pub const SOURCES: &[&str] = &[
        "data",
        "src/index/expand.rs",
        "src/index/payload.rs",
        "src/inflect",
        "src/lexicon.rs",
        "src/mention.rs",
        "src/normalize",
        "src/tokenize.rs",
        "src/translit",
    ];

    /// xxh3 of every file under `SOURCES`, by relative path, in path order.
    pub fn compute(root: &std::path::Path) -> u64 {
        fn files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            match std::fs::read_dir(path) {
                Ok(entries) => entries.filter_map(|e| e.ok()).for_each(|e| files(&e.path(), out)),
                Err(_) => out.push(path.to_path_buf()),
            }
        }
        let mut all = Vec::new();
        SOURCES.iter().for_each(|s| files(&root.join(s), &mut all));
        all.sort();
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for path in all {
            let name = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&path).expect("derivation source is readable");
            for part in [name.as_bytes(), &bytes] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part);
            }
        }
        h.digest()
    }
}

/// The library's `embedded` module, which this script produces.
mod embedded {
    pub fn gazetteer() -> crate::gazetteer::Gazetteer {
        unreachable!("the build script builds the embedded gazetteer itself")
    }
}

use std::env;
use std::fmt::Write;
use std::fs;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    for watched in ["gazetteers", "data", "src/error.rs", "src/gazetteer", "src/index", "src/inflect"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    for watched in ["src/mention.rs", "src/normalize", "src/tokenize.rs", "src/translit", "src/lexicon.rs"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    let digest = derivation::compute(&root);
    derivation::DIGEST.set(digest).expect("computed once");
    let constant =
        format!("/// Digest of the derivation sources.\npub(crate) const DIGEST: u64 = {digest:#018x};\n");
    fs::write(out_dir.join("derivation_digest.rs"), constant).expect("OUT_DIR is writable");
    let dir = root.join("gazetteers");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "csv"));
    files.sort();

    let mut listing = String::from("/// The shipped gazetteer files: (name, contents).\n");
    listing.push_str("pub(crate) static FILES: &[(&str, &[u8])] = &[\n");
    let mut sources = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).expect("gazetteer file names are UTF-8");
        writeln!(listing, "    ({name:?}, include_bytes!({:?})),", path.display().to_string())
            .expect("write to String");
        sources.push((name.to_string(), fs::read(path).expect("gazetteer file is readable")));
    }
    listing.push_str("];\n");
    fs::write(out_dir.join("embedded_gazetteer.rs"), listing).expect("OUT_DIR is writable");

    let mut words: Vec<&str> = lexicon::words().iter().copied().collect();
    words.sort_unstable();
    let set = fst::Set::from_iter(words).expect("sorted, unique words");
    fs::write(out_dir.join("lexicon.fst"), set.as_fst().as_bytes()).expect("OUT_DIR is writable");

    let gazetteer = gazetteer::Gazetteer::from_sources(sources)
        .unwrap_or_else(|e| panic!("the shipped gazetteer (gazetteers/) is invalid:\n{e}"));
    let index = index::Index::build(&gazetteer).unwrap_or_else(|e| panic!("cannot compile gazetteers/: {e}"));
    fs::write(out_dir.join("default.idx"), index.as_bytes()).expect("OUT_DIR is writable");
}
