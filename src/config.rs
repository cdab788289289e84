//! `config.toml`: read raw, then resolved into checked settings.
//!
//! The raw form mirrors the file (serde, unknown keys rejected with a suggestion); the
//! resolved [`Config`] holds absolute paths, a normalised base URL and the flags' overrides.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::currency;
use crate::diagnostics::{Diagnostic, display_path, explain_serde_message, line_column};
use crate::locate::{Format, locate_key};

pub const CONFIG_FILE: &str = "config.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    default_language: Option<String>,
    #[serde(default)]
    languages: BTreeMap<String, RawLanguage>,
    theme: Option<String>,
    output_dir: Option<String>,
    minify_html: Option<bool>,
    build_search_index: Option<bool>,
    paginate_by: Option<i64>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    salary: RawSalaryConfig,
    #[serde(default)]
    skills: RawTermsConfig,
    #[serde(default)]
    industries: RawTermsConfig,
    #[serde(default)]
    search: RawSearchConfig,
    #[serde(default)]
    deploy: RawDeployConfig,
    #[serde(default)]
    extra: toml::Table,
}

/// `[languages.<code>]` as written: what differs from the top of the file in that language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
    /// `[languages.<code>.skills.aliases]`: how skill names are matched and shown on this
    /// language's pages, over the top-level `[skills.aliases]`.
    #[serde(default)]
    skills: RawTermsConfig,
    /// `[languages.<code>.industries.aliases]`, likewise for industry names.
    #[serde(default)]
    industries: RawTermsConfig,
}

/// One language a guide is published in (see `docs/i18n.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// The code as `config.toml` writes it: the suffix of translation files (`role.de.md`)
    /// and the folder of the language's pages (`/de/`).
    pub code: String,
    /// The language's name in itself, for the language switcher.
    pub name: String,
    pub direction: crate::languages::Direction,
    pub title: String,
    pub description: String,
    /// The skill aliases of this language's pages, when it has its own: the top-level
    /// ones with the language's over them (`Communication = "Kommunikation"`).
    pub skills: Option<TermAliases>,
    /// The industry aliases of this language's pages, likewise.
    pub industries: Option<TermAliases>,
    /// 1-based line and column where `config.toml` names the language (the code of its
    /// `[languages.<code>]` table, or the value of `default_language`), for findings about
    /// it later; 0 when the default language is not written.
    pub line: usize,
    pub column: usize,
}

/// Entries per pager when neither `config.toml` nor a section sets `paginate_by`. At
/// 10,000 roles the largest listing (a soft skill asked for by half the roles, a section
/// of 1,500 roles) stays near 60 KB of HTML per pager, 10 KB compressed.
pub const DEFAULT_PAGINATE_BY: usize = 100;

/// Checks a `paginate_by` value as written: a whole number of at least 1. The error is a
/// message and a hint.
pub fn check_paginate_by(value: i64) -> Result<usize, (String, &'static str)> {
    match usize::try_from(value) {
        Ok(count) if count >= 1 => Ok(count),
        _ => Err((
            format!("`paginate_by` must be at least 1, but it is {value}"),
            "give how many entries one page of a list shows as a positive whole number, like 100; to show a list whole, give a number larger than it",
        )),
    }
}

/// `[deploy]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeployConfig {
    host: Option<Host>,
    csp: Option<bool>,
}

/// The static host the output folder is published to (`[deploy] host`): the build writes
/// the files that host reads (headers, redirects, `.nojekyll`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    Netlify,
    Cloudflare,
    GithubPages,
    GitlabPages,
    S3,
}

/// Publishing settings (`[deploy]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployConfig {
    /// `None`: no host-specific files.
    pub host: Option<Host>,
    /// Whether pages carry a Content Security Policy (on unless `csp = false`).
    pub csp: bool,
}

impl Default for DeployConfig {
    fn default() -> Self {
        DeployConfig { host: None, csp: true }
    }
}

/// `[search]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearchConfig {
    full_index: Option<RawFullIndex>,
    shard_size: Option<i64>,
    client: Option<SearchClient>,
}

/// `[search] full_index` as written: `true`, `false` or `"auto"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawFullIndex {
    Flag(bool),
    Word(String),
}

/// Which form of the search index the browser loads (`[search] client`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchClient {
    /// Sharded once the guide has more search documents than the search module's
    /// `AUTO_SHARDED_ABOVE` (8,000: a page or a guide entry each, about 260 roles).
    #[default]
    Auto,
    /// The whole index in one file and all display records in another.
    Full,
    /// The manifest, then only the shards and fragments each query needs.
    Sharded,
}

/// Search output settings (`[search]`).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchConfig {
    /// Also write the single lunr.js file `search_index.json` and `search_docs.json`:
    /// by default only when each fits in the file size hosts accept.
    pub full_index: crate::search::FullIndex,
    /// Target size of an index shard in bytes, before compression.
    pub shard_size: usize,
    pub client: SearchClient,
}

impl SearchConfig {
    /// The default target shard size.
    pub const DEFAULT_SHARD_SIZE: usize = 16 * 1024;
    /// The smallest allowed shard size: smaller shards only make the manifest longer.
    pub const MIN_SHARD_SIZE: usize = 1024;
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            full_index: crate::search::FullIndex::Auto,
            shard_size: Self::DEFAULT_SHARD_SIZE,
            client: SearchClient::Auto,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    highlight_code: Option<bool>,
    highlight_theme: Option<String>,
    highlight_theme_dark: Option<String>,
    allow_html: Option<bool>,
}

/// `[salary]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSalaryConfig {
    hours_per_year: Option<f64>,
    days_per_year: Option<f64>,
    months_per_year: Option<f64>,
    display_currency: Option<String>,
    #[serde(default)]
    rates: BTreeMap<String, f64>,
}

/// `[skills]` or `[industries]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTermsConfig {
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

/// How salaries are put on a common footing for comparison: every range becomes a yearly
/// figure, and with a display currency and rates, an amount in that one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct SalaryConfig {
    /// Paid hours in a year: an hourly amount times this is a yearly one (40 h × 52 weeks).
    pub hours_per_year: f64,
    /// Paid days in a year (5 days × 52 weeks).
    pub days_per_year: f64,
    /// Paid months in a year (more than 12 where a 13th month is customary).
    pub months_per_year: f64,
    /// The currency salaries are converted into; `None` keeps every currency apart.
    pub display_currency: Option<String>,
    /// Currency code → units of the display currency that one unit of it is worth.
    pub rates: BTreeMap<String, f64>,
}

impl Default for SalaryConfig {
    fn default() -> Self {
        SalaryConfig {
            hours_per_year: 2080.0,
            days_per_year: 260.0,
            months_per_year: 12.0,
            display_currency: None,
            rates: BTreeMap::new(),
        }
    }
}

