//! The build as a pipeline of typed phases, each a value in and a value out:
//!
//! ```text
//! BuildOptions → Content (config + library) → Site (rendered Markdown)
//!              → Plan (summaries, site view, jobs; with a Theme loaded once)
//!              → outputs, handed to a Sink (staging folder, memory, link targets)
//! ```
//!
//! `guide build` ([`build`]), `guide check` and `guide serve` ([`live`]) run the same
//! phases and the same job runner; they differ only in the sink and in what they keep.

pub mod languages;
pub mod live;
pub mod plan;
pub mod theme;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{self, Library, ReadCache, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::highlight::CodeThemes;
use crate::markdown::{self, MarkdownOptions, Rendered};
use crate::output::{Output, Sink, Staging};
use crate::render;
use crate::timings::{Phase, Timings};
pub use plan::Plan;
pub use theme::Theme;

/// What a command asks of the pipeline.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub overrides: Overrides,
    pub drafts: bool,
    /// Show a progress bar (the caller decides: a terminal, not quiet, not CI).
    pub progress: bool,
}

/// Numbers for the summary line of `guide build`.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub output_dir: PathBuf,
    pub warnings: Vec<Diagnostic>,
    /// Where the time went, by phase.
    pub timings: Timings,
    /// Why the lunr.js search index was not written, when it was not (too large).
    pub search_note: Option<String>,
}

/// A failed build: every error and warning found.
#[derive(Debug, Clone)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
    pub output_dir: Option<PathBuf>,
}

/// Phase one: the configuration and `content/`, read and checked.
pub struct Content {
    pub config: Config,
    pub library: Library,
    pub diagnostics: Diagnostics,
}

/// Phase two: the content with every Markdown body rendered.
pub struct Site {
    pub config: Config,
    pub library: Library,
    /// Shared, so that `guide serve` carries an unchanged page over to the next build
    /// without copying it.
    pub pages: Vec<Arc<Rendered>>,
    pub sections: Vec<Rendered>,
    pub diagnostics: Diagnostics,
}

impl Content {
    /// Reads `config.toml` (once) and `content/`.
    pub fn load(options: &BuildOptions, timings: &Timings) -> Result<Content, Vec<Diagnostic>> {
        let started = Instant::now();
        let config = Config::load(&options.root, &options.overrides)?;
        let (library, diagnostics) = content::load(&config, options.drafts);
        timings.record(Phase::Load, started, Instant::now());
        Ok(Content {
            config,
            library,
            diagnostics,
        })
    }

    /// [`Content::load`] for `guide serve`: files whose text is in `cache` are not parsed
    /// again (see [`content::load_reusing`]); returns the cache for the next build.
    pub fn load_reusing(
        config: Config,
        drafts: bool,
        cache: &ReadCache,
        changes: content::ContentChanges<'_>,
        timings: &Timings,
    ) -> (Content, ReadCache) {
        let started = Instant::now();
        let (library, diagnostics, cache) = content::load_reusing(&config, drafts, cache, changes);
        timings.record(Phase::Load, started, Instant::now());
        let content = Content {
            config,
            library,
            diagnostics,
        };
        (content, cache)
    }

    /// Renders every Markdown body in parallel, taking a body's rendering from `previous`
    /// (the last build's sites, one per language) when the same file had the same body
    /// there and the Markdown options are the same (it is then shared, not copied).
    /// `progress` advances once per page.
    pub fn render_markdown(self, previous: &[&Site], timings: &Timings, progress: Option<&indicatif::ProgressBar>) -> Site {
        let options = markdown_options(&self.config);
        let same_options = previous.first().is_some_and(|p| markdown_options(&p.config) == options);
        let known = Known::of(if same_options { previous } else { &[] });
        let pages: Vec<Arc<Rendered>> = self
            .library
            .pages
            .par_iter()
            .map(|page| {
                let rendered = match known.pages.get(page.source.path.as_path()) {
                    Some((body, rendered)) if *body == page.body => Arc::clone(rendered),
                    _ => Arc::new(timings.time(Phase::Markdown, || markdown::render(&page.body, &options))),
                };
                if let Some(bar) = progress {
                    bar.inc(1);
                }
                rendered
            })
            .collect();
        let sections: Vec<Rendered> = self
            .library
            .sections
            .par_iter()
            .map(|s| match s.source.as_ref().and_then(|src| known.sections.get(src.path.as_path())) {
                Some((body, rendered)) if *body == s.body => (*rendered).clone(),
                _ => timings.time(Phase::Markdown, || markdown::render(&s.body, &options)),
            })
            .collect();
        let mut diagnostics = self.diagnostics;
        for (page, rendered) in self.library.pages.iter().zip(&pages) {
            diagnostics.extend(markdown_warnings(&page.source, &page.body, rendered));
        }
        for (section, rendered) in self.library.sections.iter().zip(&sections) {
            if let Some(source) = &section.source {
                diagnostics.extend(markdown_warnings(source, &section.body, rendered));
            }
        }
        Site {
            config: self.config,
            library: self.library,
            pages,
            sections,
            diagnostics,
        }
    }
}

