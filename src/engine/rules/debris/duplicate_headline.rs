//! A headline repeated in the body, or a line the scraper doubled.
//!
//! ## What it finds
//! - a later line that repeats the headline (one of the first lines of the draft, shaped like
//!   a headline), compared without regard to case, punctuation or spacing;
//! - a line that repeats the line just before it, or a truncated copy of it (“How the
//!   harbour was saved” followed by “How the harbour was sa”), as page templates print a title
//!   twice.
//!
//! ## Why it matters
//! Pages print the headline again above the article, or a title in two sizes; a scraper keeps
//! both. The repeat reads as a stutter at the top of the draft.
//!
//! ## Example
//! ```text
//! Harbour city elects its first woman mayor     <- headline (kept)
//! By Ana Ruiz
//! Harbour city elects its first woman mayor     <- repeat
//! ```
//! Left alone: the headline itself, pull quotes (a sentence quoted again from a longer
//! paragraph), and repeated short words (“Yes.”).
//!
//! ## Fix safety
//! Safe: the fix deletes the copy; the first occurrence stays.

use super::scan::{Cand, Pass};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct DuplicateHeadline;

impl Rule for DuplicateHeadline {
    crate::rule_meta!(
        "debris/duplicate-headline",
        Severity::Warning,
        "duplicate_headline.rs"
    );

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::DuplicateHeadline, out);
    }
}

/// Letters and digits only, single spaces.
pub(super) fn norm(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for w in key.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

pub(super) fn mark(p: &mut Pass<'_>) {
    let n = p.len();
    // The headline: the first line among the first few shaped like one.
    let head = (0..n.min(4)).find(|&i| {
        let l = &p.lines[i];
        !p.is_debris(i)
            && !p.st[i].protected
            && (3..=30).contains(&l.words)
            && !l.plain.ends_with('.')
            && !l.is_cutoff()
    });
    if let Some(h) = head {
        let hn = p.lines[h].facts.norm.clone();
        let range = p.lines[h].range.clone();
        for i in h + 1..n {
            if p.free(i) && p.lines[i].words >= 3 && p.lines[i].facts.norm == hn {
                p.set(i, Cand::strong(Kind::DuplicateHeadline));
                p.st[i].related = Some((range.clone(), "the headline it repeats".into()));
            }
        }
    }
    // Lines doubled in place.
    for i in 1..n {
        if !p.adj[i - 1] || !p.free(i) || p.st[i - 1].protected || p.lines[i].words < 3 {
            continue;
        }
        let first = |k: &str| k.chars().find(|c| c.is_alphanumeric());
        if first(&p.lines[i - 1].key) != first(&p.lines[i].key) {
            continue;
        }
        let (a, b) = (&p.lines[i - 1].facts.norm, &p.lines[i].facts.norm);
        // A copy cut off in mid-word ("… So You Spend Mor"), of a title, not of a paragraph
        // (a pull quote repeats the start of a paragraph, but ends at a word's end).
        let truncated = b.len() >= 20
            && b.len() < a.len()
            && a.starts_with(b.as_str())
            && a[b.len()..].starts_with(char::is_alphanumeric)
            && !p.st[i - 1].body
            && !p.lines[i].ends_sentence()
            && !p.lines[i].is_cutoff();
        if a == b || truncated {
            p.set(i, Cand::strong(Kind::DuplicateHeadline));
            p.st[i].related = Some((p.lines[i - 1].range.clone(), "the line it doubles".into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, covered, run};

    const RULE: &str = "debris/duplicate-headline";

    #[test]
    fn finds_the_repeat_and_keeps_the_headline() {
        let text = "Harbour city elects its first woman mayor\n\nBy Ana Ruiz\nHarbour City Elects Its First Woman Mayor\nVoters in the port city chose a former teacher as mayor on Sunday, ending a decade of one-party rule.\n";
        let f = run(RULE, text);
        assert_eq!(
            covered(text, &f),
            ["Harbour City Elects Its First Woman Mayor"]
        );
        assert_eq!(f[0].related.len(), 1);
        assert_fixed(
            RULE,
            text,
            "Harbour city elects its first woman mayor\n\nBy Ana Ruiz\nVoters in the port city chose a former teacher as mayor on Sunday, ending a decade of one-party rule.\n",
        );
    }

    #[test]
    fn doubled_and_truncated_titles() {
        let text = "The ferry strike ended on Sunday after a week of talks between crews and the operator.\n\nHow the harbour was saved\n\nHow the harbour was saved\n\nHow the harbour was sa\n";
        assert_eq!(run(RULE, text).len(), 2);
    }

    #[test]
    fn pull_quotes_and_short_repeats_stay() {
        assert_silent(
            RULE,
            "Harbour city elects its first woman mayor\n\n“We will rebuild the harbour,” she told supporters on Sunday night, as the count ended.\n\n“We will rebuild the harbour”\n\nYes.\n\nYes.\n",
        );
    }
}
