//! Markup residue: empty bullets, HTML tags and entities, shortcodes, template braces.
//!
//! Entities such as `&nbsp;` and `&amp;`, `[embed]`-style shortcodes, `{{ … }}` placeholders.
//!
//! ## What it finds
//! - a line that is only a list bullet (“-”, “•”, “*”) or an empty numbered item (“3.”);
//! - HTML tags of page layout (`<div>`, `<span class=…>`, `<br/>`, `<a href=…>`, `<img …>`);
//! - HTML entities (`&nbsp;`, `&amp;`, `&#8217;`, `&rsquo;`);
//! - WordPress-style shortcodes (`[embed]…[/embed]`, `[caption id=…]`, `[gallery ids="…"]`);
//! - template placeholders (`{{ author_name }}`, `{% include ad %}`, `${headline}`).
//!
//! A line made only of such residue goes whole; elsewhere only the residue goes. Markdown
//! links, editors' brackets in quotations (“[the plan]”, “[sic]”) and code spans are left
//! alone.
//!
//! ## Why it matters
//! A scraper that reads a page's source rather than its rendered text leaves its mark-up
//! behind, and it survives into print as stray symbols.
//!
//! ## Example
//! ```text
//! The plan&nbsp;was approved.     ->   The plan was approved.
//! -                               <- empty bullet, deleted
//! ```
//!
//! ## Fix safety
//! Safe: entities are replaced by the character they stand for; tags, shortcodes and
//! placeholders are deleted; empty bullets go with their line.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::line::LineView;
use super::scan::{Cand, Pat};
use super::Kind;
use crate::engine::analysis::Analysis;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Markup;

impl Rule for Markup {
    crate::rule_meta!("debris/markup", Severity::Warning, "markup.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Markup, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[Pat::weak(r"^[\[\]{}()<>|]$").needs_company()];

/// Tags of page layout (not every `<word>`).
pub(super) static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)</?(?:a|b|br|div|span|p|img|figure|figcaption|iframe|script|style|section|article|aside|header|footer|nav|ul|ol|li|table|tr|td|th|tbody|thead|em|strong|i|blockquote|cite|h[1-6]|hr|source|picture|video|audio|noscript|button|form|input|label|svg|path|meta|link|font|center)(?:\s[^<>]*)?/?>",
    )
    .expect("tag regex")
});

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,9});")
        .expect("entity regex")
});

static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\[(/?)(embed|caption|gallery|video|audio|playlist|youtube|vimeo|tweet|instagram|soundcloud|iframe|related|ad|ads|adsense|shortcode|contact-form|contact-form-7|mc4wp_form|vc_[a-z_]+|et_pb_[a-z_]+|fusion_[a-z_]+|su_[a-z_]+|wp_[a-z_]+)(?:\s[^\[\]]*)?/?\]",
    )
    .expect("shortcode regex")
});

static TEMPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{[^{}\n]*\}\}|\{%[^{}\n]*%\}|\$\{[^{}\n]*\}").expect("template regex")
});

/// The text an entity stands for, if it is one we know.
pub(super) fn decode_entity(e: &str) -> Option<String> {
    let body = e.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        let c = char::from_u32(v)?;
        if c.is_control() && c != '\t' {
            return None;
        }
        return Some(if c == '\u{a0}' {
            " ".into()
        } else {
            c.to_string()
        });
    }
    let s = match body {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "amp" => "&",
        "quot" => "\"",
        "lt" => "<",
        "gt" => ">",
        "apos" => "'",
        "rsquo" => "’",
        "lsquo" => "‘",
        "ldquo" => "“",
        "rdquo" => "”",
        "sbquo" => "‚",
        "bdquo" => "„",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "deg" => "°",
        "middot" => "·",
        "bull" => "•",
        "laquo" => "«",
        "raquo" => "»",
        "shy" | "zwj" | "zwnj" => "",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "eacute" => "é",
        "egrave" => "è",
        "ecirc" => "ê",
        "aacute" => "á",
        "agrave" => "à",
        "acirc" => "â",
        "oacute" => "ó",
        "ocirc" => "ô",
        "uacute" => "ú",
        "iacute" => "í",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "szlig" => "ß",
        "Eacute" => "É",
        "Uuml" => "Ü",
        "Ouml" => "Ö",
        "Auml" => "Ä",
        _ => return None,
    };
    Some(s.to_string())
}

pub(super) fn decode_entities(s: &str) -> String {
    ENTITY
        .replace_all(s, |c: &regex::Captures<'_>| {
            decode_entity(&c[0]).unwrap_or_else(|| c[0].to_string())
        })
        .into_owned()
}

/// One piece of residue in a line: where, and what replaces it.
struct Piece {
    range: Range<usize>,
    replacement: String,
}

/// Residue in `s` (offsets relative to `s`).
fn pieces(s: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    if s.contains('<') {
        for m in TAG.find_iter(s) {
            out.push(Piece {
                range: m.range(),
                replacement: String::new(),
            });
        }
    }
    if s.contains('&') {
        for m in ENTITY.find_iter(s) {
            if let Some(r) = decode_entity(m.as_str()) {
                out.push(Piece {
                    range: m.range(),
                    replacement: r,
                });
            }
        }
    }
    if s.contains('[') {
        let mut skip_to = 0;
        for c in SHORTCODE.captures_iter(s) {
            let m = c.get(0).expect("match");
            if m.start() < skip_to {
                continue;
            }
            // Not a Markdown link or image: "[video](url)", "![ad](x)".
            if s[m.end()..].starts_with('(') || s[..m.start()].ends_with('!') {
                continue;
            }
            let mut range = m.range();
            if c.get(1).is_some_and(|x| x.as_str().is_empty()) {
                let close = format!("[/{}]", &c[2]);
                if let Some(k) = s[m.end()..].find(&close) {
                    range.end = m.end() + k + close.len();
                }
            }
            skip_to = range.end;
            out.push(Piece {
                range,
                replacement: String::new(),
            });
        }
    }
    if s.contains('{') {
        for m in TEMPLATE.find_iter(s) {
            out.push(Piece {
                range: m.range(),
                replacement: String::new(),
            });
        }
    }
    out.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));
    // Drop pieces inside earlier ones (a tag inside a shortcode pair).
    let mut kept: Vec<Piece> = Vec::new();
    for p in out {
        if kept.last().is_some_and(|k| p.range.start < k.range.end) {
            continue;
        }
        kept.push(p);
    }
    kept
}

fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

const BULLETS: &[&str] = &[
    "-", "*", "+", "•", "·", "‣", "◦", "▪", "●", "○", "■", "□", "–",
];

/// A line that is nothing but residue.
pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    let raw = l.raw;
    if BULLETS.contains(&raw) {
        return Some(Cand::strong(Kind::Markup));
    }
    // Icon-font glyphs (Private Use Area) with nothing else on the line.
    if raw.len() <= 40
        && raw.chars().any(is_private_use)
        && raw
            .chars()
            .all(|c| is_private_use(c) || c.is_whitespace() || !c.is_alphanumeric())
    {
        return Some(Cand::strong(Kind::Markup));
    }
    let b = raw.as_bytes();
    if (2..=3).contains(&b.len())
        && b[..b.len() - 1].iter().all(u8::is_ascii_digit)
        && matches!(b[b.len() - 1], b'.' | b')')
    {
        return Some(Cand::strong(Kind::Markup));
    }
    if !raw.contains(['<', '&', '[', '{']) {
        return None;
    }
    let ps = pieces(raw);
    if ps.is_empty() {
        return None;
    }
    let mut rest = String::new();
    let mut at = 0;
    for p in &ps {
        rest.push_str(&raw[at..p.range.start]);
        if !p.replacement.trim().is_empty() {
            rest.push_str(&p.replacement);
        }
        at = p.range.end;
    }
    rest.push_str(&raw[at..]);
    (!rest.chars().any(char::is_alphanumeric)).then(|| Cand::strong(Kind::Markup))
}

/// Residue inside a line that stays: one finding per line, one edit per piece.
pub(super) fn inline(a: &Analysis, l: &LineView<'_>, out: &mut Vec<(Kind, Finding)>) {
    if !l.facts.markup {
        return;
    }
    let base = l.range.start;
    let ps: Vec<Piece> = pieces(l.raw)
        .into_iter()
        .filter(|p| !a.is_ignored(&(base + p.range.start..base + p.range.end)))
        .collect();
    let (Some(first), Some(last)) = (ps.first(), ps.last()) else {
        return;
    };
    let range = base + first.range.start..base + last.range.end;
    let shown: Vec<&str> = ps.iter().take(3).map(|p| &l.raw[p.range.clone()]).collect();
    let more = if ps.len() > 3 { " …" } else { "" };
    let message = format!(
        "{} left by the scraper: {}{more}",
        Kind::Markup.noun(),
        shown
            .iter()
            .map(|s| format!("“{}”", s.chars().take(40).collect::<String>()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let edits = ps
        .iter()
        .map(|p| {
            let mut start = p.range.start;
            // "by {{ name }} for" -> "by for", not "by  for".
            if p.replacement.is_empty()
                && l.raw[..start].ends_with(' ')
                && (l.raw[p.range.end..].is_empty()
                    || l.raw[p.range.end..].starts_with([' ', '.', ',', ';', ':', '!', '?']))
            {
                start -= 1;
            }
            Edit::replace(base + start..base + p.range.end, p.replacement.clone())
        })
        .collect();
    let title = if ps.len() == 1 {
        "Clean up the markup".to_string()
    } else {
        format!("Clean up the markup ({} pieces)", ps.len())
    };
    out.push((
        Kind::Markup,
        Finding::new(Kind::Markup.id(), range, message).with_fix(Fix::safe(title, edits)),
    ));
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, run};

    const RULE: &str = "debris/markup";

    #[test]
    fn empty_bullets_go() {
        assert_fixed(
            RULE,
            "Did you know?\n-\nThe harbour is 400 years old.\n-\nIt was rebuilt in 1850.\n",
            "Did you know?\nThe harbour is 400 years old.\nIt was rebuilt in 1850.\n",
        );
    }

    #[test]
    fn entities_tags_shortcodes_and_braces() {
        assert_fixed(
            RULE,
            "The plan&nbsp;was approved by R&amp;D staff.\n",
            "The plan was approved by R&D staff.\n",
        );
        assert_fixed(
            RULE,
            "The mayor <span class=\"hl\">spoke</span> on Sunday.<br/>\n",
            "The mayor spoke on Sunday.\n",
        );
        assert_fixed(
            RULE,
            "Watch the launch.\n[embed]https://video.example/launch[/embed]\nIt went well.\n",
            "Watch the launch.\nIt went well.\n",
        );
        assert_fixed(
            RULE,
            "Written by {{ author_name }} for the desk.\n",
            "Written by for the desk.\n",
        );
        assert_eq!(run(RULE, "<div class=\"ad-slot\"></div>\n").len(), 1);
    }

    #[test]
    fn brackets_links_and_code_stay() {
        assert_silent(
            RULE,
            "“[The plan] will work,” she said. He called it “a disaster [sic].”\n[Video](https://example.com/v) of the launch.\nUse `&nbsp;` in HTML.\nAT&T and R&D are fine. 1. The first point stands.\n",
        );
    }
}
