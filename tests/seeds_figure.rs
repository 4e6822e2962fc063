//! Seed acceptance for the `figure` and `quote` families: the five seed articles produce no
//! finding of either family, and each figure change listed in EXPECTED.md, made in a copy of
//! an article, is reported at the changed figure with a fix that restores the siblings' value
//! and related locations at the sibling lines that disagree.
//!
//! Reads `$CARGO_MANIFEST_DIR/../shared/seeds`; when absent, prints a note and passes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::Corpus;
use copydesk::engine::finding::{Applicability, Finding};
use copydesk::engine::fix::apply_edits;

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !dir.is_dir() {
        eprintln!("note: {} is absent; seed acceptance skipped", dir.display());
        return None;
    }
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension().is_some_and(|x| x == "txt")).then(|| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
        })
        .collect();
    v.sort();
    Some(v)
}

/// A workspace in a temporary folder with these files; returns the corpus and the folder.
fn workspace(files: &[(String, String)]) -> (Corpus, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        corpus.upsert(&p, text.clone());
    }
    (corpus, dir)
}

/// One line per finding: covered text, message and related locations.
fn brief(text: &str, fs: &[Finding]) -> String {
    fs.iter()
        .map(|f| {
            let rel: Vec<String> = f
                .related
                .iter()
                .map(|r| {
                    format!(
                        "{}:{} {}",
                        r.doc.path().file_name().unwrap().to_string_lossy(),
                        r.doc.line_of(r.range.start) + 1,
                        r.message
                    )
                })
                .collect();
            format!(
                "{:?} {} [{}]",
                &text[f.range.clone()],
                f.message,
                rel.join("; ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn family(corpus: &Corpus, path: &Path, fam: &str) -> Vec<Finding> {
    let a = corpus.get(path).unwrap().clone();
    copydesk::engine::check(&a, corpus, &Config::default())
        .into_iter()
        .filter(|f| f.family() == fam)
        .collect()
}

#[test]
fn unchanged_seeds_give_no_figure_or_quote_finding() {
    let Some(seeds) = seeds() else { return };
    let (corpus, dir) = workspace(&seeds);
    for (name, text) in &seeds {
        let p = dir.path().join(name);
        let a = corpus.get(&p).unwrap().clone();
        assert_eq!(
            corpus.siblings(&a).len(),
            4,
            "{name} should have the four other seeds as siblings"
        );
        for fam in ["figure", "quote"] {
            let f = family(&corpus, &p, fam);
            assert!(
                f.is_empty(),
                "{name}: unexpected {fam} findings:\n{}",
                brief(text, &f)
            );
        }
    }
}

/// (original text in 001, changed text, expected fix title, sibling lines that disagree as
/// (file prefix, 1-based line)).
const CHANGES: &[(&str, &str, &str, &[(&str, usize)])] = &[
    (
        "87 percent",
        "78 percent",
        "Use the siblings' value: 87 percent",
        &[("002", 15)],
    ),
    (
        "71-year-old",
        "72-year-old",
        "Use the siblings' value: 71-year-old",
        &[("002", 15)],
    ),
    (
        "May 7",
        "May 9",
        "Use the siblings' value: May 7",
        &[("000", 3), ("002", 15)],
    ),
    (
        "12-point",
        "10-point",
        "Use the siblings' value: 12-point",
        &[("002", 33)],
    ),
    (
        "three minor opponents",
        "four minor opponents",
        "Use the siblings' value: three minor opponents",
        &[("002", 15)],
    ),
];

fn check_change(seeds: &[(String, String)], beside: bool) {
    let (target, original) = seeds
        .iter()
        .find(|(n, _)| n.starts_with("001"))
        .cloned()
        .expect("seed 001");
    for (from, to, title, lines) in CHANGES {
        assert_eq!(
            original.matches(from).count(),
            1,
            "{from} should occur once in 001"
        );
        let changed = original.replacen(from, to, 1);
        let mut files: Vec<(String, String)> = seeds.to_vec();
        let draft_name = if beside {
            files.push(("001_copy.txt".into(), changed.clone()));
            "001_copy.txt".to_string()
        } else {
            files.iter_mut().find(|(n, _)| *n == target).unwrap().1 = changed.clone();
            target.clone()
        };
        let (corpus, dir) = workspace(&files);
        let draft = dir.path().join(&draft_name);
        let f = family(&corpus, &draft, "figure");
        assert_eq!(
            f.len(),
            1,
            "{from} -> {to} (beside: {beside}):\n{}",
            brief(&changed, &f)
        );
        let f = &f[0];
        let at = changed.find(to).unwrap();
        assert!(
            f.range.start <= at
                && at + to.len() <= f.range.end + 1
                && f.range.start < at + to.len(),
            "{to}: finding covers {:?}",
            &changed[f.range.clone()]
        );
        assert_eq!(f.rule, "figure/conflict");
        let fix = &f.fixes[0];
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(fix.title, *title, "{to}");
        assert_eq!(
            apply_edits(&changed, fix.edits.clone()),
            original,
            "{to}: the fix restores 001"
        );
        // Related: every sibling line that disagrees, and nothing else.
        let mut got: Vec<(String, usize)> = f
            .related
            .iter()
            .map(|r| {
                let name = r
                    .doc
                    .path()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (name, r.doc.line_of(r.range.start) + 1)
            })
            .collect();
        got.sort();
        got.dedup();
        let mut want: Vec<(String, usize)> = lines
            .iter()
            .map(|(prefix, line)| {
                let name = seeds
                    .iter()
                    .find(|(n, _)| n.starts_with(prefix))
                    .unwrap()
                    .0
                    .clone();
                (name, *line)
            })
            .collect();
        if beside {
            // The untouched original is a sibling too.
            let line = original[..original.find(from).unwrap()]
                .matches('\n')
                .count()
                + 1;
            want.push((target.clone(), line));
        }
        want.sort();
        assert_eq!(got, want, "{to}: related locations");
        assert!(
            f.related
                .iter()
                .all(|r| r.message.starts_with("sibling says ")),
            "{}",
            brief(&changed, std::slice::from_ref(f))
        );
        let _ = PathBuf::new();
    }
}

#[test]
fn each_expected_change_is_reported_with_fix_and_related_lines() {
    let Some(seeds) = seeds() else { return };
    check_change(&seeds, false);
}

#[test]
fn a_changed_copy_beside_the_original_is_reported_too() {
    let Some(seeds) = seeds() else { return };
    check_change(&seeds, true);
}
