//! Line-level precision and recall of the `debris` rules on the fixtures in
//! `tests/fixtures/debris/` (stories written for these tests; see the README there).
//!
//! A line ending with `«kind»` is debris of that kind; `«ok»` marks a risky clean line. The
//! test strips the markers, runs every `debris/` rule, and compares the lines the findings
//! cover with the markers. It also applies every fix and checks that the debris is gone, the
//! article's lines are intact, and a second check finds nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use copydesk::engine::analysis::Analysis;
use copydesk::engine::config::{Config, RuleSetting};
use copydesk::engine::corpus::Corpus;
use copydesk::engine::document::Document;
use copydesk::engine::rules::registry;

const OPEN: char = '«';
const CLOSE: char = '»';

struct Fixture {
    name: String,
    text: String,
    /// Zero-based line -> expected kind (`None` for `«ok»`).
    marks: BTreeMap<usize, Option<String>>,
}

fn load() -> Vec<Fixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/debris");
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt" || e == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    paths.sort();
    for p in paths {
        let raw = std::fs::read_to_string(&p).expect("fixture");
        let mut text = String::new();
        let mut marks = BTreeMap::new();
        for (i, line) in raw.lines().enumerate() {
            let mut l = line;
            if let Some(body) = line.strip_suffix(CLOSE) {
                if let Some(k) = body.rfind(OPEN) {
                    let kind = &body[k + OPEN.len_utf8()..];
                    marks.insert(i, (kind != "ok").then(|| kind.to_string()));
                    l = body[..k].trim_end();
                }
            }
            text.push_str(l);
            text.push('\n');
        }
        out.push(Fixture {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            text,
            marks,
        });
    }
    out
}

/// Only the debris rules.
fn debris_config() -> Config {
    let mut c = Config::default();
    for r in &registry().rules {
        if !r.id().starts_with("debris/") {
            c.rules.insert(r.id().to_string(), RuleSetting::Off);
        }
    }
    c
}

fn check(name: &str, text: &str) -> Vec<copydesk::engine::finding::Finding> {
    let config = debris_config();
    let corpus = Corpus::new(Arc::new(config.clone()));
    let a = Analysis::new(Arc::new(Document::new(name, text.to_string())));
    copydesk::engine::check(&a, &corpus, &config)
}

