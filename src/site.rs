//! The build, as a sequence of typed phases: configuration and content are loaded
//! ([`Loaded`]), Markdown is rendered ([`Site`]), every output is produced ([`Built`]),
//! and only then is anything written.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content::{self, Library};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownOptions, Rendered, highlight};
use crate::output::{self, CopiedFile, CopySource};
use crate::render::templates::Templates;
use crate::render::{Output, Renderer, theme, views};
use crate::summaries::{self, Summaries};
use crate::timings::{Phase, Timings};

pub mod live;

/// What `guide build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub overrides: Overrides,
    pub drafts: bool,
    /// Show a progress bar (the caller decides: a terminal, not quiet, not CI).
    pub progress: bool,
}

/// Numbers for the summary line.
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
}

/// A failed build: every error and warning found.
#[derive(Debug, Clone)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
    pub output_dir: Option<PathBuf>,
}

/// Configuration and content, checked.
pub struct Loaded {
    pub config: Config,
    pub library: Library,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
}

/// Content with every Markdown body rendered.
pub struct Site {
    pub config: Config,
    pub library: Library,
    /// Shared, so that `guide serve` carries an unchanged page over to the next build
    /// without copying it.
    pub pages: Vec<Arc<Rendered>>,
    pub sections: Vec<Rendered>,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
    /// Shown on a terminal for large sites; rendering advances it once per output.
    pub progress: Option<indicatif::ProgressBar>,
    /// Set by a one-shot build, which reads each text once: what only templates read
    /// (the pages' HTML bodies, tables of contents, entry texts) is dropped once the pages
    /// are written, before the search index (the largest phase for memory) is built. A
    /// served site keeps them for its incremental rebuilds.
    pub release_after_use: bool,
}

/// Every file of the site, ready to write.
pub struct Built {
    pub outputs: Vec<Output>,
    pub copies: Vec<CopiedFile>,
}

impl Loaded {
    /// Reads `config.toml` and `content/`.
    pub fn load(options: &BuildOptions) -> Result<Loaded, BuildFailure> {
        let started = Instant::now();
        let config = Config::load(&options.root, &options.overrides).map_err(|diagnostics| BuildFailure {
            diagnostics,
            output_dir: None,
        })?;
        let (library, diagnostics) = content::load(&config, options.drafts);
        let timings = Timings::since(started);
        timings.record(Phase::Load, started, Instant::now());
        Ok(Loaded {
            config,
            library,
            diagnostics,
            timings,
        })
    }

    /// Renders every Markdown body in parallel.
    pub fn render_markdown(self, progress: Option<&indicatif::ProgressBar>) -> Site {
        let options = MarkdownOptions {
            allow_html: self.config.markdown.allow_html,
            highlight_code: self.config.markdown.highlight_code,
            base_path: self.config.base_path.clone(),
        };
        let pages: Vec<Arc<Rendered>> = self
            .library
            .pages
            .par_iter()
            .map(|page| {
                let rendered = self.timings.time(Phase::Markdown, || markdown::render(&page.body, &options));
                if let Some(bar) = progress {
                    bar.inc(1);
                }
                Arc::new(rendered)
            })
            .collect();
        let sections: Vec<Rendered> = self
            .library
            .sections
            .par_iter()
            .map(|s| self.timings.time(Phase::Markdown, || markdown::render(&s.body, &options)))
            .collect();
        let mut diagnostics = self.diagnostics;
        for (page, rendered) in self.library.pages.iter().zip(&pages) {
            diagnostics.extend(markdown_warnings(&page.source, rendered));
        }
        for (section, rendered) in self.library.sections.iter().zip(&sections) {
            if let Some(source) = &section.source {
                diagnostics.extend(markdown_warnings(source, rendered));
            }
        }
        Site {
            config: self.config,
            library: self.library,
            pages,
            sections,
            diagnostics,
            timings: self.timings,
            progress: progress.cloned(),
            release_after_use: false,
        }
    }
}

fn markdown_warnings(source: &content::SourceFile, rendered: &Rendered) -> Vec<Diagnostic> {
    let text = || std::fs::read_to_string(&source.path).unwrap_or_default();
    rendered
        .warnings
        .iter()
        .map(|w| {
            Diagnostic::warning(&source.shown, w.line + source.body_line - 1, w.column, w.message.clone())
                .with_hint(w.hint.clone())
                .with_source(&text())
        })
        .collect()
}

