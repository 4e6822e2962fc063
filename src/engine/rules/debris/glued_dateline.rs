//! A date glued to a section label: “April 25, 2024World News”.
//!
//! ## What it finds
//! A line that is a date (“April 25, 2024”, “25 April 2024”, “Apr. 25, 2024”, “2024-04-25”)
//! with a short capitalised label stuck to it without a space, on either side (“April 25,
//! 2024World News”, “PoliticsApril 25, 2024”). The label is the page's section navigation;
//! the date is the article's.
//!
//! ## Why it matters
//! Scrapers join adjacent page elements without a separator. The result looks like a typo
//! in the dateline and hides the section label inside it.
//!
//! ## Example
//! ```text
//! April 25, 2024World News      ->      April 25, 2024
//! ```
//! Left alone: dates followed by a space and text (“April 25, 2024 Updated”), and datelines.
//!
//! ## Fix safety
//! Safe: the fix keeps the date and deletes only the label.

use std::sync::LazyLock;

use regex::Regex;

use super::line::LineView;
use super::scan::{Action, Cand};
use super::Kind;
use crate::engine::finding::{Edit, Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct GluedDateline;

impl Rule for GluedDateline {
    crate::rule_meta!(
        "debris/glued-dateline",
        Severity::Warning,
        "glued_dateline.rs"
    );

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::GluedDateline, out);
    }
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)";

static DATE_THEN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!(
        r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,? )?(?:{MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}(?:st|nd|rd|th)? {MONTH}\.?,? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    );
    Regex::new(&format!(r"^({date})(\p{{Lu}}[\p{{L}}&'’ .-]{{1,40}})$")).expect("glued dateline")
});

static LABEL_THEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!(
        r"(?:{MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? \d{{1,2}} {MONTH} \d{{4}})"
    );
    Regex::new(&format!(
        r"^(\p{{Lu}}[\p{{L}}&'’ -]{{0,38}}\p{{Ll}})({date})$"
    ))
    .expect("glued dateline")
});

fn label_ok(label: &str) -> bool {
    let words = label.split_whitespace().count();
    (1..=4).contains(&words) && !label.trim_end().ends_with('.')
}

pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    if l.words > 10 || l.raw.len() > 80 {
        return None;
    }
    let (keep, drop) = if let Some(c) = DATE_THEN_LABEL.captures(l.raw) {
        (c.get(1)?, c.get(2)?)
    } else if let Some(c) = LABEL_THEN_DATE.captures(l.raw) {
        (c.get(2)?, c.get(1)?)
    } else {
        return None;
    };
    if !label_ok(drop.as_str()) {
        return None;
    }
    let base = l.range.start;
    let mut c = Cand::strong(Kind::GluedDateline);
    c.action = Action::Edit {
        range: base + drop.start()..base + drop.end(),
        edits: vec![Edit::delete(base + drop.start()..base + drop.end())],
        title: format!(
            "Keep the date “{}”, drop “{}”",
            keep.as_str(),
            drop.as_str().trim()
        ),
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, covered, run};

    const RULE: &str = "debris/glued-dateline";

    #[test]
    fn keeps_the_date_and_drops_the_label() {
        assert_fixed(
            RULE,
            "By Ana Ruiz\nMarch 3, 2025Business\nThe port will expand.\n",
            "By Ana Ruiz\nMarch 3, 2025\nThe port will expand.\n",
        );
        assert_fixed(RULE, "PoliticsMarch 3, 2025\n", "March 3, 2025\n");
        assert_fixed(RULE, "3 March 2025World\n", "3 March 2025\n");
        let text = "Sept. 9, 2024US & Canada\n";
        assert_eq!(covered(text, &run(RULE, text)), ["US & Canada"]);
    }

    #[test]
    fn ordinary_dates_and_datelines_stay() {
        assert_silent(
            RULE,
            "March 3, 2025\nMarch 3, 2025 Updated\nLISBON (Reuters) — The port will expand.\nMarch 3, 2025. The port will expand.\n",
        );
    }
}
