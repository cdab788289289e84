use super::*;

fn options() -> MarkdownOptions {
    MarkdownOptions {
        allow_html: false,
        highlight: Some(highlight::CodeThemes::default()),
        base_path: "/".into(),
        reserved_ids: &[],
    }
}

const ROLE_BODY: &str = "Intro paragraph with **bold**.\n\n## Technical Assessment Questions\n\nLead sentence.\n\n- How would you handle versioning of an API?\n\n  *Tip:* talk about deprecation.\n- What is `idempotency`?\n\n## Common Pitfalls\n\n- Ignoring tests\n- Ignoring tests\n";

#[test]
fn guide_sections_and_entries_get_stable_anchors() {
    let r = render(ROLE_BODY, &options());
    assert_eq!(r.sections.len(), 2);
    let technical = &r.sections[0];
    assert_eq!(technical.heading, "Technical Assessment Questions");
    assert_eq!(technical.anchor, "technical-assessment-questions");
    assert_eq!(technical.entries[0].anchor, "how-would-you-handle-versioning-of-an-api");
    assert_eq!(technical.entries[0].text, "How would you handle versioning of an API?");
    assert!(technical.entries[0].full_text.contains("deprecation"));
    assert_eq!(technical.entries[1].anchor, "what-is-idempotency");
    assert_eq!(r.sections[1].entries[1].anchor, "ignoring-tests-2");
    assert!(
        r.html
            .contains("<li id=\"how-would-you-handle-versioning-of-an-api\" class=\"entry\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"common-pitfalls\">"));
    assert_eq!(r.summary, "Intro paragraph with bold.");
}

#[test]
fn anchors_do_not_change_when_entries_are_reordered() {
    let reordered = ROLE_BODY.replace(
        "- How would you handle versioning of an API?\n\n  *Tip:* talk about deprecation.\n- What is `idempotency`?",
        "- What is `idempotency`?\n- How would you handle versioning of an API?",
    );
    let r = render(&reordered, &options());
    assert_eq!(r.sections[0].entries[1].anchor, "how-would-you-handle-versioning-of-an-api");
}

#[test]
fn raw_html_is_escaped_unless_allowed() {
    let body = "Hello <script>alert(1)</script>\n";
    assert!(render(body, &options()).html.contains("&lt;script&gt;"));
    let allowed = MarkdownOptions {
        allow_html: true,
        ..options()
    };
    assert!(render(body, &allowed).html.contains("<script>"));
}

#[test]
fn code_is_highlighted_and_unknown_languages_warn() {
    let r = render("```python\nprint('x')\n```\n\n```klingon\nqapla\n```\n", &options());
    assert!(r.html.contains("<pre class=\"code\" data-lang=\"python\">"), "{}", r.html);
    assert!(r.html.contains("<span class=l") || r.html.contains("<span class=\"l"), "{}", r.html);
    assert!(r.html.contains("<code class=\"language-klingon\">qapla\n</code>"), "{}", r.html);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].line, 5);
}

#[test]
fn root_relative_links_get_the_base_path() {
    let sub = MarkdownOptions {
        base_path: "/careers/guide/".into(),
        ..options()
    };
    let r = render("[Data](/data/) and [ext](https://x.test/) and ![i](/img.png)\n", &sub);
    assert!(r.html.contains("href=\"/careers/guide/data/\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://x.test/\""));
    assert!(r.html.contains("src=\"/careers/guide/img.png\""));
    assert_eq!(r.links.len(), 3);
    assert_eq!(r.links[0].url, "/data/");
}

#[test]
fn toc_nests_third_level_headings() {
    let r = render("## A\n\n### B\n\n## C\n", &options());
    assert_eq!(r.toc.len(), 2);
    assert_eq!(r.toc[0].children[0].id, "b");
}

