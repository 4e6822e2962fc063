//! Newsletter, subscription and paywall boxes: “Sign up for …”, “Subscribe”, consent notes.
//!
//! For example “Sign up for …”, “Subscribe”, “By registering … you agree to the Privacy
//! Policy”, “You have 2 free articles left”.
//!
//! ## What it finds
//! - sign-up calls: a short line that starts with “Sign up”, “Subscribe” or “Register” and
//!   names a newsletter, an inbox or a product rather than making a statement (“Sign up for
//!   the Morning Brief”, “Subscribe to our newsletter”), and bare buttons (“Subscribe now”);
//! - short lines about a newsletter or an inbox (“Daily Digest newsletter icon”, “Get our
//!   best stories delivered to your inbox”, “Enter your email address”);
//! - consent small print (“By signing up, you agree to our Terms and Privacy Policy.”,
//!   “Privacy Notice: Newsletters may contain info about charities, online ads …”);
//! - paywall notices (“Subscribe to continue reading”, “This article is for subscribers
//!   only”, “You have reached your limit of free articles”, “Already a subscriber? Log in”);
//! - short filler inside such a box (“What you need to know, in one email.”) when it sits
//!   between two of its lines.
//!
//! ## Why it matters
//! Sign-up boxes sit between and after paragraphs on most news sites. In a draft they are
//! marketing copy for another publisher.
//!
//! ## Example
//! ```text
//! morning brief newsletter icon          <- one block of five lines
//! Sign up for The Morning Brief
//! The day's news, in one short email.
//! Join thousands of readers.
//! By signing up, you agree to our Privacy Policy.
//! ```
//! Left alone: statements such as “Sign up for the draft lottery closes on Friday.” and
//! stories about subscriptions.
//!
//! ## Fix safety
//! Safe: the fix deletes the box. Filler taken in across blank lines gets an unsafe fix.

use std::sync::LazyLock;

use regex::Regex;

use super::line::LineView;
use super::scan::{Cand, Pat};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Newsletter;

impl Rule for Newsletter {
    crate::rule_meta!("debris/newsletter", Severity::Warning, "newsletter.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Newsletter, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(
        r"^(?:sign up|sign-up|signup|subscribe|subscribe now|subscribe today|subscribe here|sign up now|sign up free|sign up today|subscribe for free|join now|newsletter sign-?up|get the newsletter)$",
    ),
    Pat::weak(r"^(?:sign in|log in|login|log out|register|register now|my account|create (?:an|a free) account|get started)$"),
    Pat::strong(r"^(?:get|have|receive|sign up to receive|delivered) .*(?:to|in|into|straight to) your inbox(?-u:\b).*$").words(20),
    Pat::strong(r"^.*(?-u:\b)delivered (?:straight |directly |right )?to your inbox(?-u:\b).*$").words(20),
    Pat::strong(r"^(?:enter )?your e-?mail(?: address)?(?: here)?(?: \(required\))?$"),
    Pat::strong(r"^(?:enter )?e-?mail(?: address)? (?:here|\(required\)?)$"),
    Pat::strong(r"^(?:sign up|subscribe|register) (?:for|to) .*(?-u:\b)(?:inbox|newsletters?|e-?mails?)(?-u:\b).*$").words(30),
    Pat::strong(
        r"^by (?:registering|signing up|subscribing|clicking|submitting|continuing|entering|providing|creating|joining|tapping)(?-u:\b).*(?-u:\b)(?:agree|accept|consent|acknowledge)(?-u:\b).*$",
    )
    .words(60),
    // The small print under a sign-up form: "Privacy Notice: Newsletters may contain info
    // about charities, online ads, …".
    Pat::strong(r"^(?:privacy (?:notice|policy|statement|note): )?(?:our )?(?:newsletters?|e-?mails?) (?:may|might|can|will) (?:contain|include|carry|feature)(?-u:\b).*(?-u:\b)(?:ads|advertis\w*|charities|sponsor\w*|marketing|promotions?|offers|partners?|outside parties|third parties)(?-u:\b).*$").words(40),
    Pat::strong(r"^already (?:a |an )?(?:subscriber|member|registered|have an account|subscribed)(?-u:\b).*$").words(15),
    // Paywalls
    Pat::strong(r"^(?:subscribe|sign in|log in|register|sign up) (?:now )?to (?:continue|keep) reading(?-u:\b).*$").words(25),
    Pat::strong(r"^(?:to )?(?:continue|keep) reading,? (?:please )?(?:subscribe|sign in|log in|register|become)(?-u:\b).*$").words(25),
    Pat::strong(
        r"^(?:this|the) (?:article|story|content|piece|post|page) is (?:only )?(?:available|exclusive|reserved|for) (?:to |for )?(?:our )?(?:subscribers|members|premium|paying)(?-u:\b).*$",
    )
    .words(25),
    Pat::strong(r"^you(?:'ve| have) (?:reached|read|used|hit) (?:your|all|the|\d+)(?-u:\b).*(?-u:\b)(?:articles?|stories|limit)(?-u:\b).*$").words(30),
    Pat::strong(r"^you have (?:\d+|one|two|three|no|zero) (?:free )?(?:articles?|stories|reads) (?:left|remaining)(?-u:\b).*$").words(20),
    Pat::strong(r"^(?:unlock|get|enjoy) (?:unlimited|full|digital|complete|premium) access(?-u:\b).*$").words(20),
    Pat::strong(r"^(?:subscribers?|members?|premium) only$"),
    Pat::strong(r"^(?:subscribe|support) (?:to |our |us |independent |quality )+.*journalism(?-u:\b).*$").words(25),
    Pat::strong(r"^(?:thanks|thank you) for (?:signing up|subscribing|registering)(?-u:\b).*$").words(20),
    Pat::weak(r"^become a (?:member|subscriber|supporter|patron)(?-u:\b).*$"),
    Pat::weak(r"^(?:stay|keep) (?:informed|up to date|in the know|updated)(?-u:\b).*$"),
    Pat::weak(r"^(?:most recent|latest|previous) (?:newsletter|issue|edition)s?$"),
];

