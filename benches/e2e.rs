//! End-to-end benchmark of entnorm (issue 5): generates an N-entity
//! gazetteer and an M-MB news corpus (deterministic, fixed seed), then
//! measures, for the default gazetteer and the generated one, index build
//! time and size, load time, start-up, `tag` throughput at `-j 1` and
//! `-j <cores>`, peak memory of every subprocess, memory flatness, and a
//! plain aho-corasick baseline over the same texts; prints one Markdown
//! report (also written to `<target>/e2e/report.md`).
//!
//! ```text
//! cargo bench --bench e2e                      # 1,000,000 entities, 200 MB corpus, flatness run
//! cargo bench --bench e2e -- --quick           # 20,000 entities, 20 MB, no flatness run
//! cargo bench --bench e2e -- --entities 200000 --corpus-mb 50 --flat --phases
//! ```
//!
//! Run without `--bench` (as `cargo test --benches` does) it is a smoke
//! test: 500 entities, a 0.2 MB corpus, the binary of the test profile.
//! It reports and never judges: missed targets are marked ✗ and the exit
//! status is still 0; it fails only when something does not run, a
//! subprocess fails, or `tag` does not print one line per document.
//! See `tools/bench/README.md`.

#[path = "e2e/baseline.rs"]
mod baseline;
#[path = "e2e/child.rs"]
mod child;
#[path = "e2e/corpus.rs"]
mod corpus;
#[path = "e2e/gazgen.rs"]
mod gazgen;
#[path = "e2e/gazread.rs"]
mod gazread;
#[path = "e2e/names.rs"]
mod names;
#[path = "e2e/templates.rs"]
mod templates;

use child::{Input, Run};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Bump when the generators change what they write (forces regeneration).
const GENERATOR_VERSION: u32 = 3;
const SEED: u64 = 0x00E2_E5EE_D000_0005;
/// Megabyte: 10^6 bytes, for sizes and throughput alike.
const MB: f64 = 1e6;
/// Flat memory: peak RSS of the 10× run at most this factor of the 1× run,
/// plus `FLAT_SLACK_MB` for allocator noise on small processes.
const FLAT_FACTOR: f64 = 1.10;
const FLAT_SLACK_MB: f64 = 8.0;
const FLAT_REPEAT: usize = 10;

struct Config {
    mode: &'static str,
    entities: usize,
    corpus_mb: f64,
    out: PathBuf,
    repo: PathBuf,
    bin: PathBuf,
    threads: usize,
    flat: bool,
    phases: bool,
    prepare_only: bool,
    build_timeout: Option<Duration>,
    startup_runs: usize,
    /// `tag` runs (and baseline passes) per figure; the median is reported.
    tag_runs: usize,
    seed: u64,
}

const USAGE: &str = "usage: cargo bench --bench e2e -- [--quick] [--entities N] [--corpus-mb M] [--out DIR]
       [--flat | --no-flat] [--phases] [--prepare-only] [--build-timeout S] [--threads N] [--tag-runs N] [--bin PATH] [--repo DIR] [--seed S]";

fn parse_args() -> Result<Config, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let quick = args.iter().any(|a| a == "--quick");
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // <target>/<profile>/deps/e2e-<hash>: the report goes to <target>/e2e.
    let target = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| repo.join("target"));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut c = match (bench, quick) {
        (false, _) => Config {
            mode: "smoke (no --bench: cargo test)",
            entities: 500,
            corpus_mb: 0.2,
            flat: false,
            startup_runs: 3,
            tag_runs: 1,
            ..defaults(&repo, &target, threads)
        },
        (true, true) => Config {
            mode: "quick",
            entities: 20_000,
            corpus_mb: 20.0,
            flat: false,
            ..defaults(&repo, &target, threads)
        },
        (true, false) => Config { mode: "full", ..defaults(&repo, &target, threads) },
    };
    let mut bin = option_env!("CARGO_BIN_EXE_entnorm").map(PathBuf::from);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value =
            |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        let number = |v: String, name: &str| {
            v.replace('_', "").parse::<usize>().map_err(|_| format!("{name}: not a number: {v}"))
        };
        match a.as_str() {
            "--bench" | "--quick" => {}
            "--flat" => c.flat = true,
            "--no-flat" => c.flat = false,
            "--phases" => c.phases = true,
            "--prepare-only" => c.prepare_only = true,
            "--build-timeout" => {
                let secs = number(value(a)?, a)?;
                c.build_timeout = (secs > 0).then(|| Duration::from_secs(secs as u64));
            }
            "--entities" => c.entities = number(value(a)?, a)?.max(100),
            "--tag-runs" => c.tag_runs = number(value(a)?, a)?.max(1),
            "--corpus-mb" => {
                let v = value(a)?;
                c.corpus_mb = v.parse::<f64>().map_err(|_| format!("{a}: not a number: {v}"))?.max(0.01);
            }
            "--threads" => c.threads = number(value(a)?, a)?.max(1),
            "--seed" => c.seed = number(value(a)?, a)? as u64,
            "--out" => c.out = PathBuf::from(value(a)?),
            "--repo" => c.repo = PathBuf::from(value(a)?),
            "--bin" => bin = Some(PathBuf::from(value(a)?)),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    c.bin = bin.unwrap_or_else(|| c.repo.join("target/release/entnorm"));
    Ok(c)
}

