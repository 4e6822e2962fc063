//! Finding and reading a workspace's articles: `**/*.txt` and `**/*.md` by default (configurable
//! in `[files]`), honouring `.gitignore`, never entering `.git`, `target` or `node_modules`.
//! Files that are not text (a NUL byte, invalid UTF-8) or are too large are skipped with a
//! reason, never half-read.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::config::FilesConfig;

#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

pub struct FileFilter {
    include: GlobSet,
    exclude: GlobSet,
}

impl FileFilter {
    pub fn new(files: &FilesConfig) -> Result<FileFilter, String> {
        let build = |globs: &[String]| -> Result<GlobSet, String> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| format!("bad glob {g:?}: {e}"))?);
                // `**/*.txt` should match `a.txt` at the root as well.
                if let Some(rest) = g.strip_prefix("**/") {
                    b.add(Glob::new(rest).map_err(|e| format!("bad glob {g:?}: {e}"))?);
                }
            }
            b.build().map_err(|e| e.to_string())
        };
        Ok(FileFilter {
            include: build(&files.include)?,
            exclude: build(&files.exclude)?,
        })
    }

    /// `rel` is the path relative to the workspace root.
    pub fn accepts(&self, rel: &Path) -> bool {
        self.include.is_match(rel) && !self.exclude.is_match(rel)
    }
}

const NEVER_ENTER: &[&str] = &[".git", "target", "node_modules"];

/// Every article below `root` that the filter accepts, sorted. `root` may be a file, which is
/// returned as is when it is text (named files are checked whatever their extension).
pub fn discover(root: &Path, filter: &FileFilter) -> (Vec<PathBuf>, Vec<Skipped>) {
    discover_to(root, filter, None)
}

/// [`discover`], entering folders at most `depth` levels below `root` (`Some(1)`: only the
/// folder's own files).
pub fn discover_to(
    root: &Path,
    filter: &FileFilter,
    depth: Option<usize>,
) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    if root.is_file() {
        files.push(root.to_path_buf());
        return (files, skipped);
    }
    if !root.exists() {
        skipped.push(Skipped {
            path: root.to_path_buf(),
            reason: "no such file or directory".into(),
        });
        return (files, skipped);
    }
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .max_depth(depth)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && NEVER_ENTER.contains(&e.file_name().to_string_lossy().as_ref()))
        })
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                if filter.accepts(rel) {
                    files.push(e.path().to_path_buf());
                }
            }
            Err(err) => skipped.push(Skipped {
                path: root.to_path_buf(),
                reason: err.to_string(),
            }),
        }
    }
    (files, skipped)
}

/// Read an article: UTF-8 text (a leading BOM dropped) no larger than `max_size` bytes.
pub fn read_article(path: &Path, max_size: u64) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > max_size {
        return Err(format!(
            "too large ({} bytes; the limit is {max_size}, set [files] max_size to raise it)",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    decode_article(bytes)
}

/// Bytes to article text, refusing binary data and invalid UTF-8.
pub fn decode_article(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_invalid_utf8_are_refused() {
        assert!(decode_article(b"ab\0c".to_vec())
            .unwrap_err()
            .contains("binary"));
        assert!(decode_article(vec![b'a', 0xff, b'b'])
            .unwrap_err()
            .contains("offset 1"));
        assert_eq!(
            decode_article("\u{feff}hi".as_bytes().to_vec()).unwrap(),
            "hi"
        );
    }

    #[test]
    fn discovery_honours_globs_gitignore_and_skips_target() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        std::fs::create_dir_all(r.join("target")).unwrap();
        std::fs::create_dir_all(r.join("sub")).unwrap();
        std::fs::write(r.join("a.txt"), "a").unwrap();
        std::fs::write(r.join("sub/b.md"), "b").unwrap();
        std::fs::write(r.join("sub/c.rs"), "c").unwrap();
        std::fs::write(r.join("target/d.txt"), "d").unwrap();
        std::fs::write(r.join("ignored.txt"), "e").unwrap();
        std::fs::write(r.join(".gitignore"), "ignored.txt\n").unwrap();
        let f = FileFilter::new(&FilesConfig::default()).unwrap();
        let (files, _) = discover(r, &f);
        let names: Vec<String> = files
            .iter()
            .map(|p| {
                p.strip_prefix(r)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(names, vec!["a.txt", "sub/b.md"]);
    }
}

/// Articles read and prepared per batch: enough to keep both cores busy, few enough that a
/// batch's texts and index entries are a small part of the corpus.
const BATCH: usize = 256;

/// Read, analyse and prepare articles (see [`super::corpus::prepare`]) in parallel, handing
/// them to `sink` in batches, in the order of `paths`, each result the prepared article or why
/// the file was skipped. The next batch is prepared while `sink` takes the last one, and no
/// analysis outlives its batch, so memory stays that of the corpus being built.
pub fn load_prepared(
    paths: &[PathBuf],
    max_size: u64,
    progress: &(dyn Fn() + Sync),
    mut sink: impl FnMut(Vec<Result<super::corpus::Prepared, Skipped>>) + Send,
) {
    use rayon::prelude::*;
    use std::sync::Arc;
    let prepare = |batch: &[PathBuf]| -> Vec<Result<super::corpus::Prepared, Skipped>> {
        batch
            .par_iter()
            .map(|p| {
                let r = read_article(p, max_size)
                    .map(|text| {
                        let a = super::analysis::Analysis::new(Arc::new(
                            super::document::Document::new(p, text),
                        ));
                        super::corpus::prepare(&a)
                    })
                    .map_err(|reason| Skipped {
                        path: p.clone(),
                        reason,
                    });
                progress();
                r
            })
            .collect()
    };
    let mut pending: Option<Vec<_>> = None;
    for batch in paths.chunks(BATCH) {
        let last = pending.take();
        let (next, ()) = rayon::join(
            || prepare(batch),
            || {
                if let Some(l) = last {
                    sink(l)
                }
            },
        );
        pending = Some(next);
    }
    if let Some(l) = pending {
        sink(l);
    }
}