/// How the names of one kind of term (skills, industries) are matched across roles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermAliases {
    /// Folded alias (lower case, single spaces) → the canonical name it stands for, with
    /// chains of aliases already followed to their end.
    pub aliases: BTreeMap<String, String>,
}

/// Markdown rendering settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownConfig {
    pub highlight_code: bool,
    /// The syntect themes for light and dark pages, checked when the configuration is
    /// resolved, so that a wrong name is reported with the other configuration errors.
    pub highlight_theme: ThemeChoice,
    pub highlight_theme_dark: ThemeChoice,
    /// When false, raw HTML in Markdown is escaped and shown as text.
    pub allow_html: bool,
}

/// A syntect theme of the two-face bundle, by the name `config.toml` gives.
pub type HighlightTheme = two_face::theme::EmbeddedThemeName;

/// A highlight theme as `config.toml` chose it: the theme, its name as written (or the
/// default's), and where it was written, for findings about it later.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeChoice {
    pub theme: HighlightTheme,
    pub name: String,
    /// 1-based line and column of the value; 0 when the default applies.
    pub line: usize,
    pub column: usize,
    pub source_line: Option<String>,
}

/// Looks a highlight theme up by name, ignoring case and surrounding spaces; on failure
/// returns every known name.
pub fn find_highlight_theme(name: &str) -> Result<HighlightTheme, Vec<&'static str>> {
    let names = two_face::theme::EmbeddedLazyThemeSet::theme_names();
    names
        .iter()
        .find(|n| n.as_name().eq_ignore_ascii_case(name.trim()))
        .copied()
        .ok_or_else(|| names.iter().map(|n| n.as_name()).collect())
}

/// Checked settings for one build.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: the folder holding `config.toml` and `content/`.
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Scheme, host and path, without a trailing slash: `https://example.org/careers/guide`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/`: `/careers/guide/`.
    pub base_path: String,
    /// The language of the pages this configuration renders: the default language, or the
    /// language a [`Config::for_language`] was made for.
    pub language: String,
    /// Every language of the guide, the default first, then the others by code. A guide
    /// in one language has one.
    pub languages: Vec<Language>,
    /// `base_url` and `base_path` of the whole site: the default language's, which
    /// [`Config::for_language`] extends with `<code>/` for the others. Theme files, the
    /// sitemap and `robots.txt` live there.
    pub root_url: String,
    pub root_path: String,
    pub theme: String,
    pub output_dir: PathBuf,
    pub minify_html: bool,
    pub build_search_index: bool,
    /// How many entries a listing shows per page (sections, skill, industry and salary
    /// tables) unless a section's `_index.md` sets its own `paginate_by`.
    pub paginate_by: usize,
    pub markdown: MarkdownConfig,
    pub salary: SalaryConfig,
    pub skills: TermAliases,
    pub industries: TermAliases,
    pub search: SearchConfig,
    pub deploy: DeployConfig,
    /// Free-form values for templates.
    pub extra: serde_json::Value,
}

/// Values given on the command line that win over the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
}

impl Config {
    /// The configuration as `guide serve` uses it: permalinks point at the local server
    /// (`origin`, like `http://127.0.0.1:1111`), under the configured base path.
    pub fn served_from(mut self, origin: &str) -> Config {
        self.base_url = format!("{origin}{}", self.base_path.trim_end_matches('/'));
        self.root_url = format!("{origin}{}", self.root_path.trim_end_matches('/'));
        self
    }

    /// Whether the guide is published in more than one language: only then do pages carry
    /// alternates, a language switcher and their language in `roles.json`.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The folder of this configuration's language from the site root: `""` for the
    /// default language, `de/` for German.
    pub fn language_prefix(&self) -> &str {
        self.base_path.strip_prefix(self.root_path.as_str()).unwrap_or("")
    }

    /// The index of this configuration's language in [`Config::languages`].
    pub fn language_index(&self) -> usize {
        self.languages.iter().position(|l| l.code == self.language).unwrap_or(0)
    }

    /// The configuration language `index` (into [`Config::languages`]) renders with: its
    /// title and description, and, for any but the default, the base URL and path of its
    /// folder (`https://example.org/de`, `/de/`), so every link made from them lands there.
    pub fn for_language(&self, index: usize) -> Config {
        let language = &self.languages[index];
        let mut config = self.clone();
        config.language = language.code.clone();
        config.title = language.title.clone();
        config.description = language.description.clone();
        if let Some(skills) = &language.skills {
            config.skills = skills.clone();
        }
        if let Some(industries) = &language.industries {
            config.industries = industries.clone();
        }
        if index > 0 {
            config.base_path = format!("{}{}/", self.root_path, language.code);
            config.base_url = format!("{}/{}", self.root_url, language.code);
        }
        config
    }

    /// Absolute URL of a page: `https://example.org/careers/guide/engineering/`.
    pub fn permalink(&self, url_path: &str) -> String {
        format!("{}/{}", self.base_url, url_path)
    }

    /// Reads and checks `config.toml` under `root`; a missing file means all defaults.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let root = absolute(root);
        let path = root.join(CONFIG_FILE);
        let shown = display_path(&root, &path);
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                vec![
                    Diagnostic::error(
                        &shown,
                        0,
                        0,
                        format!(
                            "the file is not valid UTF-8 text (invalid byte at position {})",
                            e.utf8_error().valid_up_to()
                        ),
                    )
                    .with_hint("save the file as UTF-8 in your editor"),
                ]
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(vec![Diagnostic::cannot_read(&shown, &e)]),
        };
        Self::from_text(&root, &text, overrides)
    }

    /// Parses configuration text; `root` must be absolute. Every wrong key and value is
    /// reported, not only the first.
    pub fn from_text(root: &Path, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        match toml::from_str::<RawConfig>(text) {
            Ok(raw) => resolve(root, raw, text, overrides),
            Err(error) => Err(all_field_errors(root, text, overrides, &error)),
        }
    }
}

/// The typed parse's first error, every other wrong field, and the problems of what the
/// readable fields resolve to.
fn all_field_errors(root: &Path, text: &str, overrides: &Overrides, first: &toml::de::Error) -> Vec<Diagnostic> {
    let shown = PathBuf::from(CONFIG_FILE);
    let (line, column) = first.span().map_or((1, 1), |span| line_column(text, span.start));
    let (message, hint) = explain_serde_message(first.message(), CONFIG_FILE);
    let mut first_error = Diagnostic::error(&shown, line, column, message).with_source(text);
    if let Some(hint) = salary_key_hint(first.message()).or(hint) {
        first_error = first_error.with_hint(hint);
    }
    // Not valid TOML: the rest cannot be read reliably.
    let Ok(document) = toml::from_str::<serde_json::Value>(text) else {
        return vec![first_error];
    };
    let checked = crate::field_errors::check_fields::<RawConfig>(&document, false);
    let place = crate::field_errors::Place {
        file: &shown,
        text,
        format: Format::Toml,
        first_line: 1,
        full_text: text,
        name: CONFIG_FILE,
    };
    let others = crate::field_errors::diagnose(&checked.errors, &place, &salary_key_hint);
    let mut errors = vec![first_error];
    errors.extend(others.into_iter().filter(|d| d.line != line));
    if let Some(raw) = checked.readable
        && let Err(more) = resolve(root, raw, text, overrides)
    {
        errors.extend(more);
    }
    errors.sort_by_key(|d| (d.line, d.column));
    errors
}

