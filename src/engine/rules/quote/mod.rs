//! The `quote` rule family: quotations that nearly match a sibling's.

use super::Rule;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}
