//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, with rule metadata, related
//! locations and fixes. Columns are Unicode code points (`columnKind: unicodeCodePoints`).

use serde_json::{json, Value};

use super::{display_path, span, FileReport};
use crate::engine::document::Document;
use crate::engine::finding::Severity;
use crate::engine::rules::registry;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A relative URI reference for a path: forward slashes, reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.strip_prefix("./").map(str::to_string).unwrap_or(out)
}

fn region(doc: &Document, r: &std::ops::Range<usize>) -> Value {
    let (s, e) = span(doc, r);
    json!({"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column})
}

fn location(doc: &Document, r: &std::ops::Range<usize>) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": {"uri": uri(&display_path(doc))},
        "region": region(doc, r),
    }})
}

/// The SARIF log, as one string (see [`write`]).
pub fn render(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the pieces are JSON text, so UTF-8.
    let _ = write(reports, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// One SARIF result per finding of `rep`.
fn results(rep: &FileReport) -> Vec<Value> {
    let rules = &registry().rules;
    let doc = &rep.doc;
    let mut out = Vec::new();
    for f in &rep.findings {
        let index = rules.iter().position(|r| r.id() == f.rule);
        let mut result = json!({
            "ruleId": f.rule,
            "level": level(f.severity),
            "message": {"text": f.message},
            "locations": [location(doc, &f.range)],
        });
        if let Some(i) = index {
            result["ruleIndex"] = json!(i);
        }
        if !f.related.is_empty() {
            result["relatedLocations"] = f
                .related
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let mut l = location(&x.doc, &x.range);
                    l["id"] = json!(i + 1);
                    l["message"] = json!({"text": x.message});
                    l
                })
                .collect();
        }
        if !f.fixes.is_empty() {
            result["fixes"] = f
                .fixes
                .iter()
                .map(|x| {
                    json!({
                        "description": {"text": format!("{} ({})", x.title, x.applicability.as_str())},
                        "artifactChanges": [{
                            "artifactLocation": {"uri": uri(&display_path(doc))},
                            "replacements": x.edits.iter().map(|e| json!({
                                "deletedRegion": region(doc, &e.range),
                                "insertedContent": {"text": e.replacement},
                            })).collect::<Vec<_>>(),
                        }],
                    })
                })
                .collect();
        }
        out.push(result);
    }
    out
}

/// Write the SARIF log to `w`, result by result (see [`super::write_pretty_streamed`]): as one
/// `Value` tree, 10,000 articles' results took close to 900 MB.
pub fn write(reports: &[FileReport], w: &mut impl std::io::Write) -> std::io::Result<()> {
    let rule_meta: Vec<Value> = registry()
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id().replace('/', "-"),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.summary()},
                "help": {"text": r.doc(), "markdown": r.doc()},
                "defaultConfiguration": {"level": level(r.default_severity())},
            })
        })
        .collect();
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/copydesk/copydesk",
                "rules": rule_meta,
            }},
            "columnKind": "unicodeCodePoints",
            "results": [super::ITEMS],
        }],
    });
    super::write_pretty_streamed(&v, reports, results, w)
}
