//! Slugs, aliases, links and anchors: the lines of the input are the texts.
#![no_main]

use interview_guide::invariants;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines: Vec<&str> = text.split('\n').collect();
    for line in &lines {
        invariants::slug_stays_in_its_folder(line);
        invariants::alias_stays_in_the_output(line);
    }
    // The first line names the page, as its URL path of slugs.
    let first = lines.first().copied().unwrap_or("");
    let page: String = first.split('/').filter(|s| !s.is_empty()).map(|s| interview_guide::content::paths::slugify(s) + "/").collect();
    let base_path = if first.len() % 2 == 0 { "/" } else { "/jobs/" };
    for link in &lines[1.min(lines.len())..] {
        invariants::link_resolves_inside(&page, link, base_path);
    }
    invariants::anchors_are_unique(&lines);
});
