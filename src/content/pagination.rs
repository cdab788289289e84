//! Pagination of long listings: a section's pages, a skill's or an industry's roles, a
//! section's salary table. A listing of `n` entries shown `paginate_by` at a time has
//! `ceil(n / paginate_by)` pagers (at least one). The first is the listing's own URL
//! (`/engineering/`); the others are `/engineering/page/2/`, `/engineering/page/3/`…;
//! `/engineering/page/1/` is a redirect to the first, as Zola writes it.
//!
//! [`Paginator`] is what templates see, with Zola's names, so a theme written for Zola's
//! paginator reads ours.

use std::ops::Range;

use serde::Serialize;

use crate::config::Config;

/// The folder pagers 2 and up live in: `/engineering/page/2/`.
pub const PAGE_FOLDER: &str = "page";

/// How many pagers a listing of `items` entries has (an empty listing still has one).
pub fn pager_count(items: usize, paginate_by: usize) -> usize {
    items.div_ceil(paginate_by.max(1)).max(1)
}

/// The entries pager `number` (1-based) shows.
pub fn pager_items(items: usize, paginate_by: usize, number: usize) -> Range<usize> {
    let per = paginate_by.max(1);
    let start = (number.saturating_sub(1) * per).min(items);
    start..(start + per).min(items)
}

/// URL path of pager `number` of the listing at `listing` (`engineering/`, or `""` for
/// the home page): the listing itself for 1, else `engineering/page/2/`.
pub fn pager_url_path(listing: &str, number: usize) -> String {
    if number <= 1 {
        listing.to_string()
    } else {
        format!("{listing}{PAGE_FOLDER}/{number}/")
    }
}

/// The output file of `/…/page/1/`, a redirect to the listing's own URL.
pub fn first_pager_redirect_file(listing: &str) -> String {
    format!("{listing}{PAGE_FOLDER}/1/index.html")
}

/// URL paths of pagers 2 and up of a listing: what the sitemap lists and what content
/// must not claim besides the listing itself.
pub fn later_pager_paths(listing: &str, items: usize, paginate_by: usize) -> impl Iterator<Item = String> + '_ {
    (2..=pager_count(items, paginate_by)).map(move |number| pager_url_path(listing, number))
}

/// One pager of a listing, as templates see it (`paginator`), named as Zola names it.
/// URLs are root-relative with the base path (`/careers/engineering/page/2/`), as every
/// other URL given to templates.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Paginator<T> {
    /// Entries per pager.
    pub paginate_by: usize,
    /// The listing's URL followed by the pager folder: `/engineering/page/`.
    pub base_url: String,
    /// How many pagers the listing has.
    pub number_pagers: usize,
    /// URLs of the first and last pagers.
    pub first: String,
    pub last: String,
    /// URLs of the pagers before and after this one, when there are.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The entries of this pager.
    pub pages: Vec<T>,
    /// This pager's number, from 1.
    pub current_index: usize,
    /// This pager's absolute URL, for its canonical link.
    pub permalink: String,
    /// How many entries the listing has over all its pagers.
    pub total_pages: usize,
    /// Number of this pager's first and last entry over the listing (1-based; 0 and 0 when
    /// the listing is empty), for "roles 101–200 of 1,481".
    pub first_item: usize,
    pub last_item: usize,
    /// The links a page navigation shows: the first and last pagers, and the two on each
    /// side of this one, with a gap where numbers are skipped.
    pub links: Vec<PagerLink>,
}

/// One entry of a page navigation: a pager, or a gap between numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct PagerLink {
    /// 0 for a gap.
    pub number: usize,
    pub url: String,
    pub current: bool,
    pub gap: bool,
}

/// How many pagers on each side of the current one the navigation names.
const NEIGHBOURS: usize = 2;

