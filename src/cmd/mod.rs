//! The commands, one file each, thin over the library: `build`, `check` and `serve` run the
//! [`crate::pipeline`] into their own sink; `init` creates a guide; `search` answers
//! queries from a built site. Each parses its arguments, calls the library, prints, and
//! returns the exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod search;
pub mod serve;
