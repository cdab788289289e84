//! Property tests over every step that reads what authors and readers type: front matter
//! (TOML and YAML), Markdown bodies, `config.toml`, search queries, slugs, aliases, links
//! and `guide serve`'s request paths. The properties live in `interview_guide::invariants`,
//! shared with the fuzz targets under `fuzz/` (which run them far longer, on nightly).
//!
//! Inputs are built from the pieces each syntax is made of (fences, keys, list markers,
//! raw HTML, escapes, dots and slashes) mixed with arbitrary text, so a few hundred
//! cases reach the interesting corners in a few seconds.

use interview_guide::invariants;
use proptest::prelude::*;

/// Text made of `pieces` and arbitrary short strings.
fn mixed(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => "[ \\n\\t]{1,3}",
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|parts| parts.concat())
}

const FRONT_MATTER: &[&str] = &[
    "+++\n",
    "---\n",
    "...\n",
    "title = ",
    "title: ",
    "\"Backend\"",
    "'x'",
    "\n",
    "[role]\n",
    "role:\n  ",
    "[role.salary]\n",
    "experience_years = ",
    "experience_years: ",
    "3",
    "-1",
    "4294967296",
    "demand = \"high\"",
    "demand: urgent",
    "period = \"year\"",
    "min = 1e309",
    "max = 20",
    "currency = \"EUR\"",
    "slug = \"../x\"",
    "slug: a/b",
    "aliases = [\"/old/\", \"//x\"]",
    "aliases:\n  - /../etc\n",
    "date = 2026-01-01",
    "date: 2026-13-40",
    "weight = ",
    "draft = true",
    "extra = {a = 1}",
    "skills = [\"Rust\", \"\"]",
    "&anchor ",
    "*anchor",
    "{",
    "}",
    "[",
    "]",
    "#",
    "\u{feff}",
    "\r\n",
    "key = \"\\u0000\"",
];

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "#### ",
    "Heading",
    "fn 1",
    "fnref 1",
    "Question?",
    "\n",
    "\n\n",
    "- ",
    "* ",
    "1. ",
    "  - ",
    "> ",
    "```",
    "```rust\n",
    "~~~",
    "    code",
    "`",
    "[^1]",
    "[^1]: note\n",
    "[x]: /a\n",
    "[link](/engineering/)",
    "[a](javascript:alert(1))",
    "![i](x.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<div id=\"entry\">",
    "<!-- c -->",
    "&amp;",
    "&#0;",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "- [ ] ",
    "- [x] ",
    "***",
    "___",
    "===\n",
    "---\n",
    "\\",
    "*",
    "_",
    "<",
    ">",
    "\"",
    "'",
    "2026",
    "Entry",
    "entry",
    "section",
];

/// Footnotes of names that are alike, defined once, twice or inside one another, next to
/// headings and entries named like their ids.
const FOOTNOTES: &[&str] = &[
    "[^1]",
    "[^a]",
    "[^A]",
    "[^a-2]",
    "[^é]",
    "[^%C3%A9]",
    "[^!]",
    "\n[^1]: ",
    "\n[^a]: ",
    "\n[^A]: ",
    "\n[^a-2]: ",
    "\n[^é]: ",
    "\n    [^1]: ",
    "\n  - [^a]: ",
    "\n> [^1]: ",
    "\n\n",
    "\n## fn 1\n",
    "\n## fn\n",
    "\n## fnref\n",
    "\n## fnref a 2\n",
    "\n- fn a\n",
    "note",
];

const CONFIG: &[&str] = &[
    "title = \"Jobs\"\n",
    "base_url = ",
    "\"https://example.org/careers/\"",
    "\"/\"",
    "\"\"",
    "\"http://[::1]\"",
    "output_dir = ",
    "\"../out\"",
    "\"/\"",
    "\"public\"",
    "theme = \"x\"\n",
    "[search]\n",
    "[markdown]\n",
    "highlight_code = true\n",
    "allow_html = 1\n",
    "[salary]\n",
    "[skills]\n",
    "aliases = {a = \"b\"}\n",
    "[extra]\n",
    "minify_html = false\n",
    "language = \"de\"\n",
    "\n",
    "=",
    "[[x]]\n",
];

