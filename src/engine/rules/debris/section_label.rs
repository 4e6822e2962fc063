//! A lone section label at the top of the draft: “World News”, “Politics”, “US & Canada”.
//!
//! ## What it finds
//! One of the first lines of the draft, above the article's first paragraph, made only of
//! the words newsrooms name their sections with (world, news, politics, business, tech,
//! opinion, sport, Europe, Asia Pacific, US & Canada…), at most four of them; and “From the
//! section …” lines.
//!
//! ## Why it matters
//! The label is the site's navigation, printed above the headline. In a draft it reads as a
//! kicker nobody wrote.
//!
//! ## Example
//! ```text
//! World News                                   <- section label
//!
//! Harbour city elects its first woman mayor
//! ```
//! Left alone: the same words inside the article (“Key Takeaways”, “Analysis”, “Business”
//! as a heading between paragraphs), and a label that is the only line.
//!
//! ## Fix safety
//! Safe: the fix deletes the line.

use super::scan::{Cand, Pass, Pat, Zone};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct SectionLabel;

impl Rule for SectionLabel {
    crate::rule_meta!(
        "debris/section-label",
        Severity::Warning,
        "section_label.rs"
    );

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::SectionLabel, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[Pat::strong(r"^from the (?:section|desk) \S.*$").words(8)];

/// Words sections are named with.
pub(super) const SECTION_WORDS: &[&str] = &[
    "world",
    "news",
    "us",
    "u.s",
    "u.s.",
    "uk",
    "u.k",
    "u.k.",
    "national",
    "nation",
    "international",
    "global",
    "local",
    "metro",
    "regional",
    "politics",
    "political",
    "business",
    "economy",
    "economics",
    "markets",
    "market",
    "money",
    "finance",
    "personal",
    "tech",
    "technology",
    "science",
    "health",
    "wellness",
    "wellbeing",
    "medicine",
    "sport",
    "sports",
    "football",
    "soccer",
    "cricket",
    "rugby",
    "tennis",
    "golf",
    "entertainment",
    "culture",
    "arts",
    "art",
    "books",
    "music",
    "film",
    "films",
    "movies",
    "tv",
    "television",
    "media",
    "lifestyle",
    "life",
    "living",
    "style",
    "fashion",
    "beauty",
    "travel",
    "food",
    "drink",
    "opinion",
    "opinions",
    "op-ed",
    "editorial",
    "editorials",
    "commentary",
    "comment",
    "columns",
    "columnists",
    "environment",
    "climate",
    "energy",
    "education",
    "weather",
    "crime",
    "justice",
    "law",
    "legal",
    "courts",
    "religion",
    "faith",
    "society",
    "home",
    "homes",
    "property",
    "real",
    "estate",
    "magazine",
    "video",
    "videos",
    "photos",
    "podcasts",
    "investigations",
    "features",
    "obituaries",
    "breaking",
    "latest",
    "top",
    "stories",
    "headlines",
    "europe",
    "asia",
    "africa",
    "americas",
    "america",
    "latin",
    "middle",
    "east",
    "pacific",
    "asia-pacific",
    "oceania",
    "australia",
    "canada",
    "india",
    "china",
    "ireland",
    "scotland",
    "wales",
    "england",
    "auto",
    "autos",
    "cars",
    "gaming",
    "games",
    "transport",
    "transportation",
    "tech",
    "work",
    "careers",
    "jobs",
    "city",
    "state",
    "region",
    "africa",
    "elections",
    "election",
    "coronavirus",
    "covid-19",
];

const CONNECTORS: &[&str] = &["&", "and", "|", "/", "-", "–", "—", "·", "+", ">", "›", "»"];

/// The key is only section words (one to four of them).
pub(super) fn is_label(key: &str) -> bool {
    if key.len() > 40 {
        return false;
    }
    let mut n = 0;
    for w in key.split(' ') {
        if CONNECTORS.contains(&w) {
            continue;
        }
        if !SECTION_WORDS.contains(&w) {
            return false;
        }
        n += 1;
    }
    (1..=4).contains(&n)
}

/// Labels above the first paragraph, among the first three lines.
pub(super) fn mark(p: &mut Pass<'_>) {
    if p.first_body.is_none() {
        return;
    }
    for i in 0..p.len().min(3) {
        if p.zone(i) != Zone::Head || i + 1 >= p.len() {
            break;
        }
        if p.is_debris(i) {
            continue;
        }
        if !p.free(i) || !p.lines[i].starts_upper() || !is_label(&p.lines[i].key) {
            break;
        }
        p.set(i, Cand::strong(Kind::SectionLabel));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, run};

    const RULE: &str = "debris/section-label";

    #[test]
    fn finds_a_label_above_the_headline() {
        assert_fixed(
            RULE,
            "World News\n\nHarbour city elects its first woman mayor\n\nVoters in the port city chose a former teacher as mayor on Sunday, ending a decade of rule by one party.\n",
            "Harbour city elects its first woman mayor\n\nVoters in the port city chose a former teacher as mayor on Sunday, ending a decade of rule by one party.\n",
        );
        let text = "US & Canada\nHarbour city elects its first woman mayor\nVoters in the port city chose a former teacher as mayor on Sunday, ending a decade of rule by one party.\n";
        assert_eq!(run(RULE, text).len(), 1);
    }

    #[test]
    fn headings_inside_the_article_stay() {
        assert_silent(
            RULE,
            "Voters in the port city chose a former teacher as mayor on Sunday, ending a decade of rule by one party.\n\nBusiness\n\nThe new mayor promised to cut harbour fees for small firms within a year of taking office.\n",
        );
        assert_silent(RULE, "Key Takeaways\n\nVoters in the port city chose a former teacher as mayor on Sunday, ending a decade of rule by one party.\n");
        assert_silent(RULE, "Politics\n");
    }
}
