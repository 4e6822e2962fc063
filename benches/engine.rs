//! Engine micro-benchmarks: where a keystroke's time goes. Analysis of a 2,000-word draft,
//! the sibling query, and the full check (every rule) against a corpus of generated articles.
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

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = !args.iter().any(|a| a == "--bench");
    let n = if quick { 500 } else { 10_000 };
    let config = Arc::new(Config::default());
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
}
