//! newsls: a language server for news articles.
//!
//! It reads an article (plain text or Markdown) and finds every quotation, who said it and how
//! we know, and the people, organizations and places the article names. Editors show that as an
//! outline, hovers and diagnostics; the command line prints it for files and folders.
//!
//! # Code map
//!
//! The layers depend in one direction only: `text ← analysis ← { lsp, cli } ← main.rs`.
//!
//! - [`text`]: byte ranges, a rope-backed [`text::Document`], and the one converter between
//!   byte offsets and editor positions (UTF-8, UTF-16, UTF-32).
//! - [`analysis`]: [`analysis::analyze`] turns a `&str` into an [`analysis::Analysis`]:
//!   quotations, speakers, entities, findings, with an [`analysis::outline::outline`] and
//!   [`analysis::hover::hover`] on top.
//! - [`lsp`]: the Language Server Protocol over stdio; converts protocol types in, calls the
//!   analysis, converts results out.
//! - [`index`]: the workspace index: every article's speakers, entities and quotations,
//!   searched and counted across articles, and misquotes between them. Pure, like the
//!   analysis.
//! - [`cli`]: `newsls show`, `check`, `extract` and `quotes`, on all cores in input order,
//!   with their stable JSON schema.
//! - [`workspace`]: reads the workspace file `newsls.toml` (aliases, ignored checks) for both
//!   `lsp` and `cli`, and hands it to the analysis as a value.
//!
//! # Invariants
//!
//! - The analysis knows nothing of the protocol: no tower-lsp, protocol types, tokio or serde
//!   in `text` or `analysis` (a test in `tests/it/layering.rs` checks it).
//! - The analysis does no I/O and never fails; a broken quotation mark is a finding.
//! - Positions are converted in exactly one place, [`text::offset_to_position`] and
//!   [`text::position_to_offset`].
//! - Nothing a client or a file supplies can make the server panic.

pub mod analysis;
pub mod cli;
pub mod index;
pub mod lsp;
pub mod text;
pub mod workspace;
