//! The integration tests: one binary, a module per area.

mod annotations;
mod cli;
mod corpus;
mod goldens;
mod hardening;
mod index;
mod layering;
mod lsp;
mod sample;
