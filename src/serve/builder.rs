//! The builder of `guide serve`: runs the pipeline's incremental build ([`Live`]) after
//! each change and turns its update into the next [`SiteFiles`]. Files that did not change
//! are shared with the previous map (the bytes are reference-counted, so publishing a new
//! site copies no page).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;

use super::files::{PendingSearch, SiteFiles, served_bytes};
use crate::config::{Config, Overrides};
use crate::diagnostics::Diagnostic;
use crate::output::{CopySource, Output};
use crate::pipeline::live::{Changes, Live};

/// Numbers for the line printed after each build.
#[derive(Debug, Clone, Copy)]
pub struct BuildStats {
    pub complete: bool,
    pub markdown_rendered: usize,
    pub jobs_run: usize,
    pub jobs_total: usize,
}

/// Builds the site into memory, keeping the last good build to reuse after an edit.
pub struct Builder {
    pub root: PathBuf,
    pub drafts: bool,
    /// `http://127.0.0.1:1111`: permalinks point at the local server while serving.
    pub origin: String,
    /// Add the "Edit this page" link to served pages (`guide serve --edit`).
    pub edit_links: bool,
    last: Option<(Live, Arc<SiteFiles>)>,
}

/// A successful build, published: the new site, its warnings and what it took.
pub struct Published {
    pub site: Arc<SiteFiles>,
    pub warnings: Vec<Diagnostic>,
    pub stats: BuildStats,
    /// The build this one replaced, for the caller to drop once pages were told to reload.
    pub retired: Retired,
}

/// A replaced build, kept only to be dropped later: freeing a whole site (every page's
/// content and rendered Markdown) takes milliseconds a reload need not wait for.
pub struct Retired {
    _build: Option<(Live, Arc<SiteFiles>)>,
}

impl Builder {
    pub fn new(root: PathBuf, drafts: bool, origin: String) -> Builder {
        Builder {
            root,
            drafts,
            origin,
            edit_links: false,
            last: None,
        }
    }

    /// The last good build's files.
    pub fn last_site(&self) -> Option<Arc<SiteFiles>> {
        self.last.as_ref().map(|(_, site)| site.clone())
    }

