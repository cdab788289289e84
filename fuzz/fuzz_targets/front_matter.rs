//! A content file: front matter (TOML or YAML), its role table, slug and aliases.
//! The input is read and checked by `invariants::fuzz_input`, which `cargo test` also runs
//! on every seed in fuzz/seeds/front_matter/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| interview_guide::invariants::fuzz_input("front_matter", data));
