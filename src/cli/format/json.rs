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

fn finding_value(doc: &Document, f: &crate::engine::finding::Finding) -> Value {
    json!({
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
    })
}

pub fn findings_value(reports: &[FileReport]) -> Value {
    let findings: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| finding_value(&r.doc, f)))
        .collect();
    json!({"version": VERSION, "findings": findings})
}

/// The whole output, as `serde_json::to_string_pretty(&findings_value(reports))` would write
/// it (see [`write`]).
pub fn render(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the pieces are JSON text, so UTF-8.
    let _ = write(reports, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the whole output to `w`, finding by finding (see [`super::write_pretty_streamed`]).
pub fn write(reports: &[FileReport], w: &mut impl std::io::Write) -> std::io::Result<()> {
    let doc = json!({"version": VERSION, "findings": [super::ITEMS]});
    super::write_pretty_streamed(
        &doc,
        reports,
        |r| {
            r.findings
                .iter()
                .map(|f| finding_value(&r.doc, f))
                .collect()
        },
        w,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::finding::{Edit, Finding, Fix, Related};
    use std::sync::Arc;

    #[test]
    fn parallel_rendering_matches_serde_pretty_printing() {
        let a = Arc::new(Document::new("a.txt", "Tehe “quoted”\nline two\n"));
        let b = Arc::new(Document::new("dir/b.md", "clean\n"));
        let c = Arc::new(Document::new("c.txt", "one two\n"));
        let reports = vec![
            FileReport {
                doc: a.clone(),
                findings: vec![
                    Finding::new("typo/spelling", 0..4, "“Tehe”: a \"typo\"\n?")
                        .with_fix(Fix::safe("Change", vec![Edit::replace(0..4, "The")]))
                        .with_related(Related {
                            doc: c.clone(),
                            range: 0..3,
                            message: "a sibling".into(),
                        }),
                    Finding::new("style/x", 14..18, "second"),
                ],
            },
            FileReport {
                doc: b,
                findings: vec![],
            },
            FileReport {
                doc: c,
                findings: vec![Finding::new("debris/y", 4..7, "third")],
            },
        ];
        let expected = serde_json::to_string_pretty(&findings_value(&reports)).unwrap() + "\n";
        assert_eq!(render(&reports), expected);
        let none = &reports[1..2];
        let expected = serde_json::to_string_pretty(&findings_value(none)).unwrap() + "\n";
        assert_eq!(render(none), expected);
    }
}
