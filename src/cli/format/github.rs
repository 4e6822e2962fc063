//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use super::{display_path, span, FileReport};
use crate::engine::finding::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for f in &r.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let (s, e) = span(&r.doc, &f.range);
            let mut msg = f.message.clone();
            if let Some(fix) = f.fixes.first() {
                msg.push_str(&format!(
                    "\nFix ({}): {}",
                    fix.applicability.as_str(),
                    fix.title
                ));
            }
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&display_path(&r.doc)),
                s.line,
                s.column,
                e.line,
                e.column,
                escape_property(&format!("copydesk {}", f.rule)),
                escape_data(&msg)
            ));
        }
    }
    out
}
