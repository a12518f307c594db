//! The integration tests: one binary, a module per area.

mod corpus;
mod layering;
mod sample;
