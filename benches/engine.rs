//! Engine micro-benchmarks: where a keystroke's time goes. Analysis of a 2,000-word draft,
//! the sibling query, and the full check (every rule) against a corpus of generated articles.
//!
//! Times are the thread's CPU time (medians), so a busy machine inflates them less than
//! wall-clock time.
//!
//! Run: `cargo bench --bench engine`.

mod gen;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use copydesk::engine::analysis::Analysis;
use copydesk::engine::config::Config;
use copydesk::engine::corpus::Corpus;
use copydesk::engine::document::Document;
use copydesk::engine::rules::{registry, Context};

/// The CPU time this thread has used: unlike wall-clock time it does not count the time the
/// thread waits for a core, so figures stay comparable on a busy machine.
#[derive(Clone, Copy)]
struct CpuClock(Duration);

impl CpuClock {
    fn now() -> CpuClock {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes into the timespec we pass.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        CpuClock(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }
    fn elapsed(self) -> Duration {
        CpuClock::now().0.saturating_sub(self.0)
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let t = CpuClock::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

/// Resident memory of this process now, in MB (Linux).
fn rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = !args.iter().any(|a| a == "--bench");
    // COPYDESK_BENCH_ARTICLES=N sets the corpus size; COPYDESK_BENCH_ROUNDS the keystrokes.
    let n = std::env::var("COPYDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 500 } else { 10_000 });
    let rounds: usize = std::env::var("COPYDESK_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let config = Arc::new(Config::default());
    let rss_before = rss_mb();
    let mut corpus = Corpus::new(config.clone());
    let t = Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        let text = gen::article(i / 5, i % 5, 400);
        bytes += text.len();
        corpus.upsert(&PathBuf::from(format!("a{i}.txt")), text);
    }
    let load = t.elapsed();
    println!(
        "corpus: {n} articles, {:.1} MB, analysed and indexed in {:.0} ms ({:.0} MB/s, one thread)",
        bytes as f64 / 1e6,
        load.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / load.as_secs_f64()
    );
    // What the corpus keeps: resident memory grown while building it (the last analyses used
    // stay cached, the rest is text and index entries).
    if let (Some(b), Some(a)) = (rss_before, rss_mb()) {
        println!(
            "corpus memory: {:.0} MB resident for {n} articles ({:.1} KB per article)",
            a - b,
            (a - b) * 1024.0 / n as f64
        );
    }
    let draft = gen::article(0, 9, 2000);
    let analyse = time(50, || {
        Analysis::new(Arc::new(Document::new("draft.txt", draft.clone())))
    });
    let a = Analysis::new(Arc::new(Document::new("draft.txt", draft.clone())));
    let siblings = time(50, || corpus.siblings(&a));
    let sibs = corpus.siblings(&a);
    println!(
        "draft: 2,000 words; analysis {}; sibling query {} ({} siblings)",
        us(analyse),
        us(siblings),
        sibs.len()
    );
    let cx = Context {
        analysis: &a,
        siblings: &sibs,
        corpus: &corpus,
        config: &config,
    };
    // Warm the per-analysis caches of the siblings, as an editor session would.
    copydesk::engine::check_with(&cx);
    let mut per_rule: Vec<(Duration, &str)> = registry()
        .rules
        .iter()
        .map(|r| {
            let d = time(30, || {
                let mut out = Vec::new();
                r.check(&cx, &mut out);
                out
            });
            (d, r.id())
        })
        .collect();
    let all = time(30, || copydesk::engine::check_with(&cx));
    println!("check (every rule, siblings given): {}", us(all));
    per_rule.sort();
    per_rule.reverse();
    for (d, id) in per_rule.iter().take(12) {
        println!("  {:<32} {}", id, us(*d));
    }

    // A keystroke: the draft changes by one character, so every per-analysis cache is cold
    // for the draft (the siblings' stay warm). Rules run in registry order, as the engine runs
    // them; a rule that shares a pass with an earlier one is charged only what is left.
    let rules = &registry().rules;
    let mut per: Vec<Vec<Duration>> = vec![Vec::new(); rules.len()];
    let mut whole = Vec::new();
    let mut analyse_times = Vec::new();
    let mut text = draft.clone();
    for (round, e) in gen::typing(&draft, rounds).iter().enumerate() {
        let line_start: usize = text.split_inclusive('\n').take(e.line).map(str::len).sum();
        let at = line_start + e.col;
        if e.text.is_empty() {
            text.remove(at);
        } else {
            text.insert_str(at, &e.text);
        }
        let edited = text.clone();
        let t = CpuClock::now();
        let a = corpus.upsert_draft(&PathBuf::from("draft.txt"), edited.clone(), false);
        analyse_times.push(t.elapsed());
        let cx = Context {
            analysis: &a,
            siblings: &sibs,
            corpus: &corpus,
            config: &config,
        };
        if round % 2 == 0 {
            for (i, r) in rules.iter().enumerate() {
                let t = CpuClock::now();
                let mut out = Vec::new();
                r.check(&cx, &mut out);
                per[i].push(t.elapsed());
            }
        } else {
            let t = CpuClock::now();
            std::hint::black_box(copydesk::engine::check_with(&cx));
            whole.push(t.elapsed());
        }
    }
    println!(
        "keystroke (one character changed, new analysis): analysis {}; check {}",
        us(median(analyse_times)),
        us(median(whole))
    );
    let mut per: Vec<(Duration, &str)> = per
        .into_iter()
        .zip(rules.iter())
        .map(|(v, r)| (median(v), r.id()))
        .collect();
    per.sort();
    per.reverse();
    for (d, id) in per.iter().take(12) {
        println!("  {:<32} {}", id, us(*d));
    }
}
