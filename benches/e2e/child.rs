//! Running `entnorm` as a subprocess: wall time, peak memory, and a check of
//! its output.
//!
//! Peak memory is the child's own `ru_maxrss` (Linux: KiB) from `wait4(2)`
//! — per child, exact, no polling (unlike `getrusage(RUSAGE_CHILDREN)`,
//! which keeps the maximum over all children ever reaped). One catch:
//! Linux folds the memory image a process had before `exec` into its
//! `ru_maxrss`, and a child spawned straight from the harness starts as a
//! copy of the harness (hundreds of MB of corpus and automata). So the
//! harness starts a small helper — this same bench binary with
//! `--e2e-spawn`, a fresh process of a few MB — which spawns `entnorm`,
//! reaps it with `wait4`, and reports its `ru_maxrss` and wall time (so
//! the helper's own start-up is not timed). The helper leads a process
//! group, so a time limit kills both. Standard output is piped
//! back to the harness, which counts lines (one per document),
//! `"entity":` keys (mentions) and `"error":` keys with `memchr` on a helper
//! thread; that costs the child the pipe writes instead of writes to
//! `/dev/null`, well under 1% of a run.

use memchr::memmem;
use std::io::{self, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the child reads on stdin.
pub enum Input {
    Null,
    Bytes(Vec<u8>),
    /// A file, `n` times over (streamed: no copy of it on disk or in memory).
    Repeat(PathBuf, usize),
}

#[derive(Clone, Debug, Default)]
pub struct Run {
    pub wall: Duration,
    pub max_rss_kib: u64,
    pub lines: u64,
    pub mentions: u64,
    pub errors: u64,
    pub stderr: String,
    /// Killed by the harness at its time limit.
    pub timed_out: bool,
}

impl Run {
    pub fn secs(&self) -> f64 {
        self.wall.as_secs_f64()
    }

    pub fn rss_mb(&self) -> f64 {
        self.max_rss_kib as f64 * 1024.0 / 1e6
    }
}

#[derive(Default)]
struct Counts {
    lines: u64,
    mentions: u64,
    errors: u64,
}

fn count_output(mut out: impl Read) -> io::Result<Counts> {
    let mention = memmem::Finder::new(b"\"entity\":");
    let error = memmem::Finder::new(b"\"error\":");
    let mut counts = Counts::default();
    let mut buf = vec![0u8; 1 << 20];
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            buf.resize(buf.len() * 2, 0); // a line longer than the buffer
        }
        let n = out.read(&mut buf[filled..])?;
        let end = filled + n;
        // Count complete lines only, so a key never straddles two reads.
        let complete = if n == 0 { end } else { memchr::memrchr(b'\n', &buf[..end]).map_or(0, |i| i + 1) };
        let chunk = &buf[..complete];
        counts.lines += memchr::memchr_iter(b'\n', chunk).count() as u64;
        counts.mentions += mention.find_iter(chunk).count() as u64;
        counts.errors += error.find_iter(chunk).count() as u64;
        if n == 0 {
            if complete > 0 && buf[complete - 1] != b'\n' {
                counts.lines += 1; // a last line without its newline
            }
            return Ok(counts);
        }
        buf.copy_within(complete..end, 0);
        filled = end - complete;
    }
}

/// Runs `cmd` to completion, feeding `input`; fails when it cannot be run,
/// when it exits non-zero or is killed (with its stderr in the message).
pub fn run(cmd: &mut Command, input: Input) -> Result<Run, String> {
    run_limited(cmd, input, None)
}