/// The bodies of a previous build and their rendering, by source file.
struct Known<'p> {
    pages: HashMap<&'p Path, (&'p str, &'p Arc<Rendered>)>,
    sections: HashMap<&'p Path, (&'p str, &'p Rendered)>,
}

impl<'p> Known<'p> {
    fn of(previous: &[&'p Site]) -> Known<'p> {
        let mut known = Known {
            pages: HashMap::new(),
            sections: HashMap::new(),
        };
        for previous in previous {
            for (page, rendered) in previous.library.pages.iter().zip(&previous.pages) {
                known.pages.insert(&page.source.path, (&page.body, rendered));
            }
            for (section, rendered) in previous.library.sections.iter().zip(&previous.sections) {
                if let Some(source) = &section.source {
                    known.sections.insert(&source.path, (&section.body, rendered));
                }
            }
        }
        known
    }
}

/// Markdown renders the same when these are the same. Links in Markdown start from the
/// site root in every language: `/engineering/` is the default language's section, and a
/// German page links to `/de/engineering/` to stay in German.
pub fn markdown_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        allow_html: config.markdown.allow_html,
        highlight: config.markdown.highlight_code.then_some(CodeThemes {
            light: config.markdown.highlight_theme.theme,
            dark: config.markdown.highlight_theme_dark.theme,
        }),
        base_path: config.root_path.clone(),
        reserved_ids: crate::render::THEME_IDS,
    }
}

/// The warnings of one rendered body, placed in its file; the offending line is taken
/// from the body itself, which starts at the file's `body_line`.
pub fn markdown_warnings(source: &SourceFile, body: &str, rendered: &Rendered) -> Vec<Diagnostic> {
    rendered
        .warnings
        .iter()
        .map(|w| {
            Diagnostic::warning(&source.shown, w.line + source.body_line - 1, w.column, w.message.clone())
                .with_hint(w.hint.clone())
                .with_source_line(w.line.checked_sub(1).and_then(|line| body.lines().nth(line)))
        })
        .collect()
}

impl Site {
    /// The site for a build that reads each text once: the Markdown sources (43 MB at
    /// 10,000 roles) and what only `guide check` reads (every id and link of a body) are
    /// moved out and dropped, before the outputs are rendered.
    pub fn without_sources(mut self) -> Site {
        for page in &mut self.library.pages {
            page.body = String::new();
        }
        self.pages.iter_mut().filter_map(Arc::get_mut).for_each(Rendered::drop_check_data);
        self
    }

    /// What search reads, for a build that has written its pages: the site is consumed,
    /// and what only templates read (HTML bodies, tables of contents, entry texts) is
    /// dropped before the search index, the largest phase for memory, is built.
    pub fn into_search_input(mut self) -> Site {
        self.pages
            .par_iter_mut()
            .filter_map(Arc::get_mut)
            .for_each(Rendered::drop_template_data);
        self
    }
}

/// Counts the files a sink takes, for the summary line.
struct Counted<'s> {
    sink: &'s dyn Sink,
    files: AtomicUsize,
}

impl Sink for Counted<'_> {
    fn write(&self, output: Output) -> Result<(), Diagnostic> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.write(output)
    }

    fn write_streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.write_streamed(path, write)
    }
}

/// What [`write_site`] wrote.
struct Written {
    search_note: Option<String>,
    pages: usize,
    sections: usize,
    files: usize,
    output_dir: PathBuf,
    warnings: Vec<Diagnostic>,
}

