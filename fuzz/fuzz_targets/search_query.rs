//! A search query, parsed and run against a small index.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    interview_guide::invariants::search_query(text);
});
