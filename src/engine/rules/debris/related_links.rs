//! Related-links and “more” widgets (“Related Stories”, “Most Read”) with their headlines.
//!
//! A heading such as “Related Stories” or “Most Read”, and the list of other stories'
//! headlines under it.
//!
//! ## What it finds
//! A line that is only a widget heading (“Related Articles”, “More from the Courier”, “Most
//! Popular”, “Trending now”, “Recommended for you”, “You may also like”, “Popular now”, tag
//! lists such as “Topics” or “In this article:”), together with the headline-like lines that
//! follow it: short lines without a closing full stop, their dates (“Aug. 4, 2023”), and
//! one-sentence ledes. Under a heading in the tail of the article every such line goes; in the
//! middle of the article only lines whose words do not belong to the story do, so a section
//! heading of the story itself stops the list.
//!
//! After the article's last paragraph, a list without a heading counts too when it is
//! plainly other stories: headlines with their dates; or, when other furniture stands right
//! before or after the list, three or more headlines whose words are foreign to the story
//! that are Title Case or each have a short source line under them (“Business Insider”).
//!
//! ## Why it matters
//! Outlets surround an article with links to their other stories. Pasted into a draft, the
//! heading and its headlines read as part of the copy, and the headlines are about other
//! events entirely.
//!
//! ## Example
//! ```text
//! The council will vote again in March.
//!
//! Related Stories            <- the widget, with the two headlines below it
//! Harbour ferry fares to rise in spring
//! Storm closes coastal road for a week
//! ```
//! Left alone: “Key Takeaways”, “Analysis” and other section headings of the article, lists
//! introduced by a line ending with a colon, and headless lists of titles with their authors
//! (a prize shortlist, a playlist) with no other furniture beside them. A headless Title Case
//! list of titles after the last paragraph is taken for other stories' headlines, so the fix
//! is unsafe there.
//!
//! ## Fix safety
//! Safe when the widget sits in the head or tail of the article: the fix deletes the heading
//! and its list. Unsafe when list items were taken from between paragraphs of the story on the
//! evidence of their vocabulary.

use super::scan::Pat;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct RelatedLinks;

impl Rule for RelatedLinks {
    crate::rule_meta!(
        "debris/related-links",
        Severity::Warning,
        "related_links.rs"
    );

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, super::Kind::RelatedLinks, out);
    }
}