impl<T> Paginator<T> {
    /// Pager `number` of the listing at `listing` (a URL path: `engineering/`) of `total`
    /// entries; `pages` are this pager's entries.
    pub fn new(config: &Config, listing: &str, total: usize, paginate_by: usize, number: usize, pages: Vec<T>) -> Paginator<T> {
        let count = pager_count(total, paginate_by);
        let number = number.clamp(1, count);
        let listing_url = format!("{}{listing}", config.base_path);
        let url = |n: usize| pager_url_path(&listing_url, n);
        let items = pager_items(total, paginate_by, number);
        Paginator {
            paginate_by,
            base_url: format!("{listing_url}{PAGE_FOLDER}/"),
            number_pagers: count,
            first: url(1),
            last: url(count),
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < count).then(|| url(number + 1)),
            pages,
            current_index: number,
            permalink: format!("{}/{}", config.base_url, pager_url_path(listing, number)),
            total_pages: total,
            first_item: if items.is_empty() { 0 } else { items.start + 1 },
            last_item: items.end,
            links: navigation(count, number, &url),
        }
    }
}

fn navigation(count: usize, current: usize, url: &dyn Fn(usize) -> String) -> Vec<PagerLink> {
    let shown = |n: usize| n == 1 || n == count || n.abs_diff(current) <= NEIGHBOURS;
    let mut links = Vec::new();
    for number in 1..=count {
        if shown(number) {
            links.push(PagerLink {
                number,
                url: url(number),
                current: number == current,
                gap: false,
            });
        } else if links.last().is_none_or(|l: &PagerLink| !l.gap) {
            links.push(PagerLink {
                number: 0,
                url: String::new(),
                current: false,
                gap: true,
            });
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_split_a_listing_and_keep_at_least_one() {
        assert_eq!(pager_count(0, 10), 1);
        assert_eq!(pager_count(10, 10), 1);
        assert_eq!(pager_count(11, 10), 2);
        assert_eq!(pager_items(25, 10, 1), 0..10);
        assert_eq!(pager_items(25, 10, 3), 20..25);
        assert_eq!(pager_items(0, 10, 1), 0..0);
    }

    #[test]
    fn the_first_pager_is_the_listing_itself() {
        assert_eq!(pager_url_path("engineering/", 1), "engineering/");
        assert_eq!(pager_url_path("engineering/", 2), "engineering/page/2/");
        assert_eq!(pager_url_path("", 3), "page/3/");
        assert_eq!(first_pager_redirect_file("engineering/"), "engineering/page/1/index.html");
        let later: Vec<String> = later_pager_paths("a/", 21, 10).collect();
        assert_eq!(later, ["a/page/2/", "a/page/3/"]);
        assert_eq!(later_pager_paths("a/", 10, 10).count(), 0);
    }

    fn config() -> Config {
        let overrides = crate::config::Overrides::default();
        Config::from_text(std::path::Path::new("/site"), "base_url = \"https://x.test/g\"", &overrides).unwrap()
    }

    #[test]
    fn a_paginator_names_its_neighbours_and_its_place() {
        let config = config();
        let p = Paginator::new(&config, "eng/", 95, 10, 5, vec!["x"]);
        assert_eq!(p.permalink, "https://x.test/g/eng/page/5/");
        assert_eq!((p.number_pagers, p.current_index, p.total_pages), (10, 5, 95));
        assert_eq!((p.first.as_str(), p.last.as_str()), ("/g/eng/", "/g/eng/page/10/"));
        assert_eq!(p.previous.as_deref(), Some("/g/eng/page/4/"));
        assert_eq!(p.next.as_deref(), Some("/g/eng/page/6/"));
        assert_eq!((p.first_item, p.last_item), (41, 50));
        assert_eq!(p.base_url, "/g/eng/page/");
        let shown: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(shown, [1, 0, 3, 4, 5, 6, 7, 0, 10]);
        assert!(p.links.iter().filter(|l| l.current).all(|l| l.number == 5));
        let first = Paginator::new(&config, "eng/", 95, 10, 1, Vec::<()>::new());
        assert_eq!((first.previous, first.next.as_deref()), (None, Some("/g/eng/page/2/")));
        let last = Paginator::new(&config, "eng/", 95, 10, 10, Vec::<()>::new());
        assert_eq!((last.next, last.first_item, last.last_item), (None, 91, 95));
        let empty = Paginator::new(&config, "", 0, 10, 1, Vec::<()>::new());
        assert_eq!((empty.number_pagers, empty.first_item, empty.last_item), (1, 0, 0));
        assert_eq!(empty.links.len(), 1);
    }
}
