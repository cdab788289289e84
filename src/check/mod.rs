//! `guide check`: everything `guide build` validates, without writing anything, plus what
//! a build accepts but a reader would trip over — broken internal links and anchors,
//! missing images and files, folders without a section page, repeated questions,
//! missing guide sections, and files too large for common hosts.

pub mod external;
pub mod github;
pub mod gitlab;
pub mod links;
pub mod roles;
pub mod structure;
pub mod targets;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::CopiedFile;
use crate::pipeline::{BuildOptions, Content, Site, Theme, plan};
use crate::render::theme::{self, ThemeFiles};
use crate::timings::Timings;
use links::Origin;
use targets::{Generated, Targets};

/// Every finding of a check, sorted, and what was checked.
#[derive(Debug)]
pub struct CheckReport {
    pub findings: Vec<Diagnostic>,
    pub pages: usize,
    pub sections: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// Checks a guide without writing anything; external links only when `external`.
pub fn check(options: &BuildOptions, external: bool) -> CheckReport {
    let timings = Timings::default();
    let content = match Content::load(options, &timings) {
        Ok(content) => content,
        Err(findings) => {
            return CheckReport {
                findings,
                pages: 0,
                sections: 0,
            };
        }
    };
    let mut site = content.render_markdown(&[], &timings, None);
    let mut findings = std::mem::take(&mut site.diagnostics);
    let theme_files = theme::collect(&site.config);
    let mut generated = None;
    if !findings.has_errors() {
        match render_in_memory(&site, &theme_files, &timings) {
            Ok((found, warnings)) => {
                findings.extend(warnings);
                generated = Some(found);
            }
            Err(errors) => findings.extend(errors),
        }
    }
    // Static files of the theme and of the site, known even when rendering failed.
    let statics = theme_files.map(|files| files.statics.into_keys().collect()).unwrap_or_default();
    let mut targets = Targets::from_site(&site, statics);
    if let Some((found, copies)) = generated {
        // What `guide build` would write, against the limits of common hosts.
        let sizes = crate::output::host_limits::sizes_of_built(&found.sizes(), &copies);
        let shown = crate::diagnostics::display_path(&site.config.root, &site.config.output_dir);
        findings.extend(crate::output::host_limits::check(&sizes, &shown));
        targets.add_generated(found, &copies);
    }
    let (content_findings, external_links) = check_content(&site, &targets);
    findings.extend(content_findings);
    if external {
        findings.extend(external::check_external(&external_links));
    }
    CheckReport {
        findings: findings.sorted(),
        pages: site.library.pages.len(),
        sections: site.library.sections.len(),
    }
}

/// What rendering in memory leaves for the link checks: the generated files' paths, ids
/// and sizes, and the files copied as they are.
type Rendered = (Generated, Vec<CopiedFile>);

/// Every output of the site rendered as `guide build` renders it, into a sink that keeps
/// only what links can point to; the files to copy; and the site model's warnings.
fn render_in_memory(
    site: &Site,
    theme_files: &Result<ThemeFiles, Diagnostic>,
    timings: &Timings,
) -> Result<(Rendered, Vec<Diagnostic>), Vec<Diagnostic>> {
    let files = theme_files.as_ref().map_err(|d| vec![d.clone()])?;
    let theme = Theme::load(&site.config, files)?;
    let generated = Generated::default();
    let sink = plan::HostSink::new(&site.config, &site.library, &theme, &generated);
    // One site per language, as `guide build` renders them; a guide in one language is
    // rendered as it is, without a copy.
    let copies = if site.config.is_multilingual() {
        site.language_sites()
    } else {
        Vec::new()
    };
    let sites: Vec<&Site> = if copies.is_empty() { vec![site] } else { copies.iter().collect() };
    let written = plan::write_pages(&sites, &theme, &sink, timings, None)?;
    let mut errors = written.errors;
    for site in &sites {
        errors.extend(plan::write_search(site, &sink, timings).err());
    }
    let (host_warnings, host_errors) = sink.finish();
    errors.extend(host_errors);
    let mut warnings = written.warnings;
    warnings.extend(host_warnings);
    warnings.extend(theme.strings.warnings.iter().cloned());
    warnings.extend(sites.iter().filter_map(|site| plan::search_language_warning(&site.config)));
    if errors.is_empty() {
        Ok(((generated, theme.copies(&site.library)), warnings))
    } else {
        warnings.extend(errors);
        Err(warnings)
    }
}

/// The checks beyond the build's own, over a site rendered in memory, and the external
/// links found (checked only on request, as that needs the network).
fn check_content(site: &Site, targets: &Targets) -> (Diagnostics, Vec<external::ExternalLink>) {
    let base_path = &site.config.base_path;
    let mut findings = Diagnostics::new();
    let mut external_links = Vec::new();
    for (page, rendered) in site.library.pages.iter().zip(&site.pages) {
        let text = std::fs::read_to_string(&page.source.path).unwrap_or_default();
        let origin = Origin {
            source: &page.source,
            url_path: &page.url_path,
            text: &text,
        };
        findings.extend(links::check_links(&origin, &rendered.links, targets, base_path));
        external_links.extend(external_links_of(&origin, &rendered.links));
        findings.extend(roles::check_role(page, rendered, &text, &site.config.languages[page.language].code));
    }
    for (section, rendered) in site.library.sections.iter().zip(&site.sections) {
        let Some(source) = &section.source else { continue };
        let text = std::fs::read_to_string(&source.path).unwrap_or_default();
        let origin = Origin {
            source,
            url_path: &section.url_path,
            text: &text,
        };
        findings.extend(links::check_links(&origin, &rendered.links, targets, base_path));
        external_links.extend(external_links_of(&origin, &rendered.links));
    }
    let codes: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
    findings.extend(structure::check_sections(&site.library, &codes));
    findings.extend(structure::check_translations(&site.library));
    (findings, external_links)
}

/// The http(s) links of one body, with their places in the source file.
fn external_links_of(origin: &Origin<'_>, links: &[crate::markdown::Link]) -> Vec<external::ExternalLink> {
    links
        .iter()
        .filter(|l| links::is_external(&l.url))
        .map(|l| {
            let line = l.line + origin.source.body_line - 1;
            external::ExternalLink {
                // `//host/path` is fetched as the published site would be: over https.
                url: if l.url.starts_with("//") {
                    format!("https:{}", l.url)
                } else {
                    l.url.clone()
                },
                file: origin.source.shown.clone(),
                line,
                column: l.column,
                source_line: origin.text.lines().nth(line - 1).map(|s| s.trim_end().to_string()),
            }
        })
        .collect()
}

/// The guide's folder relative to the working directory when it lies inside it (GitHub
/// names files from the repository's root, the working directory of a workflow's steps).
pub fn root_from_workdir(root: &Path, workdir: Option<&Path>) -> PathBuf {
    workdir
        .filter(|_| root.is_absolute())
        .and_then(|workdir| root.strip_prefix(workdir).ok())
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf)
}

/// The finding's file as seen from the working directory, with `/` separators.
pub(crate) fn file_from_workdir(root: &Path, file: &Path) -> String {
    let joined = if file.is_absolute() || root == Path::new(".") {
        file.to_path_buf()
    } else {
        root.join(file)
    };
    let text = joined.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map_or(text.clone(), str::to_string)
}
