//! The editor of `guide serve --edit`, without its HTTP side: what the form shows of a
//! page's front matter ([`form`]), rewriting a content file so that only the values a
//! person changed differ ([`rewrite`], with [`toml`] and [`yaml`] for the two flavours),
//! checking the result with the build's own code ([`check`]), and writing it safely,
//! with the previous version kept for one undo ([`store`]).
//!
//! Nothing here knows HTTP; `serve::edit` calls it. It reads `config`, `content`,
//! `markdown`, `pipeline` and `check`, and nothing further along the flow.

pub mod check;
pub mod form;
pub mod rewrite;
pub mod store;
pub mod toml;
pub mod yaml;

/// The role template of `guide init`: a new role starts from the same file.
pub const NEW_ROLE_TEMPLATE: &str = include_str!("../cmd/init/role.md");