fn resolve(root: &Path, raw: RawConfig, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let (language, languages) = resolve_languages(&raw, text, &mut errors);
    let at = |path: &[&str]| locate_key(text, Format::Toml, path).unwrap_or((0, 0));
    let base_url_given = overrides
        .base_url
        .clone()
        .or(raw.base_url)
        .unwrap_or_else(|| "http://127.0.0.1:1111".into());
    let (base_url, base_path) = match parse_base_url(&base_url_given) {
        Ok(parts) => parts,
        Err(problem) => {
            let (line, column) = if overrides.base_url.is_some() { (0, 0) } else { at(&["base_url"]) };
            let file = if overrides.base_url.is_some() { "--base-url" } else { CONFIG_FILE };
            errors.push(
                Diagnostic::error(file, line, column, format!("`base_url` {problem}"))
                    .with_hint(
                        "write the address the site is published at, like \"https://example.org\" or \"https://example.org/careers/guide\"",
                    )
                    .with_source(text),
            );
            (String::new(), "/".into())
        }
    };
    let output_dir = overrides
        .output_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(raw.output_dir.as_deref().unwrap_or("public")));
    let output_dir = if output_dir.is_absolute() {
        output_dir
    } else {
        root.join(output_dir)
    };
    let salary = resolve_salary(raw.salary, text, &mut errors);
    let skills = resolve_aliases(Terms::Skills, &raw.skills, text, &mut errors);
    let industries = resolve_aliases(Terms::Industries, &raw.industries, text, &mut errors);
    let search = resolve_search(&raw.search, text, &mut errors);
    let mut highlight_theme = |key: &str, given: Option<&str>, default: HighlightTheme| {
        let Some(name) = given else {
            let name = default.as_name().to_string();
            return Some(ThemeChoice {
                theme: default,
                name,
                line: 0,
                column: 0,
                source_line: None,
            });
        };
        let (line, column) = at(&["markdown", key]);
        let source_line = line
            .checked_sub(1)
            .and_then(|l| text.lines().nth(l))
            .map(|l| l.trim_end().to_string());
        match find_highlight_theme(name) {
            Ok(theme) => Some(ThemeChoice {
                theme,
                name: name.to_string(),
                line,
                column,
                source_line,
            }),
            Err(known) => {
                let hint = match crate::diagnostics::suggest(name, known.iter().copied()) {
                    Some(best) => format!("did you mean \"{best}\"? Known themes: {}", known.join(", ")),
                    None => format!("known themes: {}", known.join(", ")),
                };
                errors.push(
                    Diagnostic::error(CONFIG_FILE, line, column, format!("the highlight theme \"{name}\" is not known"))
                        .with_hint(hint)
                        .with_source(text),
                );
                None
            }
        }
    };
    let light = highlight_theme(
        "highlight_theme",
        raw.markdown.highlight_theme.as_deref(),
        HighlightTheme::InspiredGithub,
    );
    let dark = highlight_theme(
        "highlight_theme_dark",
        raw.markdown.highlight_theme_dark.as_deref(),
        HighlightTheme::Nord,
    );
    let (Some(highlight_theme), Some(highlight_theme_dark)) = (light, dark) else {
        return Err(errors);
    };
    let paginate_by = match raw.paginate_by.map(check_paginate_by) {
        None => DEFAULT_PAGINATE_BY,
        Some(Ok(count)) => count,
        Some(Err((message, hint))) => {
            errors.push(config_error(text, &["paginate_by"], message, hint));
            DEFAULT_PAGINATE_BY
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let markdown = MarkdownConfig {
        highlight_code: raw.markdown.highlight_code.unwrap_or(true),
        highlight_theme,
        highlight_theme_dark,
        allow_html: raw.markdown.allow_html.unwrap_or(false),
    };
    Ok(Config {
        root: root.to_path_buf(),
        title: raw.title.unwrap_or_else(|| "Interview Guide".into()),
        description: raw.description.unwrap_or_default(),
        root_url: base_url.clone(),
        root_path: base_path.clone(),
        base_url,
        base_path,
        language,
        languages,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        output_dir: normalise(&output_dir),
        minify_html: raw.minify_html.unwrap_or(true),
        build_search_index: raw.build_search_index.unwrap_or(true),
        paginate_by,
        markdown,
        salary,
        skills,
        industries,
        search,
        deploy: DeployConfig {
            host: raw.deploy.host,
            csp: raw.deploy.csp.unwrap_or(true),
        },
        extra: table_to_json(raw.extra),
    })
}

/// The default language (`default_language`, or `language` as older guides write it) and
/// every language of `[languages]`, checked: known codes, the default not repeated there.
/// Titles and descriptions are filled in from the top of the file where a language does
/// not give its own.
fn resolve_languages(raw: &RawConfig, text: &str, errors: &mut Vec<Diagnostic>) -> (String, Vec<Language>) {
    let at = |path: &[&str]| locate_key(text, Format::Toml, path).unwrap_or((0, 0));
    if raw.language.is_some() && raw.default_language.is_some() {
        let (line, column) = at(&["language"]);
        errors.push(
            Diagnostic::error(CONFIG_FILE, line, column, "both `language` and `default_language` are set")
                .with_hint("keep `default_language` and remove `language`, its older name")
                .with_source(text),
        );
    }
    let key = if raw.default_language.is_some() {
        "default_language"
    } else {
        "language"
    };
    let default = raw.default_language.clone().or(raw.language.clone()).unwrap_or_else(|| "en".into());
    if !is_language_tag(&default) {
        let (line, column) = at(&[key]);
        errors.push(
            Diagnostic::error(CONFIG_FILE, line, column, format!("`{key}` \"{default}\" is not a language code"))
                .with_hint("use a BCP 47 code such as \"en\", \"en-GB\" or \"de\"")
                .with_source(text),
        );
    }
    let title = raw.title.clone().unwrap_or_else(|| "Interview Guide".into());
    let description = raw.description.clone().unwrap_or_default();
    let describe = |code: &str, known: Option<&crate::languages::Known>, own: &RawLanguage, (line, column)| Language {
        code: code.to_string(),
        name: known.map_or_else(|| code.to_string(), |k| k.name.to_string()),
        direction: known.map_or(crate::languages::Direction::LeftToRight, |k| k.direction),
        title: own.title.clone().unwrap_or_else(|| title.clone()),
        description: own.description.clone().unwrap_or_else(|| description.clone()),
        skills: None,
        industries: None,
        line,
        column,
    };
    let mut languages = vec![describe(
        &default,
        crate::languages::find(&default),
        &RawLanguage::default(),
        at(&[key]),
    )];
    for (code, own) in &raw.languages {
        let (line, column) = language_table_position(text, code);
        let mut error = |message: String, hint: String| {
            errors.push(
                Diagnostic::error(CONFIG_FILE, line, column, message)
                    .with_hint(hint)
                    .with_source(text),
            );
        };
        let known = crate::languages::find(code).filter(|_| is_language_tag(code));
        if code.eq_ignore_ascii_case(&default) {
            error(
                format!("\"{code}\" is the default language, which `[languages]` does not list"),
                "set the default language's title and description at the top of config.toml, and list only the other languages here".into(),
            );
        } else if known.is_none() {
            let hint = match crate::diagnostics::suggest(code, crate::languages::codes()) {
                Some(best) => format!("did you mean \"{best}\"? Use an ISO 639-1 code such as \"de\", \"ja\" or \"pt-BR\""),
                None => "use an ISO 639-1 code such as \"de\", \"ja\" or \"pt-BR\"".into(),
            };
            error(format!("\"{code}\" is not a language code the guide knows"), hint);
        } else if languages.iter().any(|l| l.code.eq_ignore_ascii_case(code)) {
            error(
                format!("the language \"{code}\" is listed twice"),
                "keep one `[languages.<code>]` table per language".into(),
            );
        } else {
            let skills = resolve_language_aliases(Terms::Skills, &raw.skills, &own.skills, code, text, errors);
            let industries = resolve_language_aliases(Terms::Industries, &raw.industries, &own.industries, code, text, errors);
            languages.push(Language {
                skills,
                industries,
                ..describe(code, known, own, (line, column))
            });
        }
    }
    (default, languages)
}

/// Where `[languages.<code>]` names its code: the column of the code itself, for errors
/// about it (the header's `[` when it is written some other way).
fn language_table_position(text: &str, code: &str) -> (usize, usize) {
    let (line, column) = crate::locate::locate_key_name(text, Format::Toml, &["languages", code]).unwrap_or((0, 0));
    let dotted = format!("languages.{code}");
    let code_column = line
        .checked_sub(1)
        .and_then(|index| text.lines().nth(index))
        .and_then(|header| header.find(&dotted).map(|at| header[..at].chars().count() + "languages.".len() + 1));
    (line, code_column.unwrap_or(column))
}

/// Checks `[search]`: a sensible shard size, and a full-form client only with the full index.
fn resolve_search(raw: &RawSearchConfig, text: &str, errors: &mut Vec<Diagnostic>) -> SearchConfig {
    let defaults = SearchConfig::default();
    let client = raw.client.unwrap_or_default();
    let mut error = |key: &str, message: String, hint: &str| {
        let (line, column) = locate_key(text, Format::Toml, &["search", key]).unwrap_or((0, 0));
        errors.push(
            Diagnostic::error(CONFIG_FILE, line, column, message)
                .with_hint(hint)
                .with_source(text),
        );
    };
    use crate::search::FullIndex;
    let full_index = match &raw.full_index {
        None => defaults.full_index,
        Some(RawFullIndex::Flag(true)) => FullIndex::Always,
        Some(RawFullIndex::Flag(false)) => FullIndex::Never,
        Some(RawFullIndex::Word(word)) if word == "auto" => FullIndex::Auto,
        Some(RawFullIndex::Word(word)) => {
            error(
                "full_index",
                format!("`full_index` \"{word}\" is not known"),
                "use \"auto\" (write the lunr.js index when it fits in 25 MiB, the default), true or false",
            );
            defaults.full_index
        }
    };
    let shard_size = match raw.shard_size {
        None => defaults.shard_size,
        Some(size) if size >= SearchConfig::MIN_SHARD_SIZE as i64 => usize::try_from(size).unwrap_or(usize::MAX),
        Some(size) => {
            error(
                "shard_size",
                format!("`shard_size` {size} is too small"),
                "give the target size of a search shard in bytes, at least 1024 (the default is 16384)",
            );
            defaults.shard_size
        }
    };
    SearchConfig {
        full_index,
        shard_size,
        client,
    }
}

/// A salary amount is paid per hour, day, month or year; a misspelt or unsupported
/// conversion factor in `[salary]` gets a hint saying which periods exist.
fn salary_key_hint(serde_message: &str) -> Option<String> {
    let field = serde_message.strip_prefix("unknown field `")?.split('`').next()?;
    if !serde_message.contains("`hours_per_year`") {
        return None;
    }
    let known = ["hours_per_year", "days_per_year", "months_per_year", "display_currency", "rates"];
    let guess = crate::diagnostics::suggest(field, known).map_or(String::new(), |best| format!("did you mean `{best}`? "));
    Some(format!(
        "{guess}a role's salary is paid per hour, day, month or year, so [salary] knows hours_per_year, days_per_year \
         and months_per_year, plus display_currency and [salary.rates]"
    ))
}

/// Checks `[salary]`: conversion factors and rates must be positive numbers, and every
/// currency code must be a known ISO 4217 code. Problems are added to `errors`.
fn resolve_salary(raw: RawSalaryConfig, text: &str, errors: &mut Vec<Diagnostic>) -> SalaryConfig {
    let defaults = SalaryConfig::default();
    let mut factor = |key: &str, value: Option<f64>, default: f64| match value {
        Some(v) if !(v.is_finite() && v > 0.0) => {
            errors.push(config_error(
                text,
                &["salary", key],
                format!("`{key}` must be a positive number, but it is {v}"),
                "write how many of these periods are paid in a year, like 2080 for hours or 260 for days",
            ));
            default
        }
        Some(v) => v,
        None => default,
    };
    let hours_per_year = factor("hours_per_year", raw.hours_per_year, defaults.hours_per_year);
    let days_per_year = factor("days_per_year", raw.days_per_year, defaults.days_per_year);
    let months_per_year = factor("months_per_year", raw.months_per_year, defaults.months_per_year);
    let display_currency = raw.display_currency.map(|code| code.trim().to_string());
    if let Some(code) = &display_currency {
        errors.extend(check_currency_code(text, &["salary", "display_currency"], code));
    }
    let rates = resolve_rates(raw.rates, display_currency.as_deref(), text, errors);
    SalaryConfig {
        hours_per_year,
        days_per_year,
        months_per_year,
        display_currency,
        rates,
    }
}

/// Checks `[salary.rates]`: known codes, positive rates, and a display currency to convert into.
fn resolve_rates(raw: BTreeMap<String, f64>, display: Option<&str>, text: &str, errors: &mut Vec<Diagnostic>) -> BTreeMap<String, f64> {
    if !raw.is_empty() && display.is_none() {
        errors.push(config_error(
            text,
            &["salary", "rates"],
            "`[salary.rates]` is set but `display_currency` is not".into(),
            "add `display_currency = \"USD\"` (or another code) under [salary]: each rate says how many units of it one unit of a currency is worth",
        ));
    }
    let mut rates = BTreeMap::new();
    for (code, rate) in raw {
        let path = ["salary", "rates", code.as_str()];
        let code_errors = check_currency_code(text, &path, code.trim());
        let bad_rate = !(rate.is_finite() && rate > 0.0);
        if bad_rate {
            errors.push(config_error(
                text,
                &path,
                format!("the rate for {code} must be a positive number, but it is {rate}"),
                "write how many units of the display currency one unit of this currency is worth, like EUR = 1.08",
            ));
        } else if Some(code.trim()) == display && rate != 1.0 {
            errors.push(config_error(
                text,
                &path,
                format!("the rate for the display currency {code} must be 1, but it is {rate}"),
                "remove this line: amounts already in the display currency are not converted",
            ));
        }
        if code_errors.is_none() && !bad_rate {
            rates.insert(code.trim().to_string(), rate);
        }
        errors.extend(code_errors);
    }
    rates
}

/// An error when `code` is not an ISO 4217 code, with the likely intended code as a hint.
fn check_currency_code(text: &str, path: &[&str], code: &str) -> Option<Diagnostic> {
    if currency::is_known(code) {
        return None;
    }
    let upper = code.to_uppercase();
    let hint = if currency::is_known(&upper) {
        format!("write the code in capital letters: \"{upper}\"")
    } else {
        match crate::diagnostics::suggest(&upper, currency::codes()) {
            Some(best) => format!("use a three-letter ISO 4217 code; did you mean \"{best}\"? (for example USD, EUR, GBP)"),
            None => "use a three-letter ISO 4217 code such as USD, EUR or GBP".to_string(),
        }
    };
    Some(config_error(text, path, format!("\"{code}\" is not a known currency code"), &hint))
}

/// An error in config.toml at the value of `path`, or at its table when the key cannot be
/// found (a quoted key holding a dot, for example).
fn config_error(text: &str, path: &[&str], message: String, hint: &str) -> Diagnostic {
    let (line, column) = locate_key(text, Format::Toml, path)
        .or_else(|| locate_key(text, Format::Toml, &path[..path.len().saturating_sub(1)]))
        .unwrap_or((0, 0));
    Diagnostic::error(CONFIG_FILE, line, column, message)
        .with_hint(hint)
        .with_source(text)
}

/// The key used to match skill names: case and spacing do not matter. The same folding as
/// `content::role::fold_name`, repeated here because configuration is read before content.
pub fn fold_skill_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A kind of term whose names have aliases: its table in `config.toml` and how its
/// errors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terms {
    Skills,
    Industries,
}

