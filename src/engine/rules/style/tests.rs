//! Tests of the style family.
