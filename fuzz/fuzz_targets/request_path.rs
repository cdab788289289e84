//! A request path of `guide serve`.
//! The input is read and checked by `invariants::fuzz_input`, which `cargo test` also runs
//! on every seed in fuzz/seeds/request_path/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| interview_guide::invariants::fuzz_input("request_path", data));
