//! Keystroke latency of the `typo` and `name` rules (run in release:
//! `cargo test --release --test typo_perf -- --ignored --nocapture`): a 2,000-word draft with
//! four siblings, re-checked after a one-letter edit, as an editor does on every keystroke.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use copydesk::engine::analysis::Analysis;
use copydesk::engine::config::{Config, RuleSetting};
use copydesk::engine::corpus::{Corpus, Sibling};
use copydesk::engine::document::Document;
use copydesk::engine::rules::{registry, Context};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore]
fn keystroke_latency() {
    let t0 = Instant::now();
    copydesk::engine::rules::typo::dictionary::warm_up();
    eprintln!("dictionary load: {:?}", t0.elapsed());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/typo");
    let mut texts = Vec::new();
    for c in ["port-strike", "mayor-trial", "fisheries-summit"] {
        for f in ["a", "b", "c"] {
            let d = dir.join(c);
            let file = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(f))
                .unwrap();
            texts.push(std::fs::read_to_string(file).unwrap());
        }
    }
    let mut draft = String::new();
    while draft.split_whitespace().count() < 2000 {
        for t in &texts {
            draft.push_str(t);
            draft.push_str("\n\n");
        }
    }
    let words = draft.split_whitespace().count();
    // The other families off (by family, as a user would write it).
    let mut config = Config::default();
    for fam in copydesk::engine::rules::FAMILIES {
        if *fam != "typo" && *fam != "name" {
            config.rules.insert(fam.to_string(), RuleSetting::Off);
        }
    }
    let mut corpus = Corpus::new(Arc::new(config));
    for (i, t) in texts.iter().take(4).enumerate() {
        corpus.upsert(&PathBuf::from(format!("sib{i}.txt")), t.clone());
    }
    corpus.upsert(Path::new("draft.txt"), draft.clone());
    let config = corpus.config().clone();
    let siblings: Vec<Sibling> = corpus
        .articles()
        .filter(|a| a.doc.path() != Path::new("draft.txt"))
        .map(|a| Sibling {
            analysis: a.clone(),
            score: 0.5,
        })
        .collect();
    let check = |a: &Analysis| {
        let cx = Context {
            analysis: a,
            siblings: &siblings,
            corpus: &corpus,
            config: &config,
        };
        copydesk::engine::check_with(&cx).len()
    };
    let first = Arc::new(Analysis::new(Arc::new(Document::new(
        "draft.txt",
        draft.clone(),
    ))));
    let t = Instant::now();
    let n = check(&first);
    eprintln!(
        "{words} words, first check (cold caches): {:?}, {n} findings",
        t.elapsed()
    );
    // Keystrokes: insert a letter somewhere in the middle, one after another.
    let mut text = draft.clone();
    let mut times = Vec::new();
    let mut at = text.len() / 2;
    for i in 0..200 {
        while !text.is_char_boundary(at) {
            at += 1;
        }
        text.insert(at, if i % 2 == 0 { 'x' } else { ' ' });
        at += 1;
        let a = Analysis::new(Arc::new(Document::new("draft.txt", text.clone())));
        let t = Instant::now();
        check(&a);
        times.push(t.elapsed());
    }
    // The pass alone (repeated-word off), same edits.
    let mut pass_only = (*config).clone();
    pass_only
        .rules
        .insert("typo/repeated-word".into(), RuleSetting::Off);
    let mut ptimes = Vec::new();
    let mut text2 = draft.clone();
    let mut at2 = text2.len() / 3;
    for i in 0..200 {
        while !text2.is_char_boundary(at2) {
            at2 += 1;
        }
        text2.insert(at2, if i % 2 == 0 { 'y' } else { ' ' });
        at2 += 1;
        let a = Analysis::new(Arc::new(Document::new("draft.txt", text2.clone())));
        let cx = Context {
            analysis: &a,
            siblings: &siblings,
            corpus: &corpus,
            config: &pass_only,
        };
        let t = Instant::now();
        copydesk::engine::check_with(&cx);
        ptimes.push(t.elapsed());
    }
    eprintln!(
        "keystroke re-check without repeated-word: median {:?}",
        median(ptimes)
    );
    let m = median(times.clone());
    let max = times.iter().max().unwrap();
    eprintln!("keystroke re-check: median {m:?}, max {max:?}");
    // The same text again (another rule asking, or a hover).
    let t = Instant::now();
    check(&first);
    eprintln!("unchanged re-check: {:?}", t.elapsed());
    let cx = Context {
        analysis: &first,
        siblings: &siblings,
        corpus: &corpus,
        config: &pass_only,
    };
    let t = Instant::now();
    for _ in 0..100 {
        copydesk::engine::check_with(&cx);
    }
    eprintln!(
        "unchanged re-check without repeated-word: {:?}",
        t.elapsed() / 100
    );
    let rw = registry().get("typo/repeated-word").unwrap();
    let cx = Context {
        analysis: &first,
        siblings: &siblings,
        corpus: &corpus,
        config: &config,
    };
    let t = Instant::now();
    let mut out = Vec::new();
    for _ in 0..100 {
        rw.check(&cx, &mut out);
    }
    eprintln!(
        "repeated-word alone: {:?} ({} tokens)",
        t.elapsed() / 100,
        first.tokens.len()
    );
    let t = Instant::now();
    for _ in 0..100 {
        check(&first);
    }
    eprintln!("unchanged re-check (x100 mean): {:?}", t.elapsed() / 100);
    assert!(
        m < Duration::from_micros(200),
        "median keystroke re-check {m:?}"
    );
}
