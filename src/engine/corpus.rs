//! The workspace's articles and the way a draft finds its siblings. An open draft's unsaved
//! text replaces its file's text here.
//!
//! ## Memory
//! The corpus keeps per article only its text (`Arc<Document>`) and what the workspace indexes
//! need (term ids, counts): an [`Analysis`] is about fifteen times the size of its text, too
//! much to keep for every article of a large workspace. Analyses are built on demand, for the
//! articles that need one (a draft's siblings, the targets of `copydesk check`), and shared:
//! while anybody holds an article's analysis, or while it is among the last
//! [`DEFAULT_CACHE`] analyses used, the corpus hands out the same `Arc<Analysis>`, so the data
//! rules derive from a sibling (`Analysis::cached`) is computed once. A changed article gets a
//! new analysis (the cache checks the document, not just the path).
//!
//! Workspace-wide indexes (the sibling index, and any a rule family adds) implement
//! [`CorpusIndex`] and are updated article by article, never rebuilt on a keystroke. What an
//! index needs from an article is computed by [`prepare`] on any thread, so loaders analyse
//! and prepare in parallel and the (sequential) inserts are cheap.

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, Weak};

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

/// How many recently used analyses the corpus keeps alive beyond those somebody holds.
pub const DEFAULT_CACHE: usize = 256;

/// What the workspace indexes need from one article, computed from its analysis on any thread
/// (see [`prepare`]). The analysis itself is not kept.
pub struct Prepared {
    doc: Arc<Document>,
    terms: Vec<u64>,
    entries: Vec<Box<dyn Any + Send>>,
}

impl Prepared {
    pub fn path(&self) -> &Path {
        self.doc.path()
    }

    pub fn doc(&self) -> &Arc<Document> {
        &self.doc
    }
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("path", &self.doc.path())
            .field("terms", &self.terms.len())
            .finish()
    }
}

/// Blank indexes, only asked to prepare articles (preparing reads no index state).
static PREPARERS: LazyLock<Vec<Box<dyn CorpusIndex>>> = LazyLock::new(super::rules::corpus_indexes);

/// Compute what the workspace indexes need from one article. Any thread; the result goes to
/// [`Corpus::insert_prepared`].
pub fn prepare(analysis: &Analysis) -> Prepared {
    Prepared {
        doc: analysis.doc.clone(),
        terms: super::siblings::article_terms(analysis),
        entries: PREPARERS.iter().map(|ix| ix.prepare(analysis)).collect(),
    }
}

/// A workspace-wide index kept current as articles come and go.
pub trait CorpusIndex: Any + Send + Sync {
    /// What the index keeps of one article, computed on any thread without the index (called
    /// on a blank instance): the expensive part of an insert.
    fn prepare(&self, analysis: &Analysis) -> Box<dyn Any + Send>;
    /// Add the article at `path` (replacing any there) from what [`CorpusIndex::prepare`] made.
    fn insert(&mut self, path: &Path, prepared: Box<dyn Any + Send>);
    fn remove(&mut self, path: &Path);
    fn as_any(&self) -> &dyn Any;
}

/// Analyses handed out: the last `cap` used (strong), and every one still held elsewhere
/// (weak), so an unchanged article keeps one analysis while in use.
struct AnalysisCache {
    cap: usize,
    tick: u64,
    strong: HashMap<PathBuf, (Arc<Analysis>, u64)>,
    /// Use tick -> path, oldest first.
    order: BTreeMap<u64, PathBuf>,
    weak: HashMap<PathBuf, Weak<Analysis>>,
    /// Analyses built (misses), for tests and benchmarks.
    built: u64,
}

impl AnalysisCache {
    fn new(cap: usize) -> AnalysisCache {
        AnalysisCache {
            cap,
            tick: 0,
            strong: HashMap::new(),
            order: BTreeMap::new(),
            weak: HashMap::new(),
            built: 0,
        }
    }

    /// The analysis of `doc` at `path`, if one is cached or still held.
    fn lookup(&mut self, path: &Path, doc: &Arc<Document>) -> Option<Arc<Analysis>> {
        if let Some((a, _)) = self.strong.get(path) {
            if Arc::ptr_eq(&a.doc, doc) {
                let a = a.clone();
                self.touch(path, a.clone());
                return Some(a);
            }
        }
        let a = self.weak.get(path)?.upgrade()?;
        if !Arc::ptr_eq(&a.doc, doc) {
            return None;
        }
        self.touch(path, a.clone());
        Some(a)
    }

