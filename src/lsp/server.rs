//! The `LanguageServer` implementation.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use ropey::Rope;
use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert::{self, path_to_uri};
use super::position::{doc_offset, rope_char_index, Encoding};
use crate::engine::analysis::Analysis;
use crate::engine::config::{Config, RuleSetting, CONFIG_FILE};
use crate::engine::corpus::{Corpus, Sibling};
use crate::engine::finding::Finding;
use crate::engine::rules::Context;
use crate::engine::workspace::{discover, load_prepared, read_article, FileFilter};
use crate::engine::{self as eng};

pub const FIX_ALL: &str = "source.fixAll.copydesk";
pub const REMOVE_DEBRIS: &str = "source.removeDebris.copydesk";
pub const CMD_SIBLINGS: &str = "copydesk.siblings";
pub const CMD_ADD_WORD: &str = "copydesk.addToDictionary";

struct OpenDoc {
    uri: Uri,
    path: PathBuf,
    rope: Rope,
    version: i32,
}

/// The result of checking one version of a draft.
struct Checked {
    version: i32,
    /// The workspace generation it was computed in (see `State::generation`).
    generation: u64,
    analysis: Arc<Analysis>,
    findings: Vec<Finding>,
}

struct SiblingCache {
    at: Instant,
    siblings: Vec<Sibling>,
}

/// Drafts up to this size are checked in the change notification's own task; larger ones on
/// a blocking thread, so a huge paste never holds up the messages behind it.
const INLINE_CHECK_BYTES: usize = 96 * 1024;

/// How long a draft's sibling list is reused between keystrokes.
const SIBLING_TTL: Duration = Duration::from_millis(1500);

struct State {
    docs: Mutex<HashMap<Uri, OpenDoc>>,
    corpus: RwLock<Corpus>,
    /// The config from copydesk.toml (or defaults).
    file_config: Mutex<Arc<Config>>,
    /// Rule settings sent by the editor (initializationOptions / didChangeConfiguration).
    client_rules: Mutex<BTreeMap<String, RuleSetting>>,
    encoding: Mutex<Encoding>,
    roots: Mutex<Vec<PathBuf>>,
    /// Newest version published per document.
    published: Mutex<HashMap<Uri, i32>>,
    results: Mutex<HashMap<Uri, Arc<Checked>>>,
    /// Results replaced by newer ones, freed off the keystroke's path (see
    /// [`State::free_retired`]): the last one holds the previous version's whole analysis.
    retired: Mutex<Vec<Arc<Checked>>>,
    siblings: Mutex<HashMap<PathBuf, SiblingCache>>,
    push: AtomicBool,
    /// Bumped whenever something other than the draft changes what a check finds (the
    /// configuration, the workspace's articles). A result from an older generation is never
    /// published: a newer check is already scheduled.
    generation: std::sync::atomic::AtomicU64,
    /// Becomes true once the workspace's articles are loaded.
    loaded: tokio::sync::watch::Sender<bool>,
    progress_supported: AtomicBool,
    watch_dynamic: AtomicBool,
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|e| e.into_inner())
}

/// A path for a URI: the file path for `file:` URIs, the URI's text for others (untitled).
fn uri_to_path(uri: &Uri) -> PathBuf {
    uri.to_file_path()
        .map(|p| p.into_owned())
        .unwrap_or_else(|| PathBuf::from(uri.as_str()))
}

