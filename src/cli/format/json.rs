//! `--format json`: the versioned contract CI scripts build on.
//!
//! ```json
//! {"version": 1, "findings": [{"path", "rule", "severity", "message",
//!   "range": {"start": {"line", "column"}, "end": {"line", "column"}},
//!   "fixes": [{"title", "applicability", "edits": [{"range", "replacement"}]}],
//!   "related": [{"path", "range", "message"}]}]}
//! ```
//! Lines are 1-based, columns 1-based in Unicode scalar values. New fields may be added within a
//! version; none is removed or changes meaning without a new `version`.

use serde_json::{json, Value};

use super::{display_path, span, FileReport};
use crate::engine::document::Document;

pub const VERSION: u32 = 1;

fn range(doc: &Document, r: &std::ops::Range<usize>) -> Value {
    let (s, e) = span(doc, r);
    json!({"start": {"line": s.line, "column": s.column}, "end": {"line": e.line, "column": e.column}})
}

pub fn findings_value(reports: &[FileReport]) -> Value {
    let mut findings = Vec::new();
    for r in reports {
        let doc = &r.doc;
        for f in &r.findings {
            findings.push(json!({
                "path": display_path(doc),
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "range": range(doc, &f.range),
                "fixes": f.fixes.iter().map(|x| json!({
                    "title": x.title,
                    "applicability": x.applicability.as_str(),
                    "edits": x.edits.iter().map(|e| json!({
                        "range": range(doc, &e.range),
                        "replacement": e.replacement,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "related": f.related.iter().map(|x| json!({
                    "path": display_path(&x.doc),
                    "range": range(&x.doc, &x.range),
                    "message": x.message,
                })).collect::<Vec<_>>(),
            }));
        }
    }
    json!({"version": VERSION, "findings": findings})
}

pub fn render(reports: &[FileReport]) -> String {
    let mut s = serde_json::to_string_pretty(&findings_value(reports)).unwrap_or_default();
    s.push('\n');
    s
}
