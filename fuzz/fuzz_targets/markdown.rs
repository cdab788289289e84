//! A Markdown body; the first byte picks the options (HTML allowed, highlighting, base path).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(body) = std::str::from_utf8(rest) else { return };
    let base_path = if flags & 4 == 0 { "/" } else { "/jobs/" };
    interview_guide::invariants::markdown(body, flags & 1 != 0, flags & 2 != 0, base_path);
});
