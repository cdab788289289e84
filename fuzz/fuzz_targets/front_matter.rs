//! A content file: front matter (TOML or YAML), its role table, slug and aliases.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    interview_guide::invariants::front_matter(text);
});
