//! Share bars: “Share this”, “Share on Facebook”, “Tweet”, “Copy link”, “Email”, “Print”.
//!
//! ## What it finds
//! Lines made only of sharing words: a verb (share, tweet, pin, email, print, save, copy…),
//! a network (Facebook, X, WhatsApp, LinkedIn, Reddit…) and fillers (on, via, this story,
//! link). A line with a verb and a network or object (“Share on WhatsApp”, “Copy link”,
//! “Email this story”, “Share on FacebookShare”) is a share bar on its own; a single word
//! (“Email”, “Print”, “Facebook”) counts only beside other debris or in the head or tail of
//! the article. Also “Follow us on Instagram” and its kin.
//!
//! ## Why it matters
//! The buttons' labels survive copy and paste as a column of one-word lines above and below
//! the article.
//!
//! ## Example
//! ```text
//! Share this story            <- one block of three lines
//! Share on Facebook
//! Share on X
//! ```
//! Left alone: sentences that use the words (“Share prices fell.”, “Facebook said it would
//! appeal.”) and a lone “Email” in the middle of an article.
//!
//! ## Fix safety
//! Safe when a strong line or its place confirms it; unsafe for single words confirmed by one
//! kind of evidence only.

use super::line::{glued_words, LineView};
use super::scan::{Cand, Pat};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct ShareBar;

impl Rule for ShareBar {
    crate::rule_meta!("debris/share-bar", Severity::Warning, "share_bar.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::ShareBar, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(
        r"^(?:follow|like|find) (?:us )?(?:on|via) (?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|bluesky|mastodon|telegram|whatsapp|flipboard|google news)$",
    ),
    Pat::strong(r"^follow \S+(?: \S+){0,3} on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon)$")
        .words(7)
        .bare(),
    Pat::strong(r"^(?:share|sharing) (?:options|tools|buttons|this story about sharing|about sharing)$"),
    Pat::strong(r"^link (?:copied|copied to clipboard)$"),
    Pat::weak(r"^(?:un)?follow \S+(?: \S+){0,2}(?: for \S+)?$").words(5).bare(),
    Pat::weak(r"^copied$"),
];

const VERBS: &[&str] = &[
    "share",
    "sharing",
    "shares",
    "tweet",
    "retweet",
    "pin",
    "email",
    "e-mail",
    "mail",
    "print",
    "save",
    "saved",
    "copy",
    "copied",
    "send",
    "bookmark",
    "reblog",
    "rebuzz",
    "stumble",
    "flip",
    "like",
    "follow",
    "post",
    "whatsapp",
    "messenger",
];

const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "tumblr",
    "flipboard",
    "messenger",
    "telegram",
    "mastodon",
    "threads",
    "bluesky",
    "pocket",
    "sms",
    "digg",
    "stumbleupon",
    "instagram",
    "youtube",
    "vk",
    "weibo",
    "wechat",
    "viber",
    "google+",
    "email",
    "e-mail",
    "gmail",
    "outlook",
    "snapchat",
    "tiktok",
];

const OBJECTS: &[&str] = &[
    "this", "story", "article", "page", "link", "url", "it", "post", "video", "photo", "gallery",
];

const FILLERS: &[&str] = &[
    "on", "via", "to", "the", "with", "a", "friend", "friends", "more", "by", "now", "options",
    "about", "us", "your", "or", "and", "&",
];

/// The line starts with a sharing verb ("share", "tweet", "email", "print"…).
pub(super) fn starts_with_verb(key: &str) -> bool {
    key.split(' ').next().is_some_and(|w| VERBS.contains(&w))
}

/// Lines made only of sharing words.
pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    if l.words > 10 || l.plain.ends_with('.') || l.plain.ends_with('?') {
        return None;
    }
    let words = glued_words(&l.plain, |w| {
        VERBS.contains(&w) || NETWORKS.contains(&w) || OBJECTS.contains(&w) || FILLERS.contains(&w)
    });
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let (mut verbs, mut nets, mut objects) = (0, 0, 0);
    for w in &words {
        let w = w.as_str();
        let v = VERBS.contains(&w);
        let n = NETWORKS.contains(&w);
        let o = OBJECTS.contains(&w);
        if !(v || n || o || FILLERS.contains(&w)) {
            return None;
        }
        verbs += v as usize;
        nets += (n && !v) as usize;
        objects += o as usize;
    }
    let actions = verbs + nets;
    if actions == 0 {
        return None;
    }
    let repeated = words.len() >= 2 && words.iter().all(|w| *w == words[0]);
    if repeated || (verbs >= 1 && (nets >= 1 || objects >= 1)) || actions >= 2 {
        Some(Cand::strong(Kind::ShareBar))
    } else {
        Some(Cand::weak(Kind::ShareBar))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/share-bar";

    #[test]
    fn finds_share_bars_in_any_wording() {
        let text = "Share this story\n\nShare on WhatsApp\n\nEmail\n\nThe lighthouse keeper retired on Friday after forty years on the island, the trust said.\n\nCopy link\n";
        let f = run(RULE, text);
        assert_eq!(covered(text, &f).len(), 2, "{f:#?}");
        assert!(covered(text, &f)[0].ends_with("Email"));
        assert_eq!(covered(text, &f)[1], "Copy link");
    }

    #[test]
    fn a_column_of_network_names_under_a_share_heading_is_one_bar() {
        // One word a line, no blank lines between: the shape of a menu, but each word is a
        // sharing button, and the heading says so. One block, removed by a safe fix.
        let text = "The lighthouse keeper retired on Friday after forty years on the island, the trust said.\n\nHer successor, a former ferry engineer, starts in March and will live in the keeper's cottage.\n\nThe trust bought the lighthouse from the harbour board in 1998 and has spent two million pounds on its lamp, its tower and the cottage.\n\nVisitors can climb the tower on summer weekends, and the trust plans a small museum in the old fog-signal house next year.\n\nThe retiring keeper said she would stay on the island and help the new keeper through the first winter storms.\n\nShare this:\nFacebook\nX\nEmail\n\nSign up for our Island Briefing newsletter to get the day's top stories in your inbox.\n\n© 2025 Island Press. All rights reserved.\n";
        let f = run(RULE, text);
        assert_eq!(
            covered(text, &f),
            ["Share this:\nFacebook\nX\nEmail"],
            "{f:#?}"
        );
        assert_eq!(
            f[0].fixes[0].applicability,
            crate::engine::finding::Applicability::Safe
        );
        assert!(run("debris/menu", text).is_empty());
    }

    #[test]
    fn glued_labels() {
        let text = "The lighthouse keeper retired on Friday after forty years on the island, the trust said.\n\nShare on FacebookShare\n";
        assert_eq!(run(RULE, text).len(), 1);
    }

    #[test]
    fn words_in_sentences_and_lone_words_mid_story_stay() {
        assert_silent(
            RULE,
            "The lighthouse keeper retired on Friday after forty years on the island, the trust said.\n\nEmail\n\nShare prices fell sharply on Monday as the trust announced a review of its finances.\n\nFacebook said it would appeal.\n",
        );
    }
}
