//! A run of teaser headlines for unrelated stories, each cut off with “…” or “...”.
//!
//! ## What it finds
//! Lines that stop in mid-sentence with an ellipsis (“The county has approved a new plan for
//! the…”) and whose content words mostly do not occur in the article's own prose. Two or more
//! such lines in a row are a teaser list; a single one counts only in the head or tail of the
//! article or beside other debris. Without enough prose to judge vocabulary, only runs of
//! three or more count.
//!
//! ## Why it matters
//! “More stories” rails are pasted along with the article: half-sentences about other
//! events that a reader will take for the end of the story.
//!
//! ## Example
//! ```text
//! The talks will resume in June.
//! A new stadium for the county's rugby club has been approved by the…     <- teasers
//! The singer announced a farewell tour of twenty cities on…
//! ```
//! Left alone: sentences of the story that trail off (“And then…”) and quotations ending in
//! an ellipsis, which share the story's vocabulary or close a quote.
//!
//! ## Fix safety
//! Safe for runs of three or more judged by vocabulary: the fix deletes the run. Shorter
//! runs, single lines and runs judged by shape alone get an unsafe fix.

use super::scan::{Cand, Pass};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Teasers;

impl Rule for Teasers {
    crate::rule_meta!("debris/teasers", Severity::Warning, "teasers.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Teasers, out);
    }
}

/// Lines whose content words the story uses less than this are about something else.
const FOREIGN: f32 = 0.35;

pub(super) fn mark(p: &mut Pass<'_>) {
    let n = p.len();
    let mut cand = vec![false; n];
    let mut any = false;
    for (i, c) in cand.iter_mut().enumerate() {
        if p.free(i) && !p.st[i].body && p.lines[i].is_cutoff() {
            *c = true;
            any = true;
        }
    }
    if !any {
        return;
    }
    let judged = p.has_vocab();
    let mut i = 0;
    while i < n {
        if !cand[i] {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && cand[j] && p.adj[j - 1] {
            j += 1;
        }
        let run: Vec<usize> = (i..j).collect();
        if judged {
            let foreign: Vec<usize> = run
                .iter()
                .copied()
                .filter(|&k| p.overlap(k).is_some_and(|o| o < FOREIGN))
                .collect();
            if run.len() >= 2 && foreign.len() * 3 >= run.len() * 2 {
                for &k in &run {
                    let mut c = Cand::strong(Kind::Teasers);
                    c.certain = run.len() >= 3;
                    p.set(k, c);
                }
            } else if run.len() == 1 && foreign.len() == 1 {
                p.set(i, Cand::weak(Kind::Teasers).uncertain());
            }
        } else if run.len() >= 3 {
            for &k in &run {
                p.set(k, Cand::strong(Kind::Teasers).uncertain());
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/teasers";

    const STORY: &str = "The harbour authority and the ferry crews reached an agreement on Sunday after a week of talks over pay and night shifts.\n\nUnion leaders called the deal a fair compromise that protects safety on the longest crossings to the islands.\n\nThe crews will return to work on Tuesday, and the harbour authority will review the night shift rota by the end of June.\n\nPassengers stranded by the strike will get refunds, the ferry operator said, and extra sailings will run at the weekend.\n";

    #[test]
    fn finds_a_run_of_cut_off_teasers() {
        let text = format!("{STORY}\nA new stadium for the county's rugby club has been approved by the…\nThe singer announced a farewell tour of twenty cities on…\nScientists say a common vegetable may help lower blood pressure in older…\n");
        let f = run(RULE, &text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(&text, &f)[0].starts_with("A new stadium"));
        assert!(covered(&text, &f)[0].ends_with("older…"));
        assert_eq!(
            f[0].fixes[0].applicability,
            crate::engine::finding::Applicability::Safe
        );
    }

    #[test]
    fn trailing_lines_of_the_story_stay() {
        let text = format!("{STORY}\nAnd the ferry crews, for their part, say the night shifts will be back on the table...\n\nThe harbour authority said it had not decided on the rota yet…\n");
        assert_silent(RULE, &text);
    }
}
