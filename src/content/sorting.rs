//! Deterministic ordering of pages and sections: every sort ends with a tie-breaker on the
//! URL path, so output never depends on the file system's order.

use std::cmp::Ordering;

use super::{Library, Page, SortBy};

/// Sorts each section's pages by its `sort_by` and its subsections by weight, then title.
pub fn sort_sections(library: &mut Library) {
    let pages = &library.pages;
    let snapshot: Vec<(Option<i64>, String, String)> = library
        .sections
        .iter()
        .map(|s| (s.weight, s.title.to_lowercase(), s.url_path.clone()))
        .collect();
    for section in &mut library.sections {
        let sort_by = section.sort_by;
        section.pages.sort_by(|&a, &b| compare_pages(&pages[a], &pages[b], sort_by));
        section.subsections.sort_by(|&a, &b| compare_weighted(&snapshot[a], &snapshot[b]));
    }
}

fn compare_pages(a: &Page, b: &Page, sort_by: SortBy) -> Ordering {
    let primary = match sort_by {
        SortBy::Weight => compare_optional(a.weight, b.weight).then_with(|| compare_titles(&a.title, &b.title)),
        SortBy::Title => compare_titles(&a.title, &b.title),
        // Newest first; undated pages last.
        SortBy::Date => compare_optional(b.updated.or(b.date), a.updated.or(a.date)).reverse_if_both_missing(a, b),
    };
    primary.then_with(|| a.url_path.cmp(&b.url_path))
}

trait MissingLast {
    fn reverse_if_both_missing(self, a: &Page, b: &Page) -> Ordering;
}

impl MissingLast for Ordering {
    /// `compare_optional` puts missing values last; with the arguments swapped for
    /// newest-first, a dated page must still come before an undated one.
    fn reverse_if_both_missing(self, a: &Page, b: &Page) -> Ordering {
        match (a.updated.or(a.date), b.updated.or(b.date)) {
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            _ => self,
        }
    }
}

/// Present values in ascending order, missing values after them.
fn compare_optional<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn compare_titles(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

fn compare_weighted(a: &(Option<i64>, String, String), b: &(Option<i64>, String, String)) -> Ordering {
    compare_optional(a.0, b.0).then_with(|| a.1.cmp(&b.1)).then_with(|| a.2.cmp(&b.2))
}
