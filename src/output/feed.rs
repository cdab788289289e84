//! `atom.xml`: an Atom 1.0 feed (RFC 4287) of the roles, newest first, so candidates and
//! job boards can follow new and updated roles.

use super::Output;
use crate::config::Config;
use crate::content::{Library, Page};
use crate::escape::xml as escape;

/// Where the feed is written, relative to the output folder.
pub const FEED_FILE: &str = "atom.xml";

/// At most this many roles are listed: a feed is read for what is new, and a guide of
/// thousands of roles would otherwise make every poll download all of them.
pub const FEED_LIMIT: usize = 100;

/// The roles with a `date` or `updated`, newest (`updated`, else `date`) first, ties by
/// URL. Roles with neither are left out: the feed could not say when they changed.
pub fn atom(config: &Config, library: &Library) -> Output {
    let mut roles: Vec<(&Page, jiff::civil::Date)> = library
        .pages
        .iter()
        .filter(|p| p.role.is_some())
        .filter_map(|p| p.updated.or(p.date).map(|d| (p, d)))
        .collect();
    roles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.url_path.cmp(&b.0.url_path)));
    roles.truncate(FEED_LIMIT);
    // The feed changed when its newest entry did; without dated roles, the newest date of
    // any page, else the epoch (never the build time, so builds stay reproducible).
    let newest = roles
        .first()
        .map(|r| r.1)
        .or_else(|| library.pages.iter().filter_map(|p| p.updated.or(p.date)).max())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
    let home = format!("{}/", config.base_url);
    let mut xml = String::with_capacity(1024 + roles.len() * 600);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&config.title)));
    if !config.description.trim().is_empty() {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(&config.description)));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&format!("{}/{FEED_FILE}", config.base_url))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&home)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape(&home)));
    xml.push_str(&format!("  <updated>{newest}</updated>\n"));
    // Atom requires an author for the feed or for every entry; the guide is the author.
    xml.push_str(&format!("  <author><name>{}</name></author>\n", escape(&config.title)));
    xml.push_str("  <generator>Interview Guide</generator>\n");
    for (page, changed) in &roles {
        let permalink = config.permalink(&page.url_path);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&page.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&permalink)
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&permalink)));
        if let Some(date) = page.date {
            xml.push_str(&format!("    <published>{}</published>\n", timestamp(date)));
        }
        xml.push_str(&format!("    <updated>{}</updated>\n", timestamp(*changed)));
        if let Some(section) = library.sections.get(page.section).filter(|s| !s.is_home()) {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape(&section.title)));
        }
        if !page.description.trim().is_empty() {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(&page.description)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Output {
        path: FEED_FILE.into(),
        bytes: xml.into_bytes(),
    }
}

/// An RFC 3339 date-time for a calendar date (midnight UTC), as Atom requires.
fn timestamp(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}
