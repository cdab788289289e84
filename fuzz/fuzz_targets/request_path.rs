//! A request path of `guide serve`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    interview_guide::invariants::request_path(text);
});