impl Terms {
    /// The table (`[skills]`, `[languages.<code>.skills]`).
    fn table(self) -> &'static str {
        match self {
            Terms::Skills => "skills",
            Terms::Industries => "industries",
        }
    }

    /// One of them, in messages.
    fn noun(self) -> &'static str {
        match self {
            Terms::Skills => "skill",
            Terms::Industries => "industry",
        }
    }

    /// One of them with its article, in messages.
    fn a_noun(self) -> &'static str {
        match self {
            Terms::Skills => "a skill",
            Terms::Industries => "an industry",
        }
    }

    /// The hint for an alias without a name.
    fn empty_name_hint(self) -> &'static str {
        match self {
            Terms::Skills => "write `Alias = \"Canonical name\"`, like K8s = \"Kubernetes\"",
            Terms::Industries => "write `Alias = \"Canonical name\"`, like FinTech = \"Financial services\"",
        }
    }
}

/// Checks `[skills.aliases]` (or `[industries.aliases]`) and follows chains (`K8s → Kube →
/// Kubernetes`) so each alias maps straight to its canonical name. A cycle has no canonical
/// name and is an error.
fn resolve_aliases(terms: Terms, raw: &RawTermsConfig, text: &str, errors: &mut Vec<Diagnostic>) -> TermAliases {
    let edges = alias_edges(terms, &raw.aliases, &[terms.table(), "aliases"], text, errors);
    let (aliases, cycles) = follow_aliases(&edges);
    report_cycles(terms, &edges, &cycles, text, errors);
    aliases
}

