//! Acceptance on the seed story cluster (`../shared/seeds`, beside the clone in CI): every
//! debris item that `EXPECTED.md` lists is reported with the expected rule, and nothing else
//! is, in particular none of the lines it lists as not debris.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::{Config, RuleSetting};
use copydesk::engine::corpus::Corpus;
use copydesk::engine::document::Document;
use copydesk::engine::rules::registry;

/// (file prefix, 1-based lines, rule) from the "Scraper debris" table of EXPECTED.md.
const EXPECTED: &[(&str, &[usize], &str)] = &[
    ("000", &[10], "debris/comments"),
    ("001", &[1], "debris/section-label"),
    ("001", &[18], "debris/related-links"),
    ("001", &[46], "debris/syndication"),
    ("001", &[48], "debris/comments"),
    ("001", &[50], "debris/comments"),
    ("002", &[3], "debris/author-widget"),
    ("002", &[5], "debris/glued-dateline"),
    ("002", &[6], "debris/duplicate-headline"),
    ("002", &[7], "debris/photo-credit"),
    ("002", &[45, 46, 47, 48, 49], "debris/newsletter"),
    ("003", &[7], "debris/promo"),
    ("003", &[13, 14, 15, 16, 17, 18], "debris/teasers"),
    ("004", &[11], "debris/markup"),
    ("004", &[13], "debris/markup"),
    ("004", &[15], "debris/markup"),
];

/// Lines EXPECTED.md names as not debris.
const NOT_DEBRIS: &[(&str, usize)] = &[
    ("001", 42),
    ("002", 43),
    ("001", 28),
    ("002", 29),
    ("004", 2),
    ("004", 8),
    ("001", 3),
    ("002", 1),
    ("002", 4),
];

fn seeds_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    d.is_dir().then_some(d)
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

fn seed_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy()[..3].to_string(), p))
        .collect();
    v.sort();
    v
}

#[test]
fn every_expected_debris_item_and_nothing_else() {
    let Some(dir) = seeds_dir() else {
        eprintln!("note: ../shared/seeds is absent; seed acceptance skipped");
        return;
    };
    let config = debris_only();
    let mut corpus = Corpus::new(Arc::new(config.clone()));
    let files = seed_files(&dir);
    assert_eq!(files.len(), 5);
    let mut analyses = Vec::new();
    for (prefix, path) in &files {
        let text = std::fs::read_to_string(path).expect("seed");
        analyses.push((prefix.clone(), corpus.upsert(path, text)));
    }
    let mut problems = Vec::new();
    for (prefix, a) in &analyses {
        let doc: &Document = &a.doc;
        let findings = copydesk::engine::check(a, &corpus, &config);
        // 1-based line -> rules covering it.
        let mut got: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        for f in &findings {
            let (s, e) = (doc.line_of(f.range.start), doc.line_of(f.range.end));
            for l in s..=e {
                if !doc.line_text(l).trim().is_empty() {
                    got.entry(l + 1).or_default().insert(f.rule);
                }
            }
        }
        let mut expected: BTreeMap<usize, &str> = BTreeMap::new();
        for (p, lines, rule) in EXPECTED {
            if p == prefix {
                for l in *lines {
                    expected.insert(*l, rule);
                }
            }
        }
        for (l, rule) in &expected {
            if !got.get(l).is_some_and(|r| r.contains(rule)) {
                problems.push(format!(
                    "{prefix}:{l} expected {rule}, got {:?}: {:?}",
                    got.get(l),
                    doc.line_text(l - 1)
                ));
            }
        }
        for (l, rules) in &got {
            if !expected.contains_key(l) {
                problems.push(format!(
                    "{prefix}:{l} not debris, flagged by {rules:?}: {:?}",
                    doc.line_text(l - 1)
                ));
            }
        }
        for (p, l) in NOT_DEBRIS {
            assert!(
                !(p == prefix && got.contains_key(l)),
                "{p}:{l} must stay silent"
            );
        }
        // Every debris finding carries one removal fix.
        for f in &findings {
            assert_eq!(f.fixes.len(), 1, "{}: {}", f.rule, f.message);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn removing_all_debris_leaves_the_articles_clean() {
    let Some(dir) = seeds_dir() else {
        eprintln!("note: ../shared/seeds is absent; seed acceptance skipped");
        return;
    };
    let config = debris_only();
    for (prefix, path) in seed_files(&dir) {
        let text = std::fs::read_to_string(&path).expect("seed");
        let mut corpus = Corpus::new(Arc::new(config.clone()));
        let a = corpus.upsert(&path, text.clone());
        let (fixed, _) = copydesk::engine::fix_until_stable(a, &corpus, &config, true);
        // The lines that are not debris survive, in order; the glued dateline keeps its date.
        let debris: BTreeSet<usize> = EXPECTED
            .iter()
            .filter(|(p, _, _)| *p == prefix)
            .flat_map(|(_, l, _)| l.iter().copied())
            .collect();
        let mut rest = fixed.as_str();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || debris.contains(&(i + 1)) {
                continue;
            }
            let at = rest.find(line).unwrap_or_else(|| {
                panic!("{prefix}:{} lost by the fixes: {line:?}\n{fixed}", i + 1)
            });
            rest = &rest[at + line.len()..];
        }
        if prefix == "002" {
            assert!(fixed.contains("\nApril 25, 2024\n"), "{fixed}");
            assert!(fixed.contains("\nBy Wim De Gent\n"), "{fixed}");
            assert_eq!(
                fixed
                    .matches("Russia’s Putin Plans to Visit China in May")
                    .count(),
                1
            );
        }
        assert!(
            !fixed.contains("\n\n\n\n"),
            "{prefix}: blank lines piled up"
        );
        let again = copydesk::engine::check(
            &copydesk::engine::analysis::Analysis::new(Arc::new(Document::new(&path, fixed))),
            &corpus,
            &config,
        );
        assert!(again.is_empty(), "{prefix}: {again:#?}");
    }
}
