//! Pages no section describes.
//!
//! Every page belongs to the section of its folder, and every section is rendered and
//! listed by its parent, so a page can never be left out of all listings. What can
//! happen is a folder without `_index.md`: its section is then made up from the folder
//! name (no description, default order), which is rarely what the editor meant.

use crate::content::Library;
use crate::diagnostics::Diagnostic;

/// One warning per folder of pages that has no `_index.md` (`_index.de.md` for its German
/// pages), at its first page. `codes` are the guide's languages, the default first.
pub fn check_sections(library: &Library, codes: &[&str]) -> Vec<Diagnostic> {
    library
        .sections
        .iter()
        .filter(|s| s.source.is_none() && !s.pages.is_empty())
        .filter_map(|section| {
            let first = section.pages.iter().map(|&i| &library.pages[i]).min_by(|a, b| a.source.shown.cmp(&b.source.shown))?;
            let folder = format!("content/{}", section.folder.to_string_lossy().replace('\\', "/"));
            let folder = folder.trim_end_matches('/').to_string();
            let index = match section.language {
                0 => "_index.md".to_string(),
                language => format!("_index.{}.md", codes.get(language).copied().unwrap_or_default()),
            };
            Some(
                Diagnostic::warning(
                    &first.source.shown,
                    0,
                    0,
                    format!(
                        "the folder {folder}/ has no {index}, so its {} listed under a section titled \"{}\" made from the folder name, with no description",
                        if section.pages.len() == 1 { "page is" } else { "pages are" },
                        section.title
                    ),
                )
                .with_hint(format!(
                    "create {folder}/{index} with a `title` and `description` in its front matter"
                ))
                .with_rule(crate::diagnostics::Rule::SectionWithoutIndex),
            )
        })
        .collect()
}

/// One warning per translation (`backend.de.md`) whose original in the default language
/// (`backend.md`) does not exist: readers of the default language have no version of it,
/// and the translation is often left behind by a rename.
pub fn check_translations(library: &Library) -> Vec<Diagnostic> {
    let originals: std::collections::HashSet<&std::path::Path> = library
        .pages
        .iter()
        .filter(|p| p.language == 0)
        .map(|p| p.translation_key.as_path())
        .collect();
    library
        .pages
        .iter()
        .filter(|p| p.language != 0 && !originals.contains(p.translation_key.as_path()))
        .map(|page| {
            let original = format!("content/{}", page.translation_key.to_string_lossy().replace('\\', "/"));
            Diagnostic::warning(
                &page.source.shown,
                0,
                0,
                format!("this translation has no original: {original} does not exist"),
            )
            .with_hint(format!(
                "add {original} in the default language, or rename this file after the original it translates"
            ))
            .with_rule(crate::diagnostics::Rule::TranslationWithoutOriginal)
        })
        .collect()
}
