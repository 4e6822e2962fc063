//! What the style rules share about a draft, computed once per analysis (`Analysis::cached`):
//! which blocks are running text (and which are headlines, captions, tables), where quotations
//! are, which tokens begin a sentence, and where Markdown/HTML markup or URLs are.
//!
//! A *block* is a paragraph as a reader sees it. Plain-text drafts often put one paragraph on
//! each line with no blank line between them, while hard-wrapped Markdown spreads a paragraph
//! over several lines; a line joins the block above when the line above ends mid-sentence and
//! this one carries on in lower case (or the line above ends in a lower-case word or a comma).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::engine::analysis::{Analysis, TokenKind};
use crate::engine::hashing::{hash, pair, Memo};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Sentences: the copy house-style rules read.
    Running,
    /// Headlines, section headings, bylines, labels: `#`, or no terminal punctuation in fewer
    /// than 30 words.
    Heading,
    /// A line ending in a parenthesis with no full stop before it, such as a photo caption
    /// with its credit.
    Caption,
    /// Table rows (`|`, tabs) and horizontal rules.
    Table,
}

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// Not at the start of a sentence.
    No,
    /// After a colon, a dash or a list marker: a capital letter is expected there but the
    /// sentence did not begin.
    Soft,
    /// The first word of a sentence.
    Hard,
}

pub(crate) struct StyleText {
    pub blocks: Vec<Block>,
    /// Quotations with their marks, sorted and merged.
    pub quotes: Vec<Range<usize>>,
    /// Per token of the analysis.
    pub start: Vec<Start>,
    /// HTML tags, Markdown link destinations and URLs, sorted.
    pub markup: Vec<Range<usize>>,
    /// Quotation marks, apostrophes and parentheses (straight and curly) outside code, with
    /// their offsets, sorted: found once for the rules that count them.
    pub marks: Vec<(usize, char)>,
}

/// Words after which a full stop does not end a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "St", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen", "Lt", "Col",
    "Sgt", "Capt", "Prof", "Rev", "Jr", "Sr", "Mt", "Ft", "No", "Nos", "Jan", "Feb", "Mar", "Apr",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "U.S", "U.K", "U.N", "E.U", "Inc", "Corp",
    "Co", "Ltd", "Adm", "Gens", "Supt", "Pres", "a.m", "p.m", "i.e", "e.g", "etc", "Ave", "Blvd",
    "Rd", "Calif", "Ariz", "Ark", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Vt", "Va", "Wash", "Wis", "Wyo", "approx", "est", "Fig", "fig", "vol", "Vol", "pp",
];

/// Words a sentence does not end on.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "at", "in", "of", "to", "with", "for", "by",
    "from", "on", "as", "than", "about", "over", "under", "into", "onto", "between", "that",
    "which", "who", "whose", "its", "their", "his", "her", "our", "my", "your", "was", "were",
    "is", "are", "be", "been", "has", "had", "have", "will", "would", "could", "should", "can",
    "may", "might", "must", "nearly", "some", "only", "just", "least", "most", "more", "if",
    "when", "while", "because", "after", "before", "since", "until", "said", "says", "told",
];

static ABBREVIATION_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());

/// A word after which a full stop does not end a sentence ("Mr", "Sept", "U.S").
pub(crate) fn is_abbreviation(w: &str) -> bool {
    w.len() <= 6 && ABBREVIATION_SET.contains(w)
}

/// FNV-1a: a fast hash for the short words the style rules look up (tables built from our own
/// lists, and maps of one draft's words).
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A scan of each block's tokens that depends on nothing but the block, memoised by the
/// block's text and kind: tokens, sentence starts and markup are all worked out block by block,
/// so a keystroke rescans one block, not the draft. `scan` gets the block and its tokens (indices
/// into `a.tokens`) and returns offsets relative to the block's start. Returns each block's
/// start with its results, in text order.
pub(crate) fn per_block<T: Send + Sync + 'static>(
    memo: &Memo<u64, Arc<Vec<T>>>,
    a: &Analysis,
    st: &StyleText,
    scan: impl Fn(&Block, Range<usize>) -> Vec<T>,
) -> Vec<(usize, Arc<Vec<T>>)> {
    let text = a.text();
    let keys: Vec<u64> = st
        .blocks
        .iter()
        .map(|b| pair(hash(&text[b.range.clone()]), b.kind as u64 + 0xB10C))
        .collect();
    let found = memo.get_or_insert_many(&keys, |k| {
        let b = &st.blocks[k];
        let first = a.token_at_or_after(b.range.start);
        let end = first + a.tokens[first..].partition_point(|t| t.range.start < b.range.end);
        Arc::new(scan(b, first..end))
    });
    st.blocks
        .iter()
        .zip(found)
        .map(|(b, v)| (b.range.start, v))
        .collect()
}

