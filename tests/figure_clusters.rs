//! The invented story clusters in `tests/fixtures/figure/`: unchanged, no article gets a
//! `figure` (or `quote`) finding; each change listed in `changes.toml`, made in a copy of one
//! article, is reported at the changed figure with a fix that restores the original.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::Corpus;
use copydesk::engine::finding::Finding;
use copydesk::engine::fix::apply_edits;
use serde::Deserialize;

#[derive(Deserialize)]
struct Changes {
    change: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    file: String,
    from: String,
    to: String,
    kind: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/figure")
}

/// (relative path, text) of every fixture article.
fn articles() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in std::fs::read_dir(root()).unwrap() {
        let d = d.unwrap().path();
        if !d.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&d).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "txt") {
                let rel = f
                    .strip_prefix(root())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&f).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn corpus(files: &[(String, String)]) -> Corpus {
    let mut c = Corpus::new(Arc::new(Config::default()));
    for (p, t) in files {
        c.upsert(Path::new(p), t.clone());
    }
    c
}

fn findings(c: &Corpus, path: &str, fam: &str) -> Vec<Finding> {
    let a = c.get(Path::new(path)).unwrap().clone();
    copydesk::engine::check(&a, c, &Config::default())
        .into_iter()
        .filter(|f| f.family() == fam)
        .collect()
}

#[test]
fn unchanged_clusters_are_silent() {
    let files = articles();
    let c = corpus(&files);
    let mut noisy = Vec::new();
    for (p, t) in &files {
        for fam in ["figure", "quote"] {
            for f in findings(&c, p, fam) {
                noisy.push(format!(
                    "{p}: {} {:?}: {}",
                    f.rule,
                    &t[f.range.clone()],
                    f.message
                ));
            }
        }
    }
    assert!(
        noisy.is_empty(),
        "findings on unchanged clusters:\n{}",
        noisy.join("\n")
    );
}

#[test]
fn changed_figures_are_found_and_fixed() {
    let files = articles();
    let changes: Changes =
        toml::from_str(&std::fs::read_to_string(root().join("changes.toml")).unwrap()).unwrap();
    let mut found = 0;
    let mut misses = Vec::new();
    let mut extra = Vec::new();
    for ch in &changes.change {
        let original = &files.iter().find(|(p, _)| *p == ch.file).expect(&ch.file).1;
        assert_eq!(
            original.matches(&ch.from).count(),
            1,
            "{}: {:?} must occur once",
            ch.file,
            ch.from
        );
        let changed = original.replacen(&ch.from, &ch.to, 1);
        let mut ws = files.clone();
        ws.iter_mut().find(|(p, _)| *p == ch.file).unwrap().1 = changed.clone();
        let c = corpus(&ws);
        let at = changed.find(&ch.to).unwrap();
        let span = at..at + ch.to.len();
        let fs = findings(&c, &ch.file, "figure");
        let mut hit = false;
        for f in &fs {
            let overlaps = f.range.start < span.end && span.start < f.range.end;
            let restores = f
                .fixes
                .first()
                .is_some_and(|x| apply_edits(&changed, x.edits.clone()) == *original);
            if overlaps && restores && !f.related.is_empty() {
                hit = true;
            } else if !overlaps {
                extra.push(format!(
                    "{} ({} -> {}): {:?}: {}",
                    ch.file,
                    ch.from,
                    ch.to,
                    &changed[f.range.clone()],
                    f.message
                ));
            } else {
                misses.push(format!(
                    "{} [{}] {} -> {}: reported but fix or evidence wrong: {}",
                    ch.file, ch.kind, ch.from, ch.to, f.message
                ));
            }
        }
        if hit {
            found += 1;
        } else if !fs
            .iter()
            .any(|f| f.range.start < span.end && span.start < f.range.end)
        {
            misses.push(format!(
                "{} [{}] {} -> {}: not reported",
                ch.file, ch.kind, ch.from, ch.to
            ));
        }
    }
    let n = changes.change.len();
    let recall = found as f64 / n as f64;
    eprintln!(
        "figure changes found with the right fix: {found}/{n} ({:.1}%)",
        100.0 * recall
    );
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    for e in &extra {
        eprintln!("  extra: {e}");
    }
    assert!(n >= 30);
    assert!(recall >= 0.95, "recall {recall:.3} below 0.95");
    assert!(extra.is_empty(), "findings elsewhere in changed drafts");
}

/// `CHANGE=cyclone/wire.txt:killing 14 people:killing 41 people cargo test --test
/// figure_clusters debug -- --ignored --nocapture`
#[test]
#[ignore]
fn debug() {
    let spec = std::env::var("CHANGE").unwrap_or_default();
    let mut it = spec.splitn(3, ':');
    let (file, from, to) = (
        it.next().unwrap(),
        it.next().unwrap_or(""),
        it.next().unwrap_or(""),
    );
    let mut files = articles();
    let original = files.iter().find(|(p, _)| p == file).unwrap().1.clone();
    let changed = original.replacen(from, to, 1);
    files.iter_mut().find(|(p, _)| p == file).unwrap().1 = changed.clone();
    let c = corpus(&files);
    let a = c.get(Path::new(file)).unwrap().clone();
    let sibs = c.siblings(&a);
    let config = Config::default();
    let cx = copydesk::engine::rules::Context {
        analysis: &a,
        siblings: &sibs,
        corpus: &c,
        config: &config,
    };
    let at = changed.find(to).unwrap_or(0);
    let target = to
        .find(|ch: char| ch.is_ascii_digit())
        .map(|d| at + d)
        .unwrap_or(at);
    for l in copydesk::engine::rules::figure::conflict::debug_alignments(&cx, target) {
        eprintln!("{l}");
    }
}