#[test]
fn fixtures_precision_and_recall() {
    let fixtures = load();
    assert!(!fixtures.is_empty());
    let (mut tp, mut fp, mut fn_, mut wrong_kind) = (0, 0, 0, 0);
    let mut kinds = BTreeSet::new();
    let (mut debris_lines, mut ok_lines) = (0, 0);
    let mut report = Vec::new();
    for f in &fixtures {
        let doc = Document::new(&f.name, f.text.clone());
        let findings = check(&f.name, &f.text);
        // Zero-based line -> rules that cover it.
        let mut flagged: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        for x in &findings {
            assert!(x.rule.starts_with("debris/"));
            let (s, e) = (doc.line_of(x.range.start), doc.line_of(x.range.end));
            for l in s..=e {
                if !doc.line_text(l).trim().is_empty() {
                    flagged.entry(l).or_default().insert(x.rule);
                }
            }
        }
        for (l, want) in &f.marks {
            match want {
                Some(k) => {
                    debris_lines += 1;
                    kinds.insert(k.clone());
                    match flagged.get(l) {
                        Some(rules) => {
                            tp += 1;
                            if !rules.contains(format!("debris/{k}").as_str()) {
                                wrong_kind += 1;
                                report.push(format!(
                                    "{}:{} expected debris/{k}, got {rules:?}: {:?}",
                                    f.name,
                                    l + 1,
                                    doc.line_text(*l)
                                ));
                            }
                        }
                        None => {
                            fn_ += 1;
                            report.push(format!(
                                "{}:{} missed debris/{k}: {:?}",
                                f.name,
                                l + 1,
                                doc.line_text(*l)
                            ));
                        }
                    }
                }
                None => ok_lines += 1,
            }
        }
        for (l, rules) in &flagged {
            if !matches!(f.marks.get(l), Some(Some(_))) {
                fp += 1;
                report.push(format!(
                    "{}:{} clean line flagged by {rules:?}: {:?}",
                    f.name,
                    l + 1,
                    doc.line_text(*l)
                ));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "debris fixtures: {} files, {debris_lines} debris lines over {} kinds, {ok_lines} risky clean lines",
        fixtures.len(),
        kinds.len()
    );
    println!(
        "line-level precision {precision:.3}  recall {recall:.3}  (tp {tp}, fp {fp}, fn {fn_}, wrong kind {wrong_kind})"
    );
    for r in &report {
        println!("  {r}");
    }
    assert!(debris_lines >= 40, "need at least 40 debris lines");
    assert!(kinds.len() >= 15, "need at least 15 kinds, have {kinds:?}");
    assert!(ok_lines >= 40, "need at least 40 risky clean lines");
    assert_eq!(fp, 0, "false positives:\n{}", report.join("\n"));
    assert!(recall >= 0.95, "recall {recall:.3}:\n{}", report.join("\n"));
    assert_eq!(wrong_kind, 0, "{}", report.join("\n"));
}

#[test]
fn fixing_everything_removes_the_debris_and_keeps_the_article() {
    for f in load() {
        let config = debris_config();
        let mut corpus = Corpus::new(Arc::new(config.clone()));
        let path = PathBuf::from(&f.name);
        let a = corpus.upsert(&path, f.text.clone());
        let (fixed, n) = copydesk::engine::fix_until_stable(a, &corpus, &config, true);
        let has_debris = f.marks.values().any(Option::is_some);
        assert_eq!(n > 0, has_debris, "{}: {n} fixes applied", f.name);
        // Every line that is not debris survives, in order.
        let kept: Vec<&str> = fixed.lines().collect();
        let mut at = 0;
        for (i, line) in f.text.lines().enumerate() {
            if line.trim().is_empty() || matches!(f.marks.get(&i), Some(Some(_))) {
                continue;
            }
            let found = kept[at..].iter().position(|k| *k == line);
            assert!(
                found.is_some(),
                "{}:{} lost or changed by the fixes: {line:?}\n---\n{fixed}",
                f.name,
                i + 1
            );
            at += found.unwrap() + 1;
        }
        // No debris line survives as it was (a repeated headline may survive as the
        // headline it repeats).
        let lines: Vec<&str> = f.text.lines().collect();
        for (i, want) in &f.marks {
            if want.is_some() {
                let line = lines[*i];
                let clean = lines
                    .iter()
                    .enumerate()
                    .filter(|(k, l)| **l == line && !matches!(f.marks.get(k), Some(Some(_))))
                    .count();
                let left = kept.iter().filter(|k| **k == line).count();
                assert!(
                    left <= clean,
                    "{}:{} debris survived the fixes: {line:?}",
                    f.name,
                    i + 1
                );
            }
        }
        // No doubled blank lines, no blank line at either end, and nothing left to fix.
        assert!(
            !fixed.contains("\n\n\n"),
            "{}: doubled blank lines\n{fixed}",
            f.name
        );
        assert!(
            !fixed.starts_with('\n') && !fixed.ends_with("\n\n"),
            "{}",
            f.name
        );
        let again = check(&f.name, &fixed);
        assert!(
            again.is_empty(),
            "{}: findings after fixing: {again:#?}",
            f.name
        );
    }
}

#[test]
fn debris_fixes_never_overlap() {
    for f in load() {
        let mut edits: Vec<std::ops::Range<usize>> = check(&f.name, &f.text)
            .iter()
            .flat_map(|x| {
                assert_eq!(x.fixes.len(), 1, "{}: one removal fix per finding", x.rule);
                x.fixes[0].edits.iter().map(|e| e.range.clone())
            })
            .collect();
        edits.sort_by_key(|r| (r.start, r.end));
        for w in edits.windows(2) {
            assert!(
                w[0].end <= w[1].start,
                "{}: overlapping edits {w:?}",
                f.name
            );
        }
    }
}
