//! The `quote` rule family: quotations that nearly match a sibling's.

use super::Rule;

pub mod misquote;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(misquote::Misquote)]
}
