//! Interview Guide: a static site generator for interview role guides.
//!
//! Data flows one way: [`config`] → [`content`] → [`markdown`] → [`summaries`] and
//! [`search`] → [`render`] → [`output`], driven by [`pipeline`]; the commands in [`cmd`]
//! are thin files over it. See `docs/ARCHITECTURE.md`.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod currency;
pub mod diagnostics;
pub mod edit;
pub mod escape;
pub mod field_errors;
pub mod guide_headings;
pub mod invariants;
pub mod languages;
pub mod locale;
pub mod locate;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod summaries;
pub mod timings;
