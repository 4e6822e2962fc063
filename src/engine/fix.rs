//! Applying fixes to text: non-overlapping edits, applied back to front, repeated until no
//! applicable fix is left (or a bound is hit, which means a rule's fixes do not converge).

use super::finding::{Applicability, Edit, Finding};

/// Apply the first applicable fix of each finding. Edits that overlap an edit already taken
/// are skipped (a later pass picks them up). Returns the new text and how many fixes applied.
pub fn apply_fixes(text: &str, findings: &[Finding], include_unsafe: bool) -> (String, usize) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for f in findings {
        let Some(fix) = f.fixes.iter().find(|x| {
            x.applicability == Applicability::Safe
                || (include_unsafe && x.applicability == Applicability::Unsafe)
        }) else {
            continue;
        };
        let clashes = fix.edits.iter().any(|e| {
            chosen.iter().any(|c| {
                overlaps(&c.range, &e.range)
                    || (c.range.is_empty() && e.range.is_empty() && c.range.start == e.range.start)
            })
        });
        if clashes
            || fix.edits.iter().any(|e| {
                e.range.end > text.len()
                    || !text.is_char_boundary(e.range.start)
                    || !text.is_char_boundary(e.range.end)
            })
        {
            continue;
        }
        chosen.extend(fix.edits.iter());
        count += 1;
    }
    (
        apply_edits(text, chosen.into_iter().cloned().collect()),
        count,
    )
}

/// Apply edits that do not overlap.
pub fn apply_edits(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