fn defaults(repo: &Path, target: &Path, threads: usize) -> Config {
    Config {
        mode: "full",
        entities: 1_000_000,
        corpus_mb: 200.0,
        out: target.join("e2e"),
        repo: repo.to_path_buf(),
        bin: PathBuf::new(),
        threads,
        flat: true,
        phases: false,
        prepare_only: false,
        build_timeout: Some(Duration::from_secs(1800)),
        startup_runs: 10,
        tag_runs: 3,
        seed: SEED,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == child::SPAWN_FLAG) {
        return child::spawn_helper(&args[1..]);
    }
    let config = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("e2e: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&config) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("e2e: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn step(what: &str) {
    eprintln!("e2e: {what}");
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// A value from `/proc/self/status` in KiB (`VmRSS`, `VmHWM`).
fn proc_status_kib(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets this process's peak RSS (`VmHWM`), Linux ≥ 4.0.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

/// FNV-1a over the names and bytes of a gazetteer's CSV files, so that the
/// corpus is regenerated when the default gazetteer changes.
fn dir_hash(dir: &Path) -> Result<u64, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for b in name.bytes().chain(std::fs::read(&f).map_err(io_err(&f))?) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    Ok(h)
}

// ---------------------------------------------------------------- inputs --

struct Inputs {
    gaz_dir: PathBuf,
    corpus: PathBuf,
    stats: corpus::Stats,
    texts: Vec<String>,
    text_bytes: usize,
    gen_gaz_s: Option<f64>,
    gen_corpus_s: Option<f64>,
    sample_name: Option<String>,
}

fn stats_to_text(s: &corpus::Stats) -> String {
    format!(
        "docs {}\ntext_bytes {}\nwords {}\nmentions {}\nmentions_default {}\nmentions_inflected {}\n",
        s.docs, s.text_bytes, s.words, s.mentions, s.mentions_default, s.mentions_inflected
    )
}

fn stats_from_text(text: &str) -> corpus::Stats {
    let get = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k).and_then(|v| v.strip_prefix(' ')))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    corpus::Stats {
        docs: get("docs"),
        text_bytes: get("text_bytes"),
        words: get("words"),
        mentions: get("mentions"),
        mentions_default: get("mentions_default"),
        mentions_inflected: get("mentions_inflected"),
    }
}

fn prepare(c: &Config) -> Result<Inputs, String> {
    std::fs::create_dir_all(&c.out).map_err(io_err(&c.out))?;
    let default_dir = c.repo.join("gazetteers");
    let gaz_dir = c.out.join(format!("gaz-{}", c.entities));
    let gaz_params =
        format!("entnorm e2e gazetteer v{GENERATOR_VERSION}\nseed {}\nentities {}\n", c.seed, c.entities);
    let gaz_stamp = gaz_dir.join("PARAMS.txt");
    let gaz_ok = std::fs::read_to_string(&gaz_stamp).is_ok_and(|s| s == gaz_params);
    let corpus_path = c.out.join(format!("corpus-{}.jsonl", c.corpus_mb));
    let corpus_stamp = c.out.join(format!("corpus-{}.params", c.corpus_mb));
    let corpus_params = format!(
        "entnorm e2e corpus v{GENERATOR_VERSION}\nseed {}\nentities {}\nmb {}\ndefault-gazetteer {:016x}\n--\n",
        c.seed,
        c.entities,
        c.corpus_mb,
        dir_hash(&default_dir)?
    );
    let stamp_text = std::fs::read_to_string(&corpus_stamp).unwrap_or_default();
    let corpus_ok = corpus_path.exists() && stamp_text.starts_with(&corpus_params);

    let mut generated = Vec::new();
    let (mut gen_gaz_s, mut gen_corpus_s) = (None, None);
    if !gaz_ok || !corpus_ok {
        step(&format!("generating {} entities (in memory)", c.entities));
        generated = gazgen::generate(c.entities, c.seed);
    }
    if gaz_ok {
        step(&format!("gazetteer {} is up to date", gaz_dir.display()));
    } else {
        let t = Instant::now();
        step(&format!("writing gazetteer {}", gaz_dir.display()));
        let _ = std::fs::remove_dir_all(&gaz_dir);
        gazgen::write(&gaz_dir, &generated).map_err(io_err(&gaz_dir))?;
        std::fs::write(&gaz_stamp, &gaz_params).map_err(io_err(&gaz_stamp))?;
        gen_gaz_s = Some(secs(t.elapsed()));
    }
    let stats = if corpus_ok {
        step(&format!("corpus {} is up to date", corpus_path.display()));
        stats_from_text(&stamp_text[corpus_params.len()..])
    } else {
        let t = Instant::now();
        step(&format!("writing corpus {} ({} MB)", corpus_path.display(), c.corpus_mb));
        let default = gazread::read(&default_dir)?;
        let stats =
            corpus::write(&corpus_path, &generated, &default, c.seed ^ 0xC0, (c.corpus_mb * MB) as usize)
                .map_err(io_err(&corpus_path))?;
        std::fs::write(&corpus_stamp, format!("{corpus_params}{}", stats_to_text(&stats)))
            .map_err(io_err(&corpus_stamp))?;
        gen_corpus_s = Some(secs(t.elapsed()));
        stats
    };
    drop(generated);

    step("reading the corpus texts");
    let raw = std::fs::read_to_string(&corpus_path).map_err(io_err(&corpus_path))?;
    let mut texts = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", corpus_path.display(), i + 1))?;
        let text =
            v["text"].as_str().ok_or_else(|| format!("{}:{}: no text", corpus_path.display(), i + 1))?;
        texts.push(text.to_string());
    }
    drop(raw);
    let text_bytes = texts.iter().map(String::len).sum();
    // A person of the generated gazetteer, for a sanity check of the index.
    let sample_name = std::fs::read_to_string(gaz_dir.join("entities-people.csv"))
        .ok()
        .and_then(|s| s.lines().nth(1).and_then(|l| l.split(',').nth(3)).map(str::to_string));
    Ok(Inputs {
        gaz_dir,
        corpus: corpus_path,
        stats,
        texts,
        text_bytes,
        gen_gaz_s,
        gen_corpus_s,
        sample_name,
    })
}

