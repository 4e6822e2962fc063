//! Menus and settings panels: a run of one- to three-word labels, one per line, outside the
//! article's prose.
//!
//! ## What it finds
//! Five or more short labels in a row (“Video Quality”, “Auto”, “High (HD)”, “Language”,
//! “English”; or “news”, “home page”, “business”, “tech”) before the article's first paragraph
//! of prose or after its last. A label has at most three words and no sentence ending. Other
//! debris inside the run (a share bar, a “Back” button) does not break it and counts towards
//! the five, as long as three lines are labels.
//!
//! ## Why it matters
//! Copying a page carries its navigation menus, a video player's settings panel and the
//! options of a form along with the story, one label per line. None of it reads as a sentence,
//! so a spellchecker passes it, and on a long page it is easy to miss above the headline or
//! under the last paragraph.
//!
//! ## Example
//! ```text
//! Video Quality     <- one block, from "Video Quality" to "Bottom"
//! Auto
//! High (HD)
//! Low
//! Language
//! English
//! Position
//! Bottom
//!
//! The council voted on Tuesday to close the pool for the summer, …
//! ```
//! Left alone: any run between two paragraphs of the article (a list of names or places the
//! story gives), a table of contents (labels whose words the article uses), a list
//! introduced by a line ending with a colon, lists of quantities (a recipe's ingredients),
//! bulleted and numbered lists, bylines and dates, and runs of fewer than five labels.
//!
//! ## Fix safety
//! Unsafe: a run of short lines above the headline may be a list the article means to keep
//! (the software a colophon names, a fact box), and only the editor can tell.

use super::line::LineView;
use super::scan::{Cand, Pass, Zone};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Menu;

impl Rule for Menu {
    crate::rule_meta!("debris/menu", Severity::Warning, "menu.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Menu, out);
    }
}

/// Fewest lines that make a menu, three of them labels.
const MIN_LINES: usize = 5;

/// A menu label: one to three words, no sentence, not a list item, byline or date.
fn is_label(l: &LineView<'_>) -> bool {
    let key = l.key.as_str();
    (1..=3).contains(&l.words)
        && !l.ends_sentence()
        && !l.raw.ends_with(':')
        && !l.raw.starts_with(['-', '*', '+', '•', '#', '>'])
        && !key.starts_with("by ")
        && !super::timestamp::is_date_like(key)
        && !starts_numbered(key)
}

/// “1. Finland”, “2) Norway”.
fn starts_numbered(key: &str) -> bool {
    let digits = key.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(key.as_bytes().get(digits), Some(b'.' | b')'))
}

/// A quantity first, as in an ingredient list: “2 cups flour”, “½ teaspoon salt”.
fn starts_with_quantity(l: &LineView<'_>) -> bool {
    l.words >= 2
        && l.key.chars().next().is_some_and(|c| {
            c.is_ascii_digit() || ('¼'..='¾').contains(&c) || ('⅐'..='⅞').contains(&c)
        })
}

/// The labels use the article's own words, as a table of contents does: a third of their
/// content words or more, on average, appear in the article's prose. Too short an article to
/// tell counts as yes.
fn about_story(p: &mut Pass<'_>, run: std::ops::Range<usize>) -> bool {
    if !p.has_vocab() {
        return true;
    }
    let (mut sum, mut n) = (0.0, 0);
    for k in run {
        if !p.is_debris(k) {
            if let Some(o) = p.overlap(k) {
                sum += o;
                n += 1;
            }
        }
    }
    n > 0 && sum / n as f32 >= 0.34
}

