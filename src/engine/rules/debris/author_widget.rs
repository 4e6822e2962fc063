//! An author widget: a bare name doubling the byline (“Ana Ruiz” next to “By Ana Ruiz”), or
//! the author's box after the article (bio, contact line, a second byline).
//!
//! ## What it finds
//! - A line that is only a person's name (two to five capitalised words, particles such as
//!   “de” or “van” allowed) within three lines of a byline for the same name (“By Ana Ruiz”,
//!   “Written by Ana Ruiz, Lisbon”), or a second identical byline. The byline stays.
//! - After the article's last paragraph: the author's bio (“Ana Ruiz is a reporter for The
//!   Ledger based in Lisbon.”), a contact line (“Email ana@ledger.example // Twitter
//!   @anaruiz”, a bare “@anaruiz”), and a byline repeated there. A bio counts only as the
//!   last paragraph or below it, and only when the person is not named anywhere else in the
//!   article's prose.
//!
//! ## Why it matters
//! Article pages show the author twice: a profile widget with the bare name and the byline
//! proper, and often an author box under the story. Pasted together they make the draft's
//! head look like a stutter, and another outlet's bio and e-mail address end up in the copy.
//!
//! ## Example
//! ```text
//! Ana Ruiz           <- author widget
//! By Ana Ruiz        <- byline (kept)
//! …
//! Ana Ruiz is a staff reporter for The Ledger.      <- author box
//! Contact Ana Ruiz at ana.ruiz@ledger.example       <- author box
//! ```
//! Left alone: a name line with no byline for the same person, names in prose, a closing
//! paragraph about someone the story is about (“Ruiz is a reporter who was detained in
//! May.”, with Ruiz named earlier), and contact lines inside the article.
//!
//! ## Fix safety
//! Safe for the bare name next to the byline (the byline stays) and for contact lines;
//! unsafe for a bio and a repeated byline after the article, which the editor may mean to
//! keep (an opinion piece's tagline).

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Cand, Pass};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct AuthorWidget;

impl Rule for AuthorWidget {
    crate::rule_meta!(
        "debris/author-widget",
        Severity::Warning,
        "author_widget.rs"
    );

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::AuthorWidget, out);
    }
}

const NAME: &str = r"\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|van|von|der|den|da|del|della|la|le|du|di|dos|bin|al|el|ibn)){1,4}";

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:by|written by|words by|story by|reporting by)\s+({NAME})"
    ))
    .expect("byline regex")
});

static BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({NAME})$")).expect("name regex"));

fn byline_name(plain: &str) -> Option<String> {
    let head = plain.get(..8).unwrap_or(plain).to_ascii_lowercase();
    if !["by ", "written", "words by", "story by", "reportin"]
        .iter()
        .any(|p| head.starts_with(p))
    {
        return None;
    }
    let c = BYLINE.captures(plain)?;
    let name = c.get(1)?.as_str();
    // Stop the name at a following "and", comma or bar: "By Ana Ruiz and Tom Hale".
    Some(name.to_lowercase())
}

/// “Ana Ruiz is a staff reporter for …”: a name, then a role within a few words.
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^({NAME}),? (?:is|was|has been|covers) (?:a|an|the)?(?: [\p{{L}}-]+){{0,5}}? (?:reporter|correspondent|editor|writer|columnist|contributor|journalist|producer|photographer|critic|author|chief|anchor|host)s?(?-u:\b)"
    ))
    .expect("bio regex")
});

/// An e-mail address or a social handle.
static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(:])(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30})(?:$|[\s).,;/|])")
        .expect("handle regex")
});

/// A contact line: “Email ana@ledger.example // Twitter @anaruiz”, “Contact Ana Ruiz at …”,
/// or handles and addresses alone.
fn is_contact(l: &super::line::LineView<'_>) -> bool {
    const LEADS: &[&str] = &[
        "email", "e-mail", "contact", "follow", "twitter", "write to", "reach", "x:", "x @",
    ];
    if l.words > 14 || l.words == 0 || !HANDLE.is_match(&l.plain) {
        return false;
    }
    let key = l.key.as_str();
    LEADS.iter().any(|w| key.starts_with(w))
        || l.plain
            .split_whitespace()
            .all(|w| w.contains('@') || w.chars().all(|c| !c.is_alphanumeric()))
}

