//! Footnotes with ids that are unique in the page.
//!
//! comrak names a footnote's elements after the name the author wrote: `fn-NAME` on the
//! note, `fnref-NAME` on its first reference and `fnref-NAME-2` on the second. Left as
//! comrak makes them, one id lands on two elements when a footnote is defined twice (the
//! earlier definition stays where it was written), when one is defined inside another,
//! when two names differ only in what the URL form hides (`[^a b]` and `[^a%20b]`), or
//! when a name looks like another's second reference (`[^a]` referenced twice and `[^a-2]`).
//!
//! So after parsing, every definition comrak would not list at the end is removed with a
//! warning, and each listed footnote is named by a slug of the author's name (`[^Source]`
//! → `fn-source`), with a number added when that slug's ids are taken. Headings and entries
//! never take an id starting with `fn-` or `fnref-` (see `unique_anchor`), so those ids
//! cannot meet either.

use std::collections::{HashMap, HashSet};

use comrak::nodes::{AstNode, NodeValue};

use super::Warning;

/// Removes the definitions comrak would leave in place (a second definition of a name, or a
/// definition inside another), warning about each, then renames and renumbers the listed
/// footnotes so that every id they give is unique. Returns those ids.
pub(super) fn make_ids_unique<'a>(root: &'a AstNode<'a>, warnings: &mut Vec<Warning>) -> HashSet<String> {
    remove_unlisted_definitions(root, warnings);
    // A footnote referred to only from inside a removed definition is referred to by
    // nothing now: it goes too, and with it the references inside it; so does a second
    // listed definition of one name (names that differ only in their spaces).
    let (references, reference_count) = loop {
        let references = footnote_references(root);
        let mut reference_count: HashMap<String, u32> = HashMap::new();
        for node in &references {
            let mut data = node.data_mut();
            if let NodeValue::FootnoteReference(ref mut reference) = data.value {
                let count = reference_count.entry(label_key(&reference.name)).or_insert(0);
                *count += 1;
                // Numbered again, so that the back links of the note find each of them.
                reference.ref_num = *count;
            }
        }
        let mut listed = HashSet::new();
        let unreferred: Vec<&'a AstNode<'a>> = listed_definitions(root)
            .filter(|node| match node.data().value {
                NodeValue::FootnoteDefinition(ref d) => {
                    let key = label_key(&d.name);
                    !reference_count.contains_key(&key) || !listed.insert(key)
                }
                _ => false,
            })
            .collect();
        if unreferred.is_empty() {
            break (references, reference_count);
        }
        for node in unreferred {
            node.detach();
        }
    };
    let mut taken = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut renamed: HashMap<String, (String, u32)> = HashMap::new();
    for node in listed_definitions(root) {
        let mut data = node.data_mut();
        let NodeValue::FootnoteDefinition(ref mut definition) = data.value else {
            continue;
        };
        let references = reference_count.get(&label_key(&definition.name)).copied().unwrap_or_default();
        let name = unique_name(&definition.name, references, &mut taken, &mut next_suffix);
        let number = u32::try_from(renamed.len() + 1).unwrap_or(u32::MAX);
        renamed.insert(label_key(&definition.name), (name.clone(), number));
        definition.name = name;
        definition.total_references = references;
    }
    for node in references {
        let mut data = node.data_mut();
        if let NodeValue::FootnoteReference(ref mut reference) = data.value
            && let Some((name, number)) = renamed.get(&label_key(&reference.name))
        {
            reference.name.clone_from(name);
            reference.ix = *number;
        }
    }
    taken
}

/// A footnote's name as its definition and its references both give it: comrak normalises
/// a reference's name once more than its definition's, and that is not always the same
/// (`[^2\u{b}]` is `2 ` on the definition, `2` on the reference).
fn label_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every footnote reference, in document order.
fn footnote_references<'a>(root: &'a AstNode<'a>) -> Vec<&'a AstNode<'a>> {
    root.descendants()
        .filter(|node| matches!(node.data().value, NodeValue::FootnoteReference(_)))
        .collect()
}

/// The definitions comrak lists: the last children of the document, in footnote order.
fn listed_definitions<'a>(root: &'a AstNode<'a>) -> impl Iterator<Item = &'a AstNode<'a>> {
    root.children()
        .filter(|node| matches!(node.data().value, NodeValue::FootnoteDefinition(_)))
}

