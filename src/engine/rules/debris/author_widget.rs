//! An author widget: a bare name doubling the byline (“Ana Ruiz” next to “By Ana Ruiz”), or
//! the author's box after the article (bio, contact line, a second byline).
//!
//! ## What it finds
//! - A line that is only a person's name (two to five capitalised words, particles such as
//!   “de” or “van” allowed) within three lines of a byline for the same name (“By Ana Ruiz”,
//!   “Written by Ana Ruiz, Lisbon”), or a second identical byline. The byline stays.
//! - After the article's last paragraph: the author's bio (“Ana Ruiz is a reporter for The
//!   Ledger based in Lisbon.”), a contact line (“Email ana@ledger.example // Twitter
//!   @anaruiz”, a bare “@anaruiz”, without a closing full stop), and a repeat of the byline
//!   given at the top. A bio names a role and the outlet (“… reporter for The Ledger”, “…
//!   is the Ledger's transport correspondent”, “… covers transport for The Ledger”), and
//!   counts only as the last paragraph or below it, when the person is named nowhere else in
//!   the article's prose, the line quotes or reports no one (“said”, “says”) and names no
//!   one else the story names, and fewer than half its words are the story's.
//! - The same bio run into the last paragraph with no space after its full stop (“… by
//!   March.Ana Ruiz covers transport for The Ledger.”): only the bio is marked.
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
//! May.”, with Ruiz named earlier, or a line that quotes or names the story's people),
//! taglines without an outlet (“… is the author of …”, “… is a freelance writer based in
//! Oban.”), the outlet's own invitations (“Write to Ana at …. Letters may be edited.”), a
//! line starting “By” that repeats no byline, and contact lines inside the article.
//!
//! ## Fix safety
//! Safe for the bare name next to the byline (the byline stays). Unsafe for the author box
//! after the article: the editor may mean to keep a tagline or the outlet's own contact
//! line.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Action, Cand, Pass};
use super::Kind;
use crate::engine::finding::Edit;
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

pub(super) fn byline_name(plain: &str) -> Option<String> {
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

/// “Ana Ruiz is a staff reporter for The Ledger”, “… is the Ledger's transport reporter”,
/// “Ana Ruiz covers transport for The Ledger”: a name, a role, and the outlet.
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    const ROLE: &str = "(?:reporter|correspondent|editor|writer|columnist|contributor|journalist|producer|photographer|critic|anchor)s?";
    const OUTLET: &str = r"(?:for|at|with) (?i:the )?\p{Lu}";
    Regex::new(&format!(
        r"^({NAME}),? (?:(?:is|was|has been) (?i:a|an|the)?(?: [\p{{L}}'’-]+){{0,5}}? {ROLE} {OUTLET}|(?:is|was) (?i:the) \p{{Lu}}[\p{{L}}. ]*?['’]s(?: [\p{{L}}-]+){{0,4}} {ROLE}(?-u:\b)|(?:covers|writes about|reports on) [^.]{{0,80}}? {OUTLET})"
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
    if l.ends_sentence() {
        return false; // "Email us at … or call …." is the article's own invitation
    }
    let key = &*l.key;
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
            p.set(i, Cand::strong(Kind::AuthorWidget).uncertain());
            continue;
        }
        if i > last
            && byline_name(&l.plain).is_some_and(|name| {
                (0..i).any(|k| byline_name(&p.lines[k].plain).is_some_and(|m| m == name))
            })
        {
            p.set(i, Cand::strong(Kind::AuthorWidget).uncertain());
            continue;
        }
        if i >= last.saturating_sub(3)
            && l.words <= 60
            && stranger_bio(p, i, &l.plain)
            && p.overlap(i).is_some_and(|o| o < 0.5)
        {
            p.set(i, Cand::strong(Kind::AuthorWidget).uncertain());
            continue;
        }
        if p.lines[i].is_prose() {
            prose_seen += 1;
            if prose_seen >= 2 {
                break;
            }
        }
    }
}

/// `text` (a line of `p`, line `at`, or its end) is a bio ([`BIO`]) of someone the story does
/// not name, quoting no one and naming no one else the story names.
fn stranger_bio(p: &Pass<'_>, at: usize, text: &str) -> bool {
    if quotes(text) {
        return false;
    }
    let Some(c) = BIO.captures(text) else {
        return false;
    };
    let name = c.get(1).map_or("", |m| m.as_str());
    // What the line says after the role and the outlet's name.
    // (The match ends just after the outlet's capital, which may be several bytes.)
    let end = c.get(0).map_or(0, |m| m.end());
    let from = text[..end].char_indices().last().map_or(0, |(k, _)| k);
    let rest = after_outlet(&text[from..]);
    !named_elsewhere(p, at, name) && !names_the_story(p, at, rest)
}

