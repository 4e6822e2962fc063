//! Comment-section furniture: “Comments”, “14 Comments”, “Leave a Reply”, “Cancel reply”,
//! comment-form notices.
//!
//! ## What it finds
//! Lines that belong to a page's comment section rather than to the article: the section's
//! label with or without a count (“Comments”, “View comments (27)”, “3.5k comments”), the form
//! (“Leave a Reply”, “Post a comment”, “Cancel reply”, “Name *”), the notices under it (“This
//! site uses Akismet to reduce spam…”, “Your email address will not be published.”, “You must
//! be logged in to post a comment”), and lone action words (“Reply”, “Report”) when they sit
//! next to other debris or in the tail of the article.
//!
//! ## Why it matters
//! A scraper that copies a page to its end takes the comment form with it. The lines are
//! short and easily missed at the foot of a long draft, and they end up in print.
//!
//! ## Example
//! ```text
//! The festival returns next summer.
//!
//! Leave a Reply              <- comment form
//! This site uses Akismet to reduce spam. Learn how your comment data is processed.
//! ```
//! Left alone: sentences about comments (“The minister declined to comment.”).
//!
//! ## Fix safety
//! Safe: the fix deletes the lines, which carry nothing of the article. Lone action words
//! confirmed only by one kind of evidence get an unsafe fix.

use super::scan::Pat;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Comments;

impl Rule for Comments {
    crate::rule_meta!("debris/comments", Severity::Warning, "comments.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, super::Kind::Comments, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    // "Comments", "14 Comments", "reader comments", "3.5k comments"
    Pat::strong(r"^(?:\d[\d,.]*k? ?)?(?:reader |user )?comments?(?: ?\(?\d[\d,.]*k?)?$"),
    Pat::strong(r"^\d[\d,.]*k? (?:replies|responses)$"),
    Pat::strong(
        r"^\d[\d,.]* (?:with|from) \d[\d,.]* (?:posters|commenters|participants)(?: participating)?$",
    ),
    // "View comments (27)", "Show all 45 comments", "Expand Comments +", "Jump to comments"
    Pat::strong(
        r"^(?:view|show|see|read|load|hide|expand|open|close|display|jump to|go to|skip to)(?: all| more| the| \d[\d,.]*k?)* (?:comments?|replies|responses|discussion|conversation)(?: ?\(?\d[\d,.]*k?)?$",
    ),
    // The form
    Pat::strong(
        r"^(?:leave|post|add|write|submit|make|have|share|start) (?:a|your|the|an|new) (?:comment|reply|response|opinion|thought)s?$",
    ),
    Pat::strong(r"^(?:cancel|post|submit|send) (?:reply|comment)$"),
    Pat::strong(r"^join the (?:conversation|discussion|debate)$"),
    Pat::strong(
        r"^(?:comments|commenting|discussion) (?:are|is|has been|have been) (?:now )?(?:closed|disabled|turned off|off)(?: for this (?:article|story|post))?$",
    ),
    Pat::strong(
        r"^(?:be the first to comment|no comments yet|there are no comments yet|start the conversation|(?:show|hide) \d+ (?:more )?(?:replies|comments))$",
    ),
    Pat::strong(r"^(?:comment|discussion|community|commenting) (?:policy|guidelines|rules|standards)$"),
    Pat::strong(
        r"^you must (?:be logged in|log ?in|sign in|register|create an account|be a (?:registered )?(?:member|subscriber))\b.*(?:comment|reply|discussion|post)",
    )
    .words(30),
    Pat::strong(
        r"^(?:please )?(?:sign|log) ?in (?:to|or register to) (?:comment|reply|post|join|leave|add|see|view)\b.*$",
    )
    .words(25),
    // Notices under the form
    Pat::strong(
        r"^(?:this site uses akismet|your email address will not be published|required fields are marked|save my name,? email|notify me of (?:follow-up|new) |(?:the )?opinions expressed in (?:reader |the )?comments|comments (?:are|will be|may be) (?:moderated|reviewed|pre-moderated)|by commenting,? you agree|if you would like to (?:add|leave|post) a comment|sorry you didn't like this comment)\b.*$",
    )
    .words(60),
    // Form fields: "Name *", "Your email *", "Comment *"
    Pat::strong(
        r"^(?:your )?(?:name|e-?mail|email address|website|comment|message|nickname)(?: \(required\))? ?\*$",
    ),
    Pat::weak(r"^(?:\d+ ?)?(?:reply|replies|report|flag|unflag|upvote|downvote|flagged)$"),
];

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, covered, run};

    const RULE: &str = "debris/comments";

    #[test]
    fn finds_the_comment_form_at_the_foot() {
        let text = "The festival returns next summer with a larger stage and three extra days of music.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n\n14 Comments\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].ends_with("14 Comments"));
    }

    #[test]
    fn a_glued_label_at_the_end_goes_with_no_trailing_blank() {
        assert_fixed(
            RULE,
            "The festival returns next summer with a larger stage.\nComments",
            "The festival returns next summer with a larger stage.\n",
        );
    }

    #[test]
    fn sentences_about_comments_stay() {
        assert_silent(
            RULE,
            "The minister declined to comment.\n\nComments from residents were mixed, the council said in a statement on Friday.\n",
        );
        assert_silent(RULE, "Reply\n");
    }
}
