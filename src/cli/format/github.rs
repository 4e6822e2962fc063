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

/// The annotations, as one string (see [`write`]).
pub fn render(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the pieces are strings, so UTF-8.
    let _ = write(reports, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the annotations to `w` as they are made, so that a workspace's are never one string.
pub fn write(reports: &[FileReport], w: &mut impl std::io::Write) -> std::io::Result<()> {
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
            writeln!(
                w,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&display_path(&r.doc)),
                s.line,
                s.column,
                e.line,
                e.column,
                escape_property(&format!("copydesk {}", f.rule)),
                escape_data(&msg)
            )?;
        }
    }
    Ok(())
}
