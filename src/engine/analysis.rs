//! What every rule reads: the document split into lines, paragraphs, sentences and tokens,
//! computed once per version of the text. Rules that need more (figures, quotations, names)
//! derive it lazily through [`Analysis::cached`], so a sibling's derived data is computed once
//! and kept with its analysis.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::document::Document;
use super::hashing::Memo;
use super::suppress::Suppressions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or hyphens split out ("Russia’s" is one word).
    Word,
    /// Starts with a digit: "87", "2,000", "3.5", "7th".
    Number,
    /// Any other visible character: punctuation, quotes, dashes, symbols.
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// A non-blank line, the unit scraper debris comes in.
#[derive(Debug, Clone)]
pub struct Line {
    /// Zero-based line number.
    pub index: usize,
    /// The line's content without leading/trailing whitespace.
    pub range: Range<usize>,
}

pub struct Analysis {
    pub doc: Arc<Document>,
    /// Non-blank lines outside ignored regions, in order.
    pub lines: Vec<Line>,
    /// Blank-line separated blocks (trimmed), outside ignored regions.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentences (trimmed), never crossing a paragraph boundary.
    pub sentences: Vec<Range<usize>>,
    /// Words, numbers and punctuation; whitespace is not a token.
    pub tokens: Vec<Token>,
    /// Regions no rule should report in: Markdown code blocks and inline code, front matter,
    /// HTML comments.
    pub ignored: Vec<Range<usize>>,
    pub suppressions: Suppressions,
    cache: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl std::fmt::Debug for Analysis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analysis")
            .field("path", &self.doc.path())
            .field("lines", &self.lines.len())
            .field("tokens", &self.tokens.len())
            .finish()
    }
}

/// The tokens and sentences of a paragraph's text, relative to its start: a function of the
/// text alone, so a keystroke tokenizes one paragraph and copies the others from this cache.
struct ParaTokens {
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
}

impl ParaTokens {
    fn of(para: &str, reuse: bool) -> Arc<ParaTokens> {
        static CACHE: Memo<u64, Arc<ParaTokens>> = Memo::new(4_096);
        // Short paragraphs are cheaper to tokenize than to look up.
        let cacheable = reuse && para.len() >= 200;
        let key = super::document::content_hash(para);
        if cacheable {
            if let Some(p) = CACHE.get(&key) {
                return p;
            }
        }
        let mut tokens = Vec::new();
        tokenize(para, 0..para.len(), &[], &mut tokens);
        let mut sentences = Vec::new();
        split_sentences(para, 0..para.len(), &tokens, &mut sentences);
        let p = Arc::new(ParaTokens { tokens, sentences });
        if cacheable {
            CACHE.insert(key, p.clone());
        }
        p
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Prof",
    "Rev", "Jr", "Sr", "Mt", "Ft", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "vs", "U.S", "U.K", "U.N", "E.U", "Inc", "Corp", "Co", "Ltd", "Adm", "Gens",
    "Supt", "Pres", "a.m", "p.m", "i.e", "e.g", "etc",
];

impl Analysis {
    pub fn new(doc: Arc<Document>) -> Analysis {
        Analysis::build(doc, false)
    }

    /// [`Analysis::new`] for a draft being edited: paragraphs whose text an earlier version had
    /// are not tokenized again (kept in a bounded cache; workspace articles stay out of it).
    pub fn for_draft(doc: Arc<Document>) -> Analysis {
        Analysis::build(doc, true)
    }