fn parse_rules(v: &Value) -> BTreeMap<String, RuleSetting> {
    let mut out = BTreeMap::new();
    if let Some(map) = v.get("rules").and_then(Value::as_object) {
        for (k, v) in map {
            if let Ok(s) = serde_json::from_value::<RuleSettingJson>(v.clone()) {
                if let Some(s) = s.into_setting() {
                    out.insert(k.clone(), s);
                }
            }
        }
    }
    out
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum RuleSettingJson {
    Bool(bool),
    Str(String),
}

impl RuleSettingJson {
    fn into_setting(self) -> Option<RuleSetting> {
        match self {
            RuleSettingJson::Bool(true) => Some(RuleSetting::On),
            RuleSettingJson::Bool(false) => Some(RuleSetting::Off),
            RuleSettingJson::Str(s) => match s.as_str() {
                "off" => Some(RuleSetting::Off),
                "on" => Some(RuleSetting::On),
                x => crate::engine::finding::Severity::parse(x).map(RuleSetting::Severity),
            },
        }
    }
}

impl Default for State {
    fn default() -> Self {
        State {
            docs: Default::default(),
            corpus: Default::default(),
            file_config: Default::default(),
            client_rules: Default::default(),
            encoding: Default::default(),
            roots: Default::default(),
            published: Default::default(),
            results: Default::default(),
            retired: Default::default(),
            siblings: Default::default(),
            push: Default::default(),
            generation: Default::default(),
            loaded: tokio::sync::watch::Sender::new(false),
            progress_supported: Default::default(),
            watch_dynamic: Default::default(),
        }
    }
}

impl State {
    fn encoding(&self) -> Encoding {
        *lock(&self.encoding)
    }

    fn effective_config(&self) -> Arc<Config> {
        let base = lock(&self.file_config).clone();
        let client = lock(&self.client_rules).clone();
        if client.is_empty() {
            return base;
        }
        let mut c = (*base).clone();
        c.rules.extend(client);
        Arc::new(c)
    }

    fn config_path(&self) -> Option<PathBuf> {
        lock(&self.roots)
            .iter()
            .map(|r| r.join(CONFIG_FILE))
            .find(|p| p.is_file())
    }

    /// Reload copydesk.toml. Returns an error message for the user when it is broken (the server
    /// then runs on defaults).
    fn reload_config(&self) -> Option<String> {
        let root = lock(&self.roots).first().cloned();
        let (config, problem) = match self.config_path() {
            None => match root.as_deref().map(Config::default_for_root) {
                Some(Ok(c)) => (c, None),
                Some(Err(e)) => (Config::default(), Some(format!("Copydesk: {e}"))),
                None => (Config::default(), None),
            },
            Some(p) => match Config::load(&p) {
                Ok((c, warnings)) => (
                    c,
                    (!warnings.is_empty()).then(|| format!("Copydesk: {}", warnings.join("; "))),
                ),
                Err(e) => (
                    Config::default(),
                    Some(format!(
                        "Copydesk: {e}. Running with the default configuration."
                    )),
                ),
            },
        };
        *lock(&self.file_config) = Arc::new(config);
        let eff = self.effective_config();
        write(&self.corpus).set_config(eff);
        lock(&self.siblings).clear();
        problem
    }

    fn siblings_of(&self, corpus: &Corpus, a: &Analysis, fresh: bool) -> Vec<Sibling> {
        let path = a.doc.path().to_path_buf();
        if !fresh {
            if let Some(c) = lock(&self.siblings).get(&path) {
                if c.at.elapsed() < SIBLING_TTL {
                    return c.siblings.clone();
                }
            }
        }
        let s = corpus.siblings_for_rules(a);
        lock(&self.siblings).insert(
            path,
            SiblingCache {
                at: Instant::now(),
                siblings: s.clone(),
            },
        );
        s
    }

    /// Check the current version of an open document. Returns `None` when the document is no
    /// longer open, or when `expected` is given and a newer version has arrived since.
    fn check(&self, uri: &Uri, expected: Option<i32>) -> Option<Arc<Checked>> {
        let generation = self.generation.load(Ordering::SeqCst);
        let (path, text, version) = {
            let docs = lock(&self.docs);
            let d = docs.get(uri)?;
            if expected.is_some_and(|v| v != d.version) {
                return None;
            }
            (d.path.clone(), rope_text(&d.rope), d.version)
        };
        if let Some(r) = lock(&self.results).get(uri) {
            if r.version == version && r.generation == generation && r.analysis.doc.text() == text {
                return Some(r.clone());
            }
        }
        let analysis = write(&self.corpus).upsert_draft(&path, text, false);
        let corpus = read(&self.corpus);
        let config = corpus.config().clone();
        let siblings = self.siblings_of(&corpus, &analysis, false);
        let cx = Context {
            analysis: &analysis,
            siblings: &siblings,
            corpus: &corpus,
            config: &config,
        };
        let findings = match eng::caught(|| eng::check_with_lanes(&cx)) {
            Ok(f) => f,
            Err(msg) => {
                // The draft keeps its last diagnostics; the server keeps running.
                eprintln!(
                    "copydesk: internal error while checking {}: {msg}; its diagnostics were not \
                     updated (please report this with the draft)",
                    path.display()
                );
                return None;
            }
        };
        let checked = Arc::new(Checked {
            version,
            generation,
            analysis,
            findings,
        });
        let previous = lock(&self.results).insert(uri.clone(), checked.clone());
        if let Some(p) = previous {
            lock(&self.retired).push(p);
        }
        Some(checked)
    }

    /// Free the replaced results on a blocking thread, once the new ones are published, a
    /// batch at a time: handing a thread one result per keystroke cost more (the spawn and
    /// the wake-up, on a machine whose other core runs the editor) than freeing it.
    fn free_retired(&self) {
        const BATCH: usize = 8;
        let mut held = lock(&self.retired);
        if held.len() < BATCH {
            return;
        }
        let retired = std::mem::take(&mut *held);
        drop(held);
        tokio::task::spawn_blocking(move || drop(retired));
    }

    fn diagnostics(&self, c: &Checked) -> Vec<Diagnostic> {
        let enc = self.encoding();
        c.findings
            .iter()
            .map(|f| convert::diagnostic(&c.analysis.doc, f, enc))
            .collect()
    }

    fn is_open_path(&self, path: &Path) -> bool {
        lock(&self.docs).values().any(|d| d.path == path)
    }

    fn filter(&self) -> Option<FileFilter> {
        FileFilter::new(&read(&self.corpus).config().files).ok()
    }

    fn accepts(&self, path: &Path) -> bool {
        let roots = lock(&self.roots).clone();
        let Some(filter) = self.filter() else {
            return false;
        };
        roots.iter().any(|r| {
            path.strip_prefix(r).is_ok_and(|rel| {
                filter.accepts(rel)
                    && !rel.components().any(|c| {
                        matches!(
                            c.as_os_str().to_str(),
                            Some(".git" | "target" | "node_modules")
                        )
                    })
            })
        })
    }
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::new(State::default()),
        }
    }

    /// Analyse `uri` off the async threads and publish, unless a newer version has arrived.
    fn schedule(&self, uri: Uri, version: i32) {
        let state = self.state.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            let s = state.clone();
            let u = uri.clone();
            let checked = tokio::task::spawn_blocking(move || s.check(&u, Some(version)))
                .await
                .ok()
                .flatten();
            let Some(c) = checked else { return };
            publish(&state, &client, uri, &c).await;
            state.free_retired();
        });
    }

    fn recheck_all(&self) {
        self.state.generation.fetch_add(1, Ordering::SeqCst);
        let docs: Vec<(Uri, i32)> = lock(&self.state.docs)
            .iter()
            .map(|(u, d)| (u.clone(), d.version))
            .collect();
        lock(&self.state.results).clear();
        for (u, v) in docs {
            self.schedule(u, v);
        }
    }

    async fn load_workspace(&self) {
        self.load_workspace_inner().await;
        self.state.loaded.send_replace(true);
    }

    /// Wait (a bounded time) for the workspace to finish loading.
    async fn wait_loaded(&self) {
        let mut rx = self.state.loaded.subscribe();
        let _ = tokio::time::timeout(Duration::from_secs(20), rx.wait_for(|l| *l)).await;
    }

    async fn load_workspace_inner(&self) {
        let roots = lock(&self.state.roots).clone();
        if roots.is_empty() {
            return;
        }
        let Some(filter) = self.state.filter() else {
            return;
        };
        let progress = if self.state.progress_supported.load(Ordering::Relaxed) {
            let token = NumberOrString::String(format!("copydesk-load-{}", std::process::id()));
            match self.client.create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.client
                        .progress(token, "Copydesk: reading articles")
                        .with_percentage(0)
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let state = self.state.clone();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d2, t2) = (done.clone(), total.clone());
        let job = tokio::task::spawn_blocking(move || {
            let mut files = Vec::new();
            for r in &roots {
                files.extend(discover(r, &filter).0);
            }
            files.retain(|p| !state.is_open_path(p));
            t2.store(files.len(), Ordering::Relaxed);
            let max = read(&state.corpus).config().files.max_size;
            let tick = || {
                d2.fetch_add(1, Ordering::Relaxed);
            };
            let mut skipped = Vec::new();
            // Batch by batch: keystrokes wait for one batch's inserts at most.
            load_prepared(&files, max, &tick, |batch| {
                let mut corpus = write(&state.corpus);
                for r in batch {
                    match r {
                        Ok(p) => {
                            if !state.is_open_path(p.path()) {
                                corpus.insert_prepared(p)
                            }
                        }
                        Err(s) => skipped.push(format!("{}: {}", s.path.display(), s.reason)),
                    }
                }
            });
            skipped
        });
        tokio::pin!(job);
        let skipped = loop {
            tokio::select! {
                r = &mut job => break r.unwrap_or_default(),
                _ = tokio::time::sleep(Duration::from_millis(200)) => {
                    if let Some(p) = &progress {
                        let t = total.load(Ordering::Relaxed).max(1);
                        let d = done.load(Ordering::Relaxed);
                        p.report_with_message(format!("{d}/{t} articles"), (d * 100 / t) as u32).await;
                    }
                }
            }
        };
        let n = read(&self.state.corpus).len();
        if let Some(p) = progress {
            p.finish_with_message(format!("{n} articles")).await;
        }
        for s in skipped.iter().take(20) {
            self.client
                .log_message(MessageType::WARNING, format!("Copydesk skipped {s}"))
                .await;
        }
        lock(&self.state.siblings).clear();
        self.recheck_all();
    }

    /// Apply fixes (filtered) to the whole document; one minimal edit.
    fn fix_document(
        &self,
        uri: &Uri,
        include_unsafe: bool,
        keep: &dyn Fn(&Finding) -> bool,
    ) -> Option<TextEdit> {
        let c = self.state.check(uri, None)?;
        let corpus = read(&self.state.corpus);
        let config = corpus.config().clone();
        let (text, n) =
            eng::fix_until_stable_where(c.analysis.clone(), &corpus, &config, include_unsafe, keep);
        if n == 0 {
            return None;
        }
        convert::minimal_edit(&c.analysis.doc, &text, self.state.encoding())
    }

    fn siblings_json(&self, uri: &Uri) -> Value {
        let Some(c) = self.state.check(uri, None) else {
            return json!([]);
        };
        let corpus = read(&self.state.corpus);
        let mut sibs = self.state.siblings_of(&corpus, &c.analysis, true);
        // Most similar first, for people (the rules see them by path).
        sibs.sort_by(|a, b| b.score.total_cmp(&a.score));
        Value::Array(
            sibs.iter()
                .filter_map(|s| {
                    Some(json!({
                        "uri": path_to_uri(s.analysis.doc.path())?.as_str(),
                        "title": s.analysis.title(),
                        "score": (f64::from(s.score) * 1000.0).round() / 1000.0,
                    }))
                })
                .collect(),
        )
    }
}

