//! The examples in `examples/` run and print what they promise.

use std::process::Command;

#[test]
fn tag_example_runs() {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "tag"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo run --example tag");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Дмитрий Песков") && stdout.contains("dmitry-peskov"), "{stdout}");
    assert!(stdout.contains("text 1: [\"акме\", \"ACME\"]"), "{stdout}");
    assert!(stdout.contains("ПЕСКОВ -> key \"песков\", 1 hit(s): dmitry-peskov"), "{stdout}");
}