/// A language's `[languages.<code>.skills.aliases]` (or `industries`) over the top-level
/// ones (its own line wins for the same alias), followed to their ends; `None` when it has
/// none. Problems of the top-level aliases alone are reported once, by [`resolve_aliases`].
fn resolve_language_aliases(
    terms: Terms,
    top: &RawTermsConfig,
    own: &RawTermsConfig,
    code: &str,
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<TermAliases> {
    if own.aliases.is_empty() {
        return None;
    }
    let mut edges = alias_edges(terms, &top.aliases, &[terms.table(), "aliases"], text, &mut Vec::new());
    edges.extend(alias_edges(
        terms,
        &own.aliases,
        &["languages", code, terms.table(), "aliases"],
        text,
        errors,
    ));
    let (aliases, cycles) = follow_aliases(&edges);
    let own_cycles: Vec<(String, Vec<String>)> = cycles
        .into_iter()
        .filter(|(from, cycle)| cycle.iter().chain([from]).any(|key| edges[key].2[0] == "languages"))
        .collect();
    report_cycles(terms, &edges, &own_cycles, text, errors);
    Some(aliases)
}

/// An alias's place in config.toml: its table's path and its own name.
fn edge_path(edge: &AliasEdge) -> Vec<&str> {
    edge.2.iter().map(String::as_str).chain([edge.0.as_str()]).collect()
}

/// Each alias followed to its canonical name, and the cycles met: each once, with the
/// alias it was first met from.
fn follow_aliases(edges: &BTreeMap<String, AliasEdge>) -> (TermAliases, Vec<(String, Vec<String>)>) {
    let mut aliases = BTreeMap::new();
    let mut cycles: Vec<(String, Vec<String>)> = Vec::new();
    let mut seen: Vec<Vec<String>> = Vec::new();
    for key in edges.keys() {
        match follow_alias(edges, key) {
            Ok(canonical) => {
                aliases.insert(key.clone(), canonical);
            }
            Err(cycle) => {
                let mut sorted = cycle.clone();
                sorted.sort();
                if !seen.contains(&sorted) {
                    seen.push(sorted);
                    cycles.push((key.clone(), cycle));
                }
            }
        }
    }
    (TermAliases { aliases }, cycles)
}

/// One error per cycle, at the line of the alias it was met from.
fn report_cycles(
    terms: Terms,
    edges: &BTreeMap<String, AliasEdge>,
    cycles: &[(String, Vec<String>)],
    text: &str,
    errors: &mut Vec<Diagnostic>,
) {
    for (from, cycle) in cycles {
        let shown: Vec<&str> = cycle.iter().map(|k| edges[k].0.as_str()).collect();
        let message = format!(
            "the {} aliases form a cycle: \"{}\" → \"{}\"",
            terms.noun(),
            shown.join("\" → \""),
            shown[0]
        );
        errors.push(config_error(
            text,
            &edge_path(&edges[from]),
            message,
            "an alias must lead to a name that is not itself an alias: remove or change one of these lines",
        ));
    }
}

/// An alias as written, the name it leads to as written, and the path of its table.
type AliasEdge = (String, String, Vec<String>);

/// Folded alias → (alias as written, target as written, the path of its table). Empty
/// names and one alias written twice with different targets are errors.
fn alias_edges(
    terms: Terms,
    raw: &BTreeMap<String, String>,
    table: &[&str],
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, AliasEdge> {
    let mut edges: BTreeMap<String, AliasEdge> = BTreeMap::new();
    for (alias, target) in raw {
        let path: Vec<&str> = table.iter().copied().chain([alias.as_str()]).collect();
        let target = target.split_whitespace().collect::<Vec<_>>().join(" ");
        if fold_skill_name(alias).is_empty() || target.is_empty() {
            errors.push(config_error(
                text,
                &path,
                format!("{} alias has an empty name", terms.a_noun()),
                terms.empty_name_hint(),
            ));
            continue;
        }
        let folded = fold_skill_name(alias);
        if let Some((first, first_target, _)) = edges.get(&folded) {
            if fold_skill_name(first_target) != fold_skill_name(&target) {
                errors.push(config_error(
                    text,
                    &path,
                    format!(
                        "\"{alias}\" and \"{first}\" are the same alias (case and spaces do not matter) but lead to different {}",
                        terms.table()
                    ),
                    "keep one of the two lines",
                ));
            }
            continue;
        }
        edges.insert(folded, (alias.clone(), target, table.iter().map(|s| s.to_string()).collect()));
    }
    edges
}

/// The canonical name `key` leads to, or the folded names of the cycle it runs into. An
/// alias whose target folds to itself (`javascript = "JavaScript"`) only sets how the name
/// is written, and ends a chain.
fn follow_alias(edges: &BTreeMap<String, AliasEdge>, key: &str) -> Result<String, Vec<String>> {
    let mut path = vec![key.to_string()];
    let mut current = key.to_string();
    loop {
        let target = &edges[&current].1;
        let next = fold_skill_name(target);
        if next == current {
            return Ok(target.clone());
        }
        if let Some(start) = path.iter().position(|k| *k == next) {
            return Err(path.split_off(start));
        }
        match edges.get(&next) {
            Some(_) => {
                path.push(next.clone());
                current = next;
            }
            None => return Ok(target.clone()),
        }
    }
}

/// Splits a base URL into the URL without trailing slash and its path (`/` or `/sub/path/`).
fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("\"{url}\" must start with https:// or http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("\"{url}\" has no valid host name"));
    }
    if path.contains(['?', '#', ' ', '"', '<', '>']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Err(format!("\"{url}\" has a path that cannot be a folder of a web site"));
    }
    let base_path = if path.is_empty() { "/".to_string() } else { format!("/{path}/") };
    Ok((url.to_string(), base_path))
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn table_to_json(table: toml::Table) -> serde_json::Value {
    serde_json::to_value(table.into_iter().collect::<BTreeMap<_, _>>()).unwrap_or(serde_json::Value::Null)
}

