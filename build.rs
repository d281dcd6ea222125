//! Lists `gazetteers/*.csv` for embedding: the shipped default gazetteer is
//! compiled into the crate, so `entnorm tag` works with no files at all.

use std::env;
use std::fmt::Write;
use std::fs;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("gazetteers");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "csv"));
    files.sort();
    let mut out = String::from("/// The shipped gazetteer files: (name, contents).\n");
    out.push_str("pub(crate) static FILES: &[(&str, &[u8])] = &[\n");
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).expect("gazetteer file names are UTF-8");
        writeln!(out, "    ({name:?}, include_bytes!({:?})),", path.display().to_string())
            .expect("write to String");
    }
    out.push_str("];\n");
    let target = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("embedded_gazetteer.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}
