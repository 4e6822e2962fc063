//! The workspace's articles, each analysed once and cached by content hash, and the way a
//! draft finds its siblings. An open draft's unsaved text replaces its file's text here.
//!
//! Workspace-wide indexes (the sibling index, and any a rule family adds) implement
//! [`CorpusIndex`] and are updated article by article, never rebuilt on a keystroke.

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::analysis::Analysis;
use super::config::Config;
use super::document::{content_hash, Document};
use super::siblings::SiblingIndex;

/// Another article about the same story as a draft.
#[derive(Debug, Clone)]
pub struct Sibling {
    pub analysis: Arc<Analysis>,
    /// Similarity in 0..=1, higher is closer.
    pub score: f32,
}

/// Compute what the workspace indexes need from one article, through `Analysis::cached`, so
/// loaders can do it on many threads before the (sequential) inserts.
pub fn prepare(analysis: &Analysis) {
    super::siblings::terms(analysis);
    super::rules::prepare_article(analysis);
}

/// A workspace-wide index kept current as articles come and go.
pub trait CorpusIndex: Any + Send + Sync {
    fn insert(&mut self, path: &Path, analysis: &Arc<Analysis>);
    fn remove(&mut self, path: &Path);
    fn as_any(&self) -> &dyn Any;
}

pub struct Corpus {
    articles: HashMap<PathBuf, Arc<Analysis>>,
    siblings: SiblingIndex,
    indexes: Vec<Box<dyn CorpusIndex>>,
    config: Arc<Config>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("articles", &self.articles.len())
            .finish()
    }
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus::new(Arc::new(Config::default()))
    }
}

impl Corpus {
    pub fn new(config: Arc<Config>) -> Corpus {
        Corpus {
            articles: HashMap::new(),
            siblings: SiblingIndex::default(),
            indexes: super::rules::corpus_indexes(),
            config,
        }
    }

    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    /// Replace the configuration. Sibling grouping may depend on it, so the index is rebuilt
    /// from the cached analyses (no article is re-read or re-analysed).
    pub fn set_config(&mut self, config: Arc<Config>) {
        self.config = config;
        self.siblings = SiblingIndex::default();
        for (p, a) in &self.articles {
            self.siblings.insert(p, a);
        }
    }

    /// Add or replace an article. Unchanged text keeps its analysis (and derived data).
    pub fn upsert(&mut self, path: &Path, text: String) -> Arc<Analysis> {
        if let Some(a) = self.articles.get(path) {
            if a.doc.hash() == content_hash(&text) && a.doc.text() == text {
                return a.clone();
            }
        }
        let analysis = Arc::new(Analysis::new(Arc::new(Document::new(path, text))));
        self.insert_analysis(analysis.clone());
        analysis
    }

    /// Put an open draft's unsaved text in place of its file's. With `reindex` false the
    /// workspace indexes keep the draft's last indexed version: a keystroke changes a word or
    /// two, which does not move an article to another story, and re-indexing on every keystroke
    /// would cost more than the check itself. Editors reindex on open, save and close.
    pub fn upsert_draft(&mut self, path: &Path, text: String, reindex: bool) -> Arc<Analysis> {
        if reindex || !self.articles.contains_key(path) {
            return self.upsert(path, text);
        }
        if let Some(a) = self.articles.get(path) {
            if a.doc.hash() == content_hash(&text) && a.doc.text() == text {
                return a.clone();
            }
        }
        let analysis = Arc::new(Analysis::for_draft(Arc::new(Document::new(path, text))));
        self.articles.insert(path.to_path_buf(), analysis.clone());
        analysis
    }

    /// Add an analysis made elsewhere (say, on another thread).
    pub fn insert_analysis(&mut self, analysis: Arc<Analysis>) {
        let path = analysis.doc.path().to_path_buf();
        if self.articles.contains_key(&path) {
            self.siblings.remove(&path);
            for ix in &mut self.indexes {
                ix.remove(&path);
            }
        }
        self.siblings.insert(&path, &analysis);
        for ix in &mut self.indexes {
            ix.insert(&path, &analysis);
        }
        self.articles.insert(path, analysis);
    }

    pub fn remove(&mut self, path: &Path) -> bool {
        if self.articles.remove(path).is_some() {
            self.siblings.remove(path);
            for ix in &mut self.indexes {
                ix.remove(path);
            }
            true
        } else {
            false
        }
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<Analysis>> {
        self.articles.get(path)
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.articles.keys()
    }

    pub fn articles(&self) -> impl Iterator<Item = &Arc<Analysis>> {
        self.articles.values()
    }

    /// The draft's siblings, best first. The draft itself (by path) is never its own sibling.
    pub fn siblings(&self, draft: &Analysis) -> Vec<Sibling> {
        self.siblings
            .query(draft, &self.config.siblings, &self.articles)
            .into_iter()
            .filter_map(|(p, score)| {
                self.articles.get(&p).map(|a| Sibling {
                    analysis: a.clone(),
                    score,
                })
            })
            .collect()
    }

    /// A workspace-wide index registered by a rule family.
    pub fn index<T: CorpusIndex>(&self) -> Option<&T> {
        self.indexes
            .iter()
            .find_map(|ix| ix.as_any().downcast_ref::<T>())
    }
}
