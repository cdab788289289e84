//! Turns the built site (content plus rendered Markdown) into the pages search indexes.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Library;
use crate::markdown::Rendered;

use super::{SearchEntry, SearchGuideSection, SearchPage};

/// Every page of the library, sorted by URL, as search sees it. Role pages carry their
/// skills, soft skills and industries as tags and their guide sections with entries.
/// In parallel: a large guide has hundreds of thousands of entries to list.
pub fn pages_from_site<'a>(library: &Library, rendered: &'a [Arc<Rendered>]) -> Vec<SearchPage<'a>> {
    library
        .pages_by_url()
        .into_par_iter()
        .map(|index| {
            let page = &library.pages[index];
            let body = &rendered[index];
            let section = &library.sections[page.section];
            let tags = page
                .role
                .as_ref()
                .map(|role| {
                    role.skills
                        .iter()
                        .chain(&role.soft_skills)
                        .chain(&role.industries)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            SearchPage {
                url: format!("/{}", page.url_path),
                title: page.title.clone(),
                description: if page.description.is_empty() {
                    body.summary.clone()
                } else {
                    page.description.clone()
                },
                section_title: if section.is_home() { String::new() } else { section.title.clone() },
                is_role: page.role.is_some(),
                tags,
                body_text: Cow::Borrowed(&body.plain_text),
                guide_sections: body
                    .sections
                    .iter()
                    .map(|s| SearchGuideSection {
                        heading: s.heading.clone(),
                        anchor: s.anchor.clone(),
                        entries: s
                            .entries
                            .iter()
                            .map(|e| SearchEntry {
                                anchor: Cow::Borrowed(&e.anchor),
                                text: Cow::Borrowed(&e.full_text),
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}