// ----------------------------------------------------------- measurement --

struct Baseline {
    csv_s: f64,
    patterns_s: f64,
    automaton_s: f64,
    patterns: usize,
    heap_bytes: usize,
    peak_delta_kib: Option<u64>,
    rss_delta_kib: Option<u64>,
    matches: usize,
    mbps_1: f64,
    mbps_n: f64,
}

impl Baseline {
    fn build_s(&self) -> f64 {
        self.csv_s + self.patterns_s + self.automaton_s
    }
}

/// What needs an index: load, start-up, tagging.
struct Engine {
    load_first_ms: f64,
    load_ms: f64,
    sanity: String,
    startup_ms: f64,
    empty_ms: f64,
    version_ms: f64,
    tag1: Run,
    tagn: Run,
    /// `Tagger::tag` in-process over the parsed texts, as the baseline
    /// runs; `found` counts mentions.
    library: Passes,
}

struct Measured {
    label: String,
    build: Run,
    build_summary: String,
    /// `entnorm build` again after a one-entity edit, over the index it
    /// replaces (None when the first build did not finish).
    rebuild: Option<Run>,
    index_bytes: Option<u64>,
    /// None when the build did not finish in time.
    engine: Option<Engine>,
    phases: Option<(f64, f64, f64)>,
    baseline: Baseline,
}

fn mbps(run: &Run, bytes: usize) -> f64 {
    bytes as f64 / MB / run.secs()
}

fn entnorm(c: &Config) -> Command {
    Command::new(&c.bin)
}

fn check_lines(run: &Run, expected: usize, what: &str) -> Result<(), String> {
    if run.lines != expected as u64 {
        return Err(format!("{what}: {} output lines for {expected} documents", run.lines));
    }
    if run.errors > 0 {
        return Err(format!("{what}: {} documents got an error line", run.errors));
    }
    Ok(())
}

/// Everything about one gazetteer. `index_args` select it for `tag`
/// (empty = the embedded default).
fn measure(
    c: &Config,
    inputs: &Inputs,
    label: &str,
    gaz_dir: &Path,
    index: &Path,
    index_args: &[&str],
    sample: &str,
) -> Result<Measured, String> {
    step(&format!("[{label}] entnorm build --gazetteer {}", gaz_dir.display()));
    let _ = std::fs::remove_file(index);
    let build = child::run_limited(
        entnorm(c).arg("build").arg("--gazetteer").arg(gaz_dir).arg("-o").arg(index),
        Input::Null,
        c.build_timeout,
    )?;
    let build_summary = build.stderr.lines().last().unwrap_or("").trim().to_string();
    let engine = if build.timed_out {
        step(&format!("[{label}] build killed after {:.0} s: no index, no tagging", build.secs()));
        None
    } else {
        Some(measure_engine(c, inputs, label, index, index_args, sample)?)
    };
    let index_bytes = engine
        .as_ref()
        .map(|_| std::fs::metadata(index).map(|m| m.len()))
        .transpose()
        .map_err(io_err(index))?;
    let rebuild = match build.timed_out {
        true => None,
        false => Some(rebuild_after_an_edit(c, label, gaz_dir, index)?),
    };

    let phases = if c.phases && !build.timed_out {
        step(&format!("[{label}] build phases (in-process)"));
        let t = Instant::now();
        let g = entnorm::Gazetteer::from_dir(gaz_dir).map_err(|e| e.to_string())?;
        let load = secs(t.elapsed());
        let t = Instant::now();
        let idx = entnorm::Index::build(&g).map_err(|e| e.to_string())?;
        let compile = secs(t.elapsed());
        drop(g);
        let t = Instant::now();
        let tmp = c.out.join("phases.idx");
        idx.save(&tmp).map_err(|e| e.to_string())?;
        let save = secs(t.elapsed());
        let _ = std::fs::remove_file(&tmp);
        Some((load, compile, save))
    } else {
        None
    };

    let baseline = measure_baseline(c, inputs, label, gaz_dir)?;
    Ok(Measured {
        label: label.to_string(),
        build,
        build_summary,
        rebuild,
        index_bytes,
        engine,
        phases,
        baseline,
    })
}

