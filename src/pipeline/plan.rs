//! Phase three: the site model (summaries across roles, the `site` view every template
//! sees) and the plan of output jobs, then the one runner that renders them into a sink.

use std::sync::Arc;

use crate::config::{Config, SearchClient};
use crate::content::translations::{LanguagePages, Translations};
use crate::content::{Library, pagination};
use crate::diagnostics::Diagnostic;
use crate::output::deploy::{self, HostFiles};
use crate::output::feed::{self, FEED_FILE};
use crate::output::{Output, Prefixed, Sink, sitemap};
use crate::render::views::{self, SiteView};
use crate::render::{Job, Renderer};
use crate::search::TextPipeline;
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
        let locale = theme.strings.for_language(config.language_index());
        let site_view = views::site_view(config, library, theme.asset_version.clone(), locale);
        let summaries = timed(timings, Phase::Summaries, || Summaries::new(config, library, &site.pages, locale));
        let reserved = summaries.check_paths(&[FEED_FILE]);
        if !reserved.is_empty() {
            return Err(reserved);
        }
        let renderer =
            Renderer::new(config, library, &site.pages, &site.sections, &theme.templates, locale, &site_view).with_summaries(summaries);
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

    /// The files of this language made from all its pages at once, cheap beside the
    /// pages: `roles.json` and the Atom feed, in its folder.
    fn language_files(&self, translations: Option<&Translations>) -> Vec<Output> {
        let (config, library) = (&self.site.config, &self.site.library);
        let summaries = self.summaries();
        let mut files = vec![
            timed(self.timings, Phase::Summaries, || Output {
                path: summaries::ROLES_JSON.into(),
                bytes: summaries.roles_json(translations),
            }),
            timed(self.timings, Phase::Sitemap, || feed::atom(config, library)),
        ];
        let prefix = config.language_prefix();
        if !prefix.is_empty() {
            files.iter_mut().for_each(|file| file.path.insert_str(0, prefix));
        }
        files
    }

    /// The sitemap's entries for this language's pages, from the site root.
    fn sitemap_entries(&self) -> Vec<sitemap::Entry> {
        sitemap::entries(&self.site.config, &self.site.library, &self.summaries().url_paths())
    }

    /// The paths of the pages this language generates beside its content (summaries,
    /// search, the later pagers of its listings), which are versions of the same paths in
    /// other languages.
    fn generated_paths(&self) -> Vec<String> {
        let (config, library) = (&self.site.config, &self.site.library);
        let mut paths = self.summaries().url_paths();
        paths.extend(["search/".to_string(), "404.html".to_string()]);
        for section in &library.sections {
            paths.extend(pagination::later_pager_paths(
                &section.url_path,
                section.pages.len(),
                section.paginate_by(config),
            ));
        }
        paths
    }
}

/// The plans of every language of a build (one for a guide in one language), and which
/// of their pages are versions of each other.
pub struct Plans<'a> {
    pub plans: Vec<Plan<'a>>,
    /// `None` for a guide in one language.
    pub translations: Option<Arc<Translations>>,
}

impl<'a> Plans<'a> {
    /// A plan per language's site (see [`Site::into_languages`]); every language's errors
    /// are reported together.
    pub fn new(sites: &[&'a Site], theme: &'a Theme, timings: Option<&'a Timings>) -> Result<Plans<'a>, Vec<Diagnostic>> {
        let mut plans = Vec::with_capacity(sites.len());
        let mut errors = Vec::new();
        for &site in sites {
            match Plan::new(site, theme, timings) {
                Ok(plan) => plans.push(plan),
                Err(more) => errors.extend(more),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let translations = (plans.len() > 1).then(|| {
            let languages: Vec<LanguagePages<'_>> = plans
                .iter()
                .map(|plan| LanguagePages {
                    library: &plan.site.library,
                    generated: plan.generated_paths(),
                })
                .collect();
            Arc::new(Translations::new(&sites[0].config, &languages))
        });
        if let Some(translations) = &translations {
            plans
                .iter_mut()
                .for_each(|plan| plan.renderer.set_translations(translations.clone()));
        }
        Ok(Plans { plans, translations })
    }

    /// Every language's site-model warnings.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.plans.iter().flat_map(|plan| plan.warnings().iter().cloned()).collect()
    }

    /// The files made from the whole guide at once, cheap beside the pages: each
    /// language's `roles.json` and Atom feed in its folder, and one `sitemap.xml` and
    /// `robots.txt` at the site root.
    pub fn site_wide(&self) -> Vec<Output> {
        let translations = self.translations.as_deref();
        let mut files = Vec::new();
        let mut entries = Vec::new();
        for plan in &self.plans {
            files.extend(plan.language_files(translations));
            entries.extend(timed(plan.timings, Phase::Sitemap, || plan.sitemap_entries()));
        }
        let root = &self.plans[0].site.config;
        let timings = self.plans[0].timings;
        files.insert(1, timed(timings, Phase::Sitemap, || sitemap::sitemap(root, entries, translations)));
        files.insert(2, sitemap::robots(root));
        files
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

/// Renders every job of a full build, in every language, and the site-wide files into
/// `sink`, advancing `progress` once per job. The plans (with the summaries) are dropped
/// before returning, so the search phase after them does not hold them.
pub fn write_pages(
    sites: &[&Site],
    theme: &Theme,
    sink: &dyn Sink,
    timings: &Timings,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<PagesWritten, Vec<Diagnostic>> {
    let mut plans = Plans::new(sites, theme, Some(timings))?;
    let warnings = plans.warnings();
    if let Some(bar) = progress {
        bar.set_message("rendering");
        bar.set_position(0);
        bar.set_length(plans.plans.iter().map(|plan| plan.jobs.len() as u64).sum());
        for plan in &mut plans.plans {
            plan.renderer.set_progress(bar.clone());
        }
    }
    let mut errors = Vec::new();
    for plan in &plans.plans {
        errors.extend(plan.renderer.run(&plan.jobs, sink).err().unwrap_or_default());
    }
    let site_wide = plans.site_wide();
    drop(plans);
    errors.extend(
        site_wide
            .into_iter()
            .filter_map(|output| timings.time(Phase::Write, || sink.write(output)).err()),
    );
    Ok(PagesWritten { warnings, errors })
}

/// The warning for a language whose search index is not stemmed (see
/// `search::language`), when the site has a search index, placed where `config.toml`
/// names the language.
pub fn search_language_warning(config: &crate::config::Config) -> Option<Diagnostic> {
    let (_, warning) = TextPipeline::for_language(&config.language);
    let warning = warning.filter(|_| config.build_search_index)?;
    let (line, column) = config
        .languages
        .iter()
        .find(|l| l.code == config.language)
        .map_or((0, 0), |l| (l.line, l.column));
    Some(Diagnostic::warning(
        config.root.join(crate::config::CONFIG_FILE),
        line,
        column,
        warning,
    ))
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
    // Each language's index in its folder, of its pages only.
    let prefixed = Prefixed {
        prefix: config.language_prefix(),
        sink,
    };
    let sink: &dyn Sink = if prefixed.prefix.is_empty() { sink } else { &prefixed };
    timings.time(Phase::Search, || {
        let pages = crate::search::from_site::pages_from_site(&site.library, &site.pages);
        let (pipeline, _) = TextPipeline::for_language(&config.language);
        crate::search::write_search_files(&pages, pipeline, &settings, &Files(sink)).map(|report| report.skipped)
    })
}
