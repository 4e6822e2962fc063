//! The seed story cluster: the two real-word typos of EXPECTED.md are reported with the right
//! fix, and every other `typo`/`name` finding on the seeds is listed (the closing note of the
//! typo work justifies each).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::{Corpus, Sibling};
use copydesk::engine::finding::{Applicability, Finding};
use copydesk::engine::rules::Context;

fn seeds() -> Option<Vec<(PathBuf, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !dir.is_dir() {
        eprintln!("note: {} is absent; seed test skipped", dir.display());
        return None;
    }
    let mut v: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect();
    v.sort();
    Some(v)
}

/// Findings of the `typo` and `name` families. With `all_siblings`, every other seed is a
/// sibling (what a complete sibling index gives); otherwise the corpus's index decides.
fn typo_findings(corpus: &Corpus, path: &Path, all_siblings: bool) -> Vec<Finding> {
    let a = corpus.get(path).unwrap().clone();
    let config = corpus.config().clone();
    let found = if all_siblings {
        let siblings: Vec<Sibling> = corpus
            .articles()
            .filter(|x| x.doc.path() != path)
            .map(|x| Sibling {
                analysis: x.clone(),
                score: 0.5,
            })
            .collect();
        let cx = Context {
            analysis: &a,
            siblings: &siblings,
            corpus,
            config: &config,
        };
        copydesk::engine::check_with(&cx)
    } else {
        copydesk::engine::check(&a, corpus, &config)
    };
    found
        .into_iter()
        .filter(|f| matches!(f.family(), "typo" | "name"))
        .collect()
}

#[test]
fn seed_typos_are_found_with_the_right_fix() {
    check_seeds(false);
}

#[test]
fn seed_typos_are_found_when_every_seed_is_a_sibling() {
    check_seeds(true);
}

fn check_seeds(all_siblings: bool) {
    let Some(seeds) = seeds() else { return };
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    for (p, t) in &seeds {
        corpus.upsert(p, t.clone());
    }
    let mut all = Vec::new();
    for (p, t) in &seeds {
        let doc = corpus.get(p).unwrap().doc.clone();
        for f in typo_findings(&corpus, p, all_siblings) {
            let (line, _) = doc.line_col_chars(f.range.start);
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let fix = f
                .fixes
                .first()
                .map(|x| (x.edits[0].replacement.clone(), x.applicability));
            eprintln!(
                "{}:{} {} {:?} {:?} — {}",
                &name[..3],
                line + 1,
                f.rule,
                &t[f.range.clone()],
                fix,
                f.message
            );
            all.push((
                name[..3].to_string(),
                line + 1,
                t[f.range.clone()].to_string(),
                fix,
            ));
        }
    }
    let expect = |file: &str, line: usize, word: &str, fix: &str| {
        assert!(
            all.iter().any(|(n, l, w, x)| n == file
                && *l == line
                && w == word
                && x.as_ref()
                    .is_some_and(|(r, a)| r == fix && *a == Applicability::Safe)),
            "expected {file}:{line} {word} -> {fix} (safe); got {all:#?}"
        );
    };
    expect("002", 23, "Treat", "Treaty");
    expect("002", 33, "counties", "countries");
    // Everything else on the seeds, justified in the closing note; a new finding here is a
    // regression until someone looks at it.
    let others: Vec<_> = all
        .iter()
        .filter(|(n, l, ..)| !(n == "002" && (*l == 23 || *l == 33)))
        .collect();
    assert!(
        others.is_empty(),
        "unexpected typo/name findings on the seeds: {others:#?}"
    );
}
