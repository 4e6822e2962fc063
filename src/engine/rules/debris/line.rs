//! One line as the debris rules see it: its text, a plain version (Markdown and HTML
//! stripped), a normalised key for phrase matching, and a few cheap features.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::engine::analysis::Analysis;

pub(super) struct LineView<'a> {
    /// Zero-based line number in the document.
    pub doc_line: usize,
    /// Byte range of the trimmed content.
    pub range: Range<usize>,
    /// The trimmed content as written.
    pub raw: &'a str,
    /// Without Markdown markers, links, emphasis, HTML tags and entities.
    pub plain: String,
    /// `plain` in lower case with straight quotes, single spaces, and leading/trailing
    /// decorations (arrows, bullets, a trailing colon or full stop) removed.
    pub key: String,
    /// Words (whitespace-separated pieces with a letter or digit) in `plain`.
    pub words: usize,
}

impl<'a> LineView<'a> {
    pub fn new(a: &'a Analysis, doc_line: usize, range: Range<usize>) -> LineView<'a> {
        let raw = &a.text()[range.clone()];
        let plain = plain_of(raw).into_owned();
        let key = key_of(&plain);
        let words = count_words(&plain);
        LineView {
            doc_line,
            range,
            raw,
            plain,
            key,
            words,
        }
    }

    /// Ends like a sentence (full stop, question or exclamation mark, closing quote…).
    pub fn ends_sentence(&self) -> bool {
        ends_sentence(&self.plain)
    }

    /// Cut off with an ellipsis in mid-sentence, the way teasers and ledes of link lists are.
    pub fn is_cutoff(&self) -> bool {
        is_cutoff(&self.plain)
    }

    /// Article prose: long enough and shaped like sentences.
    pub fn is_prose(&self) -> bool {
        !self.is_cutoff() && (self.words >= 25 || (self.words >= 12 && self.ends_sentence()))
    }

    /// Shaped like a headline or a link: short, no full stop at the end.
    pub fn is_headline_like(&self) -> bool {
        (1..=22).contains(&self.words)
            && (!self.plain.ends_with('.') || self.is_cutoff())
            && self.plain.chars().any(char::is_alphabetic)
    }

    /// The first character is an upper-case letter (after quotes and brackets).
    pub fn starts_upper(&self) -> bool {
        self.plain
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }
}

pub(super) fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

pub(super) fn ends_sentence(plain: &str) -> bool {
    plain.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '”' | '"' | '’' | '\'' | ')' | ']' | ':' | ';' | '»'
        )
    })
}

pub(super) fn is_cutoff(plain: &str) -> bool {
    let t = plain.trim_end();
    let Some(before) = t.strip_suffix('…').or_else(|| t.strip_suffix("...")) else {
        return false;
    };
    let before = before.trim_end_matches('.');
    let Some(c) = before.trim_end().chars().last() else {
        return false;
    };
    (c.is_alphanumeric() || c == ',' || c == ';' || c == '-' || c == '–')
        && count_words(before) >= 4
}

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\]\n]*)\]\([^)\n]*\)").expect("md link regex"));

/// The line without Markdown structure, HTML tags and entities.
pub(super) fn plain_of(raw: &str) -> Cow<'_, str> {
    let mut t = raw.trim();
    if t.starts_with('#') {
        let u = t.trim_start_matches('#');
        if u.is_empty() || u.starts_with(' ') {
            t = u.trim_start();
        }
    }
    while let Some(u) = t.strip_prefix('>') {
        t = u.trim_start();
    }
    for b in ["- ", "* ", "+ ", "• ", "· ", "– ", "▪ ", "◦ ", "‣ ", "● "] {
        if let Some(u) = t.strip_prefix(b) {
            t = u.trim_start();
            break;
        }
    }
    let needs_work = t.contains('<')
        || t.contains('&')
        || t.contains("**")
        || t.contains("__")
        || t.contains("](");
    if !needs_work {
        return Cow::Borrowed(t);
    }
    let mut s: Cow<'_, str> = Cow::Borrowed(t);
    if s.contains('<') {
        s = Cow::Owned(super::markup::TAG.replace_all(&s, "").into_owned());
    }
    if s.contains('&') {
        s = Cow::Owned(super::markup::decode_entities(&s));
    }
    if s.contains("](") {
        s = Cow::Owned(MD_LINK.replace_all(&s, "$1").into_owned());
    }
    if s.contains("**") || s.contains("__") {
        s = Cow::Owned(s.replace("**", "").replace("__", ""));
    }
    Cow::Owned(s.trim().to_string())
}

/// Leading decorations dropped from keys.
const LEAD: &[char] = &[
    '‹', '«', '<', '←', '|', '/', '•', '·', '*', '-', '–', '—', '#', '>', '(', '[', '{', '▸', '►',
    '→', '"', ' ',
];
/// Trailing decorations dropped from keys.
const TRAIL: &[char] = &[
    '›', '»', '>', '→', '▸', '▶', '►', '▾', '▼', '+', ':', '|', '.', '…', '·', '•', '-', '–', '—',
    '!', ')', ']', '}', '"', ' ', '/',
];

/// Lower case, straight quotes, single spaces, decorations trimmed.
pub(super) fn key_of(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len());
    let mut space = false;
    for c in plain.chars() {
        let c = match c {
            '’' | '‘' | '`' | '´' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for lc in c.to_lowercase() {
            out.push(lc);
        }
    }
    let t = out
        .trim_start_matches(|c: char| LEAD.contains(&c))
        .trim_end_matches(|c: char| TRAIL.contains(&c));
    if t.len() == out.len() {
        out
    } else {
        t.to_string()
    }
}

/// Words of a line split at spaces and at glued case changes ("FacebookShare" → two), except
/// words `known` accepts as they are ("WhatsApp").
pub(super) fn glued_words(raw: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for w in raw.split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '/') {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '-');
        if w.is_empty() {
            continue;
        }
        let lower = w.to_lowercase();
        if known(&lower) {
            out.push(lower);
            continue;
        }
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in w.chars() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(cur.to_lowercase());
                cur.clear();
            }
            prev_lower = c.is_lowercase();
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_decoration_and_case() {
        assert_eq!(key_of("  Related Stories:  "), "related stories");
        assert_eq!(key_of("Next On BuzzFeed News ›"), "next on buzzfeed news");
        assert_eq!(key_of("VIEW   COMMENTS (27)"), "view comments (27");
        assert_eq!(key_of("Don’t miss"), "don't miss");
        assert_eq!(key_of("— "), "");
    }

    #[test]
    fn plain_strips_markdown_and_html() {
        assert_eq!(plain_of("## Related Stories"), "Related Stories");
        assert_eq!(
            plain_of("- **Share** on [Facebook](https://x)"),
            "Share on Facebook"
        );
        assert_eq!(
            plain_of("<span class=x>Sponsored by </span>Acme"),
            "Sponsored by Acme"
        );
        assert_eq!(plain_of("R&amp;D"), "R&D");
        assert_eq!(plain_of("#hashtag"), "#hashtag");
    }

    #[test]
    fn cutoffs_and_glued_words() {
        assert!(is_cutoff("The council has approved a new plan for the…"));
        assert!(is_cutoff("The council has approved a new plan for the ..."));
        assert!(!is_cutoff("He paused. “Well…”"));
        assert!(!is_cutoff("Wait…"));
        assert_eq!(
            glued_words("Share on FacebookShare", |w| w == "whatsapp"),
            ["share", "on", "facebook", "share"]
        );
        assert_eq!(glued_words("WhatsApp", |w| w == "whatsapp"), ["whatsapp"]);
    }
}