    /// Make `a` the most recently used analysis at `path`, evicting the oldest beyond `cap`.
    fn touch(&mut self, path: &Path, a: Arc<Analysis>) {
        self.tick += 1;
        let tick = self.tick;
        if let Some((old, t)) = self.strong.get_mut(path) {
            self.order.remove(t);
            *old = a;
            *t = tick;
        } else {
            self.weak.insert(path.to_path_buf(), Arc::downgrade(&a));
            self.strong.insert(path.to_path_buf(), (a, tick));
        }
        self.order.insert(tick, path.to_path_buf());
        while self.strong.len() > self.cap {
            let Some((_, p)) = self.order.pop_first() else {
                break;
            };
            self.strong.remove(&p);
        }
        // Forget dead weak handles now and then (amortised: the map at most doubles).
        if self.weak.len() > 2 * self.cap + 64 {
            self.weak.retain(|_, w| w.strong_count() > 0);
        }
    }

    /// Store a freshly built analysis, unless another thread stored one for the same
    /// document meanwhile (then that one is returned, so everybody shares it).
    fn store(&mut self, path: &Path, a: Arc<Analysis>) -> Arc<Analysis> {
        if let Some(existing) = self.lookup(path, &a.doc) {
            return existing;
        }
        self.built += 1;
        self.weak.insert(path.to_path_buf(), Arc::downgrade(&a));
        self.touch(path, a.clone());
        a
    }

    fn forget(&mut self, path: &Path) {
        if let Some((_, t)) = self.strong.remove(path) {
            self.order.remove(&t);
        }
        self.weak.remove(path);
    }

    fn clear(&mut self) {
        self.strong.clear();
        self.order.clear();
        self.weak.clear();
    }
}

pub struct Corpus {
    articles: HashMap<PathBuf, Arc<Document>>,
    siblings: SiblingIndex,
    indexes: Vec<Box<dyn CorpusIndex>>,
    config: Arc<Config>,
    cache: Mutex<AnalysisCache>,
    /// Drafts whose current text is not the one indexed (`upsert_draft` without reindex).
    unindexed: std::collections::HashSet<PathBuf>,
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

fn lock(m: &Mutex<AnalysisCache>) -> std::sync::MutexGuard<'_, AnalysisCache> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Corpus {
    pub fn new(config: Arc<Config>) -> Corpus {
        Corpus {
            articles: HashMap::new(),
            siblings: SiblingIndex::default(),
            indexes: super::rules::corpus_indexes(),
            config,
            cache: Mutex::new(AnalysisCache::new(DEFAULT_CACHE)),
            unindexed: Default::default(),
        }
    }

    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    /// Replace the configuration. The indexes do not depend on it (sibling groups and folders
    /// are applied at query time), so nothing is rebuilt.
    pub fn set_config(&mut self, config: Arc<Config>) {
        self.config = config;
    }

    /// How many recently used analyses to keep beyond those held elsewhere (default
    /// [`DEFAULT_CACHE`]).
    pub fn set_cache_capacity(&mut self, cap: usize) {
        let c = self.cache.get_mut().unwrap_or_else(|e| e.into_inner());
        c.cap = cap;
        while c.strong.len() > c.cap {
            let Some((_, p)) = c.order.pop_first() else {
                break;
            };
            c.strong.remove(&p);
        }
    }

    /// Analyses built on demand so far (cache misses).
    pub fn analyses_built(&self) -> u64 {
        lock(&self.cache).built
    }

