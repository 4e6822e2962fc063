//! Recall and precision of the `typo` and `name` rules on story clusters of our own
//! (`tests/fixtures/typo/*/`): every error listed in `injections.txt` is injected alone into its
//! article and must be reported with a first fix that restores the original text; the clean
//! articles must stay silent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::{Corpus, Sibling};
use copydesk::engine::finding::{Applicability, Finding};
use copydesk::engine::fix::apply_edits;
use copydesk::engine::rules::Context;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/typo")
}

/// Cluster name -> (file name, text), sorted.
fn clusters() -> BTreeMap<String, Vec<(String, String)>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let p = e.unwrap().path();
        if !p.is_dir() {
            continue;
        }
        let mut files: Vec<(String, String)> = std::fs::read_dir(&p)
            .unwrap()
            .map(|f| f.unwrap().path())
            .filter(|f| f.extension().is_some_and(|x| x == "txt"))
            .map(|f| {
                (
                    f.file_name().unwrap().to_string_lossy().to_string(),
                    std::fs::read_to_string(&f).unwrap(),
                )
            })
            .collect();
        files.sort();
        out.insert(p.file_name().unwrap().to_string_lossy().to_string(), files);
    }
    out
}

/// `typo`/`name` findings on `draft` (as `name`) with the cluster's other files as siblings.
/// With `COPYDESK_TEST_INDEX_SIBLINGS` set, every cluster goes into one workspace and the
/// corpus's sibling index picks the siblings instead.
fn check(cluster: &[(String, String)], name: &str, draft: &str) -> Vec<Finding> {
    if std::env::var_os("COPYDESK_TEST_INDEX_SIBLINGS").is_some() {
        let mut corpus = Corpus::new(Arc::new(Config::default()));
        let mut own = None;
        for (c, files) in clusters() {
            for (n, t) in files {
                let p = PathBuf::from(format!("{c}/{n}"));
                if n == name && cluster.iter().any(|(m, u)| *m == n && *u == t) {
                    own = Some(p);
                } else {
                    corpus.upsert(&p, t);
                }
            }
        }
        let own = own.unwrap();
        let a = corpus.upsert(&own, draft.to_string());
        let config = corpus.config().clone();
        return copydesk::engine::check(&a, &corpus, &config)
            .into_iter()
            .filter(|f| matches!(f.family(), "typo" | "name"))
            .collect();
    }
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    for (n, t) in cluster {
        if n != name {
            corpus.upsert(Path::new(n), t.clone());
        }
    }
    let a = corpus.upsert(Path::new(name), draft.to_string());
    let siblings: Vec<Sibling> = corpus
        .articles()
        .filter(|x| x.doc.path() != Path::new(name))
        .map(|x| Sibling {
            analysis: x.clone(),
            score: 0.5,
        })
        .collect();
    let config = corpus.config().clone();
    let cx = Context {
        analysis: &a,
        siblings: &siblings,
        corpus: &corpus,
        config: &config,
    };
    copydesk::engine::check_with(&cx)
        .into_iter()
        .filter(|f| matches!(f.family(), "typo" | "name"))
        .collect()
}

#[test]
fn clean_clusters_stay_silent() {
    let mut words = 0;
    let mut found = Vec::new();
    for (c, files) in clusters() {
        for (n, t) in &files {
            words += t.split_whitespace().count();
            for f in check(&files, n, t) {
                found.push(format!(
                    "{c}/{n}: {} {:?} {}",
                    f.rule,
                    &t[f.range.clone()],
                    f.message
                ));
            }
        }
    }
    assert!(found.is_empty(), "{words} words, findings: {found:#?}");
}

#[test]
fn injected_errors_are_found_with_the_right_fix() {
    let clusters = clusters();
    let list = std::fs::read_to_string(fixtures().join("injections.txt")).unwrap();
    // kind -> (injected, found with the right fix)
    let mut score: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut safe = 0;
    let mut extra = Vec::new();
    let mut missed = Vec::new();
    let mut words = 0;
    for line in list.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [kind, file, original, injected] = parts[..] else {
            panic!("bad line {line:?}");
        };
        let (cluster, name) = file.split_once('/').unwrap();
        let files = &clusters[cluster];
        let text = &files.iter().find(|(n, _)| n == name).unwrap().1;
        assert_eq!(text.matches(original).count(), 1, "{original:?} in {file}");
        let draft = text.replacen(original, injected, 1);
        words += draft.split_whitespace().count();
        let at = draft.find(injected).unwrap();
        // The changed bytes.
        let pre = original
            .bytes()
            .zip(injected.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let suf = original
            .bytes()
            .rev()
            .zip(injected.bytes().rev())
            .take_while(|(a, b)| a == b)
            .count()
            .min(injected.len() - pre);
        let changed = at + pre..at + injected.len() - suf;
        let findings = check(files, name, &draft);
        let e = score.entry(kind.to_string()).or_default();
        e.0 += 1;
        let mut hit = false;
        for f in &findings {
            // The finding's range touches the changed bytes (an empty change, a deleted
            // letter, touches the word it was deleted from).
            let covers = f.range.start <= changed.end && changed.start <= f.range.end;
            if covers {
                if let Some(fix) = f.fixes.first() {
                    if apply_edits(&draft, fix.edits.clone()) == *text {
                        hit = true;
                        safe += usize::from(fix.applicability == Applicability::Safe);
                        continue;
                    }
                }
                missed.push(format!("{line}\n    wrong fix: {} {}", f.rule, f.message));
                continue;
            }
            extra.push(format!(
                "{file}: {} {:?} {}",
                f.rule,
                &draft[f.range.clone()],
                f.message
            ));
        }
        if hit {
            e.1 += 1;
        } else {
            missed.push(line.to_string());
        }
    }
    for (k, (n, ok)) in &score {
        eprintln!("{k}: {ok}/{n} found with the right fix");
    }
    eprintln!("safe fixes: {safe}");
    eprintln!("missed: {missed:#?}");
    eprintln!("other findings on the drafts ({words} words): {extra:#?}");
    let (n, ok) = score["real"];
    assert!(n >= 50, "at least 50 real-word errors");
    assert!(ok * 10 >= n * 9, "real-word recall {ok}/{n} is under 90%");
    let (n, ok) = score["name"];
    assert!(ok * 10 >= n * 8, "name recall {ok}/{n} is under 80%");
    assert!(
        extra.len() * 5000 <= words,
        "{} other findings in {words} words",
        extra.len()
    );
}

/// The corpus's own sibling index links the articles of each cluster (with the clusters in
/// one workspace). Reported, not asserted: the sibling index belongs to another part of the
/// engine, and the typo tests above give the siblings explicitly.
#[test]
fn sibling_index_links_the_clusters() {
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    let clusters = clusters();
    for (c, files) in &clusters {
        for (n, t) in files {
            corpus.upsert(Path::new(&format!("{c}/{n}")), t.clone());
        }
    }
    for (c, files) in &clusters {
        for (n, _) in files {
            let a = corpus.get(Path::new(&format!("{c}/{n}"))).unwrap().clone();
            let s: Vec<String> = corpus
                .siblings(&a)
                .iter()
                .map(|s| format!("{} {:.2}", s.analysis.doc.path().display(), s.score))
                .collect();
            eprintln!("{c}/{n}: {s:?}");
        }
    }
}