/// Detaches, with a warning, each definition that comrak did not take as its footnote's:
/// it has no references counted. (Unreferenced definitions comrak detaches itself.)
fn remove_unlisted_definitions<'a>(root: &'a AstNode<'a>, warnings: &mut Vec<Warning>) {
    let unlisted: Vec<&'a AstNode<'a>> = root
        .descendants()
        .filter(|node| matches!(node.data().value, NodeValue::FootnoteDefinition(ref d) if d.total_references == 0))
        .collect();
    for node in unlisted {
        let inside_another = node
            .ancestors()
            .skip(1)
            .any(|up| matches!(up.data().value, NodeValue::FootnoteDefinition(_)));
        let start = node.data().sourcepos.start;
        let name = match node.data().value {
            NodeValue::FootnoteDefinition(ref definition) => definition.name.clone(),
            _ => String::new(),
        };
        let (message, hint) = if inside_another {
            (
                format!("the footnote [^{name}] is defined inside another footnote, so it is not shown"),
                "start its definition at the beginning of a line, not indented under the other footnote",
            )
        } else {
            (
                format!("the footnote [^{name}] is defined more than once; only its last definition is shown"),
                "remove the other definitions, or give this one its own name and refer to it with that name",
            )
        };
        warnings.push(Warning {
            line: start.line,
            column: start.column,
            message,
            hint: hint.into(),
        });
        node.detach();
    }
}

/// A URL-safe name from `written` whose note id (`fn-NAME`) and reference ids (`fnref-NAME`,
/// `fnref-NAME-2`, …) are all free; marks them taken.
fn unique_name(written: &str, references: u32, taken: &mut HashSet<String>, next_suffix: &mut HashMap<String, usize>) -> String {
    let mut base = slug::slugify(written);
    if base.is_empty() {
        base = "note".into();
    }
    let ids = |name: &str| {
        let name = name.to_string();
        std::iter::once(format!("fn-{name}"))
            .chain(std::iter::once(format!("fnref-{name}")))
            .chain((2..=references).map(move |n| format!("fnref-{name}-{n}")))
    };
    let mut name = base.clone();
    // Counting on from the last number given to this slug keeps many alike names linear.
    let suffix = next_suffix.entry(base.clone()).or_insert(2);
    while ids(&name).any(|id| taken.contains(&id)) {
        name = format!("{base}-{suffix}");
        *suffix += 1;
    }
    taken.extend(ids(&name));
    name
}

#[cfg(test)]
mod tests {
    use super::super::{MarkdownOptions, render};

    fn rendered(body: &str) -> super::super::Rendered {
        let options = MarkdownOptions {
            allow_html: false,
            highlight: None,
            base_path: "/".into(),
            reserved_ids: &[],
        };
        render(body, &options)
    }

