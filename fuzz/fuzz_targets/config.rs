//! `config.toml` text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    interview_guide::invariants::config(text);
});
