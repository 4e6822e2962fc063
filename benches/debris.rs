//! Time of the `debris` family: `cargo bench --bench debris`.
//!
//! Two drafts, each checked many times on a fresh analysis (the scan is cached per analysis,
//! so a keystroke pays for it once): a 2,000-word draft with furniture around and inside it,
//! and a 10,000-line article (prose, furniture, link lists, chart residue, markup). Prints the
//! median and the slowest run; the analysis itself (shared by every rule) is timed apart.

use std::sync::Arc;
use std::time::{Duration, Instant};

use copydesk::engine::analysis::Analysis;
use copydesk::engine::config::{Config, RuleSetting};
use copydesk::engine::corpus::Corpus;
use copydesk::engine::document::Document;
use copydesk::engine::rules::registry;

const PROSE: &[&str] = &[
    "The harbour authority said on Tuesday that ferry crews would return to work after the union accepted a pay offer that caps night shifts.",
    "Island businesses had warned that the strike was costing them the start of the season, and about 40,000 passengers were stranded or forced to rebook.",
    "“We did not want to strike, but the night rota was breaking people,” said a deckhand who has worked on the ferries for nineteen years.",
    "The operator said the first full timetable would run on Wednesday and that extra sailings would clear the backlog by the weekend.",
    "Passengers who paid for hotel rooms on the mainland can claim up to 120 euros a night, the operator said in a statement.",
];

const FURNITURE: &[&str] = &[
    "Advertisement",
    "Share on Facebook",
    "READ MORE: Storm season forecast to start early this year",
    "Related Stories",
    "Council votes to rebuild the old lighthouse pier",
    "June 4, 2024",
    "Crew members wave from the deck on Monday. (Marta Lind/Coastline Wire via Getty Images)",
    "A new ferry timetable for the northern islands comes into force on…",
    "The city's oldest cinema will close its doors at the end of the month after…",
    "Copyright 2025 Coastline Wire. All rights reserved.",
    "The plan&nbsp;was approved by R&amp;D staff.",
    "-",
    "$900",
    "600",
    "300",
    "0",
    "’18",
    "’22",
    "Updated 6:12 PM GMT, Sun March 9, 2025",
];

fn draft(words: usize, furniture_every: usize) -> String {
    let mut out =
        String::from("Ferry crews end week-long strike after pay deal\n\nBy Ana Ruiz\n\n");
    let (mut n, mut i) = (0, 0);
    while n < words {
        let p = PROSE[i % PROSE.len()];
        out.push_str(p);
        out.push_str("\n\n");
        n += p.split_whitespace().count();
        if furniture_every != usize::MAX && i % furniture_every == furniture_every - 1 {
            out.push_str(FURNITURE[(i / furniture_every) % FURNITURE.len()]);
            out.push_str("\n\n");
        }
        i += 1;
    }
    out.push_str("Source link\n\nLeave a Reply\n\nComments\n");
    out
}

fn lines_article(lines: usize) -> String {
    let mut out = String::new();
    for i in 0..lines {
        if i % 3 == 0 {
            out.push_str(PROSE[i % PROSE.len()]);
        } else {
            out.push_str(FURNITURE[i % FURNITURE.len()]);
        }
        out.push('\n');
    }
    out
}

fn debris_only() -> Config {
    let mut c = Config::default();
    for r in &registry().rules {
        if !r.id().starts_with("debris/") {
            c.rules.insert(r.id().to_string(), RuleSetting::Off);
        }
    }
    c
}

/// Every rule off: what `engine::check` costs before any rule runs (siblings, sorting).
fn no_rules() -> Config {
    let mut c = Config::default();
    for r in &registry().rules {
        c.rules.insert(r.id().to_string(), RuleSetting::Off);
    }
    c
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(name: &str, text: &str, runs: usize) {
    let config = debris_only();
    let base = no_rules();
    let corpus = Corpus::new(Arc::new(config.clone()));
    let doc = Arc::new(Document::new("bench.txt", text.to_string()));
    let (mut analysis, mut check, mut engine) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let a = Analysis::new(doc.clone());
        analysis.push(t.elapsed());
        let t = Instant::now();
        findings = copydesk::engine::check(&a, &corpus, &config).len();
        check.push(t.elapsed());
        let a = Analysis::new(doc.clone());
        let t = Instant::now();
        std::hint::black_box(copydesk::engine::check(&a, &corpus, &base));
        engine.push(t.elapsed());
    }
    let worst = *check.iter().max().unwrap();
    println!(
        "{name}: {} lines, {} words, {findings} findings: debris check median {:?} (slowest {:?}); \
         the same check with every rule off {:?}; analysis median {:?}",
        doc.line_count(),
        text.split_whitespace().count(),
        median(check),
        worst,
        median(engine),
        median(analysis)
    );
}

fn main() {
    if let Ok(path) = std::env::var("DEBRIS_BENCH_DUMP") {
        std::fs::write(path, draft(2_000, 4)).expect("write");
    }
    bench("2,000-word draft", &draft(2_000, 4), 200);
    bench("2,000-word clean draft", &draft(2_000, usize::MAX), 200);
    bench("10,000-line article", &lines_article(10_000), 20);
    // Linear growth: 40,000 lines should take about four times as long as 10,000.
    bench("40,000-line article", &lines_article(40_000), 5);
}
