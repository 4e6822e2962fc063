//! False positives of the `typo` and `name` rules on real, edited copy: the body lines of the
//! pages in `../shared/devsets/debris-pages` (measured, never copied into the project). Each
//! page is an article of one workspace; the rate must stay at or under one finding per 5,000
//! words. Skipped when the devset is absent.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::Corpus;

#[test]
fn clean_copy_rate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devsets/debris-pages");
    let Ok(labels) = std::fs::read_to_string(dir.join("labels.json")) else {
        eprintln!("note: {} is absent; skipped", dir.display());
        return;
    };
    let labels: serde_json::Value = serde_json::from_str(&labels).unwrap();
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    let mut paths = Vec::new();
    let mut words = 0usize;
    for (file, lines) in labels.as_object().unwrap() {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        let all: Vec<&str> = text.lines().collect();
        let mut body = Vec::new();
        for (n, label) in lines.as_object().unwrap() {
            let n: usize = n.parse().unwrap();
            if label == "body" {
                if let Some(l) = all.get(n - 1) {
                    body.push((n, *l));
                }
            }
        }
        body.sort();
        let body: Vec<&str> = body.into_iter().map(|(_, l)| l).collect();
        let body = body.join("\n\n");
        words += body.split_whitespace().count();
        let p = PathBuf::from(file);
        corpus.upsert(&p, body);
        paths.push(p);
    }
    let config = corpus.config().clone();
    let mut found = 0;
    for p in &paths {
        let a = corpus.get(p).unwrap().clone();
        for f in copydesk::engine::check(&a, &corpus, &config) {
            if matches!(f.family(), "typo" | "name") && f.rule != "typo/repeated-word" {
                found += 1;
                eprintln!(
                    "{}: {} {:?} — {}",
                    p.display(),
                    f.rule,
                    &a.text()[f.range.clone()],
                    f.message
                );
            }
        }
    }
    let per5k = found as f64 * 5000.0 / words as f64;
    eprintln!("{found} findings in {words} words: {per5k:.2} per 5,000 words");
    assert!(
        per5k <= 1.0,
        "{per5k:.2} typo/name findings per 5,000 words of clean copy"
    );
}