impl StyleText {
    pub fn of(a: &Analysis) -> std::sync::Arc<StyleText> {
        a.cached(StyleText::build)
    }

    fn build(a: &Analysis) -> StyleText {
        let text = a.text();
        let blocks = blocks(a);
        let markup = markup(text, &blocks);
        let marks = find_marks(a);
        let mut quotes = Vec::new();
        for b in &blocks {
            quotations(
                text,
                b.range.clone(),
                marks_in(&marks, &b.range),
                &mut quotes,
            );
        }
        quotes.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::new();
        for q in quotes {
            match merged.last_mut() {
                Some(last) if q.start <= last.end => last.end = last.end.max(q.end),
                _ => merged.push(q),
            }
        }
        let start = sentence_starts(a, &blocks);
        StyleText {
            blocks,
            quotes: merged,
            start,
            markup,
            marks,
        }
    }

    /// The marks inside `r`.
    pub fn marks_in(&self, r: &Range<usize>) -> &[(usize, char)] {
        marks_in(&self.marks, r)
    }

    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.end <= offset);
        self.blocks.get(i).filter(|b| b.range.start <= offset)
    }

    pub fn kind_at(&self, offset: usize) -> Option<BlockKind> {
        self.block_at(offset).map(|b| b.kind)
    }

    pub fn is_running(&self, offset: usize) -> bool {
        self.kind_at(offset) == Some(BlockKind::Running)
    }

    pub fn in_quote(&self, offset: usize) -> bool {
        in_ranges(&self.quotes, offset)
    }

    pub fn in_markup(&self, offset: usize) -> bool {
        in_ranges(&self.markup, offset)
    }
}

pub(crate) fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= offset);
    ranges.get(i).is_some_and(|r| r.start <= offset)
}

/// The last character of `s` ignoring closing quotes, brackets and emphasis markers.
fn last_significant(s: &str) -> Option<char> {
    s.trim_end()
        .trim_end_matches(['”', '’', '"', '\'', ']', '*', '_', '»'])
        .chars()
        .next_back()
}

/// Whether a block's text ends a sentence (or a list introduction).
pub(crate) fn ends_terminal(s: &str) -> bool {
    last_significant(s).is_some_and(is_terminal)
}

pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ':')
}

fn is_table_line(l: &str) -> bool {
    let b = l.as_bytes();
    b.first() == Some(&b'|')
        || memchr::memchr_iter(b'|', b).nth(1).is_some()
        || memchr::memchr(b'\t', b).is_some()
}

fn is_rule_line(l: &str) -> bool {
    let Some(first) = l
        .bytes()
        .next()
        .filter(|b| matches!(b, b'-' | b'*' | b'_' | b'='))
    else {
        return false;
    };
    let mut n = 0;
    for b in l.bytes() {
        if b == first {
            n += 1;
        } else if b != b' ' && b != b'\t' {
            return false;
        }
    }
    n >= 3
}

fn is_md_heading(l: &str) -> bool {
    let hashes = l.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && l[hashes..].starts_with([' ', '\t'])
        || (hashes > 0 && hashes == l.len())
}

/// A Markdown (or plain-text) list item: "- ", "* ", "+ ", "1. ", "2) ".
pub(crate) fn list_marker_len(l: &str) -> usize {
    if l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ ") || l.starts_with("• ") {
        return l.chars().next().map_or(0, char::len_utf8) + 1;
    }
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &l[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return digits + 2;
        }
    }
    0
}

