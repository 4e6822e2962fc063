//! One line as the debris rules see it: its text, a plain version (Markdown and HTML
//! stripped), a normalised key for phrase matching, and a few cheap features.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::engine::hashing::{hash, Memo};

use regex::Regex;

use crate::engine::analysis::Analysis;

pub(super) struct LineView<'a> {
    /// Zero-based line number in the document.
    pub doc_line: usize,
    /// Byte range of the trimmed content.
    pub range: Range<usize>,
    /// The trimmed content as written.
    pub raw: &'a str,
    /// What the line's text alone says (its plain text, key, word count…), shared by every
    /// line with the same text; read through the view (`l.plain`, `l.key`, `l.words`).
    pub facts: Arc<Facts>,
}

impl std::ops::Deref for LineView<'_> {
    type Target = Facts;
    fn deref(&self) -> &Facts {
        &self.facts
    }
}

impl Facts {
    fn of(raw: &str) -> Facts {
        let plain = plain_of(raw);
        let key = key_of(&plain);
        let words = count_words(&plain);
        let prose = !is_cutoff(&plain)
            && (words >= 25 || (words >= 12 && ends_sentence(&plain)))
            && !is_title_case(&plain);
        Facts {
            markup: raw.bytes().any(|b| matches!(b, b'<' | b'&' | b'[' | b'{')),
            norm: super::duplicate_headline::norm(&key),
            plain: plain.into_owned(),
            key,
            words,
            prose,
        }
    }
}

/// What a line's text alone says about it, shared by every line with the same text (see
/// [`LineView::new`]).
pub(super) struct Facts {
    /// Without Markdown markers, links, emphasis, HTML tags and entities.
    pub plain: String,
    /// `plain` in lower case with straight quotes, single spaces, and leading/trailing
    /// decorations (arrows, bullets, a trailing colon or full stop) removed.
    pub key: String,
    /// `duplicate_headline::norm` of the key.
    pub norm: String,
    /// Words (whitespace-separated pieces with a letter or digit) in `plain`.
    pub words: usize,
    prose: bool,
    /// The line has a character markup residue starts with (`<`, `&`, `[`, `{`).
    pub markup: bool,
}

/// Line facts by line text: a keystroke changes one line, and the other lines of the draft
/// are not worked out again. Bounded; cleared when full.
static FACTS: Memo<u64, Arc<Facts>> = Memo::new(8_192);

impl<'a> LineView<'a> {
    pub fn new(a: &'a Analysis, doc_line: usize, range: Range<usize>) -> LineView<'a> {
        let raw = &a.text()[range.clone()];
        let facts = FACTS.get_or_insert_with(hash(raw), || Arc::new(Facts::of(raw)));
        LineView {
            doc_line,
            range,
            raw,
            // Shared with every line of the same text: a keystroke copies no line's text.
            facts,
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

    /// Article prose: long enough and shaped like sentences (not Title Case like a headline).
    pub fn is_prose(&self) -> bool {
        self.prose
    }

    /// Most words capitalised, as in headlines ("Police Set Up Cameras to Catch a Lion").
    pub fn is_title_case(&self) -> bool {
        is_title_case(&self.plain)
    }

    /// Shaped like a headline or a link: short, no full stop at the end.
    pub fn is_headline_like(&self) -> bool {
        (1..=22).contains(&self.words)
            && (!self.plain.ends_with('.') || self.is_cutoff())
            && self.plain.chars().any(char::is_alphabetic)
            && !self
                .key
                .rsplit(' ')
                .next()
                .is_some_and(|w| self.words > 2 && DANGLING.contains(&w))
    }

    /// The first character is an upper-case letter (after quotes and brackets).
    pub fn starts_upper(&self) -> bool {
        self.plain
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }
}

/// Most words capitalised, as in headlines.
fn is_title_case(plain: &str) -> bool {
    let (mut caps, mut n) = (0, 0);
    for w in plain.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphabetic()) else {
            continue;
        };
        if w.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            continue; // "to", "a", "of" may stay lower case in a headline
        }
        n += 1;
        caps += c.is_uppercase() as usize;
    }
    n >= 4 && caps * 10 >= n * 8
}

pub(super) fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Ends with sentence punctuation, possibly inside closing quotes or brackets: `said.”` does,
/// a quoted title (`… ‘Forza Horizon 3’`) does not.
pub(super) fn ends_sentence(plain: &str) -> bool {
    let t = plain
        .trim_end()
        .trim_end_matches(['”', '"', '’', '\'', ')', ']', '»']);
    t.chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '…'))
}

/// Function words a headline does not end with; a line ending with one is a cut sentence.
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
    "from", "as", "that", "is", "are", "was", "were", "be", "has", "have", "its", "their", "his",
    "her", "your", "our", "my",
];

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
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
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