static SIGN_UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:sign up|sign-up|subscribe|register|opt in|join)(?: now| today| free| here)?(?: for| to)(?: (?:our|the|a|my|its|their))? \S")
        .expect("sign-up regex")
});

static NEWSLETTER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:newsletters?|inbox|e-?mails?|daily|weekly|briefing|digest|alerts?|bulletin|updates)(?-u:\b)")
        .expect("newsletter words regex")
});

/// Sign-up calls and newsletter labels: short, and either no sentence or newsletter words.
pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    if l.words > 12 {
        return None;
    }
    let statement = l.plain.ends_with('.') && !NEWSLETTER_WORDS.is_match(&l.key);
    if SIGN_UP.is_match(&l.key) && !statement {
        return Some(Cand::strong(Kind::Newsletter));
    }
    if l.words <= 8
        && !l.plain.ends_with('.')
        && (l.key.contains("newsletter") || l.key.ends_with(" inbox"))
    {
        return Some(Cand::strong(Kind::Newsletter));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, covered, run};

    const RULE: &str = "debris/newsletter";

    #[test]
    fn a_sign_up_box_is_one_block() {
        let text = "The harbour reopens on Monday after a week of repairs to the sea wall and the pier.\n\nmorning brief newsletter icon\nSign up for The Morning Brief\nThe day's news, in one short email.\nJoin thousands of readers.\nBy signing up, you agree to our Privacy Policy.\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].starts_with("morning brief"));
        assert!(covered(text, &f)[0].ends_with("Privacy Policy."));
        assert_fixed(
            RULE,
            text,
            "The harbour reopens on Monday after a week of repairs to the sea wall and the pier.\n",
        );
    }

    #[test]
    fn the_small_print_under_the_form_is_part_of_the_box() {
        let text = "The harbour reopens on Monday after a week of repairs to the sea wall and the pier.\n\nSign up to Harbour Briefing\nOur free weekly newsletter on the coast's news\nEnter your email address\nSign up\nPrivacy Notice: Newsletters may contain information about events, sponsored content and offers from our partners.\n\nThe pier was last repaired in 1998.\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].ends_with("from our partners."));
        assert_fixed(
            RULE,
            text,
            "The harbour reopens on Monday after a week of repairs to the sea wall and the pier.\n\nThe pier was last repaired in 1998.\n",
        );
        // A story about newsletters says so in a sentence of its own.
        assert_silent(
            RULE,
            "The regulator found that the council's newsletters may contain advertising for private firms, which the rules forbid.\n",
        );
    }

    #[test]
    fn paywall_notices() {
        let text = "The harbour reopens on Monday after a week of repairs to the sea wall and the pier.\n\nSubscribe to continue reading\n";
        assert_eq!(run(RULE, text).len(), 1);
        let text = "You have reached your limit of free articles this month.\n";
        assert_eq!(run(RULE, text).len(), 1);
    }

    #[test]
    fn statements_stay() {
        assert_silent(
            RULE,
            "Sign up for the draft lottery closes on Friday.\n\nSubscribers to the county's flood alerts got a warning at noon, officials said on Tuesday.\n",
        );
    }
}
