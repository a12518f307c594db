//! The integration tests: one binary, a module per area.

mod cli;
mod goldens;
mod layering;
