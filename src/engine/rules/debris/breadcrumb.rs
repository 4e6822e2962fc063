//! Breadcrumb trails: “Home > World > Europe”, “News › Politics › Elections”.
//!
//! ## What it finds
//! A line of two or more short segments joined by one kind of navigation separator (`>`, `›`,
//! `»`, `→`, or a spaced `/` or `|`), where the segments are one to five words without
//! sentence punctuation and one of them is “Home” or a section name; trails of three or more
//! segments need only the shape.
//!
//! ## Why it matters
//! The trail is the site's navigation above the headline. In a draft it is noise that a copy
//! editor must delete by hand.
//!
//! ## Example
//! ```text
//! Home > World > Europe           <- breadcrumb
//! Harbour city elects its first woman mayor
//! ```
//! Left alone: headlines with a bar or slash (“Fares rise / Crews strike” needs a section
//! word), comparisons (“x > y”) and fractions.
//!
//! ## Fix safety
//! Safe: the fix deletes the line.

use super::line::LineView;
use super::scan::Cand;
use super::section_label::SECTION_WORDS;
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Breadcrumb;

impl Rule for Breadcrumb {
    crate::rule_meta!("debris/breadcrumb", Severity::Warning, "breadcrumb.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Breadcrumb, out);
    }
}

const SEPARATORS: &[&str] = &[" > ", " › ", " » ", " → ", " / ", " | ", ">", "›", "»", "→"];

pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    let raw = l.plain.trim();
    if raw.chars().count() > 120 || l.words > 16 {
        return None;
    }
    let sep = SEPARATORS.iter().find(|s| raw.contains(**s))?;
    let segs: Vec<&str> = raw.split(sep).map(str::trim).collect();
    if segs.len() < 2 || segs.iter().any(|s| s.is_empty()) {
        return None;
    }
    let max_words = if sep.trim() == "/" || sep.trim() == "|" {
        3
    } else {
        5
    };
    for s in &segs {
        let n = s.split_whitespace().count();
        if n == 0
            || n > max_words
            || s.ends_with(['.', '?', '!', ','])
            || !s.chars().next().is_some_and(|c| c.is_alphabetic())
            || s.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
    }
    let known = segs.iter().any(|s| {
        let k = s.to_lowercase();
        k == "home" || super::section_label::is_label(&k) || SECTION_WORDS.contains(&k.as_str())
    });
    let starts_home = segs[0].eq_ignore_ascii_case("home");
    let ok = starts_home || (known && (segs.len() >= 3 || sep.trim() != "/"));
    ok.then(|| Cand::strong(Kind::Breadcrumb))
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/breadcrumb";

    #[test]
    fn finds_trails() {
        for trail in [
            "Home > World > Europe",
            "News › Politics › Elections",
            "Home » Sport",
            "World | Europe | Portugal",
        ] {
            let text = format!("{trail}\nHarbour city elects its first woman mayor\nVoters in the port city chose a former teacher as mayor on Sunday.\n");
            assert_eq!(covered(&text, &run(RULE, &text)), [trail], "{trail}");
        }
    }

    #[test]
    fn headlines_and_comparisons_stay() {
        assert_silent(
            RULE,
            "Fares rise / Crews strike\nInflation > 5% for a third month\nThe vote was 12 > 9 in favour.\nRock | Paper | Scissors\n",
        );
    }
}
