//! In-text suppression comments:
//!
//! - `<!-- copydesk-disable-next-line [RULE ...] -->` silences the next non-blank line;
//! - `<!-- copydesk-disable [RULE ...] -->` … `<!-- copydesk-enable [RULE ...] -->` silences a region
//!   (to the end of the article when never re-enabled).
//!
//! RULE is a rule id (`typo/sibling`) or a family (`debris`); several may be given, separated by
//! spaces or commas; none means every rule.

use std::ops::Range;

use super::document::Document;

#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// (byte range silenced, rules; empty = all)
    regions: Vec<(Range<usize>, Vec<String>)>,
}

impl Suppressions {
    pub fn parse(doc: &Document) -> Suppressions {
        let text = doc.text();
        let mut regions = Vec::new();
        // Open `disable` regions: (start, rules).
        let mut open: Vec<(usize, Vec<String>)> = Vec::new();
        let mut i = 0;
        while let Some(s) = memchr::memmem::find(&text.as_bytes()[i..], b"<!--") {
            let start = i + s;
            let Some(e) = text[start..].find("-->") else {
                break;
            };
            let end = start + e + 3;
            let body = text[start + 4..start + e].trim();
            i = end;
            let mut words = body.split(|c: char| c.is_whitespace() || c == ',');
            let directive = words.next().unwrap_or("");
            let rules: Vec<String> = words
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            match directive {
                "copydesk-disable-next-line" => {
                    // The next non-blank line after the comment's own line.
                    let mut line = doc.line_of(end) + 1;
                    while line < doc.line_count() && doc.line_text(line).trim().is_empty() {
                        line += 1;
                    }
                    if line < doc.line_count() {
                        regions.push((doc.line_range_full(line), rules));
                    }
                }
                "copydesk-disable" => open.push((end, rules)),
                "copydesk-enable" => {
                    if rules.is_empty() {
                        for (s, r) in open.drain(..) {
                            regions.push((s..start, r));
                        }
                    } else if let Some(pos) = open.iter().rposition(|(_, r)| *r == rules) {
                        let (s, r) = open.remove(pos);
                        regions.push((s..start, r));
                    } else {
                        // Re-enabling part of a blanket disable: close the blanket region here and
                        // keep the others silenced.
                        if let Some(pos) = open.iter().rposition(|(_, r)| r.is_empty()) {
                            let (s, r) = open.remove(pos);
                            regions.push((s..start, r));
                        }
                    }
                }
                _ => {}
            }
        }
        for (s, r) in open {
            regions.push((s..text.len(), r));
        }
        Suppressions { regions }
    }

    pub fn is_suppressed(&self, rule: &str, range: &Range<usize>) -> bool {
        self.regions.iter().any(|(r, rules)| {
            r.start <= range.start
                && range.start < r.end.max(r.start + 1)
                && (rules.is_empty() || rules.iter().any(|x| rule_matches(x, rule)))
        })
    }
}

/// `pattern` names `rule` itself or its family.
pub fn rule_matches(pattern: &str, rule: &str) -> bool {
    pattern == rule
        || rule
            .strip_prefix(pattern)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_and_regions() {
        let text = "AAA\n<!-- copydesk-disable-next-line typo -->\n\nBBB\nCCC\n<!-- copydesk-disable debris/share -->\nDDD\n<!-- copydesk-enable debris/share -->\nEEE\n";
        let d = Document::new("t.md", text);
        let s = Suppressions::parse(&d);
        let at = |w: &str| {
            let o = text.find(w).unwrap();
            o..o + 1
        };
        assert!(!s.is_suppressed("typo/sibling", &at("AAA")));
        assert!(s.is_suppressed("typo/sibling", &at("BBB")));
        assert!(!s.is_suppressed("debris/share", &at("BBB")));
        assert!(!s.is_suppressed("typo/sibling", &at("CCC")));
        assert!(s.is_suppressed("debris/share", &at("DDD")));
        assert!(!s.is_suppressed("debris/other", &at("DDD")));
        assert!(!s.is_suppressed("debris/share", &at("EEE")));
    }

    #[test]
    fn family_prefix_is_not_a_substring_match() {
        assert!(rule_matches("typo", "typo/sibling"));
        assert!(!rule_matches("typ", "typo/sibling"));
        assert!(rule_matches("typo/sibling", "typo/sibling"));
    }
}