    fn build(doc: Arc<Document>, reuse: bool) -> Analysis {
        let text = doc.text();
        let ignored = ignored_regions(text);
        let suppressions = Suppressions::parse(&doc);

        let mut lines = Vec::new();
        for i in 0..doc.line_count() {
            let r = doc.line_range(i);
            let s = &text[r.clone()];
            let t = s.trim();
            if t.is_empty() {
                continue;
            }
            let start = r.start + (s.len() - s.trim_start().len());
            let range = start..start + t.len();
            if overlaps_any(&ignored, &range) && is_inside_any(&ignored, &range) {
                continue;
            }
            lines.push(Line { index: i, range });
        }

        let mut paragraphs: Vec<Range<usize>> = Vec::new();
        let mut prev_line: Option<usize> = None;
        for l in &lines {
            match (prev_line, paragraphs.last_mut()) {
                (Some(p), Some(last)) if p + 1 == l.index => last.end = l.range.end,
                _ => paragraphs.push(l.range.clone()),
            }
            prev_line = Some(l.index);
        }

        // About one token per five bytes of prose: sized once, not doubled a dozen times
        // (2 % of a keystroke's CPU with a 2,000-word draft went to growing this vector).
        let mut tokens = Vec::with_capacity(text.len() / 5 + 16);
        let mut sentences = Vec::new();
        for p in &paragraphs {
            if overlaps_any(&ignored, p) {
                let from = tokens.len();
                tokenize(text, p.clone(), &ignored, &mut tokens);
                split_sentences(text, p.clone(), &tokens[from..], &mut sentences);
                continue;
            }
            let pt = ParaTokens::of(&text[p.clone()], reuse);
            let by = p.start;
            tokens.extend(pt.tokens.iter().map(|t| Token {
                range: t.range.start + by..t.range.end + by,
                kind: t.kind,
            }));
            sentences.extend(pt.sentences.iter().map(|r| r.start + by..r.end + by));
        }

        Analysis {
            doc,
            lines,
            paragraphs,
            sentences,
            tokens,
            ignored,
            suppressions,
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// The article's first line, without Markdown heading marks, cut at 80 characters: its
    /// title wherever a list of articles is shown.
    pub fn title(&self) -> String {
        let first = self
            .lines
            .first()
            .map(|l| self.slice(&l.range))
            .unwrap_or("");
        let first = first.trim_start_matches('#').trim();
        let mut t: String = first.chars().take(80).collect();
        if first.chars().count() > 80 {
            t.push('…');
        }
        t
    }

    pub fn slice(&self, r: &Range<usize>) -> &str {
        &self.doc.text()[r.clone()]
    }

    /// Derived data computed once per analysis and shared by every rule that asks for the same
    /// type, e.g. `analysis.cached(|a| Figures::extract(a))`. The closure must not call
    /// `cached` for the same type.
    pub fn cached<T: Any + Send + Sync>(&self, make: impl FnOnce(&Analysis) -> T) -> Arc<T> {
        let id = TypeId::of::<T>();
        if let Some(v) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            if let Ok(v) = v.clone().downcast::<T>() {
                return v;
            }
        }
        // Computed without holding the lock, so a derived type may depend on another.
        let v = Arc::new(make(self));
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(id)
            .or_insert_with(|| v.clone() as Arc<dyn Any + Send + Sync>);
        v
    }

    /// Index of the first token starting at or after `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.start < offset)
    }

    /// Tokens inside `range`.
    pub fn tokens_in(&self, range: &Range<usize>) -> &[Token] {
        let a = self.tokens.partition_point(|t| t.range.start < range.start);
        let b = self.tokens.partition_point(|t| t.range.start < range.end);
        &self.tokens[a..b]
    }

    /// The sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<Range<usize>> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        self.sentences.get(i).filter(|s| s.start <= offset).cloned()
    }

    pub fn is_ignored(&self, range: &Range<usize>) -> bool {
        overlaps_any(&self.ignored, range)
    }
}

fn overlaps_any(regions: &[Range<usize>], r: &Range<usize>) -> bool {
    regions.iter().any(|g| g.start < r.end && r.start < g.end)
}

fn is_inside_any(regions: &[Range<usize>], r: &Range<usize>) -> bool {
    regions.iter().any(|g| g.start <= r.start && r.end <= g.end)
}

/// Combining marks (accents typed as separate code points) continue the word they follow.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// One pass over the paragraph: words (letters and digits, with inner apostrophes and inner
/// full stops as in "Russia’s", "U.S"), numbers (a digit first, with inner `,` and `.` between
/// digits and letters attached: "2,000", "3.5", "7th"), and single-character punctuation.
/// Hyphens and dashes always split ("71-year-old" is five tokens). Whitespace is no token.
fn tokenize(text: &str, para: Range<usize>, ignored: &[Range<usize>], out: &mut Vec<Token>) {
    let s = &text[para.clone()];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = para.start + i;
        let kind;
        let mut end = i + c.len_utf8();
        if c.is_numeric() {
            kind = TokenKind::Number;
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else if (d == ',' || d == '.')
                    && s[end..].chars().nth(1).is_some_and(|n| n.is_ascii_digit())
                    && s[..end]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_ascii_digit())
                {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = TokenKind::Word;
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else if (is_apostrophe(d) || d == '.')
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_alphabetic())
                {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
        } else {
            kind = if is_mark(c) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
        }
        let range = start..para.start + end;
        if !ignored.is_empty() && overlaps_any(ignored, &range) {
            continue;
        }
        out.push(Token { range, kind });
    }
}

