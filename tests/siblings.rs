//! Sibling detection on the invented story clusters in `tests/fixtures/figure/` (and the seed
//! articles when `../shared/seeds` is present): every article finds the rest of its story and
//! nothing else, with a margin on both sides of the default threshold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::Corpus;
use copydesk::engine::siblings::SiblingsConfig;

/// (story, path, text). Unrelated articles are each their own story.
fn articles(with_devsets: bool) -> Vec<(String, PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let fixtures = root.join("tests/fixtures/figure");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let story = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let s = if story == "unrelated" {
                format!("unrelated/{}", f.file_name().unwrap().to_string_lossy())
            } else {
                story.clone()
            };
            out.push((s, f, text));
        }
    }
    let seeds = root.join("../shared/seeds");
    if seeds.is_dir() {
        for e in std::fs::read_dir(&seeds).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push(("seeds".into(), p, text));
            }
        }
    }
    let dev = root.join("../shared/devsets/debris-pages");
    if with_devsets && dev.is_dir() {
        for e in std::fs::read_dir(&dev).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((format!("dev/{}", p.display()), p, text));
            }
        }
    }
    out
}

/// Lowest score inside a story, highest across stories, and the pairs that gave them.
fn separation(with_devsets: bool) -> (f32, String, f32, String) {
    let arts = articles(with_devsets);
    let mut cfg = Config::default();
    cfg.siblings = SiblingsConfig::default();
    cfg.siblings.threshold = 0.0;
    cfg.siblings.max = 10_000;
    let mut corpus = Corpus::new(Arc::new(cfg));
    let mut story_of = BTreeMap::new();
    for (s, p, t) in &arts {
        corpus.upsert(p, t.clone());
        story_of.insert(p.clone(), s.clone());
    }
    let (mut lo, mut lo_pair, mut hi, mut hi_pair) = (1.0f32, String::new(), 0.0f32, String::new());
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    for (s, p, _) in &arts {
        let a = corpus.get(p).unwrap().clone();
        let sibs = corpus.siblings(&a);
        for (s2, p2, _) in &arts {
            if p2 == p {
                continue;
            }
            let score = sibs
                .iter()
                .find(|x| x.analysis.doc.path() == p2)
                .map(|x| x.score)
                .unwrap_or(0.0);
            if s == s2 && score < lo {
                lo = score;
                lo_pair = format!("{s}: {} ~ {}", name(p), name(p2));
            }
            if s.starts_with("dev/") && s2.starts_with("dev/") {
                continue; // the development pages include two copies of one article
            }
            if s != s2 && score > hi {
                hi = score;
                hi_pair = format!("{s} ~ {s2}: {} ~ {}", name(p), name(p2));
            }
        }
    }
    (lo, lo_pair, hi, hi_pair)
}

#[test]
fn stories_are_separated_around_the_default_threshold() {
    let (lo, lo_pair, hi, hi_pair) = separation(false);
    eprintln!("lowest within a story: {lo:.3} ({lo_pair})");
    eprintln!("highest across stories: {hi:.3} ({hi_pair})");
    let t = SiblingsConfig::default().threshold;
    assert!(
        lo >= t * 1.25,
        "a sibling pair scores {lo} ({lo_pair}), too close to {t}"
    );
    assert!(
        hi <= t * 0.75,
        "an unrelated pair scores {hi} ({hi_pair}), too close to {t}"
    );
}

/// With the real pages of the development set as extra unrelated articles (measurement only).
#[test]
#[ignore]
fn separation_with_devsets() {
    let (lo, lo_pair, hi, hi_pair) = separation(true);
    eprintln!("lowest within a story: {lo:.3} ({lo_pair})");
    eprintln!("highest across stories: {hi:.3} ({hi_pair})");
}

#[test]
fn each_article_finds_exactly_its_story() {
    let arts = articles(false);
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    for (_, p, t) in &arts {
        corpus.upsert(p, t.clone());
    }
    for (s, p, _) in &arts {
        let a = corpus.get(p).unwrap().clone();
        let mut got: Vec<PathBuf> = corpus
            .siblings(&a)
            .iter()
            .map(|x| x.analysis.doc.path().to_path_buf())
            .collect();
        got.sort();
        let mut want: Vec<PathBuf> = arts
            .iter()
            .filter(|(s2, p2, _)| s2 == s && p2 != p)
            .map(|(_, p2, _)| p2.clone())
            .collect();
        want.sort();
        assert_eq!(got, want, "siblings of {}", p.display());
    }
}

#[test]
#[ignore]
fn dump_shared() {
    let arts = articles(false);
    let pairs: Vec<(String, String)> = std::env::var("PAIRS")
        .unwrap_or_default()
        .split(',')
        .filter_map(|p| {
            p.split_once('~')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        })
        .collect();
    let find = |n: &str| {
        let (_, p, t) = arts
            .iter()
            .find(|(_, p, _)| p.to_string_lossy().ends_with(n))
            .unwrap();
        std::sync::Arc::new(copydesk::engine::analysis::Analysis::new(
            std::sync::Arc::new(copydesk::engine::document::Document::new(p, t.clone())),
        ))
    };
    for (a, b) in pairs {
        let (x, y) = (find(&a), find(&b));
        eprintln!(
            "{a} ~ {b}: {:?}",
            copydesk::engine::siblings::shared_terms(&x, &y, 200)
        );
    }
}

#[test]
#[ignore]
fn dump_matrix() {
    let arts = articles(std::env::var("DEV").is_ok());
    let mut cfg = Config::default();
    cfg.siblings.threshold = 0.0;
    cfg.siblings.max = 10_000;
    let mut corpus = Corpus::new(Arc::new(cfg));
    for (_, p, t) in &arts {
        corpus.upsert(p, t.clone());
    }
    let name = |p: &Path| {
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .chars()
            .take(12)
            .collect::<String>()
    };
    for (s, p, _) in &arts {
        let a = corpus.get(p).unwrap().clone();
        let sibs = corpus.siblings(&a);
        let mut line = format!(
            "{:<10} {:<12}",
            s.chars().take(10).collect::<String>(),
            name(p)
        );
        for x in sibs.iter().take(8) {
            let s2 = &arts
                .iter()
                .find(|(_, p2, _)| p2 == x.analysis.doc.path())
                .unwrap()
                .0;
            let mark = if s2 == s { "*" } else { " " };
            line.push_str(&format!(
                " {mark}{}:{:.3}",
                name(x.analysis.doc.path()),
                x.score
            ));
        }
        eprintln!("{line}");
    }
}