/// [`run`], killing the child (SIGKILL) once `limit` has passed: that is
/// no failure but a `Run` with `timed_out` set.
pub fn run_limited(target: &mut Command, input: Input, limit: Option<Duration>) -> Result<Run, String> {
    let describe = format!("{target:?}");
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let result_file = std::env::temp_dir().join(format!(
        "entnorm-e2e-{}-{}.txt",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let mut helper = Command::new(exe);
    helper
        .arg(SPAWN_FLAG)
        .arg(&result_file)
        .arg(target.get_program())
        .args(target.get_args())
        .process_group(0);
    let cmd = &mut helper;
    cmd.stdin(match input {
        Input::Null => Stdio::null(),
        _ => Stdio::piped(),
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("cannot run {describe}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let feeder = thread::spawn(move || -> io::Result<()> {
        let Some(mut stdin) = stdin else { return Ok(()) };
        let result = match input {
            Input::Null => Ok(()),
            Input::Bytes(b) => stdin.write_all(&b),
            Input::Repeat(path, n) => (0..n).try_for_each(|_| {
                let mut f = std::fs::File::open(&path)?;
                io::copy(&mut f, &mut stdin).map(drop)
            }),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()), // the exit status tells
            r => r,
        }
    });
    let reader = thread::spawn(move || count_output(stdout));
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    // The watchdog kills the child at the limit unless told it has exited;
    // the child is only reaped (and its pid freed) after that is settled.
    let done = Arc::new((Mutex::new(false), Condvar::new()));
    let killed = Arc::new(Mutex::new(false));
    let watchdog = limit.map(|limit| {
        let (done, killed) = (done.clone(), killed.clone());
        thread::spawn(move || {
            let (lock, cv) = &*done;
            let guard = lock.lock().expect("lock");
            let (guard, _) = cv.wait_timeout_while(guard, limit, |d| !*d).expect("lock");
            if !*guard {
                // SAFETY: `pid` is our child (the helper, leading its process
                // group), not yet reaped (see below).
                unsafe { libc::kill(-pid, libc::SIGKILL) };
                *killed.lock().expect("lock") = true;
            }
        })
    });
    loop {
        // SAFETY: plain FFI call; WNOWAIT leaves the child to be reaped below.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let r =
            unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
        if r == 0 {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(format!("waitid on {describe}: {e}"));
        }
    }
    let wall = start.elapsed();
    {
        let (lock, cv) = &*done;
        *lock.lock().expect("lock") = true;
        cv.notify_all();
    }
    if let Some(w) = watchdog {
        w.join().expect("watchdog thread");
    }
    let killed = *killed.lock().expect("lock");
    let (status, usage) = reap(pid).map_err(|e| format!("wait4 on {describe}: {e}"))?;
    let timed_out = killed && libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGKILL;
    // The helper's report: the target's ru_maxrss (KiB) and wall time (ns).
    let report = std::fs::read_to_string(&result_file).unwrap_or_default();
    let _ = std::fs::remove_file(&result_file);
    let mut fields = report.split_whitespace().map(|f| f.parse::<u64>().ok());
    let (max_rss, nanos) = (fields.next().flatten(), fields.next().flatten());
    if max_rss.is_none() && !timed_out && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        return Err(format!("{describe}: the spawn helper reported nothing"));
    }
    let wall = nanos.map_or(wall, Duration::from_nanos);
    let fed = feeder.join().expect("feeder thread");
    let counts =
        reader.join().expect("reader thread").map_err(|e| format!("reading output of {describe}: {e}"))?;
    let stderr = err_reader.join().expect("stderr thread");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    if !ok && !timed_out {
        let how = if libc::WIFEXITED(status) {
            format!("exit status {}", libc::WEXITSTATUS(status))
        } else {
            format!("signal {}", libc::WTERMSIG(status))
        };
        return Err(format!("{describe} failed ({how}):\n{}", stderr.trim_end()));
    }
    if !timed_out {
        fed.map_err(|e| format!("feeding {describe}: {e}"))?;
    }
    Ok(Run {
        wall,
        max_rss_kib: max_rss.unwrap_or(usage.ru_maxrss as u64),
        lines: counts.lines,
        mentions: counts.mentions,
        errors: counts.errors,
        stderr,
        timed_out,
    })
}

/// Reaps child `pid` with `wait4`: its exit status and resource usage.
fn reap(pid: libc::pid_t) -> io::Result<(libc::c_int, libc::rusage)> {
    let mut status: libc::c_int = 0;
    // SAFETY: plain FFI call with valid pointers; `rusage` is plain data.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: as above; `pid` is the caller's own unreaped child.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            return Ok((status, usage));
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// First argument of the bench binary in its helper role.
pub const SPAWN_FLAG: &str = "--e2e-spawn";

/// The helper (`e2e --e2e-spawn RESULT PROGRAM ARGS…`): runs PROGRAM with
/// the inherited stdio, reaps it with `wait4`, writes `ru_maxrss` (KiB) and
/// the wall time (ns) to RESULT, and exits as PROGRAM did (128 + signal
/// when it was killed).
pub fn spawn_helper(args: &[String]) -> ExitCode {
    let [result, program, rest @ ..] = args else {
        eprintln!("e2e: {SPAWN_FLAG} RESULT PROGRAM [ARGS…]");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let child = match Command::new(program).args(rest).spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("e2e: cannot run {program}: {e}");
            return ExitCode::from(127);
        }
    };
    let Ok((status, usage)) = reap(child.id() as libc::pid_t) else {
        return ExitCode::from(125);
    };
    let wall = start.elapsed();
    if std::fs::write(result, format!("{} {}\n", usage.ru_maxrss, wall.as_nanos())).is_err() {
        return ExitCode::from(125);
    }
    if libc::WIFEXITED(status) {
        ExitCode::from(libc::WEXITSTATUS(status) as u8)
    } else {
        ExitCode::from(128u8.wrapping_add(libc::WTERMSIG(status) as u8))
    }
}