    /// Builds after `changes` (every change since the last good build). Errors (and
    /// warnings) are returned for printing; the last good build stays as it was.
    /// `edited` gets the files that can be served before the rest of the build is done:
    /// the pages of the edited files and the theme's files (see [`SiteFiles::partial`]).
    pub fn run(&mut self, changes: &Changes, edited: &dyn Fn(SiteFiles)) -> Result<Published, Vec<Diagnostic>> {
        let changed = &changes.paths;
        let config = Config::load(&self.root, &Overrides::default())?.served_from(&self.origin);
        let base_path = config.base_path.clone();
        let edit_links = self.edit_links;
        let previous = self.last.as_ref();
        let mut serve_edited = |outputs: &[Output]| {
            // Only content changed: the theme's files are the last build's.
            let Some((_, last)) = previous else { return };
            let mut files: HashMap<String, Bytes> = last
                .versioned
                .iter()
                .filter_map(|path| last.files.get(path).map(|bytes| (path.clone(), bytes.clone())))
                .collect();
            files.extend(
                outputs
                    .iter()
                    .map(|o| (o.path.clone(), served_bytes(&o.path, o.bytes.clone(), &base_path, edit_links))),
            );
            edited(SiteFiles {
                base_path: base_path.clone(),
                files,
                versioned: last.versioned.clone(),
                asset_version: last.asset_version.clone(),
                search: None,
                partial: None,
            });
        };
        let (live, update) = Live::build(config, self.drafts, previous.map(|(live, _)| live), changes, &mut serve_edited)?;
        let mut files = match previous {
            Some((_, site)) if !update.complete => {
                let mut files = site.files.clone();
                let copied: HashSet<&str> = update.copies.iter().map(|c| c.path.as_str()).collect();
                files.retain(|path, _| update.paths.contains(path) || copied.contains(path.as_str()));
                files
            }
            _ => HashMap::with_capacity(update.paths.len() + update.copies.len()),
        };
        let versioned = update
            .copies
            .iter()
            .filter(|c| matches!(c.source, CopySource::Bytes(_)))
            .map(|c| c.path.clone())
            .collect();
        for copy in update.copies {
            let bytes = match copy.source {
                CopySource::Bytes(bytes) => Bytes::from(bytes),
                // A copied file that did not change is taken from the last build.
                CopySource::File(path) => match files.get(&copy.path) {
                    Some(bytes) if !update.complete && !changed.contains(&path) => bytes.clone(),
                    _ => Bytes::from(std::fs::read(&path).map_err(|e| vec![Diagnostic::cannot_read(&path, &e)])?),
                },
            };
            files.insert(copy.path, bytes);
        }
        for output in update.outputs {
            let bytes = served_bytes(&output.path, output.bytes, &base_path, edit_links);
            files.insert(output.path, bytes);
        }
        let site = Arc::new(SiteFiles {
            base_path,
            files,
            versioned,
            asset_version: update.asset_version,
            search: update.search.map(|job| Arc::new(PendingSearch::new(job))),
            partial: None,
        });
        let retired = Retired {
            _build: self.last.replace((live, site.clone())),
        };
        Ok(Published {
            site,
            retired,
            warnings: update.warnings,
            stats: BuildStats {
                complete: update.complete,
                markdown_rendered: update.markdown_rendered,
                jobs_run: update.jobs_run,
                jobs_total: update.jobs_total,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::BuildOptions;
    use crate::serve::files::inject_script;
    use std::collections::BTreeMap;
    use std::path::Path;

    const ORIGIN: &str = "http://127.0.0.1:1111";

    fn fixture() -> tempfile::TempDir {
        crate::serve::copy_fixture("check/clean")
    }

    /// What `guide build` writes for the same sources and base URL.
    fn built_by_guide_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let out = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            root: root.to_path_buf(),
            overrides: Overrides {
                output_dir: Some(out.path().join("site")),
                base_url: Some(format!("{ORIGIN}/")),
            },
            drafts: false,
            progress: false,
        };
        crate::pipeline::build(&options).unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
        walkdir::WalkDir::new(out.path().join("site"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e.path().strip_prefix(out.path().join("site")).unwrap();
                (name.to_string_lossy().replace('\\', "/"), std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    /// The served files with the reload script taken out again, search files included.
    fn served(site: &SiteFiles) -> BTreeMap<String, Vec<u8>> {
        site.wait_for_search();
        let script = String::from_utf8(inject_script(b"", "/")).unwrap();
        let search = site.search.as_ref().and_then(|s| s.ready()).cloned().unwrap_or_default();
        site.files
            .iter()
            .chain(&search)
            .map(|(name, bytes)| {
                let bytes = if name.ends_with(".html") {
                    String::from_utf8(bytes.to_vec()).unwrap().replace(&script, "").into_bytes()
                } else {
                    bytes.to_vec()
                };
                (name.clone(), bytes)
            })
            .collect()
    }

    fn assert_same(served: &BTreeMap<String, Vec<u8>>, built: &BTreeMap<String, Vec<u8>>, when: &str) {
        let served_names: Vec<&String> = served.keys().collect();
        let built_names: Vec<&String> = built.keys().collect();
        assert_eq!(
            served_names, built_names,
            "{when}: the served files differ from what guide build writes"
        );
        for (name, bytes) in built {
            assert!(served[name] == *bytes, "{when}: {name} differs from what guide build writes");
        }
    }

    /// In a guide of several languages too: a translation added, edited and removed
    /// changes its original's alternates and switcher, which are served as built.
    #[test]
    fn incremental_builds_of_several_languages_match_a_full_build() {
        let dir = crate::serve::copy_fixture("languages/basic");
        let root = dir.path();
        let mut builder = Builder::new(root.to_path_buf(), false, ORIGIN.into());
        let first = builder.run(&Changes::everything(), &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
        assert_same(&served(&first.site), &built_by_guide_build(root), "first build");
        assert!(first.site.files.contains_key("de/engineering/backend-entwickler/index.html"));
        let translation = root.join("content/engineering/frontend.de.md");
        let mut step = |name: &str, moved: bool| {
            let changes = Changes {
                paths: [translation.clone()].into_iter().collect(),
                everything: false,
                moved,
            };
            let built = builder.run(&changes, &|_| {}).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_same(&served(&built.site), &built_by_guide_build(root), name);
            built
        };
        std::fs::write(&translation, "+++\ntitle = \"Frontend-Entwickler\"\n+++\n\nText.\n").unwrap();
        let added = step("translation added", true);
        let english = String::from_utf8(added.site.files["engineering/frontend/index.html"].to_vec()).unwrap();
        assert!(
            english.contains("hreflang=\"de\" href=\"http://127.0.0.1:1111/de/engineering/frontend/\""),
            "{english}"
        );
        std::fs::write(&translation, "+++\ntitle = \"Frontend-Entwicklerin\"\n+++\n\nText.\n").unwrap();
        let edited = step("translation edited", false);
        assert!(
            !edited.stats.complete && edited.stats.jobs_run < edited.stats.jobs_total,
            "{:?}",
            edited.stats
        );
        std::fs::remove_file(&translation).unwrap();
        step("translation removed", true);
    }

    /// After each kind of edit, the incremental build serves exactly what a fresh
    /// `guide build` writes, while rendering again only part of the site.
    #[test]
    fn incremental_builds_match_a_full_build_after_each_edit() {
        let dir = fixture();
        let root = dir.path();
        let mut builder = Builder::new(root.to_path_buf(), false, ORIGIN.into());
        let first = builder.run(&Changes::everything(), &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(first.stats.complete);
        assert_same(&served(&first.site), &built_by_guide_build(root), "first build");
        let backend = root.join("content/engineering/backend.md");
        let edit = |path: &Path, from: &str, to: &str| {
            let text = std::fs::read_to_string(path).unwrap();
            assert!(text.contains(from), "{from}");
            std::fs::write(path, text.replace(from, to)).unwrap();
        };
        // `moved`: the watcher saw a file created, removed or renamed (the content folder is
        // walked again); otherwise only the named files are read again.
        let mut step = |name: &str, changed: &[&Path], moved: bool| {
            let changes = Changes {
                paths: changed.iter().map(|p| p.to_path_buf()).collect(),
                everything: false,
                moved,
            };
            let early = std::cell::RefCell::new(None);
            let built = builder
                .run(&changes, &|site| *early.borrow_mut() = Some(site))
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_same(&served(&built.site), &built_by_guide_build(root), name);
            // A page's own edit (not a section's `_index.md`) is served ahead of the rest
            // of the build, as the whole build serves it.
            let early = early.into_inner();
            let page_edited = changes
                .paths
                .iter()
                .any(|p| p.is_file() && p.extension().is_some_and(|x| x == "md") && !p.ends_with("_index.md"));
            assert_eq!(early.is_some(), page_edited, "{name}");
            if let Some(early) = early {
                for (file, bytes) in &early.files {
                    assert!(built.site.files.get(file) == Some(bytes), "{name}: {file} served early differs");
                }
            }
            built.stats
        };
        // A question's text: only that page's Markdown is rendered again.
        edit(&backend, "- What is an index?", "- What is a covering index?");
        let stats = step("body edit", &[&backend], false);
        assert!(!stats.complete);
        assert_eq!(stats.markdown_rendered, 1);
        assert!(stats.jobs_run < stats.jobs_total, "{stats:?}");
        // Experience: shown in the summary tables, not on the home page.
        edit(&backend, "experience_years = 3", "experience_years = 7");
        step("experience edit", &[&backend], false);
        // The title: listings, summaries and roles.json change too.
        edit(&backend, "title = \"Backend Developer\"", "title = \"Backend Engineer\"");
        step("title edit", &[&backend], false);
        // A salary: the section comparison and the salary summaries change.
        edit(
            &backend,
            "skills = [\"SQL\"]",
            "skills = [\"SQL\", \"Rust\"]\n[role.salary]\nmin = 90000\nmax = 120000\ncurrency = \"EUR\"\nperiod = \"year\"",
        );
        step("salary and skill added", &[&backend], false);
        // A nested bundle's page and its asset, written in place.
        let bundle = root.join("content/engineering/bundle");
        let photo = bundle.join("photo.svg");
        edit(
            &bundle.join("index.md"),
            "of every kind.\"\n+++\n",
            "of every kind.\"\n+++\nThe bundle's first line.\n",
        );
        std::fs::write(&photo, "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>new</title></svg>").unwrap();
        step("bundle page and asset edited", &[&bundle.join("index.md"), &photo], false);
        // A new page, then a removed page bundle (its page and assets must go).
        let new_page = root.join("content/engineering/frontend.md");
        std::fs::write(
            &new_page,
            "+++\ntitle = \"Frontend Developer\"\n+++\n\nBuilds the user interface.\n",
        )
        .unwrap();
        step("page added", &[&new_page], true);
        // A list split into pages, then into more pages: the later pages and the
        // redirect at `page/1/` come and go as `guide build` writes them.
        let section_index = root.join("content/engineering/_index.md");
        edit(
            &section_index,
            "description = \"Engineering roles.\"",
            "description = \"Engineering roles.\"\npaginate_by = 2",
        );
        step("section split into pages", &[&section_index], false);
        edit(&section_index, "paginate_by = 2", "paginate_by = 1");
        step("section split into more pages", &[&section_index], false);
        std::fs::remove_dir_all(&bundle).unwrap();
        step("bundle removed", &[&bundle], true);
        // A page's slug: the old address must no longer be served.
        edit(
            &new_page,
            "title = \"Frontend Developer\"",
            "title = \"Frontend Developer\"\nslug = \"web\"",
        );
        step("slug changed", &[&new_page], false);
        // A file the last build did not know, reported as written in place (a watcher
        // that missed its creation): the folder is walked anyway.
        let unknown = root.join("content/engineering/devops.md");
        std::fs::write(&unknown, "+++\ntitle = \"DevOps Engineer\"\n+++\n\nRuns the pipelines.\n").unwrap();
        step("unknown file reported as modified", &[&unknown], false);
        // A file renamed: the old name is gone, the new one is served.
        let renamed = root.join("content/engineering/platform.md");
        std::fs::rename(&unknown, &renamed).unwrap();
        step("page renamed", &[&unknown, &renamed], true);
    }

    /// A site's own template that reads the home `summaries` is rendered again when they
    /// change, though the default theme reads them on the home page only.
    #[test]
    fn a_template_reading_the_home_summary_follows_it() {
        let dir = fixture();
        let root = dir.path();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(
            root.join("templates/role.html"),
            "<!doctype html><html><head><title>{{ page.title }}</title></head><body>{{ summaries.role_count }} roles</body></html>",
        )
        .unwrap();
        let mut builder = Builder::new(root.to_path_buf(), false, ORIGIN.into());
        let first = builder.run(&Changes::everything(), &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
        let backend = String::from_utf8(first.site.files["engineering/backend/index.html"].to_vec()).unwrap();
        assert!(backend.contains("1 roles"), "{backend}");
        let new_role = root.join("content/engineering/frontend.md");
        std::fs::write(
            &new_role,
            "+++\ntitle = \"Frontend Developer\"\n\n[role]\nexperience_years = 2\ndemand = \"low\"\nskills = [\"CSS\"]\n+++\n\nBuilds the user interface.\n",
        )
        .unwrap();
        let changes = Changes {
            paths: [new_role].into(),
            everything: false,
            moved: true,
        };
        let built = builder.run(&changes, &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
        let backend = String::from_utf8(built.site.files["engineering/backend/index.html"].to_vec()).unwrap();
        assert!(backend.contains("2 roles"), "{backend}");
        assert_same(&served(&built.site), &built_by_guide_build(root), "role added");
    }
}