    /// Drop every cached analysis (those held elsewhere stay valid, but are no longer shared).
    pub fn clear_cache(&mut self) {
        self.cache
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    fn unchanged(&self, path: &Path, text: &str) -> Option<Arc<Analysis>> {
        let doc = self.articles.get(path)?;
        if doc.hash() == content_hash(text) && doc.text() == text {
            self.get(path)
        } else {
            None
        }
    }

    /// Add or replace an article. Unchanged text keeps its analysis (and derived data) while
    /// that is cached or in use.
    pub fn upsert(&mut self, path: &Path, text: String) -> Arc<Analysis> {
        if let Some(a) = self.unchanged(path, &text) {
            if self.unindexed.contains(path) {
                // A draft's unsaved text, now saved: index it.
                self.insert_analysis(a.clone());
            }
            return a;
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
        if let Some(a) = self.unchanged(path, &text) {
            return a;
        }
        let analysis = Arc::new(Analysis::for_draft(Arc::new(Document::new(path, text))));
        self.articles
            .insert(path.to_path_buf(), analysis.doc.clone());
        self.unindexed.insert(path.to_path_buf());
        let c = self.cache.get_mut().unwrap_or_else(|e| e.into_inner());
        c.forget(path);
        c.store(path, analysis.clone());
        analysis
    }

    /// Add an analysis made elsewhere (say, on another thread). It is kept as the article's
    /// shared analysis while cached or in use.
    pub fn insert_analysis(&mut self, analysis: Arc<Analysis>) {
        let path = analysis.doc.path().to_path_buf();
        self.insert_prepared(prepare(&analysis));
        self.cache
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .store(&path, analysis);
    }

    /// Add an article from what [`prepare`] computed (replacing any at its path).
    pub fn insert_prepared(&mut self, prepared: Prepared) {
        let Prepared {
            doc,
            terms,
            entries,
        } = prepared;
        let path = doc.path().to_path_buf();
        self.unindexed.remove(&path);
        if self.articles.contains_key(&path) {
            self.siblings.remove(&path);
            for ix in &mut self.indexes {
                ix.remove(&path);
            }
            self.cache
                .get_mut()
                .unwrap_or_else(|e| e.into_inner())
                .forget(&path);
        }
        self.siblings.insert_terms(&path, &terms);
        for (ix, e) in self.indexes.iter_mut().zip(entries) {
            ix.insert(&path, e);
        }
        self.articles.insert(path, doc);
    }

    pub fn remove(&mut self, path: &Path) -> bool {
        self.unindexed.remove(path);
        if self.articles.remove(path).is_some() {
            self.siblings.remove(path);
            for ix in &mut self.indexes {
                ix.remove(path);
            }
            self.cache
                .get_mut()
                .unwrap_or_else(|e| e.into_inner())
                .forget(path);
            true
        } else {
            false
        }
    }

    /// The article's text, if it is in the corpus.
    pub fn document(&self, path: &Path) -> Option<&Arc<Document>> {
        self.articles.get(path)
    }

    /// The article's analysis: the shared one when cached or in use, else built now.
    pub fn get(&self, path: &Path) -> Option<Arc<Analysis>> {
        let doc = self.articles.get(path)?;
        if let Some(a) = lock(&self.cache).lookup(path, doc) {
            return Some(a);
        }
        // Built without the lock, so other threads keep going; the first stored wins.
        let a = Arc::new(Analysis::new(doc.clone()));
        Some(lock(&self.cache).store(path, a))
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

    /// Every article's analysis, built on demand (costly in a large workspace: for tests and
    /// small corpora).
    pub fn articles(&self) -> impl Iterator<Item = Arc<Analysis>> + '_ {
        self.articles.keys().filter_map(|p| self.get(p))
    }

    /// The draft's siblings, best first. The draft itself (by path) is never its own sibling.
    pub fn siblings(&self, draft: &Analysis) -> Vec<Sibling> {
        let terms = super::siblings::terms(draft);
        self.siblings
            .query_terms(draft.doc.path(), &terms.0, &self.config.siblings)
            .into_iter()
            .filter_map(|(p, score, _)| self.get(&p).map(|a| Sibling { analysis: a, score }))
            .collect()
    }

    /// The siblings as the rules see them: ordered by path, not by score. Findings then
    /// depend on which articles are siblings, not on how their near-equal scores happen to
    /// rank, and a draft whose refreshed sibling list only reorders them keeps every cache
    /// keyed on the list (the typo pass's story index was rebuilt on such a reorder: 4 % of
    /// the server's CPU in a profile typing with a hundred siblings).
    pub fn siblings_for_rules(&self, draft: &Analysis) -> Vec<Sibling> {
        let mut s = self.siblings(draft);
        s.sort_by(|a, b| a.analysis.doc.path().cmp(b.analysis.doc.path()));
        s
    }

    /// A workspace-wide index registered by a rule family.
    pub fn index<T: CorpusIndex>(&self) -> Option<&T> {
        self.indexes
            .iter()
            .find_map(|ix| ix.as_any().downcast_ref::<T>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::testing::{CAKE, STORM_A, STORM_B};

    fn cake(i: usize) -> String {
        format!("{CAKE} Recipe number {i}.")
    }

    #[test]
    fn an_unchanged_article_keeps_its_analysis_while_in_use_or_cached() {
        let mut c = Corpus::default();
        c.upsert(Path::new("a.txt"), STORM_A.into());
        c.upsert(Path::new("b.txt"), STORM_B.into());
        let held = c.get(Path::new("b.txt")).unwrap();
        let sibs = c.siblings(&c.get(Path::new("a.txt")).unwrap());
        assert_eq!(sibs.len(), 1);
        assert!(Arc::ptr_eq(&sibs[0].analysis, &held));
        // Same text again: same analysis, nothing rebuilt.
        let built = c.analyses_built();
        let again = c.upsert(Path::new("b.txt"), STORM_B.into());
        assert!(Arc::ptr_eq(&again, &held));
        assert_eq!(c.analyses_built(), built);
    }

    #[test]
    fn eviction_keeps_answers_correct_and_held_analyses_shared() {
        let mut c = Corpus::default();
        c.set_cache_capacity(2);
        for i in 0..10 {
            c.upsert(Path::new(&format!("c{i}.txt")), cake(i));
        }
        // Held outside the cache: still shared after everything else has been evicted.
        let held = c.get(Path::new("c0.txt")).unwrap();
        for i in 1..10 {
            let a = c.get(Path::new(&format!("c{i}.txt"))).unwrap();
            assert_eq!(a.text(), cake(i));
        }
        assert!(Arc::ptr_eq(&held, &c.get(Path::new("c0.txt")).unwrap()));
        // Not held and evicted: rebuilt, with the same content.
        let before = c.analyses_built();
        let a = c.get(Path::new("c5.txt")).unwrap();
        assert_eq!(a.text(), cake(5));
        assert_eq!(c.analyses_built(), before + 1);
        assert!(lock(&c.cache).strong.len() <= 2);
        assert_eq!(c.articles().count(), 10);
    }

    #[test]
    fn a_changed_article_is_reanalysed_and_reindexed() {
        let mut c = Corpus::default();
        c.upsert(Path::new("a.txt"), STORM_A.into());
        let old = c.upsert(Path::new("b.txt"), STORM_B.into());
        let draft = c.get(Path::new("a.txt")).unwrap();
        assert_eq!(c.siblings(&draft).len(), 1);
        // b becomes a cake recipe while its old analysis is still held.
        let new = c.upsert(Path::new("b.txt"), CAKE.into());
        assert!(!Arc::ptr_eq(&old, &new));
        assert_eq!(c.get(Path::new("b.txt")).unwrap().text(), CAKE);
        assert!(c.siblings(&draft).is_empty());
        // An unsaved draft's text replaces the file's without reindexing.
        let d = c.upsert_draft(Path::new("b.txt"), STORM_B.into(), false);
        assert!(Arc::ptr_eq(&d, &c.get(Path::new("b.txt")).unwrap()));
        assert!(c.siblings(&draft).is_empty());
        c.upsert_draft(Path::new("b.txt"), STORM_B.into(), true);
        let sibs = c.siblings(&draft);
        assert_eq!(sibs.len(), 1);
        assert_eq!(sibs[0].analysis.text(), STORM_B);
        assert!(c.remove(Path::new("b.txt")));
        assert!(c.get(Path::new("b.txt")).is_none());
        assert!(c.siblings(&draft).is_empty());
    }

    #[test]
    fn prepared_articles_index_like_analysed_ones() {
        let mut c = Corpus::default();
        let a = Analysis::new(Arc::new(Document::new("a.txt", STORM_A)));
        let b = Analysis::new(Arc::new(Document::new("b.txt", STORM_B)));
        c.insert_prepared(prepare(&a));
        c.insert_prepared(prepare(&b));
        drop(b);
        let sibs = c.siblings(&a);
        assert_eq!(sibs.len(), 1);
        assert_eq!(sibs[0].analysis.doc.path(), Path::new("b.txt"));
    }

    #[test]
    fn a_new_configuration_applies_without_reindexing() {
        let mut c = Corpus::default();
        c.upsert(Path::new("story/a.txt"), STORM_A.into());
        c.upsert(Path::new("story/cake.txt"), CAKE.into());
        let a = c.get(Path::new("story/a.txt")).unwrap();
        assert!(c.siblings(&a).is_empty());
        let mut cfg = Config::default();
        cfg.siblings.folder_is_story = true;
        c.set_config(Arc::new(cfg));
        let sibs = c.siblings(&a);
        assert_eq!(sibs.len(), 1);
        assert_eq!(sibs[0].analysis.doc.path(), Path::new("story/cake.txt"));
    }
}
