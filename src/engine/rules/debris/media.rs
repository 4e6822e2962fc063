//! Media-player and gallery furniture: “View gallery”, “Image 1 of 12”, “Your video will play
//! in 0:05”, “Now playing”, “A post shared by …”.
//!
//! ## What it finds
//! The controls and counters of photo galleries and video players (“View photos”, “Enlarge
//! this image”, “Photo 3 of 9”, “Gallery: Harbour at night | 14 Photos”, “Next video starts
//! in : 7”, “Video not available”, “Closed captions”) and the signatures of embedded social
//! posts (“View this post on Instagram”, “A post shared by …”, “pic.twitter.com/…”). Bare
//! words such as “Replay”, “Fullscreen” or “1 / 5” count only beside other debris or in the
//! head or tail.
//!
//! ## Why it matters
//! Embeds turn into stray labels when a page is copied as text; in a draft they break the
//! flow of the copy and are meaningless in print.
//!
//! ## Example
//! ```text
//! Gallery: The harbour at night | 14 Photos   <- gallery furniture
//! ```
//! Left alone: prose about galleries and videos.
//!
//! ## Fix safety
//! Safe: the fix deletes the line. Bare words confirmed by one kind of evidence only get an
//! unsafe fix.

use super::scan::Pat;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Media;

impl Rule for Media {
    crate::rule_meta!("debris/media", Severity::Warning, "media.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, super::Kind::Media, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(
        r"^(?:view|see|buy|open|enlarge|expand|launch|watch|play|replay|browse)(?: this| the| all| our| more)? (?:photo|photos|image|images|picture|pictures|gallery|slideshow|slide show|graphic|graphics|video|videos|interactive|media|photo gallery)$",
    ),
    Pat::strong(r"^(?:image|photo|slide|picture|video)s? \d+ (?:of|/) \d+$"),
    Pat::strong(r"^(?:gallery|slideshow|photos?|video|in pictures)\s*:.*\|\s*\d+ (?:photos|images|slides|pictures)$"),
    Pat::strong(r"^your video will (?:play|begin|start|resume) in\b.*$"),
    Pat::strong(r"^(?:the )?(?:next )?video (?:starts|will start|begins|will begin|will play) in\b.*$"),
    Pat::strong(
        r"^(?:now playing|now watching|up next in video|play video|watch video|watch the video|video (?:is )?not available|captions? (?:not )?available|closed captions?(?: settings)?|this video is (?:no longer |not )?available\b.*|unfortunately,? this video\b.*|video unavailable|media playback is unsupported on your device|your browser does not support\b.*)$",
    )
    .words(14),
    Pat::strong(r"^(?:view|see|open) (?:this|the) (?:post|photo|video|tweet|reel) on (?:instagram|twitter|x|facebook|tiktok|youtube|threads)$"),
    Pat::strong(r"^a (?:post|photo|video) shared by .*$").words(15),
    Pat::strong(r"^pic\.twitter\.com/\S+$"),
    Pat::weak(r"^\d+ ?(?:of|/) ?\d+$"),
    Pat::weak(r"^(?:replay|play|pause|autoplay|full ?screen|mute|unmute|loading|loading\.\.\.|settings|embed|share video|\d+ (?:photos|images|slides))$"),
];

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/media";

    #[test]
    fn finds_gallery_and_player_labels() {
        let text = "Gallery: The harbour at night | 14 Photos\n\nThe fishing fleet returned on Sunday after a week at sea, with the best catch in years.\n\nYour video will play in 0:05\n\nPhoto 3 of 9\n";
        let f = run(RULE, text);
        assert_eq!(covered(text, &f).len(), 2, "{f:#?}");
        assert_eq!(
            covered(text, &f)[0],
            "Gallery: The harbour at night | 14 Photos"
        );
    }

    #[test]
    fn prose_stays() {
        assert_silent(
            RULE,
            "The gallery will show 14 photos of the harbour at night from May.\n\nPlay\n\nThe video was viewed a million times in its first week online, the council said.\n",
        );
    }
}
