//! A Markdown body; the first byte picks the options (HTML allowed, highlighting, base path).
//! The input is read and checked by `invariants::fuzz_input`, which `cargo test` also runs
//! on every seed in fuzz/seeds/markdown/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| interview_guide::invariants::fuzz_input("markdown", data));