pub(super) fn mark(p: &mut Pass<'_>) {
    if p.first_body.is_none() {
        return; // no prose: no head or tail to speak of
    }
    let n = p.len();
    let mut i = 0;
    while i < n {
        // A run: adjacent lines outside the body that are labels or already debris.
        let mut j = i;
        let (mut labels, mut quantities) = (0, 0);
        while j < n
            && (j == i || p.adj[j - 1])
            && p.zone(j) != Zone::Body
            && !p.st[j].protected
            && (p.is_debris(j) || (p.free(j) && is_label(&p.lines[j])))
        {
            if !p.is_debris(j) {
                labels += 1;
                quantities += starts_with_quantity(&p.lines[j]) as usize;
            }
            j += 1;
        }
        let lead_in = i > 0 && p.adj[i - 1] && p.lines[i - 1].raw.ends_with(':');
        // Other furniture in the run counts towards its length.
        if labels >= 3
            && j - i >= MIN_LINES
            && quantities * 3 < labels
            && !lead_in
            && !about_story(p, i..j)
        {
            for k in i..j {
                if !p.is_debris(k) {
                    p.set(k, Cand::strong(Kind::Menu).uncertain());
                }
            }
        }
        i = j.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/menu";

    const STORY: &str = "The council voted on Tuesday to close the municipal pool for the summer while its roof is repaired, a decision that angered swimmers.\n\nThe repairs will cost about two million pounds, officials said, and the pool should reopen in the autumn.\n\nA petition against the closure has gathered more than four thousand signatures since it was launched by a club for older swimmers last month.\n\nLeisure centres in three neighbouring towns have offered discounted entry to members of the swimming club until the work is finished.\n";

    #[test]
    fn finds_a_player_settings_panel_above_the_story() {
        let text = format!(
            "Video Quality\n\nAuto\n\nHigh (HD)\n\nLow\n\nLanguage\n\nEnglish\n\nPosition\n\nBottom\n\n{STORY}"
        );
        let f = run(RULE, &text);
        assert_eq!(f.len(), 1, "{f:#?}");
        let c = covered(&text, &f);
        assert!(
            c[0].starts_with("Video Quality") && c[0].ends_with("Bottom"),
            "{c:?}"
        );
    }

    #[test]
    fn finds_a_navigation_menu_under_the_story() {
        let text =
            format!("{STORY}\nText size\n\nSmall\n\nMedium\n\nLarge\n\nContrast\n\nDark mode\n");
        let f = run(RULE, &text);
        assert_eq!(f.len(), 1, "{f:#?}");
        let c = covered(&text, &f);
        assert!(
            c[0].starts_with("Text size") && c[0].ends_with("Dark mode"),
            "{c:?}"
        );
        // Too short an article to tell a menu from its own table of contents.
        let short = "The council voted on Tuesday to close the municipal pool for the summer while its roof is repaired.\n\nText size\n\nSmall\n\nMedium\n\nLarge\n\nContrast\n\nDark mode\n";
        assert_silent(RULE, short);
    }

    #[test]
    fn lists_inside_the_story_and_short_runs_stay() {
        // Between two paragraphs: the story's own list.
        assert_silent(
            RULE,
            &format!(
                "{STORY}\nLeeds\n\nYork\n\nHull\n\nBradford\n\nWakefield\n\nHalifax\n\n{STORY}"
            ),
        );
        // A list introduced with a colon, after the last paragraph.
        assert_silent(
            RULE,
            &format!("{STORY}\nThe shortlisted towns:\n\nLeeds\n\nYork\n\nHull\n\nBradford\n\nWakefield\n"),
        );
        // Four labels are not enough.
        assert_silent(
            RULE,
            &format!("{STORY}\nnews\n\nworld\n\nbusiness\n\ntech\n"),
        );
        // A recipe's ingredients.
        assert_silent(
            RULE,
            &format!(
                "{STORY}\n2 cups flour\n\n1 egg\n\n½ cup milk\n\nSalt\n\n3 tbsp butter\n\nPepper\n"
            ),
        );
        // Bullets, numbers, bylines and dates.
        assert_silent(
            RULE,
            &format!("{STORY}\n- Leeds\n- York\n- Hull\n- Bradford\n- Wakefield\n- Halifax\n"),
        );
        assert_silent(
            RULE,
            &format!("1. Leeds\n\n2. York\n\n3. Hull\n\n4. Bradford\n\n5. Wakefield\n\n{STORY}"),
        );
        assert_silent(
            RULE,
            &format!(
                "Politics\n\nBy Ana Ruiz\n\nMay 7, 2024\n\nUpdated 9:40\n\nLocal news\n\n{STORY}"
            ),
        );
        // A table of contents: the labels are the article's own subjects.
        assert_silent(
            RULE,
            &format!(
                "Swimmers

Roof repairs

Council vote

Summer closure

Cost

{STORY}"
            ),
        );
        // No prose at all: nothing to tell furniture from.
        assert_silent(
            RULE,
            "Leeds\n\nYork\n\nHull\n\nBradford\n\nWakefield\n\nHalifax\n",
        );
    }
}
