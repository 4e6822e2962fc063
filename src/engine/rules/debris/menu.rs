//! Menus and settings panels: a run of one- to three-word labels, one per line, outside the
//! article's prose.
//!
//! ## What it finds
//! Five or more short lines in a row before the article's first paragraph of prose or after
//! its last, at least three of them labels (at most three words, no sentence ending), next to
//! or among other page furniture (a share bar, a “Back” button, a section label), and made of
//! common words (“Video Quality”, “Auto”, “Low”, “Language”; or “news”, “home page”,
//! “business”). Other debris inside the run does not break it and counts towards the five.
//!
//! ## Why it matters
//! Copying a page carries its navigation menus, a video player's settings panel and the
//! options of a form along with the story, one label per line. None of it reads as a sentence,
//! so a spellchecker passes it, and on a long page it is easy to miss above the headline or
//! under the last paragraph.
//!
//! ## Example
//! ```text
//! Share this video  <- other furniture: the anchor
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
//! Left alone: runs with no other furniture in or next to them (a contents list, a cast list,
//! a packing list), runs between two paragraphs of the article, lists of names (most labels
//! with a word the dictionary knows only capitalised, or not at all: a line-up, a list of
//! sources, shops, software), lists whose words the article uses (a table of contents), lists
//! with figures (results, ingredients), lists introduced by a line ending with a colon or by a
//! Markdown heading, bulleted and numbered lists, bylines and dates, and articles too short to
//! tell.
//!
//! ## Fix safety
//! Unsafe: the editor confirms that the run is the page's and not a list the article means
//! to keep.

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
    let key = &*l.key;
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

/// A figure anywhere: a row of results or a list of quantities, not a menu.
fn has_digit(l: &LineView<'_>) -> bool {
    l.key.bytes().any(|b| b.is_ascii_digit())
}

/// Every word of the label is a common word: one the dictionary knows in lower case.
/// Menus are made of such words; line-ups, lists of sources, shops or software are not.
fn is_common(l: &LineView<'_>) -> bool {
    l.plain
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .all(|w| crate::engine::rules::typo::dictionary::check(&w.to_lowercase()))
}

/// The labels use the article's own words, as a table of contents does: a third of their
/// content words or more appear in the article's prose. Too short an article to tell counts
/// as yes.
fn about_story(p: &mut Pass<'_>, labels: &[usize]) -> bool {
    !p.has_vocab() || p.pooled_overlap(labels).is_some_and(|o| o >= 0.34)
}

/// The line before introduces a list: it ends with a colon or is a Markdown heading.
fn lead_in(p: &Pass<'_>, i: usize) -> bool {
    i > 0 && p.adj[i - 1] && {
        let raw = p.lines[i - 1].raw;
        raw.ends_with(':') || raw.starts_with('#')
    }
}

