//! Tests of the style family as a whole: configuration, documentation, robustness. Each rule's
//! behaviour is tested on fixture drafts in `tests/fixtures/style/` (see `tests/style_fixtures.rs`).

use std::path::Path;

use crate::engine::config::{Config, RuleSetting};
use crate::engine::finding::Applicability;
use crate::engine::rules::registry;
use crate::engine::testing::{assert_fixed, assert_silent, covered, only, run, run_with_config};

use super::{Ellipsis, Percent, Profile, Quotes, Spelling};

fn style_rules() -> Vec<&'static str> {
    registry()
        .rules
        .iter()
        .map(|r| r.id())
        .filter(|id| id.starts_with("style/"))
        .collect()
}

/// The family under a `[style]` section, every other family off.
fn with_style(section: &str) -> Config {
    let (parsed, warnings) =
        Config::parse(&format!("[style]\n{section}\n"), Path::new("copydesk.toml")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut c = only("style");
    c.style = parsed.style;
    c
}

#[test]
fn every_rule_cites_ap_and_says_how_to_turn_it_off() {
    for r in &registry().rules {
        if !r.id().starts_with("style/") {
            continue;
        }
        let doc = r.doc();
        assert!(doc.contains("AP Stylebook"), "{} cites no AP entry", r.id());
        assert!(
            doc.contains(&format!("\"{}\" = \"off\"", r.id())),
            "{} does not say how to turn it off",
            r.id()
        );
        assert!(
            r.default_severity() <= crate::engine::finding::Severity::Info,
            "{} is louder than info",
            r.id()
        );
    }
}

#[test]
fn profiles_and_knobs() {
    let c = with_style("profile = \"uk\"\npercent = \"%\"");
    let s = c.style.settings();
    assert_eq!(s.profile, Profile::Uk);
    assert_eq!(s.spelling, Spelling::Uk);
    assert_eq!(s.percent, Percent::Sign);
    assert_eq!(s.ellipsis, Ellipsis::Char);
    assert_eq!(s.quotes, Quotes::Any);
    let c = with_style("percent = \"per cent\"\nellipsis = \"...\"\nquotes = \"curly\"");
    let s = c.style.settings();
    assert_eq!(
        (s.profile, s.percent, s.ellipsis, s.quotes),
        (Profile::Ap, Percent::PerCent, Ellipsis::Dots, Quotes::Curly)
    );
}

#[test]
fn a_bad_knob_is_an_error_naming_the_line() {
    let e = Config::parse(
        "[style]\nprofile = \"ap\"\nspelling = \"canadian\"\n",
        Path::new("copydesk.toml"),
    )
    .unwrap_err();
    assert!(e.message.contains("line 3"), "{e}");
    assert!(e.message.contains("canadian"), "{e}");
    let e = Config::parse("[style]\nprofile = \"chicago\"\n", Path::new("c.toml")).unwrap_err();
    assert!(e.message.contains("chicago"), "{e}");
}

#[test]
fn profile_none_silences_the_family_unless_a_rule_is_switched_on() {
    let draft = "The vote is on May 7th. Turnout was 64%.";
    let mut c = with_style("profile = \"none\"");
    assert!(run_with_config(c.clone(), draft, &[]).is_empty());
    c.rules.insert("style/percent".into(), RuleSetting::On);
    let f = run_with_config(c.clone(), draft, &[]);
    assert_eq!(covered(draft, &f), vec!["%"]);
    // The family switched on as a whole.
    let mut c = with_style("profile = \"none\"");
    c.rules.retain(|k, _| !k.starts_with("style/"));
    c.rules.insert("style".into(), RuleSetting::On);
    let f = run_with_config(c, draft, &[]);
    assert_eq!(covered(draft, &f), vec!["May 7th", "%"]);
}

#[test]
fn seeds_kinds_of_fault_with_fixes() {
    // The two kinds EXPECTED.md names, on copy of our own.
    assert_fixed(
        "style/date-ordinal",
        "The ceremony is set for Aug. 2nd, officials said.",
        "The ceremony is set for Aug. 2, officials said.",
    );
    let draft = "Spain’s minister met Chile's envoy; Peru’s and Brazil’s were absent.";
    let f = run("style/quote-marks", draft);
    assert_eq!(covered(draft, &f), vec!["Chile's"]);
    assert_eq!(f[0].fixes[0].applicability, Applicability::Safe);
    assert_fixed(
        "style/quote-marks",
        draft,
        "Spain’s minister met Chile’s envoy; Peru’s and Brazil’s were absent.",
    );
}

#[test]
fn straight_majority_converts_curly_marks() {
    assert_fixed(
        "style/quote-marks",
        "Spain's minister met Chile's envoy; Peru's and Brazil’s were absent.",
        "Spain's minister met Chile's envoy; Peru's and Brazil's were absent.",
    );
    // An opening straight single quote with no closing one is only a guess.
    let f = run(
        "style/quote-marks",
        "“Fine,” she said. “It’s done.” He said 'maybe and left. It’s late.",
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].fixes[0].applicability, Applicability::Unsafe);
}