/// The author's box under the article: a bio as the last paragraph (about someone the prose
/// does not name), contact lines and a repeated byline after it.
fn author_box(p: &mut Pass<'_>) {
    let Some(last) = p.last_body else { return };
    let n = p.len();
    // Walk up from the end over the tail, then at most two closing paragraphs.
    let mut prose_seen = 0;
    let mut i = n;
    while i > 0 {
        i -= 1;
        if p.st[i].protected || !p.free(i) {
            continue;
        }
        let l = &p.lines[i];
        if i > last && is_contact(l) {
            p.set(i, Cand::strong(Kind::AuthorWidget));
            continue;
        }
        if i > last && byline_name(&l.plain).is_some() {
            p.set(i, Cand::strong(Kind::AuthorWidget).uncertain());
            continue;
        }
        if i >= last.saturating_sub(3) && l.words <= 60 {
            if let Some(c) = BIO.captures(&l.plain) {
                let name = c.get(1).map_or("", |m| m.as_str());
                if !named_elsewhere(p, i, name) {
                    p.set(i, Cand::strong(Kind::AuthorWidget).uncertain());
                    continue;
                }
            }
        }
        if p.lines[i].is_prose() {
            prose_seen += 1;
            if prose_seen >= 2 {
                break;
            }
        }
    }
}

/// A word of the name (three letters or more, capitalised) appears in another prose line.
fn named_elsewhere(p: &Pass<'_>, at: usize, name: &str) -> bool {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3 && w.starts_with(char::is_uppercase))
        .collect();
    (0..p.len()).any(|j| {
        j != at
            && p.lines[j].is_prose()
            && p.lines[j]
                .plain
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
                .any(|t| words.contains(&t))
    })
}

pub(super) fn mark(p: &mut Pass<'_>) {
    author_box(p);
    let n = p.len();
    for i in 0..n {
        let Some(name) = byline_name(&p.lines[i].plain) else {
            continue;
        };
        let lo = i.saturating_sub(3);
        let hi = (i + 3).min(n - 1);
        for j in lo..=hi {
            if j == i || !p.free(j) {
                continue;
            }
            let plain = p.lines[j].plain.trim();
            let bare =
                plain.len() == name.len() && BARE.is_match(plain) && plain.to_lowercase() == name;
            let twice = j > i && byline_name(plain).is_some_and(|m| m == name);
            if bare || twice {
                p.set(j, Cand::strong(Kind::AuthorWidget));
                p.st[j].related = Some((p.lines[i].range.clone(), "the byline it doubles".into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, covered, run};

    const RULE: &str = "debris/author-widget";

    #[test]
    fn keeps_the_byline_and_drops_the_widget() {
        assert_fixed(
            RULE,
            "Harbour city elects its first woman mayor\nAna de la Cruz\nBy Ana de la Cruz\nVoters chose a former teacher.\n",
            "Harbour city elects its first woman mayor\nBy Ana de la Cruz\nVoters chose a former teacher.\n",
        );
        let text = "By Tom Hale, Lisbon\n\nMarch 3, 2025\n\nTom Hale\n";
        assert_eq!(run(RULE, text).len(), 1);
    }

    const STORY: &str = "The harbour board approved the new ferry timetable on Tuesday after a long debate about fares, staffing and the winter crossings.\n\nCaptain Rhys Morgan said the crews were ready for the change, though the first sailing would leave forty minutes earlier.\n";

    #[test]
    fn finds_the_author_box_under_the_story() {
        let text = format!(
            "{STORY}\nAna Ruiz is a senior transport reporter for The Coast Ledger, which she joined in 2019 after six years at a news agency.\n\nEmail ana.ruiz@ledger.example // Twitter @anaruiz\n\nBy Ana Ruiz\n\n@anaruiz\n"
        );
        let f = run(RULE, &text);
        let c = covered(&text, &f);
        assert_eq!(c.len(), 1, "{f:#?}");
        assert!(
            c[0].starts_with("Ana Ruiz is") && c[0].ends_with("\n@anaruiz"),
            "{c:?}"
        );
        use crate::engine::finding::Applicability;
        assert_eq!(f[0].fixes[0].applicability, Applicability::Unsafe);
        // The contact line alone is a safe fix; with the bio, the block is not.
        let text = format!("{STORY}\nContact Ana Ruiz at ana.ruiz@ledger.example\n");
        let f = run(RULE, &text);
        assert_eq!(
            covered(&text, &f),
            ["Contact Ana Ruiz at ana.ruiz@ledger.example"]
        );
        assert_eq!(f[0].fixes[0].applicability, Applicability::Safe);
    }

    #[test]
    fn a_closing_paragraph_about_the_storys_own_people_stays() {
        // The person the bio names is in the story: the last paragraph is the story's.
        assert_silent(
            RULE,
            "The court in Valmora released Tomas Berg on bail on Monday, three months after his arrest at the border.\n\nBerg, who denies spying, thanked his family and his colleagues outside the court.\n\nTomas Berg is a reporter for the Northern Courier who has covered the region for a decade.\n",
        );
        // Contact lines inside the article, and a byline at the top.
        assert_silent(
            RULE,
            &format!("By Ana Ruiz\n\n{STORY}\nEmail your questions to ferries@ledger.example and we will answer them next week.\n\n{STORY}"),
        );
    }

    #[test]
    fn names_without_a_matching_byline_stay() {
        assert_silent(
            RULE,
            "Harbour city elects its first woman mayor\nAna Ruiz\nBy Tom Hale\nAna Ruiz said she was proud of the result.\n",
        );
    }
}
