//! The language dimension of a build, taken once: the rendered site of a guide in several
//! languages becomes one [`Site`] per language, each rendered by the same phases as a guide
//! in one language, into its own folder (`/de/`).
//!
//! Each language's site has its own configuration (title, description, base URL and path
//! of its folder) and library (its pages and sections only, URL paths inside its folder),
//! so its listings, summaries, feed, `roles.json` and search index hold its pages and no
//! other language's. The phases that write a language's files put them in its folder
//! (`output::Prefixed`).

use std::sync::Arc;

use super::Site;
use crate::content::{Library, Page, Section};
use crate::diagnostics::Diagnostics;
use crate::markdown::Rendered;

impl Site {
    /// [`Site::into_languages`] of a copy, for `guide check`, which goes on to check the
    /// whole site. The rendered bodies are shared, not copied.
    pub fn language_sites(&self) -> Vec<Site> {
        Site {
            config: self.config.clone(),
            library: self.library.clone(),
            pages: self.pages.clone(),
            sections: self.sections.clone(),
            diagnostics: Diagnostics::new(),
        }
        .into_languages()
    }

    /// One site per language of the configuration, the default first. A guide in one
    /// language is returned as it is.
    pub fn into_languages(self) -> Vec<Site> {
        let count = self.config.languages.len();
        if count <= 1 {
            return vec![self];
        }
        let Site {
            config,
            library,
            pages,
            sections,
            diagnostics,
        } = self;
        // Where each page and section goes: (language, index there).
        let mut section_at = Vec::with_capacity(library.sections.len());
        let mut section_counts = vec![0; count];
        for section in &library.sections {
            section_at.push(section_counts[section.language]);
            section_counts[section.language] += 1;
        }
        let mut page_at = Vec::with_capacity(library.pages.len());
        let mut page_counts = vec![0; count];
        for page in &library.pages {
            page_at.push(page_counts[page.language]);
            page_counts[page.language] += 1;
        }
        let mut split: Vec<Parts> = (0..count).map(|_| Parts::default()).collect();
        let prefixes: Vec<String> = (0..count)
            .map(|language| crate::content::translations::language_prefix(&config, language))
            .collect();
        for (mut section, rendered) in library.sections.into_iter().zip(sections) {
            let language = section.language;
            strip_prefix(&mut section.url_path, &prefixes[language]);
            section.parent = section.parent.map(|p| section_at[p]);
            section.subsections.iter_mut().for_each(|s| *s = section_at[*s]);
            section.pages.iter_mut().for_each(|p| *p = page_at[*p]);
            split[language].sections.push(section);
            split[language].rendered_sections.push(rendered);
        }
        for (mut page, rendered) in library.pages.into_iter().zip(pages) {
            let language = page.language;
            strip_prefix(&mut page.url_path, &prefixes[language]);
            page.alias_files.iter_mut().for_each(|a| strip_prefix(a, &prefixes[language]));
            page.section = section_at[page.section];
            split[language].pages.push(page);
            split[language].rendered_pages.push(rendered);
        }
        let mut files = Some(library.files);
        let mut diagnostics = Some(diagnostics);
        split
            .into_iter()
            .enumerate()
            .map(|(language, parts)| Site {
                config: config.for_language(language),
                library: Library {
                    sections: parts.sections,
                    pages: parts.pages,
                    // Loose files under `content/` are copied once, beside the default language.
                    files: files.take().unwrap_or_default(),
                },
                pages: parts.rendered_pages,
                sections: parts.rendered_sections,
                diagnostics: diagnostics.take().unwrap_or_else(Diagnostics::new),
            })
            .collect()
    }
}

/// What one language's site is made of, gathered from the whole site's.
#[derive(Default)]
struct Parts {
    sections: Vec<Section>,
    rendered_sections: Vec<Rendered>,
    pages: Vec<Page>,
    rendered_pages: Vec<Arc<Rendered>>,
}

fn strip_prefix(path: &mut String, prefix: &str) {
    if !prefix.is_empty() && path.starts_with(prefix) {
        path.drain(..prefix.len());
    }
}