const TERMINALS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['”', '"', '’', '\'', ')', ']', '»'];

/// Sentences inside a paragraph. A sentence ends at `.`, `!`, `?` or `…` (plus closing quotes
/// and brackets) when whitespace and a capital, digit or opening quote follow, unless the full
/// stop ends an abbreviation or an initial ("Mr.", "Feb.", "John F. Kennedy"). A line break
/// also ends a sentence when the next line is a list item or heading, or when the line before
/// it reads as a heading (short, no closing punctuation): scraped copy keeps one block a line.
fn split_sentences(text: &str, para: Range<usize>, tokens: &[Token], out: &mut Vec<Range<usize>>) {
    let a = tokens.partition_point(|t| t.range.start < para.start);
    let b = tokens.partition_point(|t| t.range.start < para.end);
    let toks = &tokens[a..b];
    let mut start: Option<usize> = None;
    let mut words_on_line = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let s0 = *start.get_or_insert(t.range.start);
        let tok = &text[t.range.clone()];
        if t.kind == TokenKind::Word {
            words_on_line += 1;
        }
        let mut end_here = false;
        let mut last = i;
        let first_char = tok.chars().next().unwrap_or(' ');
        if t.kind == TokenKind::Punct && TERMINALS.contains(&first_char) {
            // Swallow further terminals and closers ("?!", ".”", ".)").
            while last + 1 < toks.len()
                && toks[last + 1].range.start == toks[last].range.end
                && text[toks[last + 1].range.clone()]
                    .chars()
                    .next()
                    .is_some_and(|c| TERMINALS.contains(&c) || CLOSERS.contains(&c))
            {
                last += 1;
            }
            let abbreviation = first_char == '.'
                && i > 0
                && toks[i - 1].range.end == t.range.start
                && toks[i - 1].kind == TokenKind::Word
                && is_abbreviation(&text[toks[i - 1].range.clone()]);
            end_here = match toks.get(last + 1) {
                None => true,
                Some(n) => {
                    let gap = &text[toks[last].range.end..n.range.start];
                    let c = text[n.range.clone()].chars().next().unwrap_or(' ');
                    !gap.is_empty()
                        && (c.is_uppercase() || c.is_numeric() || "“\"‘'(«-–—•*#".contains(c))
                        && !(abbreviation && !gap.contains('\n'))
                }
            };
        }
        if !end_here {
            if let Some(n) = toks.get(last + 1) {
                let gap = &text[toks[last].range.end..n.range.start];
                if gap.contains('\n') {
                    let c = text[n.range.clone()].chars().next().unwrap_or(' ');
                    let list_or_heading = "-–—•*#>".contains(c)
                        || (n.kind == TokenKind::Number
                            && toks
                                .get(last + 2)
                                .is_some_and(|p| ".)".contains(&text[p.range.clone()])));
                    let line_end = text[toks[last].range.clone()]
                        .chars()
                        .next_back()
                        .unwrap_or(' ');
                    let heading_like = words_on_line <= 8
                        && !",;:".contains(line_end)
                        && t.kind != TokenKind::Punct
                        && (c.is_uppercase() || c.is_numeric() || "“\"‘'".contains(c));
                    end_here = list_or_heading || heading_like;
                }
            }
        }
        if let Some(n) = toks.get(last + 1) {
            if text[toks[last].range.end..n.range.start].contains('\n') {
                words_on_line = 0;
            }
        }
        if end_here || last + 1 == toks.len() {
            out.push(s0..toks[last].range.end);
            start = None;
        }
        i = last + 1;
    }
}

fn is_abbreviation(word: &str) -> bool {
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&word)
}