/// `text` without the capitalised words it starts with (“Velo Wire, covering …” → “,
/// covering …”).
fn after_outlet(text: &str) -> &str {
    let mut rest = text;
    loop {
        let t = rest.trim_start();
        let w = t.split_whitespace().next().unwrap_or("");
        let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || !(word.starts_with(char::is_uppercase) || word == "of") {
            return t;
        }
        rest = &t[word.len()..];
    }
}

/// The line names someone or something the story names elsewhere (a capitalised word the
/// dictionary does not know) in `rest`, what it says besides the name, role and outlet: then
/// it is the story's paragraph.
fn names_the_story(p: &Pass<'_>, at: usize, rest: &str) -> bool {
    let names: Vec<&str> = split_words(rest)
        .filter(|w| {
            w.chars().count() >= 3
                && w.starts_with(char::is_uppercase)
                && !crate::engine::rules::typo::dictionary::check(&w.to_lowercase())
        })
        .collect();
    in_other_prose(p, at, &names)
}

/// One of `words` appears in a prose line other than `at`.
fn in_other_prose(p: &Pass<'_>, at: usize, words: &[&str]) -> bool {
    !words.is_empty()
        && (0..p.len()).any(|j| {
            j != at
                && p.lines[j].is_prose()
                && split_words(&p.lines[j].plain).any(|t| words.contains(&t))
        })
}

/// Words, possessives reduced to the name (“Morgan's” → “Morgan”).
fn split_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .filter(|w| !w.is_empty())
}

/// The line quotes or reports someone (“…,” he said; she says; told; according to): a bio
/// does not.
fn quotes(plain: &str) -> bool {
    const SAYS: &[&str] = &["said", "says", "told", "according"];
    plain.contains(['"', '“', '”']) || split_words(plain).any(|w| SAYS.contains(&w))
}

/// A word of the name (three letters or more, capitalised) appears in another prose line.
fn named_elsewhere(p: &Pass<'_>, at: usize, name: &str) -> bool {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3 && w.starts_with(char::is_uppercase))
        .collect();
    in_other_prose(p, at, &words)
}

/// A bio run into the article's last paragraph with no space (“… by March.Ana Ruiz covers
/// transport for The Ledger.”): the author box pasted onto the story's last line. Only the
/// bio is marked, with the guards [`author_box`] applies to a bio of its own line.
fn glued_bio(p: &mut Pass<'_>) {
    let Some(last) = p.last_body else { return };
    if p.st[last].protected || !p.free(last) {
        return;
    }
    let l = &p.lines[last];
    let raw = l.raw;
    let glue = raw.char_indices().find_map(|(k, c)| {
        let at = k + c.len_utf8();
        let rest = &raw[at..];
        // Sentence-final punctuation after a sentence of three words or more, then a capital.
        (matches!(c, '.' | '!' | '?' | ')' | '”' | '"')
            && rest.starts_with(char::is_uppercase)
            && raw[..k].split_whitespace().count() >= 3
            && !raw[..k].ends_with(|x: char| x.is_uppercase()))
        .then_some(at)
        .filter(|_| BIO.is_match(rest))
    });
    let Some(at) = glue else { return };
    if !stranger_bio(p, last, &raw[at..]) {
        return;
    }
    let start = p.lines[last].range.start + at;
    let end = p.lines[last].range.end;
    let mut c = Cand::strong(Kind::AuthorWidget).uncertain();
    c.action = Action::Edit {
        range: start..end,
        edits: vec![Edit::delete(start..end)],
        title: "Remove the author's bio glued to the last paragraph".into(),
    };
    p.set(last, c);
}