const QUERY: &[&str] = &[
    "rust",
    "kube",
    "*",
    "+",
    "-",
    "~",
    "~1",
    "~2",
    "~9",
    "^",
    "^10",
    ":",
    "title:",
    "body:",
    "nope:",
    "\\",
    " ",
    "-",
    "é",
    "\u{1f600}",
    "*ust",
];

const PATH: &[&str] = &[
    "/",
    "//",
    "..",
    ".",
    "%2e",
    "%2E%2e",
    "%2f",
    "%5c",
    "\\",
    "%00",
    "C:",
    "engineering",
    "backend",
    "index.html",
    "style.css",
    "jobs",
    "?",
    "#",
    "%",
    "%zz",
    "~",
    ":",
    "evil.test",
    "http://",
    "%c0%ae",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics_and_its_errors_point_into_the_file(text in mixed(FRONT_MATTER, 24)) {
        invariants::front_matter(&text);
    }

    #[test]
    fn markdown_gives_unique_anchors_and_escapes_the_text(
        body in mixed(MARKDOWN, 40),
        allow_html in any::<bool>(),
        base_path in proptest::sample::select(&["/", "/jobs/"][..]),
    ) {
        invariants::markdown(&body, allow_html, false, base_path);
    }

    #[test]
    fn footnotes_never_share_an_id_and_their_links_lead_into_the_page(body in mixed(FOOTNOTES, 30)) {
        invariants::markdown(&body, false, false, "/");
    }

    #[test]
    fn config_never_panics_and_its_errors_point_into_the_file(text in mixed(CONFIG, 16)) {
        invariants::config(&text);
    }

    #[test]
    fn search_queries_parse_or_are_refused_with_a_span_inside_them(query in mixed(QUERY, 12)) {
        invariants::search_query(&query);
    }

    #[test]
    fn slugs_aliases_and_links_never_leave_the_output(
        text in mixed(PATH, 10),
        page in proptest::collection::vec(proptest::sample::select(&["engineering/", "backend/", "a-b/", "2026/"][..]), 0..4),
        base_path in proptest::sample::select(&["/", "/jobs/"][..]),
    ) {
        invariants::slug_stays_in_its_folder(&text);
        invariants::alias_stays_in_the_output(&text);
        invariants::link_resolves_inside(&page.concat(), &text, base_path);
    }

    #[test]
    fn anchors_of_any_texts_never_collide(texts in proptest::collection::vec(mixed(&["a", "-", "2", "entry", " ", "é", "A", "語", "ー", "ش", "？"], 5), 0..20)) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        invariants::anchors_are_unique(&texts);
    }

    #[test]
    fn request_paths_answer_only_files_of_the_site(path in mixed(PATH, 10)) {
        invariants::request_path(&path);
        invariants::request_path(&format!("/{path}"));
    }
}

/// Highlighting loads syntax definitions once; a few bodies with code in many languages.
#[test]
fn highlighted_code_is_escaped_and_keeps_anchors_unique() {
    for language in ["rust", "html", "nope", "<script>", "\"onload=x", "js"] {
        let body = format!("## Code\n\n- one\n- one\n\n```{language}\n<script>alert(1)</script>\n```\n");
        invariants::markdown(&body, false, true, "/");
    }
}

/// Regression: a heading whose anchor would be a footnote's id (`## fn 1` and `[^1]`).
#[test]
fn a_heading_named_like_a_footnote_gets_its_own_id() {
    invariants::markdown("## fn 1\n\nA claim[^1].\n\n## fnref 1\n\n[^1]: The source.\n", false, false, "/");
}

/// Every committed fuzz seed, read as its target reads it: a finding kept as a seed
/// (`fuzz/seeds/TARGET/NAME-OF-THE-BUG`) stays fixed on stable, in every `cargo test`.
#[test]
fn every_fuzz_seed_keeps_its_properties() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut replayed = 0;
    for target in invariants::FUZZ_TARGETS {
        let folder = seeds.join(target);
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("seed entry").path();
            let data = std::fs::read(&path).expect("read seed");
            let outcome = std::panic::catch_unwind(|| invariants::fuzz_input(target, &data));
            assert!(outcome.is_ok(), "the seed {} breaks a property", path.display());
            replayed += 1;
        }
    }
    assert!(replayed >= invariants::FUZZ_TARGETS.len(), "every target has seeds");
}