/// An absolute form of `path` without touching the file system more than needed.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    normalise(&joined)
}

/// Removes `.` and resolves `..` lexically.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginate_by_must_be_positive() {
        assert_eq!(check_paginate_by(5), Ok(5));
        assert!(check_paginate_by(0).unwrap_err().0.contains("at least 1, but it is 0"));
        assert!(check_paginate_by(-2).is_err());
    }

    fn load(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::from_text(Path::new("/site"), text, &Overrides::default())
    }

    #[test]
    fn an_unknown_highlight_theme_is_an_error_at_its_value_with_a_suggestion() {
        let errors = load("title = \"x\"\n[markdown]\nhighlight_theme = \"Nordd\"\nhighlight_theme_dark = \"nord\"\n").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (3, 19));
        assert_eq!(errors[0].message, "the highlight theme \"Nordd\" is not known");
        assert!(
            errors[0].hint.as_deref().unwrap().starts_with("did you mean \"Nord\"?"),
            "{errors:?}"
        );
        let config = load("[markdown]\nhighlight_theme_dark = \" github \"\n").unwrap();
        assert_eq!(config.markdown.highlight_theme_dark.theme.as_name(), "GitHub");
    }

    #[test]
    fn defaults_apply_to_an_empty_file() {
        let config = load("").unwrap();
        assert_eq!(config.language, "en");
        assert_eq!(config.output_dir, PathBuf::from("/site/public"));
        assert!(config.minify_html && config.build_search_index && config.markdown.highlight_code);
        assert!(!config.markdown.allow_html);
    }

    #[test]
    fn languages_are_read_with_the_default_first_and_their_own_titles() {
        let config = load(
            "title = \"Guide\"\ndescription = \"Roles\"\nbase_url = \"https://x.test/careers\"\ndefault_language = \"en\"\n[languages.ja]\ntitle = \"ガイド\"\n[languages.de]\ndescription = \"Rollen\"\n",
        )
        .unwrap();
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "de", "ja"]);
        assert!(config.is_multilingual());
        let german = config.for_language(1);
        assert_eq!((german.title.as_str(), german.description.as_str()), ("Guide", "Rollen"));
        assert_eq!(
            (german.base_url.as_str(), german.base_path.as_str()),
            ("https://x.test/careers/de", "/careers/de/")
        );
        assert_eq!((german.root_path.as_str(), german.language_prefix()), ("/careers/", "de/"));
        assert_eq!((german.language.as_str(), german.language_index()), ("de", 1));
        let japanese = config.for_language(2);
        assert_eq!((japanese.title.as_str(), japanese.languages[2].name.as_str()), ("ガイド", "日本語"));
        let english = config.for_language(0);
        assert_eq!((english.base_path.as_str(), english.language_prefix()), ("/careers/", ""));
        // Older guides name the default language `language`; one language is not several.
        let older = load("language = \"fr\"\n").unwrap();
        assert_eq!((older.language.as_str(), older.languages.len()), ("fr", 1));
        assert!(!older.is_multilingual());
    }

    #[test]
    fn unknown_repeated_and_default_language_codes_are_errors_at_their_tables() {
        let mut errors = load("default_language = \"en\"\n[languages.de]\n[languages.jp]\ntitle = \"x\"\n[languages.en]\n").unwrap_err();
        errors.sort_by_key(|e| e.line);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (3, 12), "{}", errors[0]);
        assert_eq!(errors[0].message, "\"jp\" is not a language code the guide knows");
        assert!(
            errors[0].hint.as_deref().unwrap().starts_with("did you mean \"ja\"?"),
            "{}",
            errors[0]
        );
        assert_eq!((errors[1].line, errors[1].column), (5, 12), "{}", errors[1]);
        assert!(errors[1].message.contains("is the default language"), "{}", errors[1]);
        let errors = load("language = \"en\"\ndefault_language = \"de\"\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (1, 12), "{}", errors[0]);
        assert!(
            errors[0].message.contains("both `language` and `default_language`"),
            "{}",
            errors[0]
        );
        let errors = load("[languages.de]\ntitel = \"x\"\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 1), "{}", errors[0]);
        assert!(errors[0].hint.as_deref().unwrap().contains("`title`"), "{}", errors[0]);
    }

    #[test]
    fn search_table_is_read_and_checked() {
        assert_eq!(load("").unwrap().search, SearchConfig::default());
        let config = load("[search]\nfull_index = false\nshard_size = 4096\nclient = \"sharded\"\n").unwrap();
        assert_eq!(
            config.search,
            SearchConfig {
                full_index: crate::search::FullIndex::Never,
                shard_size: 4096,
                client: SearchClient::Sharded
            }
        );
        let errors = load("[search]\nshard_sise = 4096\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 1));
        assert!(errors[0].hint.as_deref().unwrap().contains("did you mean `shard_size`?"));
        let errors = load("[search]\nclient = \"shard\"\n").unwrap_err();
        assert!(
            errors[0].hint.as_deref().unwrap().contains("did you mean \"sharded\"?"),
            "{}",
            errors[0]
        );
        let errors = load("[search]\nshard_size = 10\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 14));
        assert_eq!(
            load("[search]\nfull_index = true\n").unwrap().search.full_index,
            crate::search::FullIndex::Always
        );
        assert_eq!(
            load("[search]\nfull_index = \"auto\"\n").unwrap().search.full_index,
            crate::search::FullIndex::Auto
        );
        let errors = load("[search]\nfull_index = \"sometimes\"\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 14));
        assert!(errors[0].hint.as_deref().unwrap().contains("\"auto\""), "{}", errors[0]);
    }

    #[test]
    fn deploy_table_is_read_and_an_unknown_host_names_the_allowed_ones() {
        assert_eq!(load("").unwrap().deploy, DeployConfig::default());
        let config = load("[deploy]\nhost = \"github-pages\"\ncsp = false\n").unwrap();
        assert_eq!(
            config.deploy,
            DeployConfig {
                host: Some(Host::GithubPages),
                csp: false
            }
        );
        assert_eq!(load("[deploy]\nhost = \"s3\"\n").unwrap().deploy.host, Some(Host::S3));
        let errors = load("title = \"x\"\n[deploy]\nhost = \"netlfy\"\n").unwrap_err();
        let text = errors[0].to_string();
        assert_eq!((errors[0].line, errors[0].column), (3, 8), "{text}");
        assert!(text.contains("\"netlfy\" is not an allowed value"), "{text}");
        let hint = errors[0].hint.as_deref().unwrap();
        assert!(hint.contains("did you mean \"netlify\"?"), "{hint}");
        for host in ["netlify", "cloudflare", "github-pages", "gitlab-pages", "s3"] {
            assert!(hint.contains(host), "{hint}");
        }
    }

    #[test]
    fn paginate_by_has_a_default_and_must_be_a_positive_whole_number() {
        assert_eq!(load("").unwrap().paginate_by, DEFAULT_PAGINATE_BY);
        assert_eq!(load("paginate_by = 25\n").unwrap().paginate_by, 25);
        for (text, column) in [("paginate_by = 0\n", 15), ("paginate_by = -3\n", 15)] {
            let errors = load(text).unwrap_err();
            assert_eq!((errors[0].line, errors[0].column), (1, column), "{text}");
            assert!(errors[0].message.contains("`paginate_by`"), "{}", errors[0]);
            assert!(
                errors[0].hint.as_deref().unwrap().contains("positive whole number"),
                "{}",
                errors[0]
            );
        }
        let errors = load("title = \"x\"\npaginate_by = \"ten\"\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 15), "{}", errors[0]);
        assert!(errors[0].message.contains("wrong kind of value"), "{}", errors[0]);
    }

    #[test]
    fn base_url_sub_path_is_kept() {
        let config = load("base_url = \"https://example.org/careers/guide/\"").unwrap();
        assert_eq!(config.base_url, "https://example.org/careers/guide");
        assert_eq!(config.base_path, "/careers/guide/");
    }

    #[test]
    fn unknown_key_names_it_and_suggests() {
        let errors = load("title = \"x\"\ntitel = \"y\"\n").unwrap_err();
        let text = errors[0].to_string();
        assert!(
            text.starts_with("config.toml:2:1: error: unknown key `titel` in config.toml"),
            "{text}"
        );
        assert!(text.contains("did you mean `title`?"), "{text}");
    }

    #[test]
    fn unknown_markdown_key_is_reported_at_its_line() {
        let errors = load("[markdown]\nallow_htm = true\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 1));
        assert!(errors[0].hint.as_deref().unwrap().contains("`allow_html`"));
    }

    #[test]
    fn bad_base_url_is_an_error_at_its_value() {
        let errors = load("base_url = \"example.org\"\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (1, 12));
    }

    #[test]
    fn flags_override_the_file() {
        let overrides = Overrides {
            output_dir: Some("out".into()),
            base_url: Some("https://a.test/x".into()),
        };
        let config = Config::from_text(Path::new("/site"), "base_url = \"https://b.test\"", &overrides).unwrap();
        assert_eq!(config.output_dir, PathBuf::from("/site/out"));
        assert_eq!(config.base_path, "/x/");
    }

    #[test]
    fn salary_defaults_are_a_40_hour_week() {
        let salary = load("").unwrap().salary;
        assert_eq!(
            (salary.hours_per_year, salary.days_per_year, salary.months_per_year),
            (2080.0, 260.0, 12.0)
        );
        assert!(salary.display_currency.is_none() && salary.rates.is_empty());
    }

    #[test]
    fn salary_rates_and_factors_are_read() {
        let config = load(
            "[salary]\nhours_per_year = 1720\nmonths_per_year = 13\ndisplay_currency = \"USD\"\n[salary.rates]\nEUR = 1.08\nGBP = 1\n",
        )
        .unwrap();
        assert_eq!(config.salary.hours_per_year, 1720.0);
        assert_eq!(config.salary.months_per_year, 13.0);
        assert_eq!(config.salary.rates.get("EUR"), Some(&1.08));
        assert_eq!(config.salary.rates.get("GBP"), Some(&1.0));
    }

    #[test]
    fn negative_rate_is_an_error_at_its_value() {
        let errors = load("[salary]\ndisplay_currency = \"USD\"\n\n[salary.rates]\nEUR = -1.08\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (5, 7));
        assert!(errors[0].message.contains("positive"), "{}", errors[0]);
        assert!(errors[0].hint.is_some());
    }

    #[test]
    fn unknown_currency_codes_are_errors_with_suggestions() {
        let errors = load("[salary]\ndisplay_currency = \"usd\"\n[salary.rates]\nEUX = 1.1\n").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (2, 20));
        assert!(errors[0].hint.as_deref().unwrap().contains("\"USD\""));
        assert_eq!(errors[1].line, 4);
        assert!(errors[1].hint.as_deref().unwrap().contains("did you mean"), "{}", errors[1]);
    }

    #[test]
    fn rates_without_display_currency_are_an_error() {
        let errors = load("[salary.rates]\nEUR = 1.08\n").unwrap_err();
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("display_currency"));
    }

    #[test]
    fn zero_conversion_factor_is_an_error() {
        let errors = load("[salary]\ndays_per_year = 0\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 17));
    }

    #[test]
    fn unknown_salary_key_names_the_periods() {
        let errors = load("[salary]\nweeks_per_year = 52\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        let hint = errors[0].hint.as_deref().unwrap();
        assert!(hint.contains("hour, day, month or year"), "{hint}");
    }

    #[test]
    fn unknown_skills_key_is_still_rejected() {
        let errors = load("[skills]\nalias = {}\n").unwrap_err();
        assert!(errors[0].hint.as_deref().unwrap().contains("`aliases`"));
    }

    #[test]
    fn alias_chains_are_followed_and_folded() {
        let config =
            load("[skills.aliases]\nK8s = \"Kube\"\nkube = \"Kubernetes\"\n\"post gres\" = \"PostgreSQL\"\njavascript = \"JavaScript\"\n")
                .unwrap();
        let aliases = &config.skills.aliases;
        assert_eq!(aliases["k8s"], "Kubernetes");
        assert_eq!(aliases["kube"], "Kubernetes");
        assert_eq!(aliases["post gres"], "PostgreSQL");
        assert_eq!(aliases["javascript"], "JavaScript");
    }

    #[test]
    fn alias_cycle_is_one_error_at_its_line() {
        let errors = load("[skills.aliases]\nGo = \"Golang\"\nGolang = \"GO LANG\"\n\"go lang\" = \"go\"\nRust = \"Rust\"\n").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("cycle"), "{}", errors[0]);
        assert!(errors[0].message.contains("\"Go\" → \"Golang\""), "{}", errors[0]);
        assert!(errors[0].line >= 2 && errors[0].hint.is_some());
    }

    #[test]
    fn a_language_has_its_own_skill_aliases_over_the_guides() {
        let config = load(
            "[skills.aliases]\nKube = \"Kubernetes\"\n\n[languages.de]\ntitle = \"Leitfaden\"\n\n[languages.de.skills.aliases]\nCommunication = \"Kommunikation\"\nK8s = \"Kube\"\n",
        )
        .unwrap();
        let english = config.for_language(0).skills.aliases;
        assert!(!english.contains_key("communication"), "{english:?}");
        let german = config.for_language(1).skills.aliases;
        assert_eq!(german["communication"], "Kommunikation");
        // A language's alias follows the guide's own to their end.
        assert_eq!(german["k8s"], "Kubernetes");
        assert_eq!(german["kube"], "Kubernetes");
    }

    #[test]
    fn a_cycle_through_a_languages_aliases_is_an_error_at_its_line() {
        let errors = load("[skills.aliases]\nKube = \"K8s\"\n\n[languages.de.skills.aliases]\nK8s = \"Kube\"\nTeamwork = \"Teamarbeit\"\n")
            .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("cycle"), "{}", errors[0]);
        assert!(errors[0].line == 2 || errors[0].line == 5, "{}", errors[0]);
        let errors = load("[languages.de.skills.aliases]\n\" \" = \"Teamarbeit\"\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 7), "{}", errors[0]);
        assert!(errors[0].message.contains("empty name"), "{}", errors[0]);
    }

    #[test]
    fn one_alias_with_two_targets_is_an_error() {
        let errors = load("[skills.aliases]\nK8s = \"Kubernetes\"\nk8s = \"Kustomize\"\n").unwrap_err();
        assert!(errors[0].message.contains("different skills"), "{}", errors[0]);
    }

    /// Industries have aliases as skills do, with the same checks, kept apart from them.
    #[test]
    fn industry_aliases_are_followed_per_language_and_apart_from_skills() {
        let config = load(
            "[skills.aliases]\nK8s = \"Kubernetes\"\n\n[industries.aliases]\nFinTech = \"Financial technology\"\n\"fin tech\" = \"FinTech\"\n\n[languages.de]\ntitle = \"Leitfaden\"\n\n[languages.de.industries.aliases]\n\"Financial technology\" = \"Finanztechnologie\"\n",
        )
        .unwrap();
        let english = config.for_language(0);
        assert_eq!(english.industries.aliases["fintech"], "Financial technology");
        assert_eq!(english.industries.aliases["fin tech"], "Financial technology");
        assert!(!english.industries.aliases.contains_key("k8s"));
        assert!(!english.skills.aliases.contains_key("fintech"));
        let german = config.for_language(1);
        assert_eq!(german.industries.aliases["fin tech"], "Finanztechnologie");
        // The language has no skill aliases of its own: the guide's stay.
        assert_eq!(german.skills.aliases["k8s"], "Kubernetes");
    }

    #[test]
    fn bad_industry_aliases_are_errors_at_their_place_naming_industries() {
        let errors = load("[industries.aliases]\nFinTech = \"Fintech Banking\"\n\"fintech banking\" = \"fintech\"\n").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.starts_with("the industry aliases form a cycle"), "{}", errors[0]);
        assert_eq!((errors[0].line, errors[0].column), (2, 11), "{}", errors[0]);
        let errors = load("[industries.aliases]\nFinTech = \"Finance\"\nfintech = \"Banking\"\n").unwrap_err();
        assert!(errors[0].message.contains("different industries"), "{}", errors[0]);
        let errors =
            load("[industries.aliases]\nBank = \"Banking\"\n\n[languages.de.industries.aliases]\nBanking = \"Bank\"\n\" \" = \"Handel\"\n")
                .unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors.iter().any(|e| e.message.contains("industry aliases form a cycle")),
            "{errors:?}"
        );
        let empty = errors.iter().find(|e| e.message.contains("empty name")).expect("the empty name");
        assert_eq!((empty.line, empty.column), (6, 7), "{empty}");
        assert!(empty.message.starts_with("an industry alias has an empty name"), "{empty}");
    }
}
