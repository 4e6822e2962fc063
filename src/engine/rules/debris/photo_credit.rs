//! Photo captions and credits inside the body copy: “(Name/Agency via Getty Images)”,
//! “Photo: …”, “Image credit: …”, “(AP Photo/Name)”, “File photo”.
//!
//! ## What it finds
//! - credit lines: “Photo: Jane Roe/Reuters”, “Image credit: NASA”, “Photograph by …”,
//!   “Credit: …” (also glued, “CreditJane Roe/Reuters”), a name and an agency joined by a slash
//!   (“JANE ROE/AFP/Getty Images”), “(AP Photo/Jane Roe)”, “File photo”;
//! - captions: a line of one or two sentences that ends with a credit in brackets
//!   (“… in Lisbon on May 3. (Jane Roe/Pool/AFP via Getty Images)”), a glued “…Credit Name”, or
//!   an agency slug (“REUTERS/Jane Roe”);
//! - “Media caption …” lines. A lone agency name (“Reuters”) counts only beside other debris.
//!
//! ## Why it matters
//! A picture's caption and credit are page furniture: pasted into a draft they sit between
//! paragraphs as if they were copy, often describing a different moment from the story's.
//!
//! ## Example
//! ```text
//! The mayor speaks in Lisbon on May 3, 2024. (Jane Roe/Pool/AFP via Getty Images)   <- caption
//! ```
//! Left alone: “(Reporting by …; Editing by …)”, datelines, and agency names in prose.
//!
//! ## Fix safety
//! Safe for credit lines and short captions: the fix deletes the line. A long line that ends
//! with a credit may be a paragraph with the credit glued on, so there the fix removes only
//! the credit, and is unsafe.

use std::sync::LazyLock;

use regex::Regex;

use super::line::LineView;
use super::scan::{Action, Cand, Pat};
use super::Kind;
use crate::engine::finding::{Edit, Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct PhotoCredit;

impl Rule for PhotoCredit {
    crate::rule_meta!("debris/photo-credit", Severity::Warning, "photo_credit.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::PhotoCredit, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(r"^\(?(?:ap|afp|reuters|epa|getty images?|ap images|pa) photo ?/ ?\S.*$").words(10),
    Pat::strong(r"^(?:a )?(?:file|archive) (?:photo|picture|image|pic|photograph)$"),
    Pat::strong(r"^(?:file|archive) (?:photo|picture|image) ?: ?\S.*$").words(80),
    Pat::strong(r"^media caption\b.*$").words(80),
    Pat::strong(r"^(?:hide|show|toggle|expand|close) (?:caption|captions)$"),
    Pat::strong(r"^getty(?: images)?$"),
    Pat::weak(r"^caption$"),
    Pat::weak(
        r"^(?:reuters|afp|ap|associated press|agence france-presse|epa|shutterstock|istock|alamy|supplied)$",
    )
    .needs_company(),
];

/// Agencies and picture libraries that appear in credits.
const AGENCIES: &[&str] = &[
    "getty",
    "getty images",
    "afp",
    "afp via getty images",
    "ap",
    "ap photo",
    "associated press",
    "reuters",
    "epa",
    "epa-efe",
    "efe",
    "shutterstock",
    "istock",
    "istockphoto",
    "alamy",
    "alamy stock photo",
    "pool",
    "bloomberg",
    "bloomberg via getty images",
    "xinhua",
    "tass",
    "sputnik",
    "anadolu",
    "anadolu agency",
    "dpa",
    "ansa",
    "kyodo",
    "yonhap",
    "zuma",
    "zuma press",
    "zuma wire",
    "rex",
    "rex features",
    "rex/shutterstock",
    "pa",
    "pa images",
    "pa wire",
    "wireimage",
    "filmmagic",
    "nurphoto",
    "sipa",
    "sipa usa",
    "sopa images",
    "lightrocket",
    "corbis",
    "agence france-presse",
    "moodboard",
    "digital vision",
    "photodisc",
    "stock",
    "unsplash",
    "pexels",
    "the new york times",
    "the washington post",
    "courtesy",
];

fn is_agency(seg: &str) -> bool {
    let s = seg
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if AGENCIES.contains(&s.as_str()) {
        return true;
    }
    // "Getty Images News", "AFP via Getty Images", "iStock/Getty Images Plus"
    s.ends_with("getty images")
        || s.starts_with("getty images")
        || s.ends_with(" via getty")
        || s.ends_with("/getty")
}

/// A credit: names and agencies, not a sentence.
fn is_credit_text(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 120 || s.ends_with('.') && !s.ends_with(" Inc.") {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 14 {
        return false;
    }
    const SMALL: &[&str] = &[
        "via", "for", "of", "the", "and", "de", "van", "von", "da", "del", "la", "le", "du", "di",
        "bin", "al", "el", "y", "/", "—", "–", "-", "&", "|", "courtesy", "by", "on", "at",
    ];
    let lower_words = words
        .iter()
        .filter(|w| {
            let first = w.chars().find(|c| c.is_alphabetic());
            first.is_some_and(|c| c.is_lowercase())
                && !SMALL.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
                && !w.contains('/')
        })
        .count();
    lower_words <= 1
}

/// Segments of a credit joined by slashes, at least one of them an agency.
fn is_slash_credit(s: &str) -> bool {
    let segs: Vec<&str> = s.split('/').collect();
    segs.len() >= 2
        && segs.iter().all(|g| {
            let g = g.trim();
            !g.is_empty() && g.split_whitespace().count() <= 6
        })
        && segs
            .iter()
            .any(|g| is_agency(g) || is_agency(g.split(" via ").last().unwrap_or("")))
}

static LEAD_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:photo|photograph|photos|photographs|image|images|picture|pictures|pic|illustration|graphic|video|footage|photo illustration|main image|top image|header image|lead image|featured image|cover image)(?: credits?| source)? ?(?::|by|courtesy of|via|—|–|-) ?(.+)$",
    )
    .expect("credit regex")
});

