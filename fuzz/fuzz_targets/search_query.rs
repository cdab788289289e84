//! A search query, parsed and run against a small index.
//! The input is read and checked by `invariants::fuzz_input`, which `cargo test` also runs
//! on every seed in fuzz/seeds/search_query/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| interview_guide::invariants::fuzz_input("search_query", data));