impl Site {
    /// Produces every output file in memory; errors of all pages are collected together.
    pub fn render(&mut self) -> Result<Built, Vec<Diagnostic>> {
        let outputs = std::sync::Mutex::new(Vec::new());
        let copies = self.render_into(&|output| {
            outputs
                .lock()
                .map_err(|_| Diagnostic::error("render", 0, 0, "a render thread failed"))?
                .push(output);
            Ok(())
        })?;
        let mut outputs = outputs.into_inner().unwrap_or_default();
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Built { outputs, copies })
    }

    /// Produces every output file, handing each to `sink` as soon as it is ready, and
    /// returns the files to copy as they are.
    pub fn render_into(&mut self, sink: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync)) -> Result<Vec<CopiedFile>, Vec<Diagnostic>> {
        self.render_streaming(sink, None)
    }

    /// [`Site::render_into`], with large files (the full search index) written through
    /// `stream` piece by piece instead of being held in memory whole.
    pub fn render_streaming(
        &mut self,
        sink: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
        stream: Option<StreamSink<'_>>,
    ) -> Result<Vec<CopiedFile>, Vec<Diagnostic>> {
        let files = theme::collect(&self.config).map_err(|d| vec![d])?;
        let templates = Templates::load(&files)?;
        let stylesheet = self.highlight_stylesheet()?;
        let mut copies: Vec<CopiedFile> = files
            .statics
            .values()
            .map(|f| CopiedFile {
                source: CopySource::Bytes(f.bytes.clone()),
                path: f.name.clone(),
            })
            .collect();
        copies.push(CopiedFile {
            source: CopySource::Bytes(stylesheet.into_bytes()),
            path: "highlight.css".into(),
        });
        let asset_version = version_of(&copies);
        copies.extend(self.library.files.iter().map(|(source, path)| CopiedFile {
            source: CopySource::File(source.clone()),
            path: path.clone(),
        }));
        for page in &self.library.pages {
            for asset in &page.assets {
                let name = asset
                    .strip_prefix(page.source.path.parent().unwrap_or(asset))
                    .unwrap_or(asset)
                    .to_string_lossy()
                    .replace('\\', "/");
                copies.push(CopiedFile {
                    source: CopySource::File(asset.clone()),
                    path: format!("{}{name}", page.url_path),
                });
            }
        }
        let site_view = views::site_view(&self.config, &self.library, asset_version);
        let summaries = self
            .timings
            .time(Phase::Summaries, || Summaries::new(&self.config, &self.library, &self.pages));
        let reserved = summaries.check_paths(&[crate::output::feed::FEED_FILE]);
        if !reserved.is_empty() {
            return Err(reserved);
        }
        self.diagnostics.extend(summaries.warnings().iter().cloned());
        let timings = &self.timings;
        let renderer = Renderer::new(&self.config, &self.library, &self.pages, &self.sections, &templates, &site_view)
            .with_summaries(&summaries)
            .with_timings(timings);
        let jobs = renderer.all_jobs();
        if let Some(bar) = &self.progress {
            bar.set_message("rendering");
            bar.set_position(0);
            bar.set_length(jobs.len() as u64);
        }
        let renderer = match &self.progress {
            Some(bar) => renderer.with_progress(bar.clone()),
            None => renderer,
        };
        let mut errors = renderer.run_into(&jobs, sink).err().unwrap_or_default();
        let extra = vec![
            timings.time(Phase::Summaries, || Output {
                path: summaries::ROLES_JSON.into(),
                bytes: summaries.roles_json(),
            }),
            timings.time(Phase::Sitemap, || {
                crate::output::sitemap::sitemap(&self.config, &self.library, &summaries.url_paths())
            }),
            crate::output::sitemap::robots(&self.config),
            timings.time(Phase::Sitemap, || crate::output::feed::atom(&self.config, &self.library)),
        ];
        drop(renderer);
        drop(summaries);
        // Written before search, which is the peak of memory, not held through it.
        errors.extend(
            extra
                .into_iter()
                .filter_map(|output| timings.time(Phase::Write, || sink(output)).err()),
        );
        if self.release_after_use {
            self.pages
                .par_iter_mut()
                .filter_map(Arc::get_mut)
                .for_each(Rendered::drop_template_data);
        }
        if self.config.build_search_index
            && let Err(error) = timings.time(Phase::Search, || {
                search_outputs(&self.config, &self.library, &self.pages, sink, stream)
            })
        {
            errors.push(error);
        }
        if errors.is_empty() { Ok(copies) } else { Err(errors) }
    }

    fn highlight_stylesheet(&self) -> Result<String, Vec<Diagnostic>> {
        let markdown = &self.config.markdown;
        let (light, dark) = (
            highlight::theme(markdown.highlight_theme),
            highlight::theme(markdown.highlight_theme_dark),
        );
        highlight::stylesheet(light, dark).map_err(|e| {
            vec![Diagnostic::error(
                crate::config::CONFIG_FILE,
                0,
                0,
                format!("cannot generate the highlight stylesheet: {e}"),
            )]
        })
    }
}

/// Writes a large file piece by piece: called with the file's path and a function that
/// writes its bytes.
pub type StreamSink<'a> =
    &'a (dyn Fn(&str, &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), Diagnostic> + Sync);

