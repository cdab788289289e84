//! Which pages of a guide in several languages are versions of each other: a page and its
//! translations (`backend.md`, `backend.de.md`), a section in each language (one folder),
//! and a generated page at the same place in each language's folder (`salaries/`,
//! `de/salaries/`). Templates read it for `hreflang` alternates and the language switcher,
//! the sitemap for its alternates, `roles.json` for each role's translations.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::config::Config;
use crate::content::Library;

/// One language's pages, as a language's site holds them: URL paths inside its folder.
pub struct LanguagePages<'a> {
    pub library: &'a Library,
    /// The paths of its generated pages (summaries, search, later pagers of listings).
    pub generated: Vec<String>,
}

/// One version of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    /// The language code, as `hreflang` and `lang` take it.
    pub code: String,
    /// The language's name in itself.
    pub name: String,
    /// Root-relative URL with the base path: `/de/engineering/backend/`.
    pub url: String,
    pub permalink: String,
    /// Whether this is the version being rendered.
    pub current: bool,
}

/// The versions of every page of a guide, by URL path.
#[derive(Debug, Default)]
pub struct Translations {
    codes: Vec<(String, String)>,
    root_path: String,
    root_url: String,
    /// URL path from the site root (`de/engineering/backend/`) → its group.
    group_of: HashMap<String, usize>,
    /// Each group: (language index, URL path from the site root), by language.
    groups: Vec<Vec<(usize, String)>>,
}

/// What makes pages of different languages versions of each other.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Page(PathBuf),
    Section(PathBuf),
    Generated(String),
}

impl Translations {
    /// `languages` in the order of `config.languages` (the whole guide's configuration).
    pub fn new(config: &Config, languages: &[LanguagePages<'_>]) -> Translations {
        let mut groups: Vec<Vec<(usize, String)>> = Vec::new();
        let mut by_key: HashMap<Key, usize> = HashMap::new();
        let mut group_of = HashMap::new();
        for (language, pages) in languages.iter().enumerate() {
            let prefix = language_prefix(config, language);
            let library = pages.library;
            let keyed = library
                .pages
                .iter()
                .map(|p| (Key::Page(p.translation_key.clone()), &p.url_path))
                .chain(library.sections.iter().map(|s| (Key::Section(s.folder.clone()), &s.url_path)))
                .chain(pages.generated.iter().map(|path| (Key::Generated(path.clone()), path)));
            for (key, path) in keyed {
                let full = format!("{prefix}{path}");
                if group_of.contains_key(&full) {
                    continue;
                }
                let next = groups.len();
                let group = *by_key.entry(key).or_insert(next);
                if group == next {
                    groups.push(Vec::new());
                }
                groups[group].push((language, full.clone()));
                group_of.insert(full, group);
            }
        }
        Translations {
            codes: config.languages.iter().map(|l| (l.code.clone(), l.name.clone())).collect(),
            root_path: config.root_path.clone(),
            root_url: config.root_url.clone(),
            group_of,
            groups,
        }
    }

    /// Every version of the page at `path` (from the site root), the default language's
    /// first; empty for a path that is no page.
    pub fn versions(&self, path: &str) -> Vec<Version> {
        let Some(&group) = self.group_of.get(path) else { return Vec::new() };
        self.groups[group]
            .iter()
            .map(|(language, full)| Version {
                code: self.codes[*language].0.clone(),
                name: self.codes[*language].1.clone(),
                url: format!("{}{full}", self.root_path),
                permalink: format!("{}/{full}", self.root_url),
                current: full == path,
            })
            .collect()
    }

    /// The other versions of the page at `path`: its translations.
    pub fn translations_of(&self, path: &str) -> Vec<Version> {
        self.versions(path).into_iter().filter(|v| !v.current).collect()
    }
}

/// The folder of language `index` from the site root: `""` for the default, else `de/`.
pub fn language_prefix(config: &Config, index: usize) -> String {
    match index {
        0 => String::new(),
        _ => format!("{}/", config.languages[index].code),
    }
}

/// What `<link rel="alternate" hreflang="x-default">` points at: the default language's
/// version when there is one, else the first.
pub fn x_default(versions: &[Version]) -> Option<&Version> {
    versions.first()
}