/// The output phase of `guide build`: every file goes straight into a staging folder,
/// which replaces the output folder only when all of them were written. The site is
/// consumed on the way: what the pages alone read is dropped before search runs.
fn write_site(site: Site, timings: &Timings, progress: Option<&indicatif::ProgressBar>) -> Result<Written, Vec<Diagnostic>> {
    let staging = Staging::create(&site.config).map_err(|e| vec![e])?;
    let files = render::theme::collect(&site.config).map_err(|d| vec![d])?;
    let theme = Theme::load(&site.config, &files)?;
    drop(files);
    let copies = theme.copies(&site.library);
    let counted = Counted {
        sink: &staging,
        files: AtomicUsize::new(0),
    };
    // The host files read the configuration after the site is consumed.
    let config = site.config.clone();
    let sink = plan::HostSink::new(&config, &site.library, &theme, &counted);
    let sites = site.into_languages();
    let written = plan::write_pages(&sites.iter().collect::<Vec<_>>(), &theme, &sink, timings, progress)?;
    let mut errors = written.errors;
    let sites: Vec<Site> = sites.into_iter().map(Site::into_search_input).collect();
    // One note per language at most; languages of a similar size say the same thing once.
    let mut notes: Vec<String> = Vec::new();
    for site in &sites {
        match plan::write_search(site, &sink, timings) {
            Ok(Some(note)) if !notes.contains(&note) => notes.push(note),
            Ok(_) => {}
            Err(error) => errors.push(error),
        }
    }
    let search_note = (!notes.is_empty()).then(|| notes.join("; "));
    let (host_warnings, host_errors) = sink.finish();
    errors.extend(host_errors);
    let mut warnings = written.warnings;
    warnings.extend(host_warnings);
    warnings.extend(theme.strings.warnings.iter().cloned());
    warnings.extend(sites.iter().filter_map(|site| plan::search_language_warning(&site.config)));
    if !errors.is_empty() {
        warnings.extend(errors);
        return Err(warnings);
    }
    let copied: Result<(), Diagnostic> = copies.par_iter().map(|c| timings.time(Phase::Write, || staging.copy(c))).collect();
    let files = counted.files.into_inner() + copies.len();
    copied.and_then(|()| staging.commit()).map_err(|error| {
        let mut diagnostics = warnings.clone();
        diagnostics.push(error);
        diagnostics
    })?;
    let sizes = crate::output::host_limits::sizes_in_folder(&config.output_dir);
    let shown = crate::diagnostics::display_path(&config.root, &config.output_dir);
    warnings.extend(crate::output::host_limits::check(&sizes, &shown));
    let (mut pages, mut sections) = (0, 0);
    for Site {
        library, pages: rendered, ..
    } in sites
    {
        pages += library.pages.len();
        sections += library.sections.len();
        // Freed on all threads: one by one, the pages of a 10,000-role guide took about a
        // tenth of a second at the end of the build.
        rendered.into_par_iter().for_each(drop);
    }
    Ok(Written {
        search_note,
        pages,
        sections,
        files,
        output_dir: config.output_dir,
        warnings,
    })
}

/// The whole of `guide build`: load, render, write into a staging folder that replaces
/// the output folder only when every phase succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let timings = Timings::since(started);
    let content = Content::load(options, &timings).map_err(|diagnostics| BuildFailure {
        diagnostics,
        output_dir: None,
    })?;
    let output_dir = Some(content.config.output_dir.clone());
    let fail = |diagnostics: Diagnostics| BuildFailure {
        diagnostics: diagnostics.sorted(),
        output_dir: output_dir.clone(),
    };
    if let Err(d) = crate::output::check_output_dir(&content.config) {
        let mut diagnostics = content.diagnostics;
        diagnostics.push(d);
        return Err(fail(diagnostics));
    }
    let pages = content.library.pages.len();
    let bar = (options.progress && pages >= 200).then(|| progress_bar(pages as u64));
    let mut site = content.render_markdown(&[], &timings, bar.as_ref()).without_sources();
    // Cleared however the build ends, so errors print on a clean line.
    let _clear_bar = bar.clone().map(ClearOnDrop);
    let mut diagnostics = std::mem::take(&mut site.diagnostics);
    if diagnostics.has_errors() {
        return Err(fail(diagnostics));
    }
    let written = match write_site(site, &timings, bar.as_ref()) {
        Ok(written) => written,
        Err(errors) => {
            diagnostics.extend(errors);
            return Err(fail(diagnostics));
        }
    };
    diagnostics.extend(written.warnings);
    Ok(BuildReport {
        pages: written.pages,
        sections: written.sections,
        files: written.files,
        elapsed: started.elapsed(),
        output_dir: written.output_dir,
        warnings: diagnostics.sorted(),
        timings,
        search_note: written.search_note,
    })
}

/// One bar for the long phases: Markdown (one step per page), then rendering (one step
/// per output file).
fn progress_bar(len: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {pos}/{len} {wide_bar} {eta}") {
        bar.set_style(style);
    }
    bar.set_message("reading Markdown");
    bar
}

struct ClearOnDrop(indicatif::ProgressBar);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