    /// Every `id="…"` of the HTML, in order.
    fn ids(html: &str) -> Vec<&str> {
        html.match_indices(" id=\"")
            .filter_map(|(at, opening)| {
                let rest = &html[at + opening.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
            .collect()
    }

    fn assert_unique_ids(html: &str) {
        let all = ids(html);
        let unique: std::collections::HashSet<&str> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "{all:?} in {html}");
    }

    /// Found by the `markdown` fuzz target: its input is
    /// fuzz/seeds/markdown/duplicate-id-with-repeated-footnote-definitions.
    #[test]
    fn duplicate_id_with_repeated_footnote_definitions() {
        let r = rendered("A claim[^1].\n\n[^1]: The first note.\n\n## Questions\n\n[^1]: The second note.\n");
        assert_unique_ids(&r.html);
        assert_eq!(r.html.matches("id=\"fn-1\"").count(), 1, "{}", r.html);
        assert!(r.html.contains("The second note."), "{}", r.html);
        assert!(!r.html.contains("The first note."), "{}", r.html);
        assert_eq!(r.warnings.len(), 1);
        assert_eq!((r.warnings[0].line, r.warnings[0].column), (3, 1));
        assert!(r.warnings[0].message.contains("[^1] is defined more than once"), "{:?}", r.warnings);
    }

    #[test]
    fn the_fuzz_finding_itself_gets_unique_ids() {
        let input = include_bytes!("../../fuzz/seeds/markdown/duplicate-id-with-repeated-footnote-definitions");
        // The first byte picks the options (0: no HTML, no highlighting, base path "/").
        let body = std::str::from_utf8(&input[1..]).expect("UTF-8");
        assert_unique_ids(&rendered(body).html);
    }

    #[test]
    fn a_definition_inside_another_is_removed_with_a_warning() {
        let r = rendered("A[^a] and B[^b].\n\n[^a]: Outer.\n\n    [^b]: Inner.\n\n[^b]: Top.\n");
        assert_unique_ids(&r.html);
        assert!(!r.html.contains("Inner."), "{}", r.html);
        assert!(r.html.contains("Top."), "{}", r.html);
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert!(r.warnings[0].message.contains("inside another footnote"), "{:?}", r.warnings);
    }

    #[test]
    fn names_that_give_the_same_id_get_their_own() {
        // `é` and `%C3%A9` were both `fn-%C3%A9`; `[^x]` twice and `[^x-2]` both `fnref-x-2`;
        // `[^Note]` and `[^note!]` slug alike.
        let r = rendered(
            "One[^é], two[^%C3%A9], three[^x][^x], four[^x-2], five[^Note], six[^note!].\n\n\
             [^é]: A.\n\n[^%C3%A9]: B.\n\n[^x]: X.\n\n[^x-2]: Y.\n\n[^Note]: N.\n\n[^note!]: M.\n",
        );
        assert_unique_ids(&r.html);
        for id in [
            "fn-e",
            "fn-c3-a9",
            "fnref-x",
            "fnref-x-2",
            "fn-x-2-2",
            "fnref-x-2-2",
            "fn-note",
            "fn-note-2",
        ] {
            assert!(ids(&r.html).contains(&id), "{id} in {}", r.html);
        }
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn every_footnote_link_leads_to_an_id_of_the_page_and_the_ids_are_listed() {
        let r = rendered("Text[^src] and[^src] again[^2].\n\n[^src]: Source.\n\n[^2]: Two[^src].\n");
        let page_ids = ids(&r.html);
        for (at, _) in r.html.match_indices("href=\"#") {
            let target = &r.html[at + 7..];
            let target = &target[..target.find('"').expect("closing quote")];
            assert!(page_ids.contains(&target), "#{target} in {}", r.html);
        }
        for id in &page_ids {
            assert!(r.ids.iter().any(|listed| listed == id), "{id} listed in {:?}", r.ids);
        }
        // Numbered in the order the notes are first referred to, as comrak numbers them.
        assert!(
            r.html.contains("<a href=\"#fn-2\" id=\"fnref-2\" data-footnote-ref>2</a>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn headings_numbered_like_a_footnote_skip_its_ids() {
        // Two headings `fn` would be `fn` and `fn-2`, the id of the footnote `[^2]`.
        let r = rendered("## fn\n\nA[^2].\n\n## fn\n\n## fnref\n\n## fnref\n\n[^2]: Two.\n");
        assert_unique_ids(&r.html);
        assert!(r.html.contains("<h2 id=\"fn-3\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"fnref-3\">"), "{}", r.html);
    }

    /// Found by the `markdown` fuzz target: its input is
    /// fuzz/seeds/markdown/reference-and-definition-named-apart-by-a-vertical-tab.
    #[test]
    fn reference_and_definition_named_apart_by_a_vertical_tab() {
        let r = rendered("A claim[^2\u{b}].\n\n[^2\u{b}]: The source.\n");
        assert!(
            r.html.contains("<a href=\"#fn-2\" id=\"fnref-2\" data-footnote-ref>1</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li id=\"fn-2\">"), "{}", r.html);
        let seed = include_bytes!("../../fuzz/seeds/markdown/reference-and-definition-named-apart-by-a-vertical-tab");
        let body = std::str::from_utf8(&seed[1..]).expect("UTF-8");
        crate::invariants::markdown(body, false, false, "/");
    }

    #[test]
    fn a_name_without_letters_or_digits_is_named_note() {
        let r = rendered("Odd[^!!].\n\n[^!!]: Odd note.\n");
        assert!(r.html.contains("id=\"fn-note\""), "{}", r.html);
    }
}