/// Matched against the line's key (lower case, decorations and a trailing colon removed).
pub(super) static PATTERNS: &[Pat] = &[
    Pat::heading(r"^related$"),
    // "Related Articles", "More stories", "Top stories", "Other opinion columns", "Latest news"
    Pat::heading(
        r"^(?:related|more|other|further|recommended|popular|trending|top|latest|recent|similar|suggested|featured|must-read)(?: \S+){0,3} (?:stories|articles|news|coverage|content|links|posts|reading|reads|videos|headlines|searches|topics|pieces|features|columns|updates)$",
    )
    .words(6),
    // "Most Read", "Most Popular Business Stories", "Most viewed"
    Pat::heading(
        r"^most (?:read|popular|viewed|shared|emailed|commented|watched|recent)(?: \S+){0,3}$",
    )
    .words(6),
    // "More from The Courier", "More on this story", "More like this", "More in Opinion"
    Pat::heading(r"^more (?:from|on|in|about|like|for|by|at) \S+(?: \S+){0,4}$")
        .words(7)
        .bare(),
    Pat::heading(
        r"^(?:trending(?: now| today| topics)?|what's trending|popular now|popular right now|hot right now|recommended(?: for you| reading)?|we recommend|(?:you|we think you)(?: may| might| will|'ll)(?: also)? (?:like|enjoy|love|be interested in)|editor'?s'? picks?|staff picks|don't miss(?: this)?|must reads?|in case you missed it|read next|what to read next|read this next|next (?:story|article|post|up)|see also|also on \S+(?: \S+){0,2}|around the web|(?:from|elsewhere) (?:around )?the web|from our partners|other people are reading|people (?:also|are) (?:read|reading|viewed|watching)|readers also (?:read|viewed|liked)|also in the news|more like this|more to explore|keep reading|(?:previous|prev) (?:story|article|post)(?: next (?:story|article|post))?|next on \S+(?: \S+){0,3}|more stories|more headlines|see more stories)$",
    )
    .words(8),
    Pat::heading(r"^\S+(?: \S+){0,2} - (?:what's trending|trending|most popular|most read)$")
        .words(6),
    // Tag and topic lists: "Topics", "Filed under:", "In this article:", "Read more stories about:"
    Pat::heading(
        r"^(?:tags?|topics|related topics|filed under|categories|in this article|more about|read more (?:stories )?about|explore more on these topics|more on these topics|keywords|subjects)$",
    ),
    Pat::weak(r"^(?:see|show|load|view) (?:more|all)$"),
];

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_one_block, assert_silent, covered, run};

    const RULE: &str = "debris/related-links";

    #[test]
    fn finds_widget_headings_and_their_lists_in_the_tail() {
        let text = "The harbour board approved the new ferry timetable on Tuesday after a long debate about fares and staffing.\n\nCaptain Rhys Morgan said the crews were ready for the change.\n\nMost Read\n\nLocal bakery wins national award\n\nJune 4, 2024\n\nSchool sports day moved indoors\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].starts_with("Most Read"));
        assert!(covered(text, &f)[0].ends_with("indoors"));
    }

    #[test]
    fn fixes_remove_the_widget_and_its_blank_lines() {
        assert_fixed(
            RULE,
            "The harbour board approved the new ferry timetable on Tuesday after a long debate about fares.\n\nRelated Articles\n\nLocal bakery wins national award\n",
            "The harbour board approved the new ferry timetable on Tuesday after a long debate about fares.\n",
        );
    }

    #[test]
    fn a_heading_mid_story_takes_no_body_paragraph() {
        let text = "The harbour board approved the new ferry timetable on Tuesday after a long debate about fares and staffing levels.\n\nRelated Stories\n\nCaptain Rhys Morgan said the crews were ready for the change, though fares would rise.\n";
        let f = run(RULE, text);
        assert_eq!(covered(text, &f), ["Related Stories"]);
    }

    #[test]
    fn a_mid_story_widget_stops_at_the_storys_next_paragraphs() {
        // The story turns to a new subject after the widget's headlines: paragraphs of
        // several sentences, one after another, whose words the rest of the story does not
        // use. They are the story's, not ledes of the headlines, and the fix must keep them.
        let text = "The ferry strike entered its third day on Friday as talks between the harbour board and the crews' union broke down again over pay and rest periods.\n\nThe union's negotiator, Carys Pritchard, said the crews would stay out until the harbour board improved its offer on rest periods.\n\nRelated Stories\n\nStorm closes coastal road for a week\n\nWhy regional airports keep losing routes\n\nBakeries run short. About 40 percent of the island's bread arrives by the morning boat, according to the chamber of commerce, and shelves were empty by noon.\n\nThe county's schools stayed open, though teachers living on the mainland could not reach them and classes were merged.\n\nThe harbour board said it would meet the union again on Monday.\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        let got = covered(text, &f);
        assert!(got[0].starts_with("Related Stories"), "{got:?}");
        assert!(got[0].ends_with("losing routes"), "{got:?}");
        for e in f[0].fixes.iter().flat_map(|x| &x.edits) {
            assert!(!text[e.range.clone()].contains("Bakeries"), "{e:?}");
        }
    }

    #[test]
    fn section_headings_stay() {
        assert_silent(
            RULE,
            "Key Takeaways\n\nThe board approved the ferry timetable after a long debate about fares and staffing.\n\nAnalysis\n\nFares will rise in spring, the board said, and the crews are ready for the change.\n",
        );
        assert_silent(RULE, "More from the interview was broadcast on Sunday evening across the region and drew a large audience.\n");
    }

    const FERRY: &str = "The harbour board approved the new ferry timetable on Tuesday after a long debate about fares, staffing and the winter crossings to the islands.\n\nCaptain Rhys Morgan said the crews were ready for the change, though the first sailing would now leave forty minutes earlier than it did last year.\n\nPassengers who hold season tickets will be refunded the difference in fares, the board said, and the old timetable stays online until the end of the month.\n";

    #[test]
    fn finds_other_stories_each_with_its_source_after_the_story() {
        let text = format!(
            "{FERRY}\nA comet may be visible from gardens this weekend, astronomers say\n\nSky Weekly\n\nSinger cancels tour after a throat infection\n\nMusic Daily\n\nWhy the price of cocoa keeps on rising\n\nMarket Watch\n\nTeenager rescued from a flooded quarry\n\nCounty Herald\n\nJoin the conversation\n"
        );
        assert_one_block(RULE, &text, "A comet", "County Herald");
    }

    #[test]
    fn a_list_of_titles_and_their_authors_stays() {
        // The same shape as a link list (title, then a short line under it), but nothing
        // else of the page's furniture beside it: the article's own list.
        assert_silent(
            RULE,
            &format!(
                "{FERRY}\nA comet may be visible from gardens this weekend, astronomers say\n\nSky Weekly\n\nSinger cancels tour after a throat infection\n\nMusic Daily\n\nWhy the price of cocoa keeps on rising\n\nMarket Watch\n"
            ),
        );
    }

    #[test]
    fn further_reading_about_the_same_story_stays() {
        // Sources under headlines, but the headlines are about the story itself.
        assert_silent(
            RULE,
            &format!(
                "{FERRY}\nHarbour board debates ferry fares and winter crossings\n\nIsland Times\n\nFerry crews ready for the earlier first sailing\n\nCoast Radio\n\nSeason tickets to be refunded after timetable change\n\nHarbour Gazette\n"
            ),
        );
    }
}