/// Other furniture in the run or right next to it.
fn anchored(p: &Pass<'_>, i: usize, j: usize) -> bool {
    (i..j).any(|k| p.is_debris(k)) || p.furniture_beside(i, j)
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
        let mut labels = Vec::new();
        while j < n
            && (j == i || p.adj[j - 1])
            && p.zone(j) != Zone::Body
            && !p.st[j].protected
            && (p.is_debris(j) || (p.free(j) && is_label(&p.lines[j])))
        {
            if !p.is_debris(j) {
                labels.push(j);
            }
            j += 1;
        }
        let m = labels.len();
        if m >= 3 && j - i >= MIN_LINES && anchored(p, i, j) && !lead_in(p, i) {
            let digits = labels.iter().filter(|&&k| has_digit(&p.lines[k])).count();
            let common = labels.iter().filter(|&&k| is_common(&p.lines[k])).count();
            if digits * 3 < m && common * 3 >= m * 2 && !about_story(p, &labels) {
                // A label that is already weak evidence of another kind ("Facebook", "X",
                // "Email" under "Share this:") is that kind, as sure as the strong line of that
                // kind in the run when there is one, so the bar stays one block.
                for &k in &labels {
                    let kind = p.st[k].cand.as_ref().map_or(Kind::Menu, |c| c.kind);
                    let c = Cand::strong(kind);
                    let sure = kind != Kind::Menu && (i..j).any(|x| p.kind(x) == Some(kind));
                    p.set(k, if sure { c } else { c.uncertain() });
                }
            }
        }
        i = j.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_one_block, assert_silent};

    const RULE: &str = "debris/menu";

    const STORY: &str = "The council voted on Tuesday to close the municipal pool for the summer while its roof is repaired, a decision that angered swimmers.\n\nThe repairs will cost about two million pounds, officials said, and the pool should reopen in the autumn.\n\nA petition against the closure has gathered more than four thousand signatures since it was launched by a club for older swimmers last month.\n\nLeisure centres in three neighbouring towns have offered discounted entry to members of the swimming club until the work is finished.\n";

    /// Furniture to anchor a run: a share bar above, a copyright line below.
    const SHARE: &str = "Share on Facebook\n\n";
    const FOOT: &str = "\n© The Coast Ledger 2025\n";

    #[test]
    fn finds_a_player_settings_panel_above_the_story() {
        let text = format!(
            "{SHARE}Video Quality\n\nAuto\n\nHigh (HD)\n\nLow\n\nLanguage\n\nEnglish\n\nPosition\n\nBottom\n\n{STORY}"
        );
        let f = assert_one_block(RULE, &text, "Video Quality", "Bottom");
        use crate::engine::finding::Applicability;
        assert_eq!(f.fixes[0].applicability, Applicability::Unsafe);
    }

    #[test]
    fn finds_a_navigation_menu_under_the_story() {
        let text = format!(
            "{STORY}\nText size\n\nSmall\n\nMedium\n\nLarge\n\nContrast\n\nDark mode\n{FOOT}"
        );
        assert_one_block(RULE, &text, "Text size", "Dark mode");
        // Too short an article to tell a menu from its own table of contents.
        let short = format!("The council voted on Tuesday to close the municipal pool for the summer while its roof is repaired.\n\nText size\n\nSmall\n\nMedium\n\nLarge\n\nContrast\n\nDark mode\n{FOOT}");
        assert_silent(RULE, &short);
    }

    #[test]
    fn a_run_without_other_furniture_stays() {
        // The same panel, with no share bar or footer beside it: it could be the article's.
        assert_silent(
            RULE,
            &format!("{STORY}\nText size\n\nSmall\n\nMedium\n\nLarge\n\nContrast\n\nDark mode\n"),
        );
        assert_silent(
            RULE,
            &format!("What to take\n\nWaterproof jacket\n\nWarm hat\n\nGloves\n\nFlask\n\nMap\n\n{STORY}"),
        );
    }

    #[test]
    fn the_articles_own_lists_stay_even_beside_furniture() {
        // Between two paragraphs.
        assert_silent(
            RULE,
            &format!("{STORY}\nOpen\n\nShut\n\nLate\n\nEarly\n\nFree\n\nPaid\n\n{STORY}{FOOT}"),
        );
        // After a colon, or under a Markdown heading.
        assert_silent(
            RULE,
            &format!("{STORY}\nWhat the pool will offer:\n\nLessons\n\nGala nights\n\nAqua fit\n\nLane swimming\n\nSauna\n{FOOT}"),
        );
        assert_silent(
            RULE,
            &format!("{STORY}\n## Timetable\n\nLessons\n\nGala nights\n\nAqua fit\n\nLane swimming\n\nSauna\n{FOOT}"),
        );
        // Names: a line-up, sources, shops.
        assert_silent(
            RULE,
            &format!(
                "{STORY}\nOkonkwo\n\nLindqvist\n\nHaddad\n\nPereira\n\nMoyo\n\nSutter\n{FOOT}"
            ),
        );
        // Figures: results, quantities.
        assert_silent(
            RULE,
            &format!("{STORY}\nGreen 1,204\n\nLabour 1,166\n\nReform 512\n\nLib Dem 301\n\nOthers 88\n{FOOT}"),
        );
        assert_silent(
            RULE,
            &format!(
                "{STORY}\n2 cups flour\n\n1 egg\n\n½ cup milk\n\nSalt\n\n3 tbsp butter\n{FOOT}"
            ),
        );
        // A table of contents in the story's own words, even one word a line.
        assert_silent(
            RULE,
            &format!("{SHARE}Swimmers\n\nRoof\n\nRepairs\n\nPetition\n\nClosure\n\n{STORY}"),
        );
        // Bullets, numbers, bylines and dates.
        assert_silent(
            RULE,
            &format!("{STORY}\n- Open\n- Shut\n- Late\n- Early\n- Free\n- Paid\n{FOOT}"),
        );
        assert_silent(
            RULE,
            &format!("{SHARE}1. Open\n\n2. Shut\n\n3. Late\n\n4. Early\n\n5. Free\n\n{STORY}"),
        );
        assert_silent(
            RULE,
            &format!("{SHARE}Politics\n\nBy Ana Ruiz\n\nMay 7, 2024\n\nUpdated 9:40\n\nLocal news\n\n{STORY}"),
        );
        // No prose at all: nothing to tell furniture from.
        assert_silent(
            RULE,
            &format!("{SHARE}Open\n\nShut\n\nLate\n\nEarly\n\nFree\n\nPaid\n"),
        );
    }
}
