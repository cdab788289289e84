//! `sitemap.xml` and `robots.txt`.

use super::Output;
use crate::config::Config;
use crate::content::{Library, pagination};
use crate::escape;

/// Every section (each pager of its listing) and page, in URL order, with `lastmod` from
/// `updated` or `date`. The redirects at `…/page/1/` are left out: they are not pages.
pub fn sitemap(config: &Config, library: &Library, extra_paths: &[String]) -> Output {
    let mut entries: Vec<(String, Option<String>)> = library.sections.iter().map(|s| (s.url_path.clone(), None)).collect();
    for section in &library.sections {
        let later = pagination::later_pager_paths(&section.url_path, section.pages.len(), section.paginate_by(config));
        entries.extend(later.map(|path| (path, None)));
    }
    entries.extend(
        library
            .pages
            .iter()
            .map(|p| (p.url_path.clone(), p.updated.or(p.date).map(|d| d.to_string()))),
    );
    entries.extend(extra_paths.iter().map(|p| (p.clone(), None)));
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape::html(&format!("{}/{}", config.base_url, path)));
        xml.push_str("</loc>\n");
        if let Some(date) = lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
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
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", config.base_url);
    Output {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}
