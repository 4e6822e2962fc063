//! Timing of the whole `style` family on a 2,000-word draft with four siblings. Ignored by
//! default; run in release: `cargo test --release --test style_perf -- --ignored --nocapture`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use copydesk::engine::corpus::Corpus;
use copydesk::engine::{check, testing};

/// A fault in every sentence: the worst case, every rule reporting.
fn dense_draft(words: usize) -> String {
    let paragraph = "The harbor authority voted on June 4th to award the ferry contract, \
        Mr. Lindqvist said, after 3 bidders withdrew and turnout reached 64% in the wards. \
        “We will build them here,” the minister said -- and the union's lawyers agreed... \
        The organisation said its members had travelled from the centre of Osborne County, \
        and Osborne officials (who asked not to be named) said fifteen crews were ready.  \
        Lindqvist did not say when the Sept. 2023 figures would be published.\n\n";
    repeat(paragraph, words)
}

/// Ordinary copy of our own with two faults in 2,000 words: the common case.
fn clean_draft(words: usize) -> String {
    let paragraph = "The harbor authority voted on Tuesday to award a $240 million contract for \
        four new ferries, ending a two-year dispute over the route between the island and the \
        mainland. Anders Lindqvist, the authority’s chairman, said the first ship would enter \
        service in March 2026 and the last by the end of the decade.\n\n\
        “We have waited long enough,” Lindqvist said at a news conference on Jan. 14, adding \
        that 61 percent of island residents had backed the plan in a referendum last year. \
        The shipyard, which employs about 1,200 people, beat three rival bidders from Europe \
        and Asia.\n\n\
        Critics said the authority had underestimated fuel costs, which rose 12 percent in \
        2023, and that the new ships would need a deeper berth at the island’s only pier. \
        The authority said dredging would begin in the fall and cost $18 million.\n\n";
    let mut s = repeat(paragraph, words);
    s.push_str("The vote is set for May 7th, and the organisation said it would comment.\n");
    s
}

fn repeat(paragraph: &str, words: usize) -> String {
    let per = paragraph.split_whitespace().count();
    let mut s = String::from("Harbor Authority Awards Ferry Contract\n\n");
    for _ in 0..words.div_ceil(per) {
        s.push_str(paragraph);
    }
    s
}

#[test]
#[ignore]
fn style_family_timing() {
    for dense in [false, true] {
        timing(
            if dense {
                dense_draft(2000)
            } else {
                clean_draft(2000)
            },
            dense,
        );
    }
}

fn timing(text: String, dense: bool) {
    println!("{} draft", if dense { "fault-dense" } else { "ordinary" });
    let mut corpus = Corpus::new(Arc::new(testing::only("style")));
    for i in 0..4 {
        corpus.upsert(
            &PathBuf::from(format!("sibling{i}.txt")),
            clean_draft(1500 + i * 100),
        );
    }
    let config = corpus.config().clone();
    // Each check runs on a fresh analysis, as after a keystroke.
    let mut times = Vec::new();
    let mut n = 0;
    for k in 0..60 {
        let edited = format!("{text}Edit {k}.\n");
        let a = corpus.upsert(&PathBuf::from("draft.txt"), edited);
        let t = Instant::now();
        let f = check(&a, &corpus, &config);
        times.push(t.elapsed());
        n = f.len();
    }
    times.sort();
    // Per rule, on fresh analyses (the shared StyleText is built by the first rule that asks).
    let d = corpus.upsert(&PathBuf::from("draft.txt"), text.clone());
    let siblings = corpus.siblings(&d);
    let mut per_rule = Vec::new();
    for r in &copydesk::engine::rules::registry().rules {
        if !r.id().starts_with("style/") {
            continue;
        }
        let mut ts = Vec::new();
        for k in 0..30 {
            let a = Arc::new(copydesk::engine::analysis::Analysis::new(Arc::new(
                copydesk::engine::document::Document::new("d.txt", format!("{text}E {k}.\n")),
            )));
            let _ = copydesk::engine::rules::style::shared_text_for_timing(&a);
            let cx = copydesk::engine::rules::Context {
                analysis: &a,
                siblings: &siblings,
                corpus: &corpus,
                config: &config,
            };
            let mut out = Vec::new();
            let t = Instant::now();
            r.check(&cx, &mut out);
            ts.push(t.elapsed());
        }
        ts.sort();
        per_rule.push((ts[ts.len() / 2], ts[0], r.id()));
    }
    let mut ts = Vec::new();
    for k in 0..30 {
        let a = Arc::new(copydesk::engine::analysis::Analysis::new(Arc::new(
            copydesk::engine::document::Document::new("d.txt", format!("{text}E {k}.\n")),
        )));
        let t = Instant::now();
        let _ = copydesk::engine::rules::style::shared_text_for_timing(&a);
        ts.push(t.elapsed());
    }
    ts.sort();
    per_rule.push((ts[ts.len() / 2], ts[0], "(shared text)"));
    // For scale: the engine's own analysis of the same draft, and a plain byte scan of it.
    let mut ts = Vec::new();
    let mut bs = Vec::new();
    for k in 0..30 {
        let doc = Arc::new(copydesk::engine::document::Document::new(
            "d.txt",
            format!("{text}E {k}.\n"),
        ));
        let t = Instant::now();
        let a = copydesk::engine::analysis::Analysis::new(doc);
        ts.push(t.elapsed());
        let t = Instant::now();
        let n = a
            .text()
            .bytes()
            .filter(|b| *b == b'\'' || *b == 0xE2)
            .count();
        bs.push(t.elapsed());
        std::hint::black_box(n);
    }
    ts.sort();
    bs.sort();
    per_rule.push((ts[ts.len() / 2], ts[0], "(reference: Analysis::new)"));
    per_rule.push((bs[bs.len() / 2], bs[0], "(reference: one byte scan)"));
    per_rule.sort();
    println!("  median       min        rule");
    for (t, m, id) in per_rule.iter().rev() {
        println!("  {t:>10.1?} {m:>10.1?}  {id}");
    }
    println!(
        "style family on a {}-word draft: median {:?}, min {:?}, max {:?} ({n} findings)",
        text.split_whitespace().count(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
