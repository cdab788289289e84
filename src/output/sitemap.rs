//! `sitemap.xml` and `robots.txt`.

use super::Output;
use crate::config::Config;
use crate::content::translations::Translations;
use crate::content::{Library, pagination};
use crate::escape;

/// One page of the sitemap: its path from the site root and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub path: String,
    pub lastmod: Option<String>,
}

/// A language's entries: every section (each pager of its listing) and page, with
/// `lastmod` from `updated` or `date`, and the generated pages at `extra_paths`. Paths are
/// from the site root (`de/engineering/` in German). The redirects at `…/page/1/` are left
/// out: they are not pages.
pub fn entries(config: &Config, library: &Library, extra_paths: &[String]) -> Vec<Entry> {
    let prefix = config.language_prefix();
    let entry = |path: &str, lastmod: Option<String>| Entry {
        path: format!("{prefix}{path}"),
        lastmod,
    };
    let mut entries: Vec<Entry> = library.sections.iter().map(|s| entry(&s.url_path, None)).collect();
    for section in &library.sections {
        let later = pagination::later_pager_paths(&section.url_path, section.pages.len(), section.paginate_by(config));
        entries.extend(later.map(|path| entry(&path, None)));
    }
    entries.extend(
        library
            .pages
            .iter()
            .map(|p| entry(&p.url_path, p.updated.or(p.date).map(|d| d.to_string()))),
    );
    entries.extend(extra_paths.iter().map(|p| entry(p, None)));
    entries
}

/// The sitemap of every language's entries, in URL order. In a guide in several
/// languages each entry lists its versions (itself included) and `x-default`, as search
/// engines read them (`xhtml:link`).
pub fn sitemap(config: &Config, mut entries: Vec<Entry>, translations: Option<&Translations>) -> Output {
    entries.sort();
    entries.dedup_by(|a, b| a.path == b.path);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if translations.is_some() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for Entry { path, lastmod } in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape::html(&format!("{}/{}", config.root_url, path)));
        xml.push_str("</loc>\n");
        if let Some(date) = lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        let versions = translations.map(|t| t.versions(&path)).unwrap_or_default();
        let x_default = crate::content::translations::x_default(&versions);
        let links = versions
            .iter()
            .map(|v| (v.code.as_str(), v))
            .chain(x_default.map(|v| ("x-default", v)));
        for (hreflang, version) in links {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape::html(hreflang),
                escape::html(&version.permalink)
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    Output {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

/// Allows everything and points crawlers at the sitemap.
pub fn robots(config: &Config) -> Output {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", config.root_url);
    Output {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}
