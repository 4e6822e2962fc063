//! Output formats for `copydesk check`, one module each. They all read [`FileReport`]s and own
//! the conversion from byte ranges to line/column (1-based lines, 1-based columns counted in
//! Unicode scalar values).

use std::ops::Range;
use std::sync::Arc;

use serde_json::Value;

use crate::engine::document::Document;
use crate::engine::finding::Finding;

pub mod github;
pub mod json;
pub mod pretty;
pub mod sarif;

pub struct FileReport {
    pub doc: Arc<Document>,
    pub findings: Vec<Finding>,
}

/// 1-based line and column (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

pub fn pos(doc: &Document, offset: usize) -> Pos {
    let (l, c) = doc.line_col_chars(offset);
    Pos {
        line: l + 1,
        column: c + 1,
    }
}

pub fn span(doc: &Document, r: &Range<usize>) -> (Pos, Pos) {
    (pos(doc, r.start), pos(doc, r.end))
}

/// A path for display and for machine formats: as given, with forward slashes.
pub fn display_path(doc: &Document) -> String {
    doc.path().to_string_lossy().replace('\\', "/")
}

/// Write `doc` as `serde_json::to_string_pretty` would, plus a final newline, where `doc` holds
/// the string [`ITEMS`] as the only element of one array: that array is filled with `item`'s
/// values for each report, in order. The values are rendered on every core a few hundred
/// files at a time and written as they are, so a workspace's findings are never one `Value`
/// tree or one string in memory (over 10,000 articles those took several times the output's
/// size, hundreds of megabytes).
pub fn write_pretty_streamed<W: std::io::Write>(
    doc: &Value,
    reports: &[FileReport],
    item: impl Fn(&FileReport) -> Vec<Value> + Sync,
    w: &mut W,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    /// Files rendered at once.
    const CHUNK: usize = 256;
    let skeleton = serde_json::to_string_pretty(doc).unwrap_or_default();
    let quoted = format!("\"{ITEMS}\"");
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();
    let Some(at) = skeleton.find(&quoted).filter(|_| total > 0) else {
        // Nothing to stream: the array is empty, written as serde writes it.
        let mut v = doc.clone();
        empty_placeholder(&mut v);
        w.write_all(
            serde_json::to_string_pretty(&v)
                .unwrap_or_default()
                .as_bytes(),
        )?;
        return w.write_all(b"\n");
    };
    let line_start = skeleton[..at].rfind('\n').map_or(0, |i| i + 1);
    let newline = format!("\n{}", &skeleton[line_start..at]);
    w.write_all(&skeleton.as_bytes()[..at])?;
    let mut first = true;
    for chunk in reports.chunks(CHUNK) {
        let parts: Vec<String> = chunk
            .par_iter()
            .map(|r| {
                let mut out = String::new();
                for (i, v) in item(r).iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                        out.push_str(&newline);
                    }
                    let s = serde_json::to_string_pretty(v).unwrap_or_default();
                    // JSON strings never hold a raw newline: every one is a line break to indent.
                    out.push_str(&s.replace('\n', &newline));
                }
                out
            })
            .collect();
        for p in parts.iter().filter(|p| !p.is_empty()) {
            if !first {
                w.write_all(b",")?;
                w.write_all(newline.as_bytes())?;
            }
            first = false;
            w.write_all(p.as_bytes())?;
        }
    }
    w.write_all(&skeleton.as_bytes()[at + quoted.len()..])?;
    w.write_all(b"\n")
}

/// The placeholder [`write_pretty_streamed`] fills.
pub const ITEMS: &str = "@@copydesk-items@@";

/// Empty the array that holds the placeholder, wherever it is in `v`.
fn empty_placeholder(v: &mut Value) {
    match v {
        Value::Array(a) if a.len() == 1 && a[0] == ITEMS => a.clear(),
        Value::Array(a) => a.iter_mut().for_each(empty_placeholder),
        Value::Object(o) => o.values_mut().for_each(empty_placeholder),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::finding::{Edit, Finding, Fix, Related};

    /// Reports over more files than one chunk, some without findings, with quotes,
    /// newlines and non-ASCII text in the messages.
    fn reports() -> Vec<FileReport> {
        (0..600)
            .map(|i| {
                let doc = Arc::new(Document::new(
                    format!("dir {}/a{i}.txt", i % 7),
                    "Tehe “quoted” line\nsecond line\n",
                ));
                let findings = if i % 3 == 0 {
                    vec![]
                } else {
                    vec![
                        Finding::new("typo/spelling", 0..4, format!("“Tehe” {i}: a \"typo\"\n?"))
                            .with_fix(Fix::safe("Change", vec![Edit::replace(0..4, "The")]))
                            .with_related(Related {
                                doc: doc.clone(),
                                range: 5..13,
                                message: "a sibling".into(),
                            }),
                        Finding::new("debris/promo", 20..26, "second"),
                    ]
                };
                FileReport { doc, findings }
            })
            .collect()
    }

    /// The streamed output is what serde's pretty printer writes for the same document.
    #[track_caller]
    fn is_pretty_json(out: &str) {
        let v: Value = serde_json::from_str(out).expect("valid JSON");
        assert_eq!(out, serde_json::to_string_pretty(&v).unwrap() + "\n");
    }

    #[test]
    fn streamed_json_and_sarif_are_serdes_pretty_printing() {
        let reports = reports();
        let json = super::json::render(&reports);
        is_pretty_json(&json);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["findings"].as_array().unwrap().len(), 800);
        let sarif = super::sarif::render(&reports);
        is_pretty_json(&sarif);
        let v: Value = serde_json::from_str(&sarif).unwrap();
        assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 800);
        // In the files' order.
        assert_eq!(
            v["runs"][0]["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"],
            "dir%202/a2.txt"
        );
        // No findings at all: an empty array, as serde writes it.
        for out in [
            super::json::render(&reports[..1]),
            super::sarif::render(&reports[..1]),
        ] {
            is_pretty_json(&out);
            assert!(out.contains("[]"), "{out}");
        }
    }
}