/// What a user waits for after editing a gazetteer: a copy of `gaz_dir`
/// with one alias added to its first entity (in a file of its own), built
/// over a copy of `index`, whose unchanged entities' keys are reused.
fn rebuild_after_an_edit(c: &Config, label: &str, gaz_dir: &Path, index: &Path) -> Result<Run, String> {
    let edited = c.out.join("edited-gazetteer");
    let _ = std::fs::remove_dir_all(&edited);
    std::fs::create_dir_all(&edited).map_err(io_err(&edited))?;
    let mut first_id = None;
    let mut names: Vec<PathBuf> = std::fs::read_dir(gaz_dir)
        .map_err(io_err(gaz_dir))?
        .map(|e| e.map(|e| e.path()).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    names.sort();
    for path in names.iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let to = edited.join(path.file_name().unwrap_or_default());
        std::fs::copy(path, &to).map_err(io_err(path))?;
        let is_entities = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("entities"));
        if is_entities && first_id.is_none() {
            let text = std::fs::read_to_string(path).map_err(io_err(path))?;
            let row = text.lines().find(|l| !l.starts_with('#') && !l.starts_with("id,") && !l.is_empty());
            first_id = row.and_then(|r| r.split(',').next()).map(str::to_string);
        }
    }
    let id = first_id.ok_or_else(|| format!("no entity row in {}", gaz_dir.display()))?;
    let added = edited.join("aliases-zz-edit.csv");
    std::fs::write(&added, format!("id,alias\n{id},Benchmark Edit\n")).map_err(io_err(&added))?;
    let rebuilt = c.out.join("rebuilt.idx");
    std::fs::copy(index, &rebuilt).map_err(io_err(index))?;
    step(&format!("[{label}] entnorm build after a one-entity edit, over the previous index"));
    let run = child::run_limited(
        entnorm(c).arg("build").arg("--gazetteer").arg(&edited).arg("-o").arg(&rebuilt),
        Input::Null,
        c.build_timeout,
    )?;
    if !run.timed_out && !run.stderr.contains("reused") {
        return Err(format!("the rebuild reused nothing: {}", run.stderr.trim()));
    }
    let _ = std::fs::remove_file(&rebuilt);
    let _ = std::fs::remove_dir_all(&edited);
    Ok(run)
}

fn measure_engine(
    c: &Config,
    inputs: &Inputs,
    label: &str,
    index: &Path,
    index_args: &[&str],
    sample: &str,
) -> Result<Engine, String> {
    let docs = inputs.texts.len();
    step(&format!("[{label}] Index::open (in-process)"));
    let mut loads = Vec::new();
    let mut sanity = String::new();
    let mut tagger = None;
    for i in 0..6 {
        let t = Instant::now();
        let idx = entnorm::Index::open(index).map_err(|e| format!("Index::open {}: {e}", index.display()))?;
        let loaded = entnorm::Tagger::new(idx);
        loads.push(secs(t.elapsed()) * 1e3);
        if i == 0 {
            let found = loaded.tag(sample);
            sanity = format!(
                "`{sample}` → {}",
                found.first().map_or("no mention (!)".to_string(), |m| format!("{} ({})", m.entity, m.text))
            );
        }
        tagger = Some(loaded);
    }
    let tagger = tagger.expect("six loads");
    step(&format!("[{label}] Tagger::tag (in-process), 1 and {} threads", c.threads));
    let library = passes(c, inputs, |text| tagger.tag(text).len());
    drop(tagger);

    step(&format!("[{label}] start-up ×{}", c.startup_runs));
    let mut startups = Vec::new();
    for _ in 0..c.startup_runs {
        let run = child::run(
            entnorm(c).arg("tag").args(index_args),
            Input::Bytes("{\"text\":\"Песков\"}\n".as_bytes().to_vec()),
        )?;
        check_lines(&run, 1, "start-up run")?;
        startups.push(secs(run.wall) * 1e3);
    }
    let (mut empties, mut versions) = (Vec::new(), Vec::new());
    for _ in 0..c.startup_runs.min(5) {
        let run = child::run(entnorm(c).arg("tag").args(index_args), Input::Null)?;
        check_lines(&run, 0, "empty input")?;
        empties.push(secs(run.wall) * 1e3);
        versions.push(secs(child::run(entnorm(c).arg("--version"), Input::Null)?.wall) * 1e3);
    }

    // The run of median wall time of `tag_runs` (a shared machine's
    // timings vary by a third between identical runs).
    let tag = |threads: usize| -> Result<Run, String> {
        let mut runs = Vec::new();
        for n in 1..=c.tag_runs {
            step(&format!("[{label}] entnorm tag -j {threads} ({docs} docs), run {n} of {}", c.tag_runs));
            let run = child::run(
                entnorm(c)
                    .arg("tag")
                    .args(index_args)
                    .args(["-j", &threads.to_string(), "--quiet"])
                    .arg(&inputs.corpus),
                Input::Null,
            )?;
            check_lines(&run, docs, &format!("tag -j {threads}"))?;
            runs.push(run);
        }
        runs.sort_by_key(|r| r.wall);
        Ok(runs.swap_remove(runs.len() / 2))
    };
    let tag1 = tag(1)?;
    if tag1.mentions != library.found as u64 {
        return Err(format!(
            "[{label}] `tag -j 1` printed {} mentions, `Tagger::tag` found {} in the same texts",
            tag1.mentions, library.found
        ));
    }
    Ok(Engine {
        load_first_ms: loads[0],
        load_ms: median(loads[1..].to_vec()),
        sanity,
        startup_ms: median(startups),
        empty_ms: median(empties),
        version_ms: median(versions),
        tag1,
        tagn: tag(c.threads)?,
        library,
    })
}