fn blocks(a: &Analysis) -> Vec<Block> {
    let text = a.text();
    let mut out: Vec<Block> = Vec::new();
    // (block, index of its last line, whether that line may continue)
    let mut prev: Option<(usize, bool)> = None;
    for l in &a.lines {
        let s = &text[l.range.clone()];
        let table = is_table_line(s) || is_rule_line(s);
        let structural = table || is_md_heading(s);
        let starts_item = list_marker_len(s) > 0 || s.starts_with('>');
        let first = s.chars().next().unwrap_or(' ');
        let joins = match prev {
            Some((idx, true)) if idx + 1 == l.index && !structural && !starts_item => {
                let last = out.last().map(|b| &text[b.range.clone()]).unwrap_or("");
                let last_word_lower = last
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
                    .is_some_and(|c| c.is_lowercase());
                first.is_lowercase()
                    || last_word_lower
                    || last.ends_with([',', ';', '—', '–', '-', '('])
            }
            _ => false,
        };
        let continues = !structural && !last_significant(s).is_some_and(is_terminal);
        if joins {
            if let Some(b) = out.last_mut() {
                b.range.end = l.range.end;
            }
        } else {
            let kind = if table {
                BlockKind::Table
            } else if is_md_heading(s) {
                BlockKind::Heading
            } else {
                BlockKind::Running // decided below, once the block is complete
            };
            out.push(Block {
                range: l.range.clone(),
                kind,
            });
        }
        prev = Some((l.index, continues));
    }
    // A paragraph split by a blank line mid-sentence (a paste from a web page that broke it
    // at a link): a block that stops without a full stop, followed by one that carries on in
    // lower case, or that itself stops on a comma, a dash or a function word, is one block.
    // So is a sentence fragment followed by a block starting with a figure ("… in 4K at" /
    // "30 FPS …"); a headline (no comma or full stop inside, a dozen words at most) is not.
    let mut merged: Vec<Block> = Vec::with_capacity(out.len());
    // Blocks put together from pieces: running text whatever their last character.
    let mut joined: Vec<bool> = Vec::with_capacity(out.len());
    for b in out {
        if let Some(last) = merged.last_mut() {
            let ls = &text[last.range.clone()];
            let bs = &text[b.range.clone()];
            // Cheap tests first: most blocks end a sentence, and the rest of the test reads
            // the whole previous block.
            let carries_on = || {
                let last_word = ls
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let fragment =
                    || ls.contains(", ") || ls.contains(". ") || ls.split_whitespace().count() > 12;
                bs.starts_with(|c: char| c.is_lowercase())
                    || ls.ends_with([',', '—', '–', '-', '('])
                    || FUNCTION_WORDS.contains(&last_word.as_str())
                    || bs.starts_with(|c: char| {
                        c.is_ascii_digit() || matches!(c, '—' | '–' | '(' | '$')
                    }) && fragment()
            };
            if last.kind == BlockKind::Running
                && b.kind == BlockKind::Running
                && !last_significant(ls).is_some_and(is_terminal)
                && list_marker_len(bs) == 0
                && list_marker_len(ls) == 0
                && carries_on()
            {
                last.range.end = b.range.end;
                if let Some(j) = joined.last_mut() {
                    *j = true;
                }
                continue;
            }
        }
        merged.push(b);
        joined.push(false);
    }
    let mut out = merged;
    for (b, joined) in out.iter_mut().zip(joined) {
        if b.kind != BlockKind::Running || joined {
            continue;
        }
        let s = &text[b.range.clone()];
        // A paragraph that lost its full stop (or a paste that broke one mid-sentence) is
        // still running text: no headline runs to 30 words.
        if last_significant(s).is_some_and(is_terminal) || s.split_whitespace().nth(30).is_some() {
            continue;
        }
        b.kind = if s.trim_end().ends_with(')') {
            BlockKind::Caption
        } else {
            BlockKind::Heading
        };
    }
    out
}

/// HTML tags, Markdown link destinations (`](...)`) and bare URLs.
fn markup(text: &str, blocks: &[Block]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let url_finder = memchr::memmem::Finder::new("://");
    let www_finder = memchr::memmem::Finder::new("www.");
    for b in blocks {
        let s = &text[b.range.clone()];
        let base = b.range.start;
        let sb = s.as_bytes();
        let mut found: Vec<Range<usize>> = Vec::new();
        for i in memchr::memchr2_iter(b'<', b']', sb) {
            let rest = &s[i..];
            if sb[i] == b'<' {
                if sb
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
                {
                    if let Some(e) = rest.find(['>', '\n']).filter(|&e| sb[i + e] == b'>') {
                        found.push(i..i + e + 1);
                    }
                }
            } else if rest.starts_with("](") {
                // The destination, with balanced parentheses inside it.
                let mut depth = 0usize;
                let close = rest[1..].char_indices().find_map(|(k, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(Some(k + 1));
                            }
                        }
                        '\n' => return Some(None),
                        _ => {}
                    }
                    None
                });
                if let Some(Some(e)) = close {
                    found.push(i..i + e + 1);
                }
            }
        }
        let schemes = url_finder.find_iter(sb).filter_map(|i| {
            let start = if s[..i].ends_with("https") {
                i - 5
            } else if s[..i].ends_with("http") {
                i - 4
            } else {
                return None;
            };
            Some(start)
        });
        let www = www_finder
            .find_iter(sb)
            .filter(|&i| i == 0 || !sb[i - 1].is_ascii_alphanumeric() && sb[i - 1] != b'/');
        for start in schemes.chain(www).collect::<Vec<_>>() {
            let rest = &s[start..];
            let mut e = rest
                .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
                .unwrap_or(rest.len());
            // Trailing punctuation and an unbalanced closing bracket belong to the sentence.
            loop {
                let url = &rest[..e];
                let Some(last) = url.chars().next_back() else {
                    break;
                };
                let unbalanced = match last {
                    ')' => url.matches(')').count() > url.matches('(').count(),
                    ']' => url.matches(']').count() > url.matches('[').count(),
                    _ => false,
                };
                if unbalanced
                    || matches!(
                        last,
                        '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '”' | '’'
                    )
                {
                    e -= last.len_utf8();
                } else {
                    break;
                }
            }
            found.push(start..start + e);
        }
        found.sort_by_key(|r| r.start);
        for r in found {
            match out.last_mut() {
                Some(last) if base + r.start < last.end => last.end = last.end.max(base + r.end),
                _ => out.push(base + r.start..base + r.end),
            }
        }
    }
    out
}

