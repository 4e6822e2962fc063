//! `copydesk check` and `copydesk siblings`: load the workspace, run the engine, report or fix.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::format::{self, FileReport};
use super::{CheckArgs, ColorChoice, Format, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::engine::config::Config;
use crate::engine::corpus::Corpus;
use crate::engine::workspace::{discover, discover_to, load_prepared, FileFilter};
use crate::engine::{self, fix_until_stable};

const STDIN: &str = "-";

/// The configuration for a run: `--config`, else the nearest copydesk.toml above `start`.
pub fn load_config(explicit: Option<&Path>, start: &Path) -> Result<Config, String> {
    let found = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
            let dir = if abs.is_dir() {
                abs
            } else {
                abs.parent().map(Path::to_path_buf).unwrap_or(abs)
            };
            Config::find(&dir)
        }
    };
    let Some(path) = found else {
        let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let root = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        return Config::default_for_root(&root).map_err(|e| e.to_string());
    };
    let (config, warnings) = Config::load(&path).map_err(|e| e.to_string())?;
    for w in warnings {
        eprintln!("copydesk: warning: {w}");
    }
    Ok(config)
}

/// `p` relative to the current folder when it lies below it, so reported paths stay short.
fn relative_to_cwd(p: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return p.to_path_buf();
    };
    match p.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Ok(rel) => rel.to_path_buf(),
        Err(_) => p.to_path_buf(),
    }
}

