//! The `debris` rule family: page furniture a scraper carried into a draft.
//!
//! Every rule of the family reads one shared scan of the draft ([`scan`]), computed once per
//! analysis (and per house configuration) and cached with it. The scan looks at each non-blank
//! line the way a copy editor does:
//!
//! 1. **What the line says.** Each rule file owns the patterns of its kind (a share bar, a
//!    comment form, a newsletter box, …), matched against a normalised *key* of the line
//!    (lower case, Markdown and HTML stripped, decorations such as `›` or a trailing colon
//!    removed). Patterns describe the *shape* of the furniture (a verb, a network, a count)
//!    rather than one outlet's wording. A match is *strong* (furniture on its own: “Share on
//!    Facebook”) or *weak* (furniture only in company: a lone “Email”).
//! 2. **Where the line sits.** Lines of prose (long, ending like a sentence) are the body;
//!    lines before the first and after the last are the head and the tail, where furniture
//!    lives. Weak lines count only in the head or tail, next to other debris, or when the same
//!    short line recurs.
//! 3. **Whether its words belong to the story.** Teasers and link lists are about other
//!    stories: their content words are missing from the article's own vocabulary.
//! 4. **Its neighbours.** Debris comes in blocks (jusText, boilerpipe): a widget heading takes
//!    the headline-like lines under it; short filler between two lines of the same widget
//!    goes with them.
//!
//! Lines that are never debris (agency credits such as “The Associated Press contributed to
//! this article.”, “(Reporting by …; Editing by …)”, datelines) are protected and break blocks.
//!
//! Each finding covers one line or one block of lines of one kind and carries one removal fix;
//! fixes never overlap, so “Remove all scraper debris” can apply them all at once.

use serde::Deserialize;

use super::Rule;

mod house;
mod line;
mod scan;
mod vocab;

mod advert;
mod author_widget;
mod breadcrumb;
mod chart;
mod comments;
mod cookie;
mod copyright;
mod duplicate_headline;
mod glued_dateline;
mod markup;
mod media;
mod menu;
mod newsletter;
mod photo_credit;
mod promo;
mod related_links;
mod section_label;
mod share_bar;
mod syndication;
mod teasers;
mod timestamp;

pub use house::HouseKind;

/// The kinds of debris, one rule each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    RelatedLinks,
    Comments,
    Newsletter,
    ShareBar,
    Syndication,
    Promo,
    Advert,
    PhotoCredit,
    Media,
    DuplicateHeadline,
    AuthorWidget,
    GluedDateline,
    SectionLabel,
    Breadcrumb,
    Timestamp,
    Copyright,
    Cookie,
    Teasers,
    Markup,
    Chart,
    Menu,
}

impl Kind {
    pub const ALL: [Kind; 21] = [
        Kind::RelatedLinks,
        Kind::Comments,
        Kind::Newsletter,
        Kind::ShareBar,
        Kind::Syndication,
        Kind::Promo,
        Kind::Advert,
        Kind::PhotoCredit,
        Kind::Media,
        Kind::DuplicateHeadline,
        Kind::AuthorWidget,
        Kind::GluedDateline,
        Kind::SectionLabel,
        Kind::Breadcrumb,
        Kind::Timestamp,
        Kind::Copyright,
        Kind::Cookie,
        Kind::Teasers,
        Kind::Markup,
        Kind::Chart,
        Kind::Menu,
    ];

