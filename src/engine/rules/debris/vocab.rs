//! The story's vocabulary: the content words of the article's prose, so a line can be asked
//! whether its words belong to the story (a teaser about a cricket star in a story about a
//! state visit does not).

use std::collections::HashSet;
use std::ops::Range;

use crate::engine::analysis::{Analysis, TokenKind};

/// Fewer distinct content words than this and the vocabulary says nothing.
const MIN_WORDS: usize = 30;

type IdMap<V> = crate::engine::hashing::IdMap<u64, V>;
type IdSet = crate::engine::hashing::IdSet<u64>;

pub(super) struct Vocab {
    /// Content word -> number of prose lines that use it.
    words: IdMap<u32>,
}

const STOP: &[&str] = &[
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "along",
    "also",
    "although",
    "always",
    "among",
    "amid",
    "amidst",
    "another",
    "around",
    "away",
    "back",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "between",
    "both",
    "came",
    "come",
    "could",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "from",
    "further",
    "gets",
    "going",
    "gone",
    "have",
    "having",
    "here",
    "hers",
    "herself",
    "himself",
    "however",
    "including",
    "into",
    "itself",
    "just",
    "last",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "more",
    "most",
    "much",
    "must",
    "never",
    "next",
    "only",
    "onto",
    "other",
    "others",
    "ours",
    "over",
    "said",
    "same",
    "says",
    "several",
    "should",
    "since",
    "some",
    "still",
    "such",
    "take",
    "taken",
    "than",
    "that",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "told",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "very",
    "want",
    "well",
    "went",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "whom",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "your",
    "yours",
    "first",
    "time",
    "times",
    "week",
    "weeks",
    "today",
    "people",
    "new",
    "news",
    "says",
    "read",
    "story",
    "stories",
    "article",
    "also",
    "because",
    "could",
    "might",
    "shall",
];

static STOP_SET: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOP.iter().copied().collect());

fn is_stop(w: &str) -> bool {
    STOP_SET.contains(w)
}

/// Hash of a word's lower-case stem, or `None` for short and function words.
fn stem_hash(word: &str, buf: &mut String) -> Option<u64> {
    // The stem stops at an apostrophe: a possessive or a contraction.
    let w = word.split(['’', '\'']).next().unwrap_or("");
    if w.len() < 4 {
        return None;
    }
    let mut ascii = [0u8; 48];
    let s: &str = if w.is_ascii() && w.len() <= ascii.len() {
        for (d, b) in ascii.iter_mut().zip(w.bytes()) {
            *d = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&ascii[..w.len()]).ok()?
    } else {
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        if buf.chars().count() < 4 {
            return None;
        }
        buf
    };
    if is_stop(s) {
        return None;
    }
    let s = if s.len() > 4 && s.ends_with('s') && !s.ends_with("ss") {
        &s[..s.len() - 1]
    } else {
        s
    };
    Some(xxhash_rust::xxh3::xxh3_64(s.as_bytes()))
}

impl Vocab {
    /// The vocabulary of the given lines (byte ranges of the article's prose).
    pub fn build(a: &Analysis, ranges: impl Iterator<Item = Range<usize>>) -> Option<Vocab> {
        let mut words: IdMap<u32> = IdMap::default();
        let mut buf = String::new();
        let mut seen = IdSet::default();
        for r in ranges {
            seen.clear();
            for t in a.tokens_in(&r) {
                if t.kind == TokenKind::Word {
                    if let Some(h) = stem_hash(a.slice(&t.range), &mut buf) {
                        if seen.insert(h) {
                            *words.entry(h).or_default() += 1;
                        }
                    }
                }
            }
        }
        (words.len() >= MIN_WORDS).then_some(Vocab { words })
    }

    /// The line's distinct content words, and how many of them the story uses. A line that is
    /// itself part of the vocabulary (`counted`) is judged by the other lines only.
    pub fn counts(&self, a: &Analysis, range: &Range<usize>, counted: bool) -> (usize, usize) {
        let need = if counted { 2 } else { 1 };
        let mut buf = String::new();
        let (mut n, mut hit) = (0usize, 0usize);
        let mut seen = IdSet::default();
        for t in a.tokens_in(range) {
            if t.kind != TokenKind::Word {
                continue;
            }
            if let Some(h) = stem_hash(a.slice(&t.range), &mut buf) {
                if seen.insert(h) {
                    n += 1;
                    hit += (self.words.get(&h).copied().unwrap_or(0) >= need) as usize;
                }
            }
        }
        (n, hit)
    }
}
