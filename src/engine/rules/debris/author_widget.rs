//! An author widget doubled with the byline: “Ana Ruiz” next to “By Ana Ruiz”.
//!
//! ## What it finds
//! A line that is only a person's name (two to five capitalised words, particles such as “de”
//! or “van” allowed) within three lines of a byline for the same name (“By Ana Ruiz”,
//! “Written by Ana Ruiz, Lisbon”), or a second identical byline. The byline stays.
//!
//! ## Why it matters
//! Article pages show the author twice: a profile widget with the bare name and the byline
//! proper. Pasted together they make the draft's head look like a stutter.
//!
//! ## Example
//! ```text
//! Ana Ruiz           <- author widget
//! By Ana Ruiz        <- byline (kept)
//! ```
//! Left alone: a name line with no byline for the same person, and names in prose.
//!
//! ## Fix safety
//! Safe: the fix deletes the bare name; the byline stays.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Cand, Pass};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct AuthorWidget;

impl Rule for AuthorWidget {
    crate::rule_meta!(
        "debris/author-widget",
        Severity::Warning,
        "author_widget.rs"
    );

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::AuthorWidget, out);
    }
}

const NAME: &str = r"\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|van|von|der|den|da|del|della|la|le|du|di|dos|bin|al|el|ibn)){1,4}";

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:by|written by|words by|story by|reporting by)\s+({NAME})"
    ))
    .expect("byline regex")
});

static BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({NAME})$")).expect("name regex"));

fn byline_name(plain: &str) -> Option<String> {
    let c = BYLINE.captures(plain)?;
    let name = c.get(1)?.as_str();
    // Stop the name at a following "and", comma or bar: "By Ana Ruiz and Tom Hale".
    Some(name.to_lowercase())
}

pub(super) fn mark(p: &mut Pass<'_>) {
    let n = p.len();
    for i in 0..n {
        let Some(name) = byline_name(&p.lines[i].plain) else {
            continue;
        };
        let lo = i.saturating_sub(3);
        let hi = (i + 3).min(n - 1);
        for j in lo..=hi {
            if j == i || !p.free(j) {
                continue;
            }
            let plain = p.lines[j].plain.trim();
            let bare = BARE.is_match(plain) && plain.to_lowercase() == name;
            let twice = j > i && byline_name(plain).is_some_and(|m| m == name);
            if bare || twice {
                p.set(j, Cand::strong(Kind::AuthorWidget));
                p.st[j].related = Some((p.lines[i].range.clone(), "the byline it doubles".into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, run};

    const RULE: &str = "debris/author-widget";

    #[test]
    fn keeps_the_byline_and_drops_the_widget() {
        assert_fixed(
            RULE,
            "Harbour city elects its first woman mayor\nAna de la Cruz\nBy Ana de la Cruz\nVoters chose a former teacher.\n",
            "Harbour city elects its first woman mayor\nBy Ana de la Cruz\nVoters chose a former teacher.\n",
        );
        let text = "By Tom Hale, Lisbon\n\nMarch 3, 2025\n\nTom Hale\n";
        assert_eq!(run(RULE, text).len(), 1);
    }

    #[test]
    fn names_without_a_matching_byline_stay() {
        assert_silent(
            RULE,
            "Harbour city elects its first woman mayor\nAna Ruiz\nBy Tom Hale\nAna Ruiz said she was proud of the result.\n",
        );
    }
}
