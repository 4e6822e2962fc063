//! The language server checks a draft in two lanes at once (`check_with_lanes`); `check`
//! runs the rules one after the other (`check_with`). An editor and CI must see the same
//! findings: every article of the example story and of the fixture stories is checked both
//! ways against its siblings, and the two lists must be equal, finding for finding.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::Corpus;
use copydesk::engine::rules::Context;

fn stories() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("examples/ferry-strike")];
    for group in ["tests/fixtures/figure", "tests/fixtures/typo"] {
        let mut d: Vec<PathBuf> = std::fs::read_dir(root.join(group))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        d.sort();
        dirs.extend(d);
    }
    dirs
}

#[test]
fn lanes_find_what_one_lane_finds() {
    let mut families = std::collections::BTreeSet::new();
    let mut total = 0;
    for dir in stories() {
        let mut corpus = Corpus::new(Arc::new(Config::default()));
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .filter(|p| p.file_name().is_some_and(|n| n != "EXPECTED.md"))
            .collect();
        paths.sort();
        for p in &paths {
            corpus.upsert(p, std::fs::read_to_string(p).unwrap());
        }
        let config = corpus.config().clone();
        for p in &paths {
            let a = corpus.get(p).unwrap().clone();
            let siblings = corpus.siblings_for_rules(&a);
            let cx = Context {
                analysis: &a,
                siblings: &siblings,
                corpus: &corpus,
                config: &config,
            };
            let one = copydesk::engine::check_with(&cx);
            let two = copydesk::engine::check_with_lanes(&cx);
            assert_eq!(
                format!("{one:#?}"),
                format!("{two:#?}"),
                "{}: the lanes differ from one lane",
                p.display()
            );
            total += one.len();
            families.extend(one.iter().map(|f| f.family().to_string()));
        }
    }
    // Both lanes had work: findings from the families of each.
    for f in ["figure", "typo", "name", "debris", "style"] {
        assert!(
            families.contains(f),
            "no {f} finding in the stories: {families:?}"
        );
    }
    assert!(total > 50, "only {total} findings");
}
