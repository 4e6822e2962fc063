//! Copydesk: a language server and command-line checker for newsroom copy editing.
//!
//! - [`engine`]: text in, findings out (byte ranges, no I/O formats, no protocol).
//! - [`cli`]: `copydesk check`, `rules`, `explain`, `siblings`, and the output formats.
//! - [`lsp`]: the language server, a thin adapter over the engine.

pub mod cli;
pub mod engine;
pub mod fsutil;
pub mod lsp;