/// The search files: the manifest, shards and display fragments under `search/`, and
/// with `[search] full_index` the lunr index `search_index.json` (streamed when `stream`
/// is given) and its display store `search_docs.json`.
fn search_outputs(
    config: &Config,
    library: &Library,
    pages: &[Arc<Rendered>],
    sink: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
    stream: Option<StreamSink<'_>>,
) -> Result<(), Diagnostic> {
    use crate::search::shards::{ClientForm, SearchFile, ShardSettings};
    struct Sinks<'a> {
        sink: &'a (dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
        stream: Option<StreamSink<'a>>,
    }
    impl crate::search::SearchSink<Diagnostic> for Sinks<'_> {
        fn file(&self, file: SearchFile) -> Result<(), Diagnostic> {
            (self.sink)(Output {
                path: file.path,
                bytes: file.bytes,
            })
        }
        fn streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
            match self.stream {
                Some(stream) => stream(path, write),
                None => {
                    let mut bytes = Vec::new();
                    write(&mut bytes).map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot write: {e}")))?;
                    self.file(SearchFile { path: path.into(), bytes })
                }
            }
        }
    }
    let settings = ShardSettings {
        shard_bytes: config.search.shard_size,
        client: match config.search.client {
            crate::config::SearchClient::Auto => None,
            crate::config::SearchClient::Full => Some(ClientForm::Full),
            crate::config::SearchClient::Sharded => Some(ClientForm::Sharded),
        },
        full_index: config.search.full_index,
    };
    let search_pages = crate::search::from_site::pages_from_site(library, pages);
    crate::search::write_search_files(&search_pages, &settings, &Sinks { sink, stream })
}

/// A short content hash of the static files, so their URLs change when they do.
fn version_of(copies: &[CopiedFile]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for copy in copies {
        let bytes: &[u8] = match &copy.source {
            CopySource::Bytes(b) => b,
            CopySource::File(_) => &[],
        };
        for byte in copy.path.as_bytes().iter().chain(bytes) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:08x}", hash & 0xffff_ffff)
}

/// The whole build: load, render, write. Nothing is written unless every phase succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let loaded = Loaded::load(options)?;
    let output_dir = Some(loaded.config.output_dir.clone());
    let fail = |diagnostics: Diagnostics| BuildFailure {
        diagnostics: diagnostics.sorted(),
        output_dir: output_dir.clone(),
    };
    if let Err(d) = output::check_output_dir(&loaded.config) {
        let mut diagnostics = loaded.diagnostics;
        diagnostics.push(d);
        return Err(fail(diagnostics));
    }
    let bar = (options.progress && loaded.library.pages.len() >= 200).then(|| progress_bar(loaded.library.pages.len() as u64));
    let mut site = loaded.render_markdown(bar.as_ref());
    site.release_after_use = true;
    // Nothing reads the Markdown sources again (43 MB at 10,000 roles), nor what only
    // `guide check` needs.
    for page in &mut site.library.pages {
        page.body = String::new();
    }
    site.pages.iter_mut().filter_map(Arc::get_mut).for_each(Rendered::drop_check_data);
    // Cleared however the build ends, so errors print on a clean line.
    let _clear_bar = bar.map(ClearOnDrop);
    if site.diagnostics.has_errors() {
        return Err(fail(site.diagnostics));
    }
    // Files go straight into a staging folder; it replaces the output only on success.
    let staging = match output::Staging::create(&site.config) {
        Ok(staging) => staging,
        Err(error) => {
            site.diagnostics.push(error);
            return Err(fail(site.diagnostics));
        }
    };
    let written = std::sync::atomic::AtomicUsize::new(0);
    let stream = |path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>| {
        written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        staging.write_streamed(path, write)
    };
    let copies = match site.render_streaming(
        &|output| {
            written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            staging.write(&output.path, &output.bytes)
        },
        Some(&stream),
    ) {
        Ok(copies) => copies,
        Err(errors) => {
            site.diagnostics.extend(errors);
            return Err(fail(site.diagnostics));
        }
    };
    let copied: Result<(), Diagnostic> = copies
        .par_iter()
        .map(|c| site.timings.time(Phase::Write, || staging.copy(c)))
        .collect();
    if let Err(error) = copied.and_then(|()| staging.commit()) {
        site.diagnostics.push(error);
        return Err(fail(site.diagnostics));
    }
    // Freed on all threads: one by one, the pages of a 10,000-role guide took about a
    // tenth of a second at the end of the build.
    std::mem::take(&mut site.pages).into_par_iter().for_each(drop);
    Ok(BuildReport {
        pages: site.library.pages.len(),
        sections: site.library.sections.len(),
        files: written.into_inner() + copies.len(),
        elapsed: started.elapsed(),
        output_dir: site.config.output_dir.clone(),
        warnings: site.diagnostics.sorted(),
        timings: site.timings,
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

/// Every phase of [`build`] except writing, for `guide check` and `guide serve`: the site is
/// returned with all findings, and `Built` when rendering succeeded (it is `None` when any
/// error was found, so a caller never serves or checks a half-built site by mistake).
pub fn build_in_memory(options: &BuildOptions) -> Result<(Site, Option<Built>), BuildFailure> {
    let mut site = Loaded::load(options)?.render_markdown(None);
    if site.diagnostics.has_errors() {
        return Ok((site, None));
    }
    match site.render() {
        Ok(built) => Ok((site, Some(built))),
        Err(errors) => {
            site.diagnostics.extend(errors);
            Ok((site, None))
        }
    }
}