/// Quotations in one block: curly double quotes (nesting counted), straight double quotes
/// (paired in order) and curly single quotes used as quotation marks (British style). An
/// unclosed quotation runs to the end of the block (a quotation continued in the next
/// paragraph, in the AP manner).
fn quotations(
    text: &str,
    block: Range<usize>,
    marks: &[(usize, char)],
    out: &mut Vec<Range<usize>>,
) {
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    let mut single: Option<usize> = None;
    for &(at, c) in marks {
        if matches!(c, '\'' | '(' | ')') {
            continue;
        }
        let prev = text[block.start..at].chars().next_back();
        let next = text[at + c.len_utf8()..block.end].chars().next();
        match c {
            '“' => curly.push(at),
            '”' => {
                if let Some(o) = curly.pop() {
                    if curly.is_empty() {
                        out.push(o..at + c.len_utf8());
                    }
                }
            }
            '"' => {
                // Inches after a figure (6'2") are not quotation marks.
                if prev.is_some_and(|p| p.is_ascii_digit()) && straight.is_none() {
                } else if let Some(o) = straight.take() {
                    out.push(o..at + 1);
                } else {
                    straight = Some(at);
                }
            }
            '‘' => {
                if single.is_none() && !prev.is_some_and(char::is_alphanumeric) {
                    single = Some(at);
                }
            }
            '’' => {
                let apostrophe = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if !apostrophe {
                    if let Some(o) = single.take() {
                        out.push(o..at + c.len_utf8());
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(&o) = curly.first() {
        out.push(o..block.end);
    }
    if let Some(o) = straight {
        out.push(o..block.end);
    }
}

fn sentence_starts(a: &Analysis, blocks: &[Block]) -> Vec<Start> {
    let text = a.text();
    let mut start = vec![Start::No; a.tokens.len()];
    for b in blocks {
        let first = a.token_at_or_after(b.range.start);
        let mut state = Start::Hard;
        let mut i = first;
        while i < a.tokens.len() && a.tokens[i].range.start < b.range.end {
            let t = &a.tokens[i];
            match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    start[i] = state;
                    state = Start::No;
                }
                TokenKind::Punct => {
                    let s = &text[t.range.clone()];
                    // A line break inside a block (a list item's marker or a new line of a
                    // heading) is handled by the block split; here only punctuation counts.
                    match s {
                        "." => {
                            let prev_abbrev = i > first && {
                                let p = &a.tokens[i - 1];
                                let w = &text[p.range.clone()];
                                p.range.end == t.range.start
                                    && p.kind == TokenKind::Word
                                    && (is_abbreviation(w)
                                        || (w.chars().count() == 1
                                            && w.chars().all(char::is_uppercase)))
                            };
                            if !prev_abbrev {
                                state = Start::Hard;
                            }
                        }
                        "!" | "?" | "…" => state = Start::Hard,
                        ":" | "—" | "–" | ";" => {
                            if state == Start::No {
                                state = Start::Soft;
                            }
                        }
                        "-" | "*" | "•" | "+" if state != Start::No => {}
                        "“" | "\"" | "‘" | "'" | "(" | "[" | "”" | "’" | ")" | "]" => {}
                        _ => {
                            if state == Start::Hard {
                                state = Start::Soft;
                            } else {
                                state = Start::No;
                            }
                        }
                    }
                }
            }
            i += 1;
        }
    }
    start
}

/// Quotation marks, apostrophes and parentheses in the text, straight and curly, outside
/// ignored regions: a SIMD byte search, since all of them are ASCII or U+2018..U+201D.
fn find_marks(a: &Analysis) -> Vec<(usize, char)> {
    let b = a.text().as_bytes();
    let mut marks: Vec<(usize, char)> = Vec::new();
    for i in memchr::memchr3_iter(b'\'', b'"', 0xE2, b) {
        let c = match b[i] {
            b'\'' => '\'',
            b'"' => '"',
            _ => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0x98)) => '‘',
                (Some(0x80), Some(0x99)) => '’',
                (Some(0x80), Some(0x9C)) => '“',
                (Some(0x80), Some(0x9D)) => '”',
                _ => continue,
            },
        };
        marks.push((i, c));
    }
    for i in memchr::memchr2_iter(b'(', b')', b) {
        marks.push((i, b[i] as char));
    }
    marks.sort_unstable_by_key(|m| m.0);
    // Drop those in code, comments and front matter (regions sorted by start, maybe nested).
    let ignored = &a.ignored;
    let (mut k, mut end) = (0, 0);
    marks.retain(|&(i, _)| {
        while k < ignored.len() && ignored[k].start <= i {
            end = end.max(ignored[k].end);
            k += 1;
        }
        i >= end
    });
    marks
}

