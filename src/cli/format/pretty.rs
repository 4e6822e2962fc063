//! `--format pretty`: `path:line:col`, a caret snippet and the fix, coloured on a terminal.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{display_path, pos, FileReport};

use crate::engine::finding::Severity;

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

/// The report, as one string (see [`write`]).
pub fn render(reports: &[FileReport], color: bool) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the pieces are strings, so UTF-8.
    let _ = write(reports, color, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the report to `w` finding by finding, so that a workspace's is never one string.
pub fn write(
    reports: &[FileReport],
    color: bool,
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let mut counts = [0usize; 4];
    let mut fixable = 0;
    for rep in reports {
        let doc = &rep.doc;
        let text = doc.text();
        let path = display_path(doc);
        for f in &rep.findings {
            counts[f.severity as usize] += 1;
            if f.fixes
                .iter()
                .any(|x| x.applicability == crate::engine::finding::Applicability::Safe)
            {
                fixable += 1;
            }
            // Render only the lines the finding touches: snippets of huge files stay cheap.
            let first = doc.line_of(f.range.start);
            let last = doc.line_of(f.range.end.max(f.range.start));
            let slice_start = doc.line_start(first);
            let slice_end = doc.line_range(last).end.max(slice_start);
            let source = &text[slice_start..slice_end];
            let s = f.range.start.saturating_sub(slice_start).min(source.len());
            let e = f
                .range
                .end
                .saturating_sub(slice_start)
                .clamp(s, source.len());
            let mut group = level(f.severity)
                .primary_title(f.message.as_str())
                .id(f.rule)
                .element(
                    Snippet::source(source)
                        .line_start(first + 1)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(s..e)),
                );
            for x in &f.fixes {
                group = group.element(Level::HELP.message(format!(
                    "fix ({}): {}",
                    x.applicability.as_str(),
                    x.title
                )));
            }
            let mut report: Vec<Group> = vec![group];
            for r in &f.related {
                let rp = pos(&r.doc, r.range.start);
                report.push(Group::with_title(Level::NOTE.secondary_title(format!(
                    "{}:{}:{}: {}",
                    display_path(&r.doc),
                    rp.line,
                    rp.column,
                    r.message
                ))));
            }
            write!(w, "{}\n\n", renderer.render(&report))?;
        }
    }
    let total: usize = counts.iter().sum();
    if total == 0 {
        writeln!(
            w,
            "No findings in {} file{}.",
            reports.len(),
            if reports.len() == 1 { "" } else { "s" }
        )
    } else {
        writeln!(
            w,
            "{total} finding{} in {} file{} ({} error, {} warning, {} info, {} hint); {fixable} with a safe fix (`copydesk check --fix`).",
            if total == 1 { "" } else { "s" },
            reports.len(),
            if reports.len() == 1 { "" } else { "s" },
            counts[3], counts[2], counts[1], counts[0],
        )
    }
}
