//! House patterns in `copydesk.toml` extend the debris kinds; `allow` silences lines; a
//! changed configuration takes effect on an analysis that was already checked.

use std::path::Path;
use std::sync::Arc;

use copydesk::engine::analysis::Analysis;
use copydesk::engine::config::{Config, RuleSetting};
use copydesk::engine::corpus::Corpus;
use copydesk::engine::document::Document;
use copydesk::engine::rules::registry;

const DRAFT: &str = "The harbour reopened on Monday after a week of repairs to the sea wall, the authority said.\n\nEditor's choice\n\nPICTURE THIS: The harbour at night\n\nPart 3 of our series\n\nComments\n";

fn with_debris_only(mut c: Config) -> Config {
    for r in &registry().rules {
        if !r.id().starts_with("debris/") {
            c.rules.insert(r.id().to_string(), RuleSetting::Off);
        }
    }
    c
}

fn flagged(config: &Config, a: &Analysis) -> Vec<(String, &'static str)> {
    let corpus = Corpus::new(Arc::new(config.clone()));
    copydesk::engine::check(a, &corpus, config)
        .into_iter()
        .map(|f| (a.text()[f.range.clone()].to_string(), f.rule))
        .collect()
}

#[test]
fn house_phrases_prefixes_patterns_and_allow() {
    let (house, warnings) = Config::parse(
        "[debris]\nallow = [\"Comments\"]\n\n[debris.promo]\nphrases = [\"Editor's choice\"]\nprefixes = [\"Picture this\"]\npatterns = ['^Part \\d+ of our series$']\n",
        Path::new("copydesk.toml"),
    )
    .expect("config");
    assert!(warnings.is_empty(), "{warnings:?}");
    let house = with_debris_only(house);
    let plain = with_debris_only(Config::default());
    let a = Analysis::new(Arc::new(Document::new("draft.txt", DRAFT)));

    // Built-in rules alone: only the comment label.
    assert_eq!(
        flagged(&plain, &a),
        [("Comments".to_string(), "debris/comments")]
    );
    // The house lists, on the same analysis: the cached scan is not reused.
    let got = flagged(&house, &a);
    assert_eq!(
        got,
        // Adjacent lines of one kind make one block.
        [(
            "Editor's choice\n\nPICTURE THIS: The harbour at night\n\nPart 3 of our series"
                .to_string(),
            "debris/promo"
        )],
        "{got:?}"
    );
    // And back.
    assert_eq!(flagged(&plain, &a).len(), 1);
}

#[test]
fn a_bad_house_regex_names_its_section() {
    let e = Config::parse(
        "[debris.share-bar]\npatterns = ['[unclosed']\n",
        Path::new("/ws/copydesk.toml"),
    )
    .unwrap_err();
    let s = e.to_string();
    assert!(s.contains("/ws/copydesk.toml"), "{s}");
    assert!(s.contains("[debris.share-bar] patterns"), "{s}");
}