pub(super) fn mark(p: &mut Pass<'_>) {
    author_box(p);
    glued_bio(p);
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
    use crate::engine::testing::{assert_fixed, assert_one_block, assert_silent, covered, run};

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

    const STORY: &str = "The harbour board approved the new ferry timetable on Tuesday after a long debate about fares, staffing and the winter crossings.\n\nCaptain Rhys Morgan said the crews were ready for the change, though the first sailing would leave forty minutes earlier.\n\nIslanders who commute to the mainland hospital asked for a later return crossing on weekdays, and the board promised to review the request in spring.\n";

    #[test]
    fn finds_a_bio_glued_to_the_last_paragraph() {
        // The page ran the story's last paragraph and the author box together, no space.
        let glued = "Ana Ruiz covers transport and the ports for the Coast Ledger. Reach her at ana.ruiz@ledger.example.";
        let text = format!("{}.{glued}\n", STORY.trim_end().trim_end_matches('.'));
        let f = run(RULE, &text);
        assert_eq!(covered(&text, &f), [glued], "{f:#?}");
        assert!(
            f[0].message.contains("“Ana Ruiz covers"),
            "{}",
            f[0].message
        );
        use crate::engine::finding::Applicability;
        assert_eq!(f[0].fixes[0].applicability, Applicability::Unsafe);
        let fixed = crate::engine::fix::apply_edits(&text, f[0].fixes[0].edits.clone());
        assert_eq!(fixed, STORY);
        // Left alone: the story's own closing sentence about someone it names, and a glued
        // sentence that is no bio.
        for tail in [
            "Rhys Morgan covers the night crossings for the Harbour Board, he said.",
            "The board meets again in May.",
        ] {
            let text = format!("{}.{tail}\n", STORY.trim_end().trim_end_matches('.'));
            assert!(run(RULE, &text).is_empty(), "{tail}");
        }
    }

    #[test]
    fn a_bio_is_found_under_a_byline_and_outlet_line_for_the_same_writer() {
        // The byline and the outlet's name at the top are the writer's words, not the
        // story's: the bio under the story is not the story's for sharing them.
        let bio = "Anna Ruizova covers fares and staffing for the Coast Range Ledger. Reach her at aruizova@ledger.example or 555-0142.";
        let text = format!("By Anna Ruizova\nCoast Range Ledger\n\n{STORY}\n{bio}\n");
        assert_eq!(covered(&text, &run(RULE, &text)), [bio]);
    }

    #[test]
    fn finds_the_author_box_under_the_story() {
        let text = format!(
            "Written by Ana Ruiz\n\n{STORY}\nAna Ruiz is a senior transport reporter for The Coast Ledger, which she joined in 2019 after six years at a news agency.\n\nEmail ana.ruiz@ledger.example // Twitter @anaruiz\n\nBy Ana Ruiz\n\n@anaruiz\n"
        );
        let f = assert_one_block(RULE, &text, "Ana Ruiz is", "\n@anaruiz");
        use crate::engine::finding::Applicability;
        assert_eq!(f.fixes[0].applicability, Applicability::Unsafe);
        // Other shapes of a bio.
        for bio in [
            "Ana Ruiz covers transport and the ports for the Coast Ledger.",
            "Ana Ruiz is the Coast Ledger's transport correspondent.",
        ] {
            let text = format!("{STORY}\n{bio}\n");
            assert_eq!(covered(&text, &run(RULE, &text)), [bio]);
        }
        // An outlet whose name starts with a letter of several bytes.
        let bio = "Ana Ruiz is a transport reporter for Écho Côtier.";
        let text = format!("{STORY}\n{bio}\n");
        assert_eq!(covered(&text, &run(RULE, &text)), [bio]);
        let text = format!("{STORY}\nContact Ana Ruiz at ana.ruiz@ledger.example\n");
        let f = run(RULE, &text);
        assert_eq!(
            covered(&text, &f),
            ["Contact Ana Ruiz at ana.ruiz@ledger.example"]
        );
        assert_eq!(f[0].fixes[0].applicability, Applicability::Unsafe);
    }

    #[test]
    fn a_closing_paragraph_about_the_storys_own_people_stays() {
        // The person the bio names is in the story: the last paragraph is the story's.
        assert_silent(
            RULE,
            "The court in Valmora released Tomas Berg on bail on Monday, three months after his arrest at the border.\n\nBerg, who denies spying, thanked his family and his colleagues outside the court.\n\nTomas Berg is a reporter for the Northern Courier who has covered the region for a decade.\n",
        );
        // Named only here, but the line is the story's: it quotes, or it shares the story's
        // words.
        assert_silent(
            RULE,
            &format!("{STORY}\nLena Holm was a reporter at the Ferry Gazette for thirty years. \"The crossings were never this early,\" she said.\n"),
        );
        assert_silent(
            RULE,
            &format!("{STORY}\nLena Holm is a correspondent for Radio Skerry who sailed with Captain Morgan's crews on the first early crossing.\n"),
        );
        assert_silent(
            RULE,
            &format!("{STORY}\nLena Holm is a correspondent for Radio Skerry and shared a cabin with Morgan in 2019.\n"),
        );
        assert_silent(
            RULE,
            &format!("{STORY}\nLena Holm is a correspondent for Radio Skerry who says the early sailing is the first change in a decade.\n"),
        );
        assert_silent(
            RULE,
            &format!("{STORY}\nLena Holm is a correspondent for Radio Skerry, where the board's new ferry timetable and the debate about fares, staffing and winter crossings led the news.\n"),
        );
        // Taglines that are no author box: a book, a freelance writer without an outlet.
        assert_silent(
            RULE,
            &format!("{STORY}\nLena Holm is the author of The Night Ferry, a history of the island crossings.\n"),
        );
        assert_silent(
            RULE,
            &format!("{STORY}\nLena Holm is a freelance writer based in Oban.\n"),
        );
        // The outlet's own invitations, and a byline that repeats none.
        assert_silent(
            RULE,
            &format!("By Ana Ruiz\n\n{STORY}\nEmail your questions to ferries@ledger.example and we will answer them next week.\n\n{STORY}"),
        );
        assert_silent(
            RULE,
            &format!(
                "{STORY}\nWrite to Ana at asks@ledger.example. Letters may be edited for length.\n"
            ),
        );
        assert_silent(
            RULE,
            &format!("By Ana Ruiz\n\n{STORY}\nBy The Numbers\n\nWords by Tom Hale\n"),
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
