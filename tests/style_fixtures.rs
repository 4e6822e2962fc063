//! The `style` family on fixture drafts of our own (`tests/fixtures/style/<case>/`):
//!
//! - `draft.txt` or `draft.md`: the draft;
//! - `copydesk.toml` (optional): the house's `[style]` and `[rules]` for the case;
//! - `expected.txt`: every `style` finding, one `rule "covered text"` a line (the text quoted
//!   as Rust's `{:?}` writes it), in order (empty: the draft must stay silent);
//! - `fixed.txt` / `fixed.md` (optional): the draft after every fix (safe and unsafe) is
//!   applied until nothing changes;
//! - `safe.txt` / `safe.md` (optional): the same with safe fixes only.
//!
//! Every finding of the whole family is compared, so a fixture written for one rule also
//! checks that no other style rule fires on it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::config::{Config, RuleSetting};
use copydesk::engine::corpus::Corpus;
use copydesk::engine::rules::registry;
use copydesk::engine::{check, fix_until_stable};

fn config_for(case: &Path) -> Config {
    let toml = case.join("copydesk.toml");
    let mut config = if toml.is_file() {
        let (c, warnings) = Config::load(&toml).expect("fixture config parses");
        assert!(warnings.is_empty(), "{}: {warnings:?}", toml.display());
        c
    } else {
        Config::default()
    };
    for r in &registry().rules {
        if !r.id().starts_with("style/") {
            config.rules.insert(r.id().to_string(), RuleSetting::Off);
        }
    }
    config
}

fn find(case: &Path, stem: &str) -> Option<PathBuf> {
    ["txt", "md"]
        .iter()
        .map(|e| case.join(format!("{stem}.{e}")))
        .find(|p| p.is_file())
}

fn run_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let draft_path = find(case, "draft").ok_or(format!("{name}: no draft"))?;
    let draft = std::fs::read_to_string(&draft_path).unwrap();
    let config = Arc::new(config_for(case));
    let mut corpus = Corpus::new(config.clone());
    let a = corpus.upsert(&draft_path, draft.clone());
    let findings = check(&a, &corpus, &config);
    let got: Vec<String> = findings
        .iter()
        .map(|f| format!("{} {:?}", f.rule, &draft[f.range.clone()]))
        .collect();
    let expected: Vec<String> = std::fs::read_to_string(case.join("expected.txt"))
        .map_err(|e| format!("{name}: expected.txt: {e}"))?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim_end().to_string())
        .collect();
    let mut errors = Vec::new();
    if got != expected {
        errors.push(format!(
            "{name}: findings differ\n  expected: {expected:#?}\n  got: {got:#?}\n  messages: {:#?}",
            findings.iter().map(|f| &f.message).collect::<Vec<_>>()
        ));
    }
    for (stem, unsafe_too) in [("fixed", true), ("safe", false)] {
        if let Some(p) = find(case, stem) {
            let want = std::fs::read_to_string(&p).unwrap();
            let (text, _) = fix_until_stable(a.clone(), &corpus, &config, unsafe_too);
            if text != want {
                errors.push(format!(
                    "{name}: {stem} text differs\n--- expected\n{want}\n--- got\n{text}"
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

#[test]
fn style_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/style");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "fixtures missing under {}",
        root.display()
    );
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every style rule has a fixture that makes it fire and one where it must stay silent.
#[test]
fn every_style_rule_fires_in_some_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/style");
    let mut all = String::new();
    for e in std::fs::read_dir(&root).unwrap() {
        let p = e.unwrap().path().join("expected.txt");
        all.push_str(&std::fs::read_to_string(p).unwrap_or_default());
    }
    for r in &registry().rules {
        if r.id().starts_with("style/") {
            assert!(
                all.contains(&format!("{} \"", r.id())),
                "no fixture makes {} fire",
                r.id()
            );
        }
    }
}