/// Identity of a path for de-duplication (the same file named two ways).
fn key(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

struct Loaded {
    corpus: Corpus,
    /// Display paths of the articles to report on, in order.
    targets: Vec<PathBuf>,
    had_error: bool,
}

fn load(args: &CheckArgs, config: Config, stdin_text: Option<String>) -> Loaded {
    let filter = match FileFilter::new(&config.files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("copydesk: [files]: {e}");
            return Loaded {
                corpus: Corpus::default(),
                targets: vec![],
                had_error: true,
            };
        }
    };
    let mut had_error = false;
    let mut targets: Vec<PathBuf> = Vec::new();
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdin>"));
    for p in &paths {
        if p.as_os_str() == STDIN {
            continue;
        }
        if !p.exists() {
            eprintln!(
                "copydesk: error: {}: no such file or directory",
                p.display()
            );
            had_error = true;
            continue;
        }
        let (files, skipped) = discover(p, &filter);
        for s in skipped {
            eprintln!(
                "copydesk: warning: skipped {}: {}",
                s.path.display(),
                s.reason
            );
        }
        for f in files {
            // Normalise `./a.txt` to `a.txt` for display, the way users expect.
            let f = f.strip_prefix(".").map(Path::to_path_buf).unwrap_or(f);
            let k = key(&f);
            if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(k) {
                e.insert(targets.len());
                targets.push(f);
            }
        }
    }
    let mut extra: Vec<PathBuf> = Vec::new();
    // Articles loaded from a named file's folder, not asked for: one that cannot be read is
    // left out without a word (the user named the draft, not its neighbours).
    let mut unasked: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let ws = args
        .workspace
        .clone()
        .or_else(|| config.root().map(Path::to_path_buf))
        .map(|p| relative_to_cwd(&p));
    // Without a workspace or a copydesk.toml, a named file's siblings are the articles of its
    // own folder (not the folders below it, which may be a whole home directory), as with
    // `copydesk siblings`: checking one draft must not silently lose every sibling rule.
    let roots: Vec<(PathBuf, Option<usize>)> = match ws {
        Some(ws) => vec![(ws, None)],
        None => {
            let mut named: Vec<&Path> = paths
                .iter()
                .filter(|p| p.as_os_str() != STDIN && p.is_file())
                .map(PathBuf::as_path)
                .collect();
            // Standard input has a folder only when it is given a name.
            if stdin_text.is_some() && args.stdin_filename.is_some() {
                named.push(&stdin_name);
            }
            let mut folders: Vec<PathBuf> = Vec::new();
            let mut folder_keys: std::collections::HashSet<PathBuf> = Default::default();
            for p in named {
                let dir = p
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                if folder_keys.insert(key(dir)) {
                    folders.push(dir.to_path_buf());
                }
            }
            folders.into_iter().map(|f| (f, Some(1))).collect()
        }
    };
    for (root, depth) in roots {
        let (files, _) = discover_to(&root, &filter, depth);
        for f in files {
            // `./a.txt` as `a.txt`, as the named files are shown.
            let f = match depth {
                Some(_) => f.strip_prefix(".").map(Path::to_path_buf).unwrap_or(f),
                None => f,
            };
            let k = key(&f);
            if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(k.clone()) {
                e.insert(usize::MAX);
                if depth.is_some() {
                    unasked.insert(k);
                }
                extra.push(f);
            }
        }
    }
    let stdin_key = stdin_text.as_ref().map(|_| key(&stdin_name));

    let config = Arc::new(config);
    let all: Vec<PathBuf> = targets
        .iter()
        .chain(extra.iter())
        .filter(|p| Some(key(p)) != stdin_key)
        .cloned()
        .collect();
    let show_progress = !args.no_progress && std::io::stderr().is_terminal() && all.len() > 200;
    let bar = show_progress.then(|| {
        let b = indicatif::ProgressBar::new(all.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} reading {pos}/{len} articles {wide_bar}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let explicit: Vec<PathBuf> = paths.iter().map(|p| key(p)).collect();
    let mut corpus = Corpus::new(config.clone());
    let mut failed: Vec<PathBuf> = Vec::new();
    load_prepared(&all, config.files.max_size, &tick, |batch| {
        for r in batch {
            match r {
                Ok(p) => corpus.insert_prepared(p),
                Err(s) => {
                    let named = explicit.contains(&key(&s.path));
                    if named || !unasked.contains(&key(&s.path)) {
                        eprintln!(
                            "copydesk: {}: {}: {}",
                            if named { "error" } else { "warning: skipped" },
                            s.path.display(),
                            s.reason
                        );
                    }
                    had_error |= named;
                    failed.push(s.path);
                }
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    targets.retain(|t| !failed.contains(t));
    if let Some(text) = stdin_text {
        corpus.upsert(&stdin_name, text);
        targets.push(stdin_name);
    }
    Loaded {
        corpus,
        targets,
        had_error,
    }
}

/// Whether a rule panicked on some file, each one named on standard error as it happens.
#[derive(Default)]
struct Panics(std::sync::atomic::AtomicBool);

impl Panics {
    fn report(&self, doing: &str, path: &Path, msg: &str) {
        eprintln!(
            "copydesk: error: internal error while {doing} {}: {msg} (please report this with \
             the file)",
            path.display()
        );
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    fn happened(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// How much smaller the memos are in `check` (a right shift of their capacities).
const SHRINK: u32 = 5;
/// Analyses kept beyond those in use: each file is checked once, by one of a few threads, and
/// its siblings are asked for while it is.
const CACHE: usize = 64;

/// Rounds of `check --fix` over the workspace at most (see `run`).
const FIX_ROUNDS: usize = 5;

pub fn run(args: &CheckArgs) -> i32 {
    let uses_stdin = args.paths.iter().any(|p| p.as_os_str() == STDIN);
    let start = args
        .stdin_filename
        .clone()
        .filter(|_| uses_stdin)
        .or_else(|| args.paths.iter().find(|p| p.as_os_str() != STDIN).cloned())
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match load_config(args.config.as_deref(), &start) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("copydesk: error: {e}");
            return EXIT_ERROR;
        }
    };
    let stdin_text = if uses_stdin {
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
            eprintln!("copydesk: error: reading standard input: {e}");
            return EXIT_ERROR;
        }
        match crate::engine::workspace::decode_article(buf) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("copydesk: error: standard input: {e}");
                return EXIT_ERROR;
            }
        }
    } else {
        None
    };
    // Nothing comes back for what the memos keep between keystrokes.
    crate::engine::hashing::shrink_memos(SHRINK);
    let Loaded {
        mut corpus,
        targets,
        had_error,
    } = load(args, config, stdin_text);
    let config = corpus.config().clone();
    corpus.set_cache_capacity(CACHE);

    // A rule's panic on one file is reported and fails the run; the other files are checked.
    let panicked = Panics::default();
    if args.fix {
        let stdin_name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdin>"));
        let is_stdin = |t: &PathBuf| uses_stdin && *t == stdin_name;
        let mut files = std::collections::BTreeSet::new();
        let mut total = 0;
        let mut write_error = false;
        // A fix in one file can change what its siblings' findings say (a sibling that now
        // writes "percent from" backs a fix elsewhere): rounds over the workspace until one
        // changes nothing, so a second run has nothing left to fix.
        for round in 0..FIX_ROUNDS {
            let fixes: Vec<(PathBuf, String, usize)> = targets
                .par_iter()
                .filter_map(|t| {
                    let a = corpus.get(t)?;
                    // A file a rule panics on is left as it is. The report below names it; with
                    // standard input there is no report, so it is named here.
                    let fixed = engine::caught(|| {
                        fix_until_stable(a.clone(), &corpus, &config, args.unsafe_fixes)
                    });
                    let (text, n) = fixed.unwrap_or_else(|msg| {
                        if uses_stdin && round == 0 {
                            panicked.report("fixing", t, &msg);
                        }
                        (a.doc.text().to_string(), 0)
                    });
                    (n > 0).then(|| (t.clone(), text, n))
                })
                .collect();
            let mut applied = 0;
            for (path, text, n) in fixes {
                if is_stdin(&path) {
                    total += n;
                    applied += n;
                    corpus.upsert(&path, text);
                    continue;
                }
                match crate::fsutil::write_atomically(&path, &text) {
                    Ok(()) => {
                        files.insert(path.clone());
                        total += n;
                        applied += n;
                        corpus.upsert(&path, text);
                    }
                    Err(e) => {
                        eprintln!("copydesk: error: writing {}: {e}", path.display());
                        write_error = true;
                    }
                }
            }
            if applied == 0 || write_error {
                break;
            }
            if round + 1 == FIX_ROUNDS {
                eprintln!(
                "copydesk: warning: fixes still changing the files after {FIX_ROUNDS} rounds; run `check --fix` again"
            );
            }
        }
        // Standard input always comes back out, fixed or not: `check --fix -` sits in
        // pipelines, and an empty output would lose the text.
        if uses_stdin {
            if let Some(a) = corpus.get(&stdin_name) {
                print!("{}", a.doc.text());
                let _ = std::io::stdout().flush();
            }
        }
        let files = files.len();
        eprintln!(
            "copydesk: applied {total} fix{} in {files} file{}",
            if total == 1 { "" } else { "es" },
            if files == 1 { "" } else { "s" }
        );
        if uses_stdin {
            return if write_error || had_error || panicked.happened() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
        if write_error {
            return EXIT_ERROR;
        }
    }

    let reports: Vec<FileReport> = targets
        .par_iter()
        .filter_map(|t| {
            let a = corpus.get(t)?;
            match engine::caught(|| engine::check(&a, &corpus, &config)) {
                Ok(findings) => Some(FileReport {
                    doc: a.doc.clone(),
                    findings,
                }),
                Err(msg) => {
                    panicked.report("checking", t, &msg);
                    None
                }
            }
        })
        .collect();
    let had_error = had_error || panicked.happened();

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        // Every format is written as it is rendered: over 10,000 articles the output is tens
        // of megabytes, which `check` would otherwise hold as a tree and a string.
        Format::Json => format::json::write(&reports, &mut stdout),
        Format::Pretty => format::pretty::write(&reports, color, &mut stdout),
        Format::Sarif => format::sarif::write(&reports, &mut stdout),
        Format::Github => format::github::write(&reports, &mut stdout),
    };
    if written.and_then(|_| stdout.flush()).is_err() {
        return EXIT_ERROR;
    }
    if had_error {
        return EXIT_ERROR;
    }
    let failing = args.fail_on.threshold().is_some_and(|t| {
        reports
            .iter()
            .any(|r| r.findings.iter().any(|f| f.severity >= t))
    });
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// `copydesk siblings FILE`.
pub fn siblings(file: &Path, workspace: Option<&Path>, config_path: Option<&Path>) -> i32 {
    let config = match load_config(config_path, file) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("copydesk: error: {e}");
            return EXIT_ERROR;
        }
    };
    if !file.is_file() {
        eprintln!("copydesk: error: {}: not a file", file.display());
        return EXIT_ERROR;
    }
    // Without a workspace or a copydesk.toml, `load` looks in the file's own folder, as
    // `check` does.
    let root = workspace.map(Path::to_path_buf);
    let args = CheckArgs {
        paths: vec![file.to_path_buf()],
        format: Format::Pretty,
        fail_on: super::FailOn::Never,
        fix: false,
        unsafe_fixes: false,
        config: None,
        stdin_filename: None,
        workspace: root,
        color: ColorChoice::Never,
        no_progress: false,
    };
    let loaded = load(&args, config, None);
    if loaded.had_error {
        return EXIT_ERROR;
    }
    let Some(a) = loaded.targets.first().and_then(|t| loaded.corpus.get(t)) else {
        return EXIT_ERROR;
    };
    let sibs = loaded.corpus.siblings(&a);
    if sibs.is_empty() {
        println!("{}: no sibling articles", file.display());
        return EXIT_CLEAN;
    }
    println!(
        "{}: {} sibling article{}",
        file.display(),
        sibs.len(),
        if sibs.len() == 1 { "" } else { "s" }
    );
    for s in &sibs {
        println!(
            "  {:.2}  {}  {}",
            s.score,
            s.analysis.doc.path().display(),
            s.analysis.title()
        );
    }
    EXIT_CLEAN
}
