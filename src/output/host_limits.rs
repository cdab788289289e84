//! The limits of common static hosts, checked against a build's output: a site that
//! breaks one builds fine and then fails to deploy, so `guide build` and `guide check`
//! warn about it, naming the files and the setting that helps. The hosts' figures, with
//! their sources, are in docs/hosting.md.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Rule};
use crate::output::{CopiedFile, CopySource};

/// The largest file Cloudflare Pages (and Workers static assets) accepts: 25 MiB.
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;
/// The most files a Cloudflare Pages site may have on its free plan.
pub const MAX_FILES: usize = 20_000;
/// The size GitHub Pages asks a published site to stay under: 1 GB.
pub const MAX_SITE_BYTES: u64 = 1_000_000_000;

/// How many folders the file count warning names.
const FOLDERS_NAMED: usize = 5;

/// One output file: its path relative to the output folder and its size.
pub type Sized = (String, u64);

/// The files of a build held in memory (`guide check`, `guide serve`): rendered outputs
/// and the files copied as they are.
pub fn sizes_of_built(outputs: &[Sized], copies: &[CopiedFile]) -> Vec<Sized> {
    let copied = copies.iter().map(|copy| {
        let bytes = match &copy.source {
            CopySource::Bytes(bytes) => bytes.len() as u64,
            CopySource::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        };
        (copy.path.clone(), bytes)
    });
    outputs.iter().cloned().chain(copied).collect()
}

/// The files of a written output folder.
pub fn sizes_in_folder(folder: &Path) -> Vec<Sized> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(folder).unwrap_or(entry.path());
            let bytes = entry.metadata().map_or(0, |m| m.len());
            (path.to_string_lossy().replace('\\', "/"), bytes)
        })
        .collect()
}

/// Warnings for the host limits `files` break; `output` is the output folder as shown
/// to the user (`public`).
pub fn check(files: &[Sized], output: &Path) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut large: Vec<&Sized> = files.iter().filter(|(_, bytes)| *bytes > MAX_FILE_BYTES).collect();
    large.sort();
    for (path, bytes) in large {
        warnings.push(
            Diagnostic::warning(
                output.join(path),
                0,
                0,
                format!(
                    "this file is {}, over the 25 MiB Cloudflare Pages accepts for one file: the site cannot be deployed there",
                    megabytes(*bytes)
                ),
            )
            .with_hint(large_file_hint(path))
            .with_rule(Rule::HostLimit),
        );
    }
    if files.len() > MAX_FILES {
        warnings.push(
            Diagnostic::warning(
                output,
                0,
                0,
                format!(
                    "the site has {} files, more than the {} a Cloudflare Pages site may have on its free plan; most are in {}",
                    crate::summaries::format_count(files.len()),
                    crate::summaries::format_count(MAX_FILES),
                    busiest_folders(files)
                ),
            )
            .with_hint(
                "a larger `paginate_by` in config.toml makes fewer pages of lists, and `[search] shard_size` fewer search \
                 shards; otherwise publish on a host without a file limit (see the hosting notes)",
            )
            .with_rule(Rule::HostLimit),
        );
    }
    let total: u64 = files.iter().map(|(_, bytes)| bytes).sum();
    if total > MAX_SITE_BYTES {
        warnings.push(
            Diagnostic::warning(
                output,
                0,
                0,
                format!(
                    "the site is {} in all, over the 1 GB GitHub Pages asks a site to stay under",
                    megabytes(total)
                ),
            )
            .with_hint(
                "`[search] full_index = false` in config.toml leaves out the single-file search index, the largest \
                 files; otherwise publish on a host without a size limit (see the hosting notes)",
            )
            .with_rule(Rule::HostLimit),
        );
    }
    warnings
}

/// The setting that makes a file smaller, by what the file is.
fn large_file_hint(path: &str) -> String {
    if path == "search_index.json" || path == "search_docs.json" {
        "set `full_index = false` under [search] in config.toml (or remove it: by default the file is written only when \
         it fits): the browser searches with the packed files under search/, and only other tools read the single-file \
         index"
            .into()
    } else if path.starts_with("search/") {
        "set a smaller `shard_size` under [search] in config.toml".into()
    } else if path.ends_with(".html") {
        "set a smaller `paginate_by` in config.toml (or in the `_index.md` of the section) to split long lists into pages".into()
    } else {
        "it is copied from content/ or static/: make it smaller, or link to it where it is published elsewhere".into()
    }
}

/// `search/ (10,155 files), engineering/ (1,481 files)`: the top folders holding the most
/// files, most first.
fn busiest_folders(files: &[Sized]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, _) in files {
        let folder = path.split_once('/').map_or("the top folder", |(top, _)| top);
        *counts.entry(folder).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
        .iter()
        .take(FOLDERS_NAMED)
        .map(|(folder, count)| {
            let slash = if *folder == "the top folder" { "" } else { "/" };
            let files = if *count == 1 { "file" } else { "files" };
            format!("{folder}{slash} ({} {files})", crate::summaries::format_count(*count))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `151.2 MB`.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_within_the_limits_gets_no_warning() {
        let files = vec![
            ("index.html".to_string(), 10_000),
            ("search_index.json".to_string(), MAX_FILE_BYTES),
        ];
        assert!(check(&files, Path::new("public")).is_empty());
    }

    #[test]
    fn each_large_file_is_named_with_the_setting_that_shrinks_it() {
        let files = vec![
            ("search_index.json".to_string(), MAX_FILE_BYTES + 1),
            ("salaries/index.html".to_string(), 30_000_000),
            ("engineering/x/video.mp4".to_string(), 40_000_000),
        ];
        let warnings = check(&files, Path::new("public"));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        let find = |file: &str| warnings.iter().find(|w| w.file == Path::new("public").join(file)).unwrap();
        assert!(
            find("search_index.json").message.contains("26.2 MB"),
            "{}",
            find("search_index.json")
        );
        assert!(find("search_index.json").hint.as_deref().unwrap().contains("full_index = false"));
        assert!(find("salaries/index.html").hint.as_deref().unwrap().contains("paginate_by"));
        assert!(find("engineering/x/video.mp4").hint.as_deref().unwrap().contains("content/"));
    }

    #[test]
    fn too_many_files_names_the_folders_that_hold_them() {
        let mut files: Vec<Sized> = (0..MAX_FILES).map(|i| (format!("search/f/{i}.json"), 10)).collect();
        files.push(("engineering/a/index.html".into(), 10));
        files.push(("index.html".into(), 10));
        let warnings = check(&files, Path::new("public"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let message = &warnings[0].message;
        assert!(message.contains("20,002 files"), "{message}");
        assert!(
            message.contains("search/ (20,000 files), engineering/ (1 file), the top folder (1 file)"),
            "{message}"
        );
        assert!(warnings[0].hint.as_deref().unwrap().contains("paginate_by"));
    }

    #[test]
    fn a_site_over_a_gigabyte_is_named() {
        let files: Vec<Sized> = (0..50).map(|i| (format!("f{i}.bin"), 21_000_000)).collect();
        let warnings = check(&files, Path::new("public"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("1050.0 MB"), "{}", warnings[0]);
    }
}
