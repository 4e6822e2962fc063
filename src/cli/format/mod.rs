//! Output formats for `copydesk check`, one module each. They all read [`FileReport`]s and own
//! the conversion from byte ranges to line/column (1-based lines, 1-based columns counted in
//! Unicode scalar values).

use std::ops::Range;
use std::sync::Arc;

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