/// The rope's text in one allocation, chunk by chunk (`to_string` goes through the formatting
/// machinery: 1.5 % of a keystroke's CPU in a profile).
fn rope_text(rope: &Rope) -> String {
    let mut s = String::with_capacity(rope.len_bytes());
    for c in rope.chunks() {
        s.push_str(c);
    }
    s
}

async fn publish(state: &State, client: &Client, uri: Uri, c: &Checked) {
    {
        // Never publish an older result over a newer one, nor for a closed document.
        let docs = lock(&state.docs);
        match docs.get(&uri) {
            Some(d) if d.version == c.version => {}
            _ => return,
        }
        if c.generation != state.generation.load(Ordering::SeqCst) {
            return;
        }
        let mut published = lock(&state.published);
        if published.get(&uri).is_some_and(|&v| v > c.version) {
            return;
        }
        published.insert(uri.clone(), c.version);
    }
    if !state.push.load(Ordering::Relaxed) {
        return;
    }
    let diags = state.diagnostics(c);
    client
        .publish_diagnostics(uri, diags, Some(c.version))
        .await;
}

fn kind_requested(only: &Option<Vec<CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => kind == CodeActionKind::QUICKFIX.as_str(),
        Some(list) => list.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        }),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *lock(&self.state.encoding) = enc;
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .as_ref()
            .map(|f| {
                f.iter()
                    .filter_map(|w| w.uri.to_file_path().map(|p| p.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
                roots.push(p.into_owned());
            }
        }
        *lock(&self.state.roots) = roots;
        let opts = params.initialization_options.clone().unwrap_or(Value::Null);
        *lock(&self.state.client_rules) = parse_rules(&opts);
        let pull = opts.get("diagnostics").and_then(Value::as_str) == Some("pull");
        self.state.push.store(!pull, Ordering::Relaxed);
        self.state.progress_supported.store(
            params
                .capabilities
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            Ordering::Relaxed,
        );
        self.state.watch_dynamic.store(
            params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            Ordering::Relaxed,
        );
        if let Some(msg) = self.state.reload_config() {
            // Shown once the client is ready (`initialized`).
            lock(&self.state.results).clear();
            let client = self.client.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                client.show_message(MessageType::ERROR, msg).await;
            });
        }
        let capabilities = ServerCapabilities {
            position_encoding: Some(enc.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::from(FIX_ALL),
                    CodeActionKind::from(REMOVE_DEBRIS),
                ]),
                resolve_provider: Some(false),
                ..Default::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![CMD_SIBLINGS.into(), CMD_ADD_WORD.into()],
                ..Default::default()
            }),
            diagnostic_provider: pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("copydesk".into()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            ..Default::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Everything here waits on the client (registration, progress) or on the disk: it runs
        // in a task of its own, so the server stays responsive while a large workspace loads
        // and `exit` is never held up by a request the client will not answer any more.
        let this = Backend {
            client: self.client.clone(),
            state: self.state.clone(),
        };
        tokio::spawn(async move {
            if this.state.watch_dynamic.load(Ordering::Relaxed) {
                let watchers = ["**/*.txt", "**/*.md", &format!("**/{CONFIG_FILE}")]
                    .iter()
                    .map(|g| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(g.to_string()),
                        kind: None,
                    })
                    .collect();
                let reg = Registration {
                    id: "copydesk-watch".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(
                        DidChangeWatchedFilesRegistrationOptions { watchers },
                    )
                    .ok(),
                };
                let client = this.client.clone();
                tokio::spawn(async move {
                    let _ = client.register_capability(vec![reg]).await;
                });
            }
            this.load_workspace().await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let path = uri_to_path(&td.uri);
        let version = td.version;
        {
            let mut docs = lock(&self.state.docs);
            docs.insert(
                td.uri.clone(),
                OpenDoc {
                    uri: td.uri.clone(),
                    path: path.clone(),
                    rope: Rope::from_str(&td.text),
                    version,
                },
            );
        }
        lock(&self.state.published).remove(&td.uri);
        write(&self.state.corpus).upsert_draft(&path, td.text, true);
        lock(&self.state.siblings).remove(&path);
        self.schedule(td.uri, version);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let enc = self.state.encoding();
        let inline;
        {
            // Applied synchronously and in order; a change that is not newer is dropped.
            let mut docs = lock(&self.state.docs);
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            if version <= doc.version {
                return;
            }
            for change in params.content_changes {
                match change.range {
                    None => doc.rope = Rope::from_str(&change.text),
                    Some(r) => {
                        let a = rope_char_index(&doc.rope, r.start, enc);
                        let b = rope_char_index(&doc.rope, r.end, enc);
                        let (a, b) = (a.min(b), a.max(b));
                        doc.rope.remove(a..b);
                        doc.rope.insert(a, &change.text);
                    }
                }
            }
            doc.version = version;
            inline = doc.rope.len_bytes() <= INLINE_CHECK_BYTES;
        }
        if inline {
            // A keystroke in an ordinary draft is checked right here, which takes about a
            // millisecond: no hand-over to another thread and back before publishing.
            if let Some(c) = self.state.check(&uri, Some(version)) {
                publish(&self.state, &self.client, uri, &c).await;
                self.state.free_retired();
            }
        } else {
            self.schedule(uri, version);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        let path = uri_to_path(&uri);
        if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
            if let Some(msg) = self.state.reload_config() {
                self.client.show_message(MessageType::ERROR, msg).await;
            }
            self.recheck_all();
            return;
        }
        // Re-index the saved draft so the workspace sees its new words.
        let text = lock(&self.state.docs).get(&uri).map(|d| rope_text(&d.rope));
        if let Some(text) = text {
            write(&self.state.corpus).upsert_draft(&path, text, true);
            lock(&self.state.siblings).clear();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = lock(&self.state.docs).remove(&uri) else {
            return;
        };
        lock(&self.state.results).remove(&uri);
        lock(&self.state.published).remove(&uri);
        // Unsaved text goes away with the editor: the corpus falls back to the file on disk.
        let max = read(&self.state.corpus).config().files.max_size;
        let on_disk = doc.path.is_file() && self.state.accepts(&doc.path);
        match on_disk.then(|| read_article(&doc.path, max).ok()).flatten() {
            Some(text) => {
                write(&self.state.corpus).upsert(&doc.path, text);
            }
            None => {
                write(&self.state.corpus).remove(&doc.path);
            }
        }
        if self.state.push.load(Ordering::Relaxed) {
            self.client.publish_diagnostics(doc.uri, vec![], None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let settings = params
            .settings
            .get("copydesk")
            .cloned()
            .unwrap_or(params.settings);
        *lock(&self.state.client_rules) = parse_rules(&settings);
        let eff = self.state.effective_config();
        write(&self.state.corpus).set_config(eff);
        self.recheck_all();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        let max = read(&self.state.corpus).config().files.max_size;
        for ch in params.changes {
            let Some(path) = ch.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
                config_changed = true;
                continue;
            }
            if self.state.is_open_path(&path) || !self.state.accepts(&path) {
                continue;
            }
            if ch.typ == FileChangeType::DELETED {
                write(&self.state.corpus).remove(&path);
            } else if let Ok(text) = read_article(&path, max) {
                write(&self.state.corpus).upsert(&path, text);
            }
        }
        if config_changed {
            if let Some(msg) = self.state.reload_config() {
                self.client.show_message(MessageType::ERROR, msg).await;
            }
        }
        lock(&self.state.siblings).clear();
        self.recheck_all();
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let items = self
            .state
            .check(&params.text_document.uri, None)
            .map(|c| self.state.diagnostics(&c))
            .unwrap_or_default();
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(c) = self.state.check(&uri, None) else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let doc = &c.analysis.doc;
        let only = &params.context.only;
        let mut out: Vec<CodeActionOrCommand> = Vec::new();
        if kind_requested(only, CodeActionKind::QUICKFIX.as_str()) {
            let start = doc_offset(doc, params.range.start, enc);
            let end = doc_offset(doc, params.range.end, enc).max(start);
            for f in &c.findings {
                let touches = f.range.start <= end && start <= f.range.end;
                if !touches {
                    continue;
                }
                for a in convert::quickfixes(&uri, doc, f, enc) {
                    out.push(CodeActionOrCommand::CodeAction(a));
                }
                if let Some(w) = &f.word {
                    out.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: format!("Add “{w}” to the house dictionary"),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![convert::diagnostic(doc, f, enc)]),
                        command: Some(Command::new(
                            format!("Add “{w}” to the house dictionary"),
                            CMD_ADD_WORD.into(),
                            Some(vec![json!(w), json!(uri.as_str())]),
                        )),
                        ..Default::default()
                    }));
                }
            }
        }
        if kind_requested(only, FIX_ALL) {
            if let Some(edit) = self.fix_document(&uri, false, &|_| true) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Copydesk: apply every safe fix".into(),
                    kind: Some(CodeActionKind::from(FIX_ALL)),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                        ..Default::default()
                    }),
                    ..Default::default()
                }));
            }
        }
        if kind_requested(only, REMOVE_DEBRIS) {
            if let Some(edit) = self.fix_document(&uri, true, &|f| f.family() == "debris") {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Remove all scraper debris".into(),
                    kind: Some(CodeActionKind::from(REMOVE_DEBRIS)),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                        ..Default::default()
                    }),
                    ..Default::default()
                }));
            }
        }
        Ok(Some(out))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(c) = self.state.check(&p.text_document.uri, None) else {
            return Ok(None);
        };
        let offset = doc_offset(&c.analysis.doc, p.position, self.state.encoding());
        let corpus = read(&self.state.corpus);
        let config = corpus.config().clone();
        let text = eng::hover(&c.analysis, &corpus, &config, offset);
        Ok(text.map(|value| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: None,
        }))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        self.wait_loaded().await;
        let list = self.siblings_json(&uri);
        let items = list.as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            return Ok(Some(vec![]));
        }
        let names: Vec<String> = items
            .iter()
            .take(3)
            .filter_map(|v| v.get("uri").and_then(Value::as_str))
            .map(|u| u.rsplit('/').next().unwrap_or(u).to_string())
            .collect();
        let more = if items.len() > 3 { ", …" } else { "" };
        let title = format!(
            "{} sibling article{}: {}{more}",
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            names.join(", ")
        );
        Ok(Some(vec![CodeLens {
            range: Range::new(Position::new(0, 0), Position::new(0, 0)),
            command: Some(Command::new(
                title,
                CMD_SIBLINGS.into(),
                Some(vec![json!(uri.as_str())]),
            )),
            data: None,
        }]))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let arg = |i: usize| {
            params
                .arguments
                .get(i)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        match params.command.as_str() {
            CMD_SIBLINGS => {
                let Some(uri) = arg(0).and_then(|s| s.parse::<Uri>().ok()) else {
                    return Err(tower_lsp_server::jsonrpc::Error::invalid_params(
                        "copydesk.siblings takes the document URI",
                    ));
                };
                // Before the workspace has loaded the answer would be "none".
                self.wait_loaded().await;
                Ok(Some(self.siblings_json(&uri)))
            }
            CMD_ADD_WORD => {
                let Some(word) = arg(0).filter(|w| !w.trim().is_empty() && !w.contains('\n'))
                else {
                    return Err(tower_lsp_server::jsonrpc::Error::invalid_params(
                        "copydesk.addToDictionary takes a word",
                    ));
                };
                match self.add_word(word.trim()) {
                    Ok(path) => {
                        self.client
                            .log_message(
                                MessageType::INFO,
                                format!("Copydesk: added “{}” to {}", word.trim(), path.display()),
                            )
                            .await;
                        self.recheck_all();
                        Ok(None)
                    }
                    Err(e) => {
                        self.client
                            .show_message(MessageType::ERROR, format!("Copydesk: {e}"))
                            .await;
                        Ok(None)
                    }
                }
            }
            other => Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command {other}"
            ))),
        }
    }
}

impl Backend {
    /// Append a word to the workspace's house dictionary and reload the configuration.
    fn add_word(&self, word: &str) -> std::result::Result<PathBuf, String> {
        let root = lock(&self.state.roots)
            .first()
            .cloned()
            .ok_or("no workspace folder to keep a house dictionary in")?;
        let config = lock(&self.state.file_config).clone();
        let path = config.typo.dictionary_path(&root);
        let mut existing = std::fs::read_to_string(&path).unwrap_or_default();
        if existing.lines().any(|l| l.trim() == word) {
            return Ok(path);
        }
        if !existing.is_empty() && !existing.ends_with('\n') {
            existing.push('\n');
        }
        existing.push_str(word);
        existing.push('\n');
        crate::fsutil::write_atomically(&path, &existing)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let _ = self.state.reload_config();
        Ok(path)
    }
}
