//! Phase three: the site model (summaries across roles, the `site` view every template
//! sees) and the plan of output jobs, then the one runner that renders them into a sink.

use crate::config::{Config, SearchClient};
use crate::content::Library;
use crate::diagnostics::Diagnostic;
use crate::output::deploy::{self, HostFiles};
use crate::output::feed::{self, FEED_FILE};
use crate::output::{Output, Sink, sitemap};
use crate::render::views::{self, SiteView};
use crate::render::{Job, Renderer};
use crate::search::shards::{ClientForm, SearchFile, ShardSettings};
use crate::summaries::{self, Summaries};
use crate::timings::{Phase, Timings};

use super::{Site, Theme};

/// What every output job of one build reads, and the jobs.
pub struct Plan<'a> {
    pub site: &'a Site,
    /// The `site` value of every template context.
    pub site_view: SiteView,
    /// Renders any job; owns the summaries.
    pub renderer: Renderer<'a>,
    /// Every job of a full build, in a stable order.
    pub jobs: Vec<Job>,
    timings: Option<&'a Timings>,
}

impl<'a> Plan<'a> {
    /// Computes the summaries and lists the jobs. Fails when content would be written where
    /// a generated page goes.
    pub fn new(site: &'a Site, theme: &'a Theme, timings: Option<&'a Timings>) -> Result<Plan<'a>, Vec<Diagnostic>> {
        let (config, library) = (&site.config, &site.library);
        let site_view = views::site_view(config, library, theme.asset_version.clone());
        let summaries = timed(timings, Phase::Summaries, || Summaries::new(config, library, &site.pages));
        let reserved = summaries.check_paths(&[FEED_FILE]);
        if !reserved.is_empty() {
            return Err(reserved);
        }
        let renderer = Renderer::new(config, library, &site.pages, &site.sections, &theme.templates, &site_view).with_summaries(summaries);
        let renderer = match timings {
            Some(timings) => renderer.with_timings(timings),
            None => renderer,
        };
        let jobs = renderer.all_jobs();
        Ok(Plan {
            site,
            site_view,
            renderer,
            jobs,
            timings,
        })
    }

    pub fn summaries(&self) -> &Summaries<'a> {
        self.renderer.summaries().expect("a plan's renderer is given the summaries")
    }

    /// The warnings of the site model (summaries that could not be computed for a role).
    pub fn warnings(&self) -> &[Diagnostic] {
        self.summaries().warnings()
    }

    /// The files made from the whole site at once, cheap beside the pages: `roles.json`,
    /// `sitemap.xml`, `robots.txt` and the Atom feed.
    pub fn site_wide(&self) -> Vec<Output> {
        let (config, library) = (&self.site.config, &self.site.library);
        let summaries = self.summaries();
        vec![
            timed(self.timings, Phase::Summaries, || Output {
                path: summaries::ROLES_JSON.into(),
                bytes: summaries.roles_json(),
            }),
            timed(self.timings, Phase::Sitemap, || {
                sitemap::sitemap(config, library, &summaries.url_paths())
            }),
            sitemap::robots(config),
            timed(self.timings, Phase::Sitemap, || feed::atom(config, library)),
        ]
    }
}

fn timed<T>(timings: Option<&Timings>, phase: Phase, work: impl FnOnce() -> T) -> T {
    match timings {
        Some(timings) => timings.time(phase, work),
        None => work(),
    }
}

/// The host's own files (`[deploy] host`), made from what the pages turn out to hold:
/// every output passes through on its way to `sink`, and [`HostSink::finish`] writes them.
pub struct HostSink<'a> {
    host_files: HostFiles<'a>,
    sink: &'a dyn Sink,
}

impl<'a> HostSink<'a> {
    pub fn new(config: &'a Config, library: &Library, theme: &Theme, sink: &'a dyn Sink) -> HostSink<'a> {
        HostSink {
            host_files: HostFiles::new(config, &deploy::aliases_of(library), &theme.asset_version),
            sink,
        }
    }

    /// Writes the host's files into the sink; returns the warnings about what they could
    /// not hold and the errors of writing them.
    pub fn finish(self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let (files, warnings) = self.host_files.finish();
        let errors = files.into_iter().filter_map(|file| self.sink.write(file).err()).collect();
        (warnings, errors)
    }
}

impl Sink for HostSink<'_> {
    fn write(&self, output: Output) -> Result<(), Diagnostic> {
        self.host_files.pass(output).map_or(Ok(()), |output| self.sink.write(output))
    }

    /// Large files (the full search index) are not pages: they go straight through.
    fn write_streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
        self.sink.write_streamed(path, write)
    }
}

/// What rendering the pages found: the site model's warnings and every job's error.
pub struct PagesWritten {
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
}

/// Renders every job of a full build and the site-wide files into `sink`, advancing
/// `progress` once per job. The plan (with the summaries) is dropped before returning,
/// so the search phase after it does not hold it.
pub fn write_pages(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    timings: &Timings,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<PagesWritten, Vec<Diagnostic>> {
    let mut plan = Plan::new(site, theme, Some(timings))?;
    let warnings = plan.warnings().to_vec();
    if let Some(bar) = progress {
        bar.set_message("rendering");
        bar.set_position(0);
        bar.set_length(plan.jobs.len() as u64);
        plan.renderer = plan.renderer.with_progress(bar.clone());
    }
    let mut errors = plan.renderer.run(&plan.jobs, sink).err().unwrap_or_default();
    let site_wide = plan.site_wide();
    drop(plan);
    errors.extend(
        site_wide
            .into_iter()
            .filter_map(|output| timings.time(Phase::Write, || sink.write(output)).err()),
    );
    Ok(PagesWritten { warnings, errors })
}

/// The search files, when the configuration asks for them: the manifest, shards and
/// display fragments under `search/`, and with `[search] full_index` the lunr index
/// `search_index.json` (streamed into `sink`) and its display store `search_docs.json`.
/// Returns why the full index was not written, when it was asked for only if it fits.
pub fn write_search(site: &Site, sink: &dyn Sink, timings: &Timings) -> Result<Option<String>, Diagnostic> {
    if !site.config.build_search_index {
        return Ok(None);
    }
    struct Files<'s>(&'s dyn Sink);
    impl crate::search::SearchSink<Diagnostic> for Files<'_> {
        fn file(&self, file: SearchFile) -> Result<(), Diagnostic> {
            self.0.write(Output {
                path: file.path,
                bytes: file.bytes,
            })
        }
        fn streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
            self.0.write_streamed(path, write)
        }
    }
    let config = &site.config;
    let settings = ShardSettings {
        shard_bytes: config.search.shard_size,
        client: match config.search.client {
            SearchClient::Auto => None,
            SearchClient::Full => Some(ClientForm::Full),
            SearchClient::Sharded => Some(ClientForm::Sharded),
        },
        full_index: config.search.full_index,
    };
    timings.time(Phase::Search, || {
        let pages = crate::search::from_site::pages_from_site(&site.library, &site.pages);
        crate::search::write_search_files(&pages, &settings, &Files(sink)).map(|report| report.skipped)
    })
}