fn marks_in<'m>(marks: &'m [(usize, char)], r: &Range<usize>) -> &'m [(usize, char)] {
    let a = marks.partition_point(|m| m.0 < r.start);
    let b = marks.partition_point(|m| m.0 < r.end);
    &marks[a..b]
}

/// Case-preserving replacement: `like` decides whether `word` gets an initial capital.
pub(crate) fn match_case(word: &str, like: &str) -> String {
    let upper = like.chars().next().is_some_and(char::is_uppercase);
    if !upper {
        return word.to_string();
    }
    let all_upper = like.chars().filter(|c| c.is_alphabetic()).count() > 1
        && like
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if all_upper {
        return word.to_uppercase();
    }
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A possessive ending ("’s", "'s", "’", "'") split off a word: ("Putin", "’s").
pub(crate) fn split_possessive(w: &str) -> (&str, &str) {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, &w[stem.len()..]);
            }
        }
    }
    (w, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::analyse;

    fn kinds(text: &str) -> Vec<(String, BlockKind)> {
        let a = analyse(text);
        let st = StyleText::of(&a);
        st.blocks
            .iter()
            .map(|b| (a.slice(&b.range).to_string(), b.kind))
            .collect()
    }

    #[test]
    fn headlines_captions_and_wrapped_paragraphs() {
        let k = kinds(
            "Mayor Quits Over Budget\nThe mayor resigned on Friday.\nA photo of the hall. (Jo Lee/Getty Images)\n\nThe council said the\nbudget was short.\n\n| a | b |\n|---|---|\n",
        );
        assert_eq!(k[0].1, BlockKind::Heading);
        assert_eq!(k[1].1, BlockKind::Running);
        assert_eq!(k[2].1, BlockKind::Caption);
        assert_eq!(
            k[3],
            (
                "The council said the\nbudget was short.".into(),
                BlockKind::Running
            )
        );
        assert_eq!(k[4].1, BlockKind::Table);
        assert_eq!(k[5].1, BlockKind::Table);
    }

    #[test]
    fn quotations_and_sentence_starts() {
        let text = "He said “no more” today. Mr. Lee left. The ‘deal’ is ‘off’.";
        let a = analyse(text);
        let st = StyleText::of(&a);
        let q: Vec<&str> = st.quotes.iter().map(|r| a.slice(r)).collect();
        assert_eq!(q, vec!["“no more”", "‘deal’", "‘off’"]);
        let starts: Vec<&str> = a
            .tokens
            .iter()
            .zip(&st.start)
            .filter(|(_, s)| **s == Start::Hard)
            .map(|(t, _)| a.slice(&t.range))
            .collect();
        assert_eq!(starts, vec!["He", "Mr", "The"]);
    }

    #[test]
    fn case_helpers() {
        assert_eq!(match_case("percent", "Per"), "Percent");
        assert_eq!(match_case("colour", "COLOR"), "COLOUR");
        assert_eq!(split_possessive("Putin’s"), ("Putin", "’s"));
        assert_eq!(split_possessive("’s"), ("’s", ""));
    }
}
