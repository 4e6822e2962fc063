//! Foundation benchmarks (not timed tests): keystroke latency (didChange to
//! publishDiagnostics) on a 2,000-word draft in workspaces of 1,000 and 10,000 generated
//! articles, cold start (initialize to first diagnostics), the server's peak memory, and
//! `copydesk check` throughput over 10,000 articles. Reports medians and percentiles.
//!
//! Run: `cargo bench --bench lsp` (set COPYDESK_BENCH_QUICK=1 for a smaller run).
//! Knobs for finding slow spots: COPYDESK_BENCH_DUMP, COPYDESK_BENCH_LINES and
//! COPYDESK_BENCH_FRESH_WORDS (see `gen::typing`), with COPYDESK_BENCH_ARTICLES,
//! COPYDESK_BENCH_ROUNDS, COPYDESK_BENCH_SIBLINGS below and COPYDESK_BENCH_BIN (`tests/common`).

#[path = "../tests/common/mod.rs"]
mod common;
mod gen;

use std::time::{Duration, Instant};

use common::{file_uri, Client};
use serde_json::json;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss_mb(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU time (user + system) the process has used so far.
fn cpu_time(pid: u32) -> Option<Duration> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    // Clock ticks are 1/100 s on Linux.
    Some(Duration::from_millis(ticks * 10))
}

fn keystrokes(articles: usize, rounds: usize) {
    let dir = tempfile::tempdir().unwrap();
    // COPYDESK_BENCH_SIBLINGS=N: story 0 has N articles instead of five.
    let story = std::env::var("COPYDESK_BENCH_SIBLINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let bytes = gen::workspace_with_story(dir.path(), articles, 400, story);
    // The draft: a 2,000-word article of story 0 (its siblings are in the workspace).
    let draft = gen::article(0, story + 4, 2000);
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, &draft).unwrap();
    let uri = file_uri(&path);

    let mut c = Client::start();
    let t0 = Instant::now();
    c.initialize(dir.path(), &["utf-16"], json!({}));
    c.open(&uri, &draft, 1);
    c.diagnostics(&uri, 1);
    let cold = t0.elapsed();
    // Wait until the workspace has loaded (the server re-publishes after loading).
    let t1 = Instant::now();
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    let loaded = t0.elapsed();
    let _ = t1;

    // Typing: a word is typed into a prose line one character at a time, then deleted with
    // backspace, then the next word goes into another line. Every edit is one keystroke and
    // the draft keeps its shape (its paragraphs stay paragraphs).
    let edits = gen::typing(&draft, rounds);
    let mut times = Vec::with_capacity(rounds);
    let mut version = 1;
    let cpu0 = cpu_time(c.pid());
    let mut published = 0;
    // Typed characters make text the server has not seen; backspaces return to text it has
    // (its caches answer), so the two are reported apart as well.
    let (mut inserts, mut deletes) = (Vec::new(), Vec::new());
    // COPYDESK_BENCH_DUMP=1: every edit's latency on stderr, to find the slow spots.
    let dump = std::env::var_os("COPYDESK_BENCH_DUMP").is_some();
    for e in &edits {
        version += 1;
        let (start, end) = (e.col, e.col + usize::from(e.text.is_empty()));
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": e.line, "character": start}, "end": {"line": e.line, "character": end}}, "text": e.text}]}),
        );
        published = c.diagnostics(&uri, version).len();
        // Until the diagnostics had been read and parsed, as an editor would have them.
        let took = c.arrived().saturating_duration_since(t);
        times.push(took);
        if dump {
            eprintln!(
                "edit {:.3} ms line {} column {} {:?}",
                took.as_secs_f64() * 1e3,
                e.line,
                e.col,
                e.text
            );
        }
        if e.text.is_empty() {
            deletes.push(took);
        } else {
            inserts.push(took);
        }
    }
    let cpu = cpu0.zip(cpu_time(c.pid())).map(|(a, b)| b - a);
    times.sort();
    let pid = c.pid();
    let rss = peak_rss_mb(pid);
    println!(
        "keystroke  {articles:>6} articles ({:.1} MB): p50 {}  p90 {}  p99 {}  max {}  ({} edits)",
        bytes as f64 / 1e6,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.9)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap()),
        rounds
    );
    if story != 5 {
        println!("           the draft's story has {story} articles in the workspace");
    }
    inserts.sort();
    deletes.sort();
    if !inserts.is_empty() && !deletes.is_empty() {
        println!(
            "           typed characters: p50 {}  p90 {}; backspaces: p50 {}  p90 {}",
            ms(percentile(&inserts, 0.5)),
            ms(percentile(&inserts, 0.9)),
            ms(percentile(&deletes, 0.5)),
            ms(percentile(&deletes, 0.9))
        );
    }
    if let Some(cpu) = cpu {
        println!(
            "           server CPU per keystroke (mean, wall-clock independent): {}; {published} diagnostics per publish",
            ms(cpu / rounds as u32)
        );
    }
    println!(
        "cold start {articles:>6} articles: initialize to first diagnostics {}; workspace loaded after {}; peak RSS {}",
        ms(cold),
        ms(loaded),
        rss.map(|m| format!("{m:.0} MB")).unwrap_or_else(|| "n/a".into())
    );
    c.shutdown();
}

fn throughput(articles: usize, runs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = gen::workspace(dir.path(), articles, 400);
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--no-progress",
            ])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        times.push(t.elapsed());
    }
    times.sort();
    let med = percentile(&times, 0.5);
    println!(
        "check      {articles:>6} articles ({:.1} MB): median {} over {runs} runs = {:.0} MB/s",
        bytes as f64 / 1e6,
        ms(med),
        bytes as f64 / 1e6 / med.as_secs_f64()
    );
}

fn main() {
    // Loading 10,000 articles takes longer than a test's patience.
    if std::env::var_os("COPYDESK_TEST_TIMEOUT").is_none() {
        std::env::set_var("COPYDESK_TEST_TIMEOUT", "600");
    }
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: keep that run short.
    let args: Vec<String> = std::env::args().collect();
    let quick =
        std::env::var_os("COPYDESK_BENCH_QUICK").is_some() || !args.iter().any(|a| a == "--bench");
    // COPYDESK_BENCH_WORKSPACE=DIR: write the 10,000-article workspace `check` is timed on
    // into DIR (COPYDESK_BENCH_ARTICLES articles if set) and stop, for profiling by hand.
    if let Some(dir) = std::env::var_os("COPYDESK_BENCH_WORKSPACE") {
        let n = std::env::var("COPYDESK_BENCH_ARTICLES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000);
        std::fs::create_dir_all(&dir).unwrap();
        let bytes = gen::workspace(std::path::Path::new(&dir), n, 400);
        println!("wrote {n} articles ({:.1} MB)", bytes as f64 / 1e6);
        return;
    }
    // COPYDESK_BENCH_ARTICLES=N: only the keystroke and cold-start run, in a workspace of N
    // (COPYDESK_BENCH_ROUNDS keystrokes, 300 by default).
    if let Some(n) = std::env::var("COPYDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        let rounds = std::env::var("COPYDESK_BENCH_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300);
        keystrokes(n, rounds);
        return;
    }
    if quick {
        keystrokes(200, 50);
        throughput(500, 1);
        return;
    }
    keystrokes(1_000, 300);
    keystrokes(10_000, 300);
    // A check of 10,000 articles takes minutes: COPYDESK_BENCH_CHECK_RUNS sets how many (3).
    let runs = std::env::var("COPYDESK_BENCH_CHECK_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    throughput(10_000, runs);
}