/// In-process passes over the corpus texts (the library's, the
/// baseline's): what one pass finds, and MB/s on 1 thread and on `threads`.
struct Passes {
    found: usize,
    mbps_1: f64,
    mbps_n: f64,
}

/// `count` over every text: once on this thread for what it finds, then
/// timed, the median of `tag_runs` passes on 1 thread (a plain loop) and on
/// `threads` (a Rayon pool over documents).
fn passes(c: &Config, inputs: &Inputs, count: impl Fn(&str) -> usize + Sync) -> Passes {
    use rayon::prelude::*;
    let texts = &inputs.texts;
    let found = texts.iter().map(|t| count(t)).sum();
    let timed = |threads: usize| {
        let pool = (threads > 1)
            .then(|| rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool"));
        let runs = (0..c.tag_runs).map(|_| {
            let start = Instant::now();
            let n: usize = match &pool {
                None => texts.iter().map(|t| count(t)).sum(),
                Some(pool) => pool.install(|| texts.par_iter().map(|t| count(t)).sum()),
            };
            std::hint::black_box(n);
            secs(start.elapsed())
        });
        inputs.text_bytes as f64 / MB / median(runs.collect())
    };
    Passes { found, mbps_1: timed(1), mbps_n: timed(c.threads) }
}

/// Peak RSS of tagging the corpus once and `FLAT_REPEAT` times, streamed
/// through stdin.
fn flatness(c: &Config, inputs: &Inputs, label: &str, index_args: &[&str]) -> Result<(Run, Run), String> {
    let docs = inputs.texts.len();
    let mut runs = Vec::new();
    for k in [1, FLAT_REPEAT] {
        step(&format!("[{label}] flatness: corpus ×{k} through stdin, -j {}", c.threads));
        let run = child::run(
            entnorm(c).arg("tag").args(index_args).args(["-j", &c.threads.to_string(), "--quiet"]),
            Input::Repeat(inputs.corpus.clone(), k),
        )?;
        check_lines(&run, docs * k, &format!("tag of the corpus ×{k}"))?;
        runs.push(run);
    }
    let ten = runs.pop().expect("two runs");
    Ok((runs.pop().expect("two runs"), ten))
}

fn measure_baseline(c: &Config, inputs: &Inputs, label: &str, gaz_dir: &Path) -> Result<Baseline, String> {
    step(&format!("[{label}] aho-corasick baseline: patterns"));
    let t = Instant::now();
    let entities = gazread::read(gaz_dir)?;
    let csv_s = secs(t.elapsed());
    let t = Instant::now();
    let patterns = baseline::patterns(&entities);
    let patterns_s = secs(t.elapsed());
    drop(entities);
    step(&format!("[{label}] aho-corasick baseline: automaton of {} patterns", patterns.len()));
    let rss0 = proc_status_kib("VmRSS:");
    let reset = reset_peak_rss();
    let t = Instant::now();
    let ac = baseline::build(&patterns)?;
    let automaton_s = secs(t.elapsed());
    let hwm = proc_status_kib("VmHWM:");
    let rss1 = proc_status_kib("VmRSS:");
    let count = patterns.len();
    drop(patterns);
    step(&format!("[{label}] aho-corasick baseline: search, 1 and {} threads", c.threads));
    let searched = passes(c, inputs, |text| baseline::count(&ac, text));
    Ok(Baseline {
        csv_s,
        patterns_s,
        automaton_s,
        patterns: count,
        heap_bytes: ac.memory_usage(),
        peak_delta_kib: match (reset, rss0, hwm) {
            (true, Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        },
        rss_delta_kib: rss0.zip(rss1).map(|(a, b)| b.saturating_sub(a)),
        matches: searched.found,
        mbps_1: searched.mbps_1,
        mbps_n: searched.mbps_n,
    })
}

// ---------------------------------------------------------------- report --

fn run(c: &Config) -> Result<String, String> {
    let started = Instant::now();
    let load_start = loadavg();
    if !c.bin.is_file() {
        return Err(format!(
            "no entnorm binary at {} (build it with `cargo build --release`, or pass --bin)",
            c.bin.display()
        ));
    }
    step(&format!("mode {}, binary {}, output {}", c.mode, c.bin.display(), c.out.display()));
    names::self_check();
    let inputs = prepare(c)?;
    if c.prepare_only {
        return Ok(format!(
            "gazetteer {}, corpus {} ({} documents, {:.1} MB of text)",
            inputs.gaz_dir.display(),
            inputs.corpus.display(),
            inputs.texts.len(),
            inputs.text_bytes as f64 / MB
        ));
    }
    let default_index = c.out.join("default.idx");
    let gen_index = c.out.join(format!("gaz-{}.idx", c.entities));
    let default =
        measure(c, &inputs, "default", &c.repo.join("gazetteers"), &default_index, &[], "Дмитрий Песков")?;
    let sample = inputs.sample_name.clone().unwrap_or_default();
    let gen_index_str = gen_index.to_str().ok_or("non-UTF-8 path")?;
    let generated = measure(
        c,
        &inputs,
        &format!("{}-entity", thousands(c.entities)),
        &inputs.gaz_dir,
        &gen_index,
        &["--index", gen_index_str],
        &sample,
    )?;
    // Flatness on the generated index, or on the default one if it could
    // not be built.
    let flat = if !c.flat {
        None
    } else if generated.engine.is_some() {
        Some((generated.label.clone(), flatness(c, &inputs, &generated.label, &["--index", gen_index_str])?))
    } else {
        Some((default.label.clone(), flatness(c, &inputs, &default.label, &[])?))
    };
    let report = render(c, &inputs, &default, &generated, flat.as_ref(), started.elapsed(), &load_start);
    let path = c.out.join("report.md");
    std::fs::write(&path, &report).map_err(io_err(&path))?;
    step(&format!("report written to {}", path.display()));
    Ok(report)
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "✓"
    } else {
        "✗"
    }
}

/// `entnorm --version` and, for a binary under the repository, its commit
/// (with `+dirty` when `src/` or `Cargo.toml` have uncommitted changes).
fn engine_version(c: &Config) -> String {
    let out = |cmd: &mut Command| {
        cmd.output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let version = out(Command::new(&c.bin).arg("--version")).unwrap_or_else(|| "?".into());
    if !c.bin.starts_with(&c.repo) {
        return format!("{version}; built outside {}", c.repo.display());
    }
    let commit = out(Command::new("git").arg("-C").arg(&c.repo).args(["rev-parse", "--short", "HEAD"]));
    let dirty = out(Command::new("git").arg("-C").arg(&c.repo).args([
        "status",
        "--porcelain",
        "--",
        "src",
        "Cargo.toml",
    ]))
    .is_some_and(|s| !s.is_empty());
    match commit {
        Some(commit) => format!("{version}, commit {commit}{}", if dirty { "+dirty" } else { "" }),
        None => version,
    }
}

fn fmt_opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or("—".to_string(), |v| format!("{v:.decimals$}"))
}

fn render(
    c: &Config,
    inputs: &Inputs,
    d: &Measured,
    g: &Measured,
    flat: Option<&(String, (Run, Run))>,
    elapsed: Duration,
    load_start: &str,
) -> String {
    let bytes = inputs.text_bytes;
    let n = c.threads;
    let mut r = String::new();
    let w = &mut r;
    let _ = writeln!(w, "# entnorm end-to-end benchmark ({} mode)\n", c.mode);
    let _ = writeln!(
        w,
        "{} entities generated; corpus of {} documents, {:.1} MB of text (`{}`); binary `{}` ({}); {} cores ({}); load average {} at start, {} at end; harness wall time {:.0} s.\n",
        thousands(c.entities),
        thousands(inputs.texts.len()),
        bytes as f64 / MB,
        inputs.corpus.display(),
        c.bin.display(),
        engine_version(c),
        n,
        cpu_model(),
        load_start,
        loadavg(),
        secs(elapsed)
    );
    let _ = writeln!(
        w,
        "| gazetteer | engine | build s | rebuild after an edit s | index MB | load ms | peak RSS MB build | peak RSS MB tag | MB/s -j1 | MB/s -j{n} | start-up ms |"
    );
    let _ = writeln!(w, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for m in [d, g] {
        let e = m.engine.as_ref();
        let build = if m.build.timed_out {
            format!("> {:.0} (killed)", m.build.secs())
        } else {
            format!("{:.2}", m.build.secs())
        };
        let _ = writeln!(
            w,
            "| {} | entnorm | {build} | {} | {} | {} | {}{:.0} | {} | {} | {} | {} |",
            m.label,
            fmt_opt(m.rebuild.as_ref().filter(|r| !r.timed_out).map(Run::secs), 2),
            fmt_opt(m.index_bytes.map(|b| b as f64 / MB), 1),
            fmt_opt(e.map(|e| e.load_ms), 2),
            if m.build.timed_out { "≥ " } else { "" },
            m.build.rss_mb(),
            fmt_opt(e.map(|e| e.tag1.rss_mb().max(e.tagn.rss_mb())), 0),
            fmt_opt(e.map(|e| mbps(&e.tag1, bytes)), 1),
            fmt_opt(e.map(|e| mbps(&e.tagn, bytes)), 1),
            fmt_opt(e.map(|e| e.startup_ms), 1),
        );
        let _ = writeln!(
            w,
            "| {} | entnorm, in-process | — | — | — | — | — | — | {} | {} | — |",
            m.label,
            fmt_opt(e.map(|e| e.library.mbps_1), 1),
            fmt_opt(e.map(|e| e.library.mbps_n), 1),
        );
        let b = &m.baseline;
        let _ = writeln!(
            w,
            "| {} | aho-corasick | {:.2} | — | {:.1} (heap) | — | {} | — | {:.1} | {:.1} | — |",
            m.label,
            b.build_s(),
            b.heap_bytes as f64 / MB,
            b.peak_delta_kib.map_or("?".to_string(), |k| format!("{:.0}", k as f64 * 1024.0 / MB)),
            b.mbps_1,
            b.mbps_n
        );
    }

    // Targets of issue 5.
    let _ = writeln!(w, "\n## Targets (issue 5)\n");
    let target = |w: &mut String, ok: Option<bool>, text: String| {
        let _ = writeln!(w, "- {} {text}", ok.map_or("–", mark));
    };
    let (de, ge) = (d.engine.as_ref(), g.engine.as_ref());
    let d1 = de.map(|e| mbps(&e.tag1, bytes));
    let g1 = ge.map(|e| mbps(&e.tag1, bytes));
    target(
        w,
        d1.map(|v| v >= d.baseline.mbps_1),
        format!(
            "`-j 1` ≥ aho-corasick, default gazetteer: {} vs {:.1} MB/s (in-process, as the baseline runs: {} MB/s)",
            fmt_opt(d1, 1),
            d.baseline.mbps_1,
            fmt_opt(de.map(|e| e.library.mbps_1), 1)
        ),
    );
    target(
        w,
        g1.map(|v| v >= 3.0 * g.baseline.mbps_1),
        format!(
            "`-j 1` ≥ 3× aho-corasick, {} gazetteer: {} vs 3 × {:.1} MB/s (in-process: {} MB/s)",
            g.label,
            fmt_opt(g1, 1),
            g.baseline.mbps_1,
            fmt_opt(ge.map(|e| e.library.mbps_1), 1)
        ),
    );
    for m in [d, g] {
        let ratio = m.engine.as_ref().map(|e| mbps(&e.tagn, bytes) / mbps(&e.tag1, bytes));
        target(
            w,
            ratio.map(|r| r >= 1.8),
            format!("`-j {n}` ≥ 1.8× `-j 1` ({}): {}×", m.label, fmt_opt(ratio, 2)),
        );
    }
    target(
        w,
        Some(!g.build.timed_out && g.build.secs() < 60.0),
        format!(
            "{} build < 60 s: {}",
            g.label,
            if g.build.timed_out {
                format!("killed after {:.0} s (`--build-timeout`)", g.build.secs())
            } else {
                format!("{:.1} s", g.build.secs())
            }
        ),
    );
    let size = g.index_bytes.map(|b| b as f64 / MB);
    target(w, size.map(|s| s < 300.0), format!("{} index < 300 MB: {} MB", g.label, fmt_opt(size, 1)));
    let load = ge.map(|e| e.load_ms);
    target(
        w,
        load.map(|l| l < 100.0),
        format!(
            "{} load < 100 ms: {} ms (in-process `Index::open` + `Tagger::new`, median)",
            g.label,
            fmt_opt(load, 2)
        ),
    );
    let g_rss = ge.map(|e| e.tag1.rss_mb().max(e.tagn.rss_mb()));
    target(
        w,
        g_rss.map(|r| r < 500.0),
        format!("{} peak tag RSS < 500 MB: {} MB", g.label, fmt_opt(g_rss, 0)),
    );
    match flat {
        Some((label, (one, ten))) => target(
            w,
            Some(ten.rss_mb() <= FLAT_FACTOR * one.rss_mb() + FLAT_SLACK_MB),
            format!(
                "flat memory ({label} gazetteer, `-j {n}`, stdin): peak RSS {:.0} MB for the corpus, {:.0} MB for it ×{FLAT_REPEAT} (limit ×{FLAT_FACTOR} + {FLAT_SLACK_MB} MB)",
                one.rss_mb(),
                ten.rss_mb()
            ),
        ),
        None => target(w, None, "flat memory: not measured in this mode (`--flat` runs it)".into()),
    }
    let startup = de.map(|e| e.startup_ms);
    target(
        w,
        startup.map(|s| s < 20.0),
        format!(
            "start-up < 20 ms (embedded default): {} ms (median of {})",
            fmt_opt(startup, 1),
            c.startup_runs
        ),
    );

    // Details.
    let s = &inputs.stats;
    let _ = writeln!(w, "\n## Details\n");
    let _ = writeln!(
        w,
        "- Corpus: {} documents, {:.1} MB of text, {} words; {} mentions inserted ({:.2} per 100 words; {} from the default gazetteer, {} in an oblique case).",
        thousands(s.docs),
        s.text_bytes as f64 / MB,
        thousands(s.words),
        thousands(s.mentions),
        100.0 * s.mentions as f64 / s.words.max(1) as f64,
        thousands(s.mentions_default),
        thousands(s.mentions_inflected)
    );
    if let Some(t) = inputs.gen_gaz_s {
        let _ = writeln!(w, "- Gazetteer generated and written in {t:.1} s.");
    }
    if let Some(t) = inputs.gen_corpus_s {
        let _ = writeln!(w, "- Corpus generated and written in {t:.1} s.");
    }
    for m in [d, g] {
        let b = &m.baseline;
        let _ = writeln!(w, "\n### {}\n", m.label);
        if m.build.timed_out {
            let _ = writeln!(
                w,
                "- build: killed after {:.0} s at the `--build-timeout` limit (peak RSS so far {:.0} MB); nothing below needs the index",
                m.build.secs(),
                m.build.rss_mb()
            );
        } else {
            let _ = writeln!(w, "- build: `{}`", m.build_summary);
        }
        if let Some(r) = &m.rebuild {
            let _ = writeln!(
                w,
                "- rebuild after a one-entity edit: `{}`",
                r.stderr.lines().last().unwrap_or("").trim()
            );
        }
        if let Some((load, compile, save)) = m.phases {
            let _ = writeln!(
                w,
                "- build phases in-process: `Gazetteer::from_dir` {load:.2} s, `Index::build` {compile:.2} s, `Index::save` {save:.2} s"
            );
        }
        if let Some(e) = &m.engine {
            let _ = writeln!(
                w,
                "- load: first `Index::open` {:.2} ms, then median {:.2} ms; {}",
                e.load_first_ms, e.load_ms, e.sanity
            );
            let _ = writeln!(
                w,
                "- subprocess: `tag` on empty stdin {:.1} ms vs `entnorm --version` {:.1} ms (difference {:.1} ms: loading the index{})",
                e.empty_ms,
                e.version_ms,
                e.empty_ms - e.version_ms,
                if m.label == "default" { ", i.e. compiling the embedded gazetteer" } else { "" }
            );
            let _ = writeln!(
                w,
                "- in-process: `Tagger::tag` over the parsed texts (no JSON, no output), as the baseline runs: {:.1} MB/s on 1 thread, {:.1} MB/s on {n}; {} mentions",
                e.library.mbps_1,
                e.library.mbps_n,
                thousands(e.library.found)
            );
            for (run, j) in [(&e.tag1, 1), (&e.tagn, n)] {
                let _ = writeln!(
                    w,
                    "- `tag -j {j}`: {:.2} s, {:.1} MB/s, peak RSS {:.0} MB, {} mentions",
                    run.secs(),
                    mbps(run, bytes),
                    run.rss_mb(),
                    thousands(run.mentions as usize)
                );
            }
        }
        if let Some((label, (one, ten))) = flat.filter(|(l, _)| *l == m.label) {
            let _ = writeln!(
                w,
                "- flatness ({label}): ×1 {:.1} s, peak {:.0} MB; ×{FLAT_REPEAT} {:.1} s ({:.1} MB/s), peak {:.0} MB",
                one.secs(),
                one.rss_mb(),
                ten.secs(),
                (bytes * FLAT_REPEAT) as f64 / MB / ten.secs(),
                ten.rss_mb()
            );
        }
        let _ = writeln!(
            w,
            "- aho-corasick: {} patterns; gazetteer CSV read {:.2} s + pattern expansion {:.2} s + automaton {:.2} s; heap {:.1} MB, peak RSS growth while building {}, RSS growth after {}; {} whole-word matches; {:.1} MB/s on 1 thread, {:.1} MB/s on {n}",
            thousands(b.patterns),
            b.csv_s,
            b.patterns_s,
            b.automaton_s,
            b.heap_bytes as f64 / MB,
            b.peak_delta_kib.map_or("?".into(), |k| format!("{:.0} MB", k as f64 * 1024.0 / MB)),
            b.rss_delta_kib.map_or("?".into(), |k| format!("{:.0} MB", k as f64 * 1024.0 / MB)),
            thousands(b.matches),
            b.mbps_1,
            b.mbps_n
        );
    }
    let _ = writeln!(
        w,
        "\nMB = 10^6 bytes. Throughput = bytes of the documents' `text` fields / wall time of the `tag` process \
         (start-up and index load included), the median of {} runs (the in-process and aho-corasick figures: of {} passes \
         over the texts already parsed, in memory). \
         Peak RSS = `ru_maxrss` of the child from `wait4`. \
         Measured on a shared machine: other jobs' load shows in the load average above.",
        c.tag_runs, c.tag_runs
    );
    r
}
