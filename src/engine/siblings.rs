//! Finding a draft's siblings: the other articles in the workspace about the same story.
//!
//! An inverted index from distinctive terms (content words, capitalised names, numbers) to the
//! articles that use them. A query walks only the postings of the draft's terms, weights each
//! shared term by its inverse document frequency, and normalises by both articles' weight
//! (cosine over binary IDF-weighted term sets). Adding, changing or removing an article touches
//! only its own postings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::analysis::{Analysis, TokenKind};

/// `[siblings]` in `copydesk.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SiblingsConfig {
    /// Similarity (0..1) at or above which two articles are siblings.
    pub threshold: f32,
    /// At most this many siblings per draft.
    pub max: usize,
}

impl Default for SiblingsConfig {
    fn default() -> Self {
        SiblingsConfig {
            threshold: 0.12,
            max: 100,
        }
    }
}

impl SiblingsConfig {
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(format!(
                "[siblings] threshold must be between 0 and 1, found {}",
                self.threshold
            ));
        }
        Ok(())
    }
}

type DocId = u32;

#[derive(Default)]
pub struct SiblingIndex {
    term_ids: HashMap<String, u32>,
    postings: Vec<Vec<DocId>>,
    docs: Vec<Option<(PathBuf, Vec<u32>)>>,
    by_path: HashMap<PathBuf, DocId>,
    free: Vec<DocId>,
    live: usize,
}

/// The distinctive terms of an article, computed once per analysis.
pub struct Terms(pub Vec<String>);

pub fn terms(a: &Analysis) -> Arc<Terms> {
    a.cached(|a| {
        let mut v: Vec<String> = a
            .tokens
            .iter()
            .filter_map(|t| {
                let s = a.slice(&t.range);
                match t.kind {
                    TokenKind::Word if s.chars().count() >= 4 => {
                        let l = s.to_lowercase();
                        let l = l.trim_end_matches("’s").trim_end_matches("'s").to_string();
                        (!STOPWORDS.contains(&l.as_str())).then_some(l)
                    }
                    TokenKind::Number => Some(s.replace(',', "")),
                    _ => None,
                }
            })
            .collect();
        v.sort();
        v.dedup();
        Terms(v)
    })
}

impl SiblingIndex {
    pub fn insert(&mut self, path: &Path, a: &Analysis) {
        self.remove(path);
        let ids: Vec<u32> = terms(a)
            .0
            .iter()
            .map(|t| {
                let n = self.term_ids.len() as u32;
                let id = *self.term_ids.entry(t.clone()).or_insert(n);
                if id as usize == self.postings.len() {
                    self.postings.push(Vec::new());
                }
                id
            })
            .collect();
        let doc = match self.free.pop() {
            Some(d) => d,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as DocId
            }
        };
        for &t in &ids {
            self.postings[t as usize].push(doc);
        }
        self.docs[doc as usize] = Some((path.to_path_buf(), ids));
        self.by_path.insert(path.to_path_buf(), doc);
        self.live += 1;
    }

    pub fn remove(&mut self, path: &Path) {
        let Some(doc) = self.by_path.remove(path) else {
            return;
        };
        if let Some((_, ids)) = self.docs[doc as usize].take() {
            for t in ids {
                let p = &mut self.postings[t as usize];
                if let Some(i) = p.iter().position(|&d| d == doc) {
                    p.swap_remove(i);
                }
            }
        }
        self.free.push(doc);
        self.live -= 1;
    }

    fn idf(&self, df: usize) -> f32 {
        ((1 + self.live) as f32 / (df.max(1)) as f32).ln()
    }

    /// Siblings of `draft` (excluding the article at the draft's own path), best first.
    pub fn query(
        &self,
        draft: &Analysis,
        config: &SiblingsConfig,
        _articles: &HashMap<PathBuf, Arc<Analysis>>,
    ) -> Vec<(PathBuf, f32)> {
        let own = self.by_path.get(draft.doc.path()).copied();
        let t = terms(draft);
        let mut acc: HashMap<DocId, f32> = HashMap::new();
        let mut qnorm = 0.0f32;
        for term in &t.0 {
            let Some(&id) = self.term_ids.get(term) else {
                qnorm += self.idf(1).powi(2);
                continue;
            };
            let p = &self.postings[id as usize];
            let idf = self.idf(p.len());
            qnorm += idf * idf;
            if idf <= 0.0 {
                continue;
            }
            for &d in p {
                if Some(d) != own {
                    *acc.entry(d).or_default() += idf * idf;
                }
            }
        }
        if qnorm == 0.0 {
            return Vec::new();
        }
        let mut cands: Vec<(DocId, f32)> = acc.into_iter().collect();
        cands.sort_by(|a, b| b.1.total_cmp(&a.1));
        cands.truncate(config.max.max(1) * 2);
        let mut out: Vec<(PathBuf, f32)> = cands
            .into_iter()
            .filter_map(|(d, shared)| {
                let (path, ids) = self.docs[d as usize].as_ref()?;
                let dnorm: f32 = ids
                    .iter()
                    .map(|&i| self.idf(self.postings[i as usize].len()).powi(2))
                    .sum();
                let score = shared / (qnorm.sqrt() * dnorm.sqrt()).max(f32::EPSILON);
                (score >= config.threshold).then(|| (path.clone(), score))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.truncate(config.max);
        out
    }
}

const STOPWORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "also",
    "although",
    "among",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "could",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "just",
    "more",
    "most",
    "much",
    "must",
    "only",
    "other",
    "over",
    "said",
    "same",
    "says",
    "should",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "your",
    "year",
    "years",
    "last",
    "first",
    "time",
    "made",
    "make",
    "like",
    "many",
    "well",
    "back",
    "still",
    "including",
    "according",
    "since",
    "week",
];