/// Markdown code (fenced blocks and inline spans), YAML/TOML front matter and HTML comments.
fn ignored_regions(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Front matter at the very start.
    for fence in ["---", "+++"] {
        if text.starts_with(&format!("{fence}\n")) || text.starts_with(&format!("{fence}\r\n")) {
            let body = fence.len();
            if let Some(end) = find_line(text, body, fence) {
                out.push(0..end);
            }
        }
    }
    // Fenced code blocks.
    let has = |needle: &str| memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some();
    let fences = has("```") || has("~~~");
    let mut offset = 0;
    let mut open: Option<(usize, &str)> = None;
    for line in text.split_inclusive('\n').filter(|_| fences) {
        let t = line.trim_start();
        let marker = if t.starts_with("```") {
            Some("```")
        } else if t.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        match (open, marker) {
            (None, Some(m)) => open = Some((offset, m)),
            (Some((start, m)), Some(m2)) if m == m2 => {
                out.push(start..offset + line.len());
                open = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((start, _)) = open {
        out.push(start..text.len());
    }
    // HTML comments.
    let mut i = 0;
    while let Some(s) = memchr::memmem::find(&text.as_bytes()[i..], b"<!--") {
        let start = i + s;
        let end = text[start + 4..]
            .find("-->")
            .map(|e| start + 4 + e + 3)
            .unwrap_or(text.len());
        out.push(start..end);
        i = end;
    }
    // Inline code spans on single lines.
    let mut line_start = 0;
    let backticks = memchr::memchr(b'`', text.as_bytes()).is_some();
    for line in text.split_inclusive('\n').filter(|_| backticks) {
        let mut j = 0;
        let b = line.as_bytes();
        while j < b.len() {
            if b[j] == b'`' && !line[j..].starts_with("```") {
                if let Some(k) = line[j + 1..].find('`') {
                    out.push(line_start + j..line_start + j + 1 + k + 1);
                    j += k + 2;
                    continue;
                }
            }
            j += 1;
        }
        line_start += line.len();
    }
    out.sort_by_key(|r| r.start);
    out
}

fn find_line(text: &str, from: usize, fence: &str) -> Option<usize> {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        if offset > from && line.trim_end() == fence {
            return Some(offset + line.len());
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(text: &str) -> Analysis {
        Analysis::new(Arc::new(Document::new("t.md", text)))
    }

    #[test]
    fn sentences_survive_abbreviations() {
        let a = analyse("Mr. Putin arrived on Feb. 24. He left the U.S. later. Done.");
        let s: Vec<&str> = a.sentences.iter().map(|r| a.slice(r)).collect();
        assert_eq!(s[0], "Mr. Putin arrived on Feb. 24.");
        assert_eq!(s.last().copied(), Some("Done."));
    }

    #[test]
    fn sentences_end_at_headings_and_list_items_but_not_soft_wraps() {
        let a = analyse("Key Takeaways\n- Talks resume on Monday.\n- A second round follows.\nThe mayor said the\nplan was sound. “It works,” she said. Done!");
        let s: Vec<&str> = a.sentences.iter().map(|r| a.slice(r)).collect();
        assert_eq!(
            s,
            vec![
                "Key Takeaways",
                "- Talks resume on Monday.",
                "- A second round follows.",
                "The mayor said the\nplan was sound.",
                "“It works,” she said.",
                "Done!"
            ]
        );
    }

    #[test]
    fn tokens_split_hyphens_and_keep_combining_marks() {
        let a = analyse("A 71-year-old re\u{301}sume\u{301} in the U.S. cost $3.5m, 7th time.");
        let t: Vec<&str> = a.tokens.iter().map(|t| a.slice(&t.range)).collect();
        assert_eq!(
            t,
            vec![
                "A",
                "71",
                "-",
                "year",
                "-",
                "old",
                "re\u{301}sume\u{301}",
                "in",
                "the",
                "U.S",
                ".",
                "cost",
                "$",
                "3.5m",
                ",",
                "7th",
                "time",
                "."
            ]
        );
    }

    #[test]
    fn words_keep_curly_apostrophes_and_numbers_keep_commas() {
        let a = analyse("Russia’s 2,000 troops — “no limits”…");
        let t: Vec<(&str, TokenKind)> = a
            .tokens
            .iter()
            .map(|t| (a.slice(&t.range), t.kind))
            .collect();
        assert_eq!(t[0], ("Russia’s", TokenKind::Word));
        assert_eq!(t[1], ("2,000", TokenKind::Number));
        assert!(t.iter().any(|(s, k)| *s == "—" && *k == TokenKind::Punct));
        assert!(t.iter().any(|(s, _)| *s == "…"));
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_handle_crlf() {
        let a = analyse("one\r\ntwo\r\n\r\nthree\u{a0}four\r\n");
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.slice(&a.paragraphs[0]), "one\r\ntwo");
        assert_eq!(a.lines.len(), 3);
    }

    #[test]
    fn code_and_front_matter_are_ignored() {
        let a = analyse("---\ntitle: the the\n---\nBody `the the` text.\n```\nthe the\n```\n");
        let words: Vec<&str> = a.tokens.iter().map(|t| a.slice(&t.range)).collect();
        assert_eq!(words, vec!["Body", "text", "."]);
    }
}