static CREDIT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:credits?|image credit|photo credit|picture credit|photo courtesy)(?: ?: ?| ?(?-i:\p{Lu}))")
        .expect("credit word regex")
});

static TRAILING_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()]{2,120})\)\.?$").expect("paren regex"));

static TRAILING_GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[.!?”\x22’)]|\p{Ll})(Credit ?:? ?\p{Lu}[^.]{0,80})$")
        .expect("glued credit regex")
});

static TRAILING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?”\x22’)]\s*((?:Photo|Image|Picture|Photograph|Credit|Photos)s?: [^.]{1,80})$")
        .expect("label credit regex")
});

static TRAILING_SLUG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?”\x22’)]\s*((?:REUTERS|AFP|AP|EPA|EPA-EFE|Reuters)/\p{Lu}[\p{L} .'’-]{1,40})$")
        .expect("slug credit regex")
});

fn paren_is_credit(inner: &str) -> bool {
    let l = inner.to_lowercase();
    if [
        "reporting",
        "editing",
        "writing",
        "contributed",
        "additional",
        "translated",
    ]
    .iter()
    .any(|w| l.contains(w))
    {
        return false;
    }
    l.starts_with("photo")
        || l.starts_with("image")
        || l.starts_with("credit")
        || l.starts_with("file photo")
        || l == "file"
        || l.contains(" photo/")
        || l.contains("via getty")
        || (is_slash_credit(inner) && is_credit_text(inner))
}

pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    let plain = l.plain.as_str();
    // Credit lines.
    if l.words <= 14 {
        if let Some(c) = LEAD_CREDIT.captures(plain) {
            let rest = c.get(1).map_or("", |m| m.as_str());
            if is_credit_text(rest) || is_slash_credit(rest) {
                return Some(Cand::strong(Kind::PhotoCredit));
            }
        }
        if let Some(m) = CREDIT_WORD.find(plain) {
            let rest = &plain[m.end()..];
            let rest = if m.as_str().ends_with(|c: char| c.is_uppercase()) {
                // the regex consumed the first letter of the name
                &plain[m.end() - m.as_str().chars().last().map_or(0, char::len_utf8)..]
            } else {
                rest
            };
            if is_credit_text(rest) {
                return Some(Cand::strong(Kind::PhotoCredit));
            }
        }
        if is_slash_credit(plain) && is_credit_text(plain) {
            return Some(Cand::strong(Kind::PhotoCredit));
        }
    }
    // Captions that end with a credit.
    let credit = TRAILING_PAREN
        .captures(plain)
        .filter(|c| paren_is_credit(c.get(1).map_or("", |m| m.as_str())))
        .and_then(|c| c.get(0))
        .or_else(|| TRAILING_GLUED.captures(plain).and_then(|c| c.get(1)))
        .or_else(|| TRAILING_LABEL.captures(plain).and_then(|c| c.get(1)))
        .or_else(|| TRAILING_SLUG.captures(plain).and_then(|c| c.get(1)))?;
    let caption = &plain[..credit.start()];
    let caption_words = super::line::count_words(caption);
    let sentences = caption
        .trim_end()
        .trim_end_matches(['.', '!', '?'])
        .matches(". ")
        .count()
        + 1;
    if caption_words <= 70 && sentences <= 3 {
        let mut c = Cand::strong(Kind::PhotoCredit);
        c.certain = sentences <= 2;
        return Some(c);
    }
    // A long paragraph with a credit glued on: remove only the credit, if it can be found in
    // the line as written.
    let found = l.raw.rfind(credit.as_str())?;
    let start = l.range.start + found;
    let end = start + credit.as_str().len();
    let mut c = Cand::strong(Kind::PhotoCredit).uncertain();
    let del_start = start - (l.raw[..found].len() - l.raw[..found].trim_end().len());
    c.action = Action::Edit {
        range: start..end,
        edits: vec![Edit::delete(del_start..end)],
        title: "Remove the photo credit".into(),
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/photo-credit";

    fn body(extra: &str) -> String {
        format!("The mayor opened the new bridge on Saturday in front of a large crowd, officials said.\n\n{extra}\n\nTraffic will use the bridge from Monday, and the old crossing will close for repairs.\n")
    }

    #[test]
    fn finds_credits_and_captions() {
        for credit in [
            "The mayor cuts the ribbon in Lisbon on May 3, 2024. (Jane Roe/Pool/AFP via Getty Images)",
            "Photo: Jane Roe/Reuters",
            "Image credit: Harbour Trust",
            "(AP Photo/Jane Roe)",
            "File photo",
            "JANE ROE/AFP/Getty Images",
            "The mayor cuts the ribbon on Saturday.CreditJane Roe for The Ledger",
            "Credit: Harbour Trust",
            "Photograph by Jane Roe",
        ] {
            let text = body(credit);
            let f = run(RULE, &text);
            assert_eq!(covered(&text, &f), [credit], "{credit}");
        }
    }

    #[test]
    fn agency_credits_and_prose_stay() {
        for line in [
            "(Reporting by Ana Ruiz; Editing by Tom Hale)",
            "MOSCOW (AP) — The mayor opened the bridge.",
            "Reuters",
            "Credit Suisse shares fell 4 percent on the news",
            "Photographs taken by the satellite show the damage clearly.",
            "The photo, taken by a bystander, was shared widely on Saturday.",
        ] {
            assert_silent(RULE, &body(line));
        }
    }
}