#[test]
fn honorific_reports_the_minority_form() {
    let draft = "Ms. Okafor said the plant would close. Ms. Okafor left. Okafor’s aide stayed.";
    let f = run("style/honorific", draft);
    assert_eq!(covered(draft, &f), vec!["Okafor"]);
    assert_fixed(
        "style/honorific",
        draft,
        "Ms. Okafor said the plant would close. Ms. Okafor left. Ms. Okafor’s aide stayed.",
    );
    // Two titles for one surname (Mr. and Mrs. Okafor): two people, left alone.
    assert_silent(
        "style/honorific",
        "Mr. Okafor and Mrs. Okafor arrived. Okafor said little.",
    );
}

#[test]
fn name_variant_needs_a_clear_majority() {
    assert_silent(
        "style/name-variant",
        "Officials in Karlstad met. Karlsatd officials disagreed.",
    );
    // Sentence-initial words are not counted: "Karlstad" is mid-sentence twice here.
    let draft =
        "Officials in Karlstad met, and Karlstad officials left. Police in Karlsatd agreed.";
    let f = run("style/name-variant", draft);
    assert_eq!(covered(draft, &f), vec!["Karlsatd"]);
    assert_eq!(f[0].related.len(), 1);
}

/// The whole-draft rules remember each block's words by the block's text: a block seen before
/// at another place in the draft is reported where it now is, and a changed block is read again.
#[test]
fn a_block_read_before_is_reported_where_it_now_is() {
    let body = "Officials in Brandvik met, and Brandvik officials left. Police in Brandivk agreed.\n\nThe colour of the harbour at dusk. Crews will organize the color guard.";
    let f = run("style/name-variant", body);
    assert_eq!(covered(body, &f), vec!["Brandivk"]);
    let moved = format!("A new first paragraph, written later.\n\n{body}");
    let f = run("style/name-variant", &moved);
    assert_eq!(covered(&moved, &f), vec!["Brandivk"]);
    // The test configuration's house style is American.
    let spelled = run("style/spelling-variant", body);
    assert_eq!(covered(body, &spelled), vec!["colour", "harbour"]);
    let spelled = run("style/spelling-variant", &moved);
    assert_eq!(covered(&moved, &spelled), vec!["colour", "harbour"]);
    // The same paragraph again, with the slip fixed: nothing left to report.
    let fixed = moved.replace("Brandivk", "Brandvik");
    assert_silent("style/name-variant", &fixed);
}

#[test]
fn no_rule_panics_on_awkward_text() {
    let samples = [
        "",
        " ",
        "\n\n\n",
        "'",
        "\"",
        "“",
        "’s",
        "--",
        "...",
        "…",
        "May",
        "May 7th",
        "7th",
        "(",
        ")",
        "Mr.",
        "Mr. ",
        "Jan.",
        "Jan. 2024",
        "February,",
        "February, 2022",
        "12",
        "5 %",
        "per",
        "per cent",
        "twenty-",
        "twenty-five",
        "Ωmega 🦀 “quoted” — 3 crabs’ claws ‘x’ … 2,000 people\r\nNext line  here , ok",
        "日本語のテキスト--テスト...「引用」",
        "e\u{301}te\u{301} 5 cafe\u{301}s , and 6'2\" or 5' ",
        "<a href=\"x\">link</a> [t](https://e.com/a_(b)) www. http:// https://",
        "| a | b |\n|---|---|\n| 1 | -- |\n",
        "---\ntitle: x\n---\n",
        "```\n“unclosed\n",
        "\u{a0}\u{a0}7th\u{a0}May",
    ];
    let rules = style_rules();
    for s in samples {
        for r in &rules {
            let _ = run(r, s);
        }
        // Every prefix cut at a character boundary.
        for (i, _) in s.char_indices() {
            let cut = &s[..i];
            for r in &rules {
                let _ = run(r, cut);
            }
        }
    }
}

#[test]
fn a_long_draft_stays_linear() {
    // 30,000 words of one paragraph repeated: a quadratic step would take seconds here.
    let para = "Mr. Lindqvist said on June 4th that 3 of the organisation's 64% -- or so... \
                (who knows)  “Lindqvist is here,” Lindqvist said.\n\n";
    let draft = para.repeat(1500);
    let t = std::time::Instant::now();
    let f = run_with_config(only("style"), &draft, &[]);
    assert!(!f.is_empty());
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}