#[test]
fn gfm_extensions_render() {
    let r = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.org\n\n- [x] done\n\nNote[^1].\n\n[^1]: A footnote.\n",
        &options(),
    );
    assert!(r.html.contains("<div class=\"table-wrap\"><table>"), "{}", r.html);
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("<a href=\"https://example.org\">"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote"));
}

#[test]
fn escaped_raw_html_is_part_of_the_searchable_text() {
    let body = "## Technical\n\n- What does the <index> tag do?\n\n<aside>kept</aside>\n";
    let escaped = render(body, &options());
    assert!(escaped.plain_text.contains("the <index> tag"), "{}", escaped.plain_text);
    assert!(escaped.plain_text.contains("<aside>kept</aside>"), "{}", escaped.plain_text);
    assert_eq!(escaped.sections[0].entries[0].text, "What does the <index> tag do?");
    let allowed = render(
        body,
        &MarkdownOptions {
            allow_html: true,
            ..options()
        },
    );
    // Passed-through HTML is markup, not words the reader sees.
    assert!(allowed.plain_text.contains("What does the"), "{}", allowed.plain_text);
    assert!(!allowed.plain_text.contains("<index>"), "{}", allowed.plain_text);
    assert!(!allowed.plain_text.contains("<aside>"), "{}", allowed.plain_text);
}

/// Found by the `markdown` fuzz target: its input is
/// fuzz/seeds/markdown/entry-and-heading-inside-it-at-one-source-position-shared-an-id.
/// Under the second `##`, the `-` line below "First question?" makes that text a heading
/// inside the entry, and comrak gives the heading the entry's start position (line 20,
/// column 1, after the lone `\r` line ends at the top). Ids were looked up by source
/// position, so the heading took the entry's id too; they are now given per node.
#[test]
fn entry_and_heading_inside_it_at_one_source_position_shared_an_id() {
    let input = include_bytes!("../../fuzz/seeds/markdown/entry-and-heading-inside-it-at-one-source-position-shared-an-id");
    // The first byte picks the options (0: no HTML, no highlighting, base path "/").
    let r = render(std::str::from_utf8(&input[1..]).expect("UTF-8"), &options());
    let ids: Vec<&str> = r
        .html
        .match_indices(" id=\"")
        .filter_map(|(at, opening)| r.html[at + opening.len()..].split('"').next())
        .collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?} in {}", r.html);
    assert!(
        r.html
            .contains("<li id=\"first-question\" class=\"entry\"><h2>First question?</h2>"),
        "{}",
        r.html
    );
}

#[test]
fn japanese_text_is_read_by_characters_and_english_by_words() {
    let english = render(&"word ".repeat(440), &options());
    assert_eq!((english.word_count, english.cjk_characters), (440, 0));
    assert_eq!(english.reading_minutes(), 2);
    let japanese = render(&format!("{}。Go と SQL", "面接の質問".repeat(200)), &options());
    assert_eq!((japanese.word_count, japanese.cjk_characters), (2, 1001));
    assert_eq!(japanese.reading_minutes(), 3, "1,001 characters at 500 a minute, and two words");
    assert_eq!(render("", &options()).reading_minutes(), 1);
}

#[test]
fn headings_and_entries_leave_the_pages_own_ids_alone() {
    let page = MarkdownOptions {
        reserved_ids: &["main", "search-input"],
        ..options()
    };
    let r = render("## Main\n\n- Search input\n- Search input\n\n## Other\n", &page);
    assert!(r.html.contains("<h2 id=\"main-2\">"), "{}", r.html);
    let anchors: Vec<&str> = r.sections[0].entries.iter().map(|e| e.anchor.as_str()).collect();
    assert_eq!(anchors, ["search-input-2", "search-input-3"]);
    assert!(!r.ids.iter().any(|id| id == "main" || id == "search-input"), "{:?}", r.ids);
    // Without reserved ids, the same body takes them.
    let alone = render("## Main\n", &options());
    assert!(alone.html.contains("<h2 id=\"main\">"), "{}", alone.html);
}
