//! The story's vocabulary: the content words of the article's prose, so a line can be asked
//! whether its words belong to the story (a teaser about a cricket star in a story about a
//! state visit does not).

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::engine::analysis::{Analysis, TokenKind};

/// Fewer distinct content words than this and the vocabulary says nothing.
const MIN_WORDS: usize = 30;

pub(super) struct Vocab {
    words: HashSet<u64>,
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

fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

/// Hash of a word's lower-case stem, or `None` for short and function words.
fn stem_hash(word: &str, buf: &mut String) -> Option<u64> {
    buf.clear();
    for c in word.chars() {
        match c {
            '’' | '\'' => break, // possessive or contraction: keep the stem
            c => buf.extend(c.to_lowercase()),
        }
    }
    if buf.chars().count() < 4 || is_stop(buf) {
        return None;
    }
    let mut s: &str = buf;
    if s.len() > 4 && s.ends_with('s') && !s.ends_with("ss") {
        s = &s[..s.len() - 1];
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    Some(h.finish())
}

impl Vocab {
    /// The vocabulary of the given lines (byte ranges of the article's prose).
    pub fn build(a: &Analysis, ranges: impl Iterator<Item = Range<usize>>) -> Option<Vocab> {
        let mut words = HashSet::new();
        let mut buf = String::new();
        for r in ranges {
            for t in a.tokens_in(&r) {
                if t.kind == TokenKind::Word {
                    if let Some(h) = stem_hash(a.slice(&t.range), &mut buf) {
                        words.insert(h);
                    }
                }
            }
        }
        (words.len() >= MIN_WORDS).then_some(Vocab { words })
    }

    /// Share of the line's content words that the story uses, or `None` when the line has
    /// too few content words to tell.
    pub fn overlap(&self, a: &Analysis, range: &Range<usize>) -> Option<f32> {
        let mut buf = String::new();
        let (mut n, mut hit) = (0usize, 0usize);
        let mut seen = HashSet::new();
        for t in a.tokens_in(range) {
            if t.kind != TokenKind::Word {
                continue;
            }
            if let Some(h) = stem_hash(a.slice(&t.range), &mut buf) {
                if seen.insert(h) {
                    n += 1;
                    hit += self.words.contains(&h) as usize;
                }
            }
        }
        (n >= 2).then(|| hit as f32 / n as f32)
    }
}