    /// The name used in rule ids and in `[debris.<name>]` sections of `copydesk.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::RelatedLinks => "related-links",
            Kind::Comments => "comments",
            Kind::Newsletter => "newsletter",
            Kind::ShareBar => "share-bar",
            Kind::Syndication => "syndication",
            Kind::Promo => "promo",
            Kind::Advert => "advert",
            Kind::PhotoCredit => "photo-credit",
            Kind::Media => "media",
            Kind::DuplicateHeadline => "duplicate-headline",
            Kind::AuthorWidget => "author-widget",
            Kind::GluedDateline => "glued-dateline",
            Kind::SectionLabel => "section-label",
            Kind::Breadcrumb => "breadcrumb",
            Kind::Timestamp => "timestamp",
            Kind::Copyright => "copyright",
            Kind::Cookie => "cookie",
            Kind::Teasers => "teasers",
            Kind::Markup => "markup",
            Kind::Chart => "chart",
            Kind::Menu => "menu",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Kind::RelatedLinks => "debris/related-links",
            Kind::Comments => "debris/comments",
            Kind::Newsletter => "debris/newsletter",
            Kind::ShareBar => "debris/share-bar",
            Kind::Syndication => "debris/syndication",
            Kind::Promo => "debris/promo",
            Kind::Advert => "debris/advert",
            Kind::PhotoCredit => "debris/photo-credit",
            Kind::Media => "debris/media",
            Kind::DuplicateHeadline => "debris/duplicate-headline",
            Kind::AuthorWidget => "debris/author-widget",
            Kind::GluedDateline => "debris/glued-dateline",
            Kind::SectionLabel => "debris/section-label",
            Kind::Breadcrumb => "debris/breadcrumb",
            Kind::Timestamp => "debris/timestamp",
            Kind::Copyright => "debris/copyright",
            Kind::Cookie => "debris/cookie",
            Kind::Teasers => "debris/teasers",
            Kind::Markup => "debris/markup",
            Kind::Chart => "debris/chart",
            Kind::Menu => "debris/menu",
        }
    }

    /// What the finding calls the debris, capitalised.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::RelatedLinks => "Related-links widget",
            Kind::Comments => "Comment-section furniture",
            Kind::Newsletter => "Newsletter or subscription box",
            Kind::ShareBar => "Share bar",
            Kind::Syndication => "Aggregator or syndication footer",
            Kind::Promo => "Inline promo link",
            Kind::Advert => "Advertisement marker",
            Kind::PhotoCredit => "Photo caption or credit",
            Kind::Media => "Media-player or gallery furniture",
            Kind::DuplicateHeadline => "Repeated headline",
            Kind::AuthorWidget => "Author widget or author box",
            Kind::GluedDateline => "Dateline glued to a section label",
            Kind::SectionLabel => "Section label",
            Kind::Breadcrumb => "Breadcrumb trail",
            Kind::Timestamp => "Update timestamp",
            Kind::Copyright => "Copyright or site-footer line",
            Kind::Cookie => "Cookie notice",
            Kind::Teasers => "Teasers for other stories",
            Kind::Markup => "Markup residue",
            Kind::Chart => "Chart residue (axis ticks and values)",
            Kind::Menu => "Menu or settings panel",
        }
    }

    /// Page widgets: short filler between two of their lines belongs to them.
    pub fn is_widget(self) -> bool {
        matches!(
            self,
            Kind::RelatedLinks
                | Kind::Comments
                | Kind::Newsletter
                | Kind::ShareBar
                | Kind::Cookie
                | Kind::Media
                | Kind::Copyright
                | Kind::SectionLabel
        )
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// `[debris]` in `copydesk.toml`: house patterns that extend each kind, and lines the house
/// never wants reported.
///
/// ```toml
/// [debris]
/// allow = ["Comments"]                      # whole lines never reported (any case)
///
/// [debris.promo]
/// phrases = ["Editor's choice"]              # the whole line, any case, trailing `:` ignored
/// prefixes = ["MUST SEE"]                    # the line starts with it (then `:`, a dash or a space)
/// patterns = ['^Part \d+ of our series$']   # regexes on the trimmed line, case-insensitive
/// ```
///
/// A regex that does not compile, is longer than 500 characters or would compile to a large
/// automaton is a configuration error; the `regex` crate matches in linear time.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DebrisConfig {
    pub allow: Vec<String>,
    #[serde(rename = "related-links")]
    pub related_links: HouseKind,
    pub comments: HouseKind,
    pub newsletter: HouseKind,
    #[serde(rename = "share-bar")]
    pub share_bar: HouseKind,
    pub syndication: HouseKind,
    pub promo: HouseKind,
    pub advert: HouseKind,
    #[serde(rename = "photo-credit")]
    pub photo_credit: HouseKind,
    pub media: HouseKind,
    pub breadcrumb: HouseKind,
    pub timestamp: HouseKind,
    pub copyright: HouseKind,
    pub cookie: HouseKind,
    #[serde(rename = "section-label")]
    pub section_label: HouseKind,
    #[serde(skip)]
    compiled: std::sync::OnceLock<std::sync::Arc<house::House>>,
}

impl DebrisConfig {
    /// The house lists per kind (kinds found by structure alone take no house lists).
    fn house_kinds(&self) -> [(Kind, &HouseKind); 13] {
        [
            (Kind::RelatedLinks, &self.related_links),
            (Kind::Comments, &self.comments),
            (Kind::Newsletter, &self.newsletter),
            (Kind::ShareBar, &self.share_bar),
            (Kind::Syndication, &self.syndication),
            (Kind::Promo, &self.promo),
            (Kind::Advert, &self.advert),
            (Kind::PhotoCredit, &self.photo_credit),
            (Kind::Media, &self.media),
            (Kind::Breadcrumb, &self.breadcrumb),
            (Kind::Timestamp, &self.timestamp),
            (Kind::Copyright, &self.copyright),
            (Kind::Cookie, &self.cookie),
        ]
    }

    pub fn validate(&self) -> Result<(), String> {
        let house = house::House::build(self)?;
        let _ = self.compiled.set(std::sync::Arc::new(house));
        Ok(())
    }

    /// The compiled house lists (patterns that fail to compile are skipped when the config
    /// was built in code without [`DebrisConfig::validate`]).
    fn house(&self) -> std::sync::Arc<house::House> {
        self.compiled
            .get_or_init(|| std::sync::Arc::new(house::House::lenient(self)))
            .clone()
    }
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(related_links::RelatedLinks),
        Box::new(comments::Comments),
        Box::new(newsletter::Newsletter),
        Box::new(share_bar::ShareBar),
        Box::new(syndication::Syndication),
        Box::new(promo::Promo),
        Box::new(advert::Advert),
        Box::new(photo_credit::PhotoCredit),
        Box::new(media::Media),
        Box::new(duplicate_headline::DuplicateHeadline),
        Box::new(author_widget::AuthorWidget),
        Box::new(glued_dateline::GluedDateline),
        Box::new(section_label::SectionLabel),
        Box::new(breadcrumb::Breadcrumb),
        Box::new(timestamp::Timestamp),
        Box::new(copyright::Copyright),
        Box::new(cookie::Cookie),
        Box::new(teasers::Teasers),
        Box::new(markup::Markup),
        Box::new(chart::Chart),
        Box::new(menu::Menu),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_rule_and_name() {
        let ids: Vec<&str> = rules().iter().map(|r| r.id()).collect();
        for k in Kind::ALL {
            assert!(ids.contains(&k.id()), "{k:?} has no rule");
            assert_eq!(k.id(), format!("debris/{}", k.name()));
            assert_eq!(Kind::from_name(k.name()), Some(k));
        }
        assert_eq!(ids.len(), Kind::ALL.len());
    }
}
