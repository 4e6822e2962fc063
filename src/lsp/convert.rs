//! Findings to LSP diagnostics and code actions, in the negotiated position encoding.

use std::collections::HashMap;
use std::path::Path;

use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};

use super::position::{doc_range, Encoding};
use crate::engine::document::Document;
use crate::engine::finding::{Applicability, Finding, Fix, Severity};

pub const SOURCE: &str = "copydesk";

/// A URI for an article path. Paths of documents that are not files (an `untitled:` buffer)
/// are stored as the URI's own text.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_string_lossy();
    if !path.is_absolute() && s.contains(':') {
        if let Ok(u) = s.parse::<Uri>() {
            return Some(u);
        }
    }
    Uri::from_file_path(path)
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn text_edits(doc: &Document, fix: &Fix, enc: Encoding) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|e| TextEdit::new(doc_range(doc, &e.range, enc), e.replacement.clone()))
        .collect()
}

pub fn diagnostic(doc: &Document, f: &Finding, enc: Encoding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    path_to_uri(r.doc.path())?,
                    doc_range(&r.doc, &r.range, enc),
                ),
                message: r.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: doc_range(doc, &f.range, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        // Only the rule: code actions come from the server's own copy of the findings, and
        // writing every fix's edits into every diagnostic was a fifth of a keystroke's work.
        data: Some(json!({ "rule": f.rule })),
    }
}

/// One quick fix per fix of the finding; the safe one is preferred.
pub fn quickfixes(uri: &Uri, doc: &Document, f: &Finding, enc: Encoding) -> Vec<CodeAction> {
    let diag = diagnostic(doc, f, enc);
    f.fixes
        .iter()
        .map(|x| {
            let suffix = match x.applicability {
                Applicability::Safe => "",
                Applicability::Unsafe => "",
                Applicability::DisplayOnly => " (suggestion)",
            };
            CodeAction {
                title: format!("{}{suffix}", x.title),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), text_edits(doc, x, enc))])),
                    ..Default::default()
                }),
                is_preferred: Some(x.applicability == Applicability::Safe),
                ..Default::default()
            }
        })
        .collect()
}

/// A single edit turning `old` into `new`: the changed middle between their common prefix and
/// suffix (on char boundaries), so the editor keeps cursors and folds outside it.
pub fn minimal_edit(doc: &Document, new: &str, enc: Encoding) -> Option<TextEdit> {
    let old = doc.text();
    if old == new {
        return None;
    }
    let mut p = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(p) || !new.is_char_boundary(p) {
        p -= 1;
    }
    let max_s = old.len().min(new.len()) - p;
    let mut s = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_s)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - s) || !new.is_char_boundary(new.len() - s) {
        s -= 1;
    }
    Some(TextEdit::new(
        doc_range(doc, &(p..old.len() - s), enc),
        new[p..new.len() - s].to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_keeps_prefix_and_suffix_on_char_boundaries() {
        let doc = Document::new("t.txt", "héllo wörld");
        let e = minimal_edit(&doc, "héllo wirld", Encoding::Utf16).unwrap();
        assert_eq!(e.new_text, "i");
        assert_eq!(e.range.start.character, 7);
        assert_eq!(e.range.end.character, 8);
        let e = minimal_edit(&doc, "héllo", Encoding::Utf8).unwrap();
        assert_eq!(e.new_text, "");
        assert_eq!(e.range.start.character, 6);
        assert!(minimal_edit(&doc, "héllo wörld", Encoding::Utf8).is_none());
    }
}
