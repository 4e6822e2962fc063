//! One-line helpers that keep rule tests short: run a rule on a text (with siblings), assert
//! what it finds, apply its fixes.

use std::path::PathBuf;
use std::sync::Arc;

use super::analysis::Analysis;
use super::config::{Config, RuleSetting};
use super::corpus::Corpus;
use super::document::Document;
use super::finding::Finding;

pub fn analyse(text: &str) -> Arc<Analysis> {
    Arc::new(Analysis::new(Arc::new(Document::new("draft.txt", text))))
}

/// A config with only `rule` enabled (a rule id or a family).
pub fn only(rule: &str) -> Config {
    let mut c = Config::default();
    for r in &super::rules::registry().rules {
        if !super::suppress::rule_matches(rule, r.id()) {
            c.rules.insert(r.id().to_string(), RuleSetting::Off);
        }
    }
    c
}

/// Findings of `rule` on `draft`, with `siblings` as the other articles of the workspace.
pub fn run_with_config(config: Config, draft: &str, siblings: &[&str]) -> Vec<Finding> {
    let mut corpus = Corpus::new(Arc::new(config));
    for (i, s) in siblings.iter().enumerate() {
        corpus.upsert(&PathBuf::from(format!("sibling{i}.txt")), s.to_string());
    }
    let a = corpus.upsert(&PathBuf::from("draft.txt"), draft.to_string());
    let config = corpus.config().clone();
    super::check(&a, &corpus, &config)
}

pub fn run_rule(rule: &str, draft: &str, siblings: &[&str]) -> Vec<Finding> {
    run_with_config(only(rule), draft, siblings)
}

pub fn run(rule: &str, draft: &str) -> Vec<Finding> {
    run_rule(rule, draft, &[])
}

#[track_caller]
pub fn assert_silent(rule: &str, draft: &str) {
    let f = run(rule, draft);
    assert!(
        f.is_empty(),
        "expected no {rule} finding in {draft:?}, got {f:#?}"
    );
}

/// Apply every fix (safe and unsafe) of `rule` until stable and compare.
#[track_caller]
pub fn assert_fixed(rule: &str, draft: &str, expected: &str) {
    assert_fixed_with(rule, draft, &[], expected)
}

#[track_caller]
pub fn assert_fixed_with(rule: &str, draft: &str, siblings: &[&str], expected: &str) {
    let f = run_rule(rule, draft, siblings);
    assert!(!f.is_empty(), "expected a {rule} finding in {draft:?}");
    let mut corpus = Corpus::new(Arc::new(only(rule)));
    for (i, s) in siblings.iter().enumerate() {
        corpus.upsert(&PathBuf::from(format!("sibling{i}.txt")), s.to_string());
    }
    let a = corpus.upsert(&PathBuf::from("draft.txt"), draft.to_string());
    let config = corpus.config().clone();
    let (text, _) = super::fix_until_stable(a, &corpus, &config, true);
    assert_eq!(text, expected);
}

/// Runs `rule` on `draft`, asserts exactly one finding, covering text that starts with
/// `first` and ends with `last`, and returns it (for assertions on its fix).
pub fn assert_one_block(rule: &str, draft: &str, first: &str, last: &str) -> Finding {
    let mut f = run(rule, draft);
    assert_eq!(f.len(), 1, "{f:#?}");
    let c = covered(draft, &f)[0];
    assert!(c.starts_with(first) && c.ends_with(last), "{c:?}");
    f.remove(0)
}

/// The text each finding covers, for compact assertions.
pub fn covered<'a>(draft: &'a str, findings: &[Finding]) -> Vec<&'a str> {
    findings.iter().map(|f| &draft[f.range.clone()]).collect()
}

/// Two articles about one story and one about nothing like it, for sibling and corpus tests.
pub const STORM_A: &str = "Cyclone Imara struck the port of Velmora on Tuesday, flooding the \
    harbour district and cutting power to the northern suburbs. Governor Anselm Ruhle said \
    fourteen people were killed and 3,200 residents evacuated.";
pub const STORM_B: &str = "At least 14 people died when Cyclone Imara hit Velmora, where the \
    harbour district flooded. Governor Ruhle ordered 3,200 people out of the northern \
    suburbs as power failed.";
pub const CAKE: &str = "Bake the sponge for forty minutes at a moderate heat, then leave it to \
    cool before spreading the lemon curd and dusting the top with icing sugar.";
