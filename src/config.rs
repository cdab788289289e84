//! `config.toml`: read raw, then resolved into checked settings.
//!
//! The raw form mirrors the file (serde, unknown keys rejected with a suggestion); the
//! resolved [`Config`] holds absolute paths, a normalised base URL and the flags' overrides.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

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
    theme: Option<String>,
    output_dir: Option<String>,
    minify_html: Option<bool>,
    build_search_index: Option<bool>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    highlight_code: Option<bool>,
    highlight_theme: Option<String>,
    highlight_theme_dark: Option<String>,
    allow_html: Option<bool>,
}

/// Markdown rendering settings.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownConfig {
    pub highlight_code: bool,
    pub highlight_theme: String,
    pub highlight_theme_dark: String,
    /// When false, raw HTML in Markdown is escaped and shown as text.
    pub allow_html: bool,
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
    pub language: String,
    pub theme: String,
    pub output_dir: PathBuf,
    pub minify_html: bool,
    pub build_search_index: bool,
    pub markdown: MarkdownConfig,
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
    /// Reads and checks `config.toml` under `root`; a missing file means all defaults.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let root = absolute(root);
        let path = root.join(CONFIG_FILE);
        let shown = display_path(&root, &path);
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                vec![Diagnostic::error(&shown, 0, 0, format!("the file is not valid UTF-8 text (invalid byte at position {})", e.utf8_error().valid_up_to()))
                    .with_hint("save the file as UTF-8 in your editor")]
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(vec![Diagnostic::error(&shown, 0, 0, format!("cannot read the file: {e}"))]),
        };
        Self::from_text(&root, &text, overrides)
    }

    /// Parses configuration text; `root` must be absolute.
    pub fn from_text(root: &Path, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let shown = PathBuf::from(CONFIG_FILE);
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| line_column(text, span.start));
            let (message, hint) = explain_serde_message(e.message(), "config.toml");
            let mut d = Diagnostic::error(&shown, line, column, message).with_source(text);
            if let Some(hint) = hint {
                d = d.with_hint(hint);
            }
            vec![d]
        })?;
        resolve(root, raw, text, overrides)
    }
}

fn resolve(root: &Path, raw: RawConfig, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |path: &[&str]| locate_key(text, Format::Toml, path).unwrap_or((0, 0));
    let base_url_given = overrides.base_url.clone().or(raw.base_url).unwrap_or_else(|| "http://127.0.0.1:1111".into());
    let (base_url, base_path) = match parse_base_url(&base_url_given) {
        Ok(parts) => parts,
        Err(problem) => {
            let (line, column) = if overrides.base_url.is_some() { (0, 0) } else { at(&["base_url"]) };
            let file = if overrides.base_url.is_some() { "--base-url" } else { CONFIG_FILE };
            errors.push(
                Diagnostic::error(file, line, column, format!("`base_url` {problem}"))
                    .with_hint("write the address the site is published at, like \"https://example.org\" or \"https://example.org/careers/guide\"")
                    .with_source(text),
            );
            (String::new(), "/".into())
        }
    };
    let output_dir = overrides.output_dir.clone().unwrap_or_else(|| PathBuf::from(raw.output_dir.as_deref().unwrap_or("public")));
    let output_dir = if output_dir.is_absolute() { output_dir } else { root.join(output_dir) };
    let language = raw.language.unwrap_or_else(|| "en".into());
    if !is_language_tag(&language) {
        let (line, column) = at(&["language"]);
        errors.push(
            Diagnostic::error(CONFIG_FILE, line, column, format!("`language` \"{language}\" is not a language code"))
                .with_hint("use a BCP 47 code such as \"en\", \"en-GB\" or \"de\"")
                .with_source(text),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let markdown = MarkdownConfig {
        highlight_code: raw.markdown.highlight_code.unwrap_or(true),
        highlight_theme: raw.markdown.highlight_theme.unwrap_or_else(|| "InspiredGitHub".into()),
        highlight_theme_dark: raw.markdown.highlight_theme_dark.unwrap_or_else(|| "Nord".into()),
        allow_html: raw.markdown.allow_html.unwrap_or(false),
    };
    Ok(Config {
        root: root.to_path_buf(),
        title: raw.title.unwrap_or_else(|| "Interview Guide".into()),
        description: raw.description.unwrap_or_default(),
        base_url,
        base_path,
        language,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        output_dir: normalise(&output_dir),
        minify_html: raw.minify_html.unwrap_or(true),
        build_search_index: raw.build_search_index.unwrap_or(true),
        markdown,
        extra: table_to_json(raw.extra),
    })
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
    let first_ok = parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn table_to_json(table: toml::Table) -> serde_json::Value {
    serde_json::to_value(table.into_iter().collect::<BTreeMap<_, _>>()).unwrap_or(serde_json::Value::Null)
}

/// An absolute form of `path` without touching the file system more than needed.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
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

    fn load(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::from_text(Path::new("/site"), text, &Overrides::default())
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
    fn base_url_sub_path_is_kept() {
        let config = load("base_url = \"https://example.org/careers/guide/\"").unwrap();
        assert_eq!(config.base_url, "https://example.org/careers/guide");
        assert_eq!(config.base_path, "/careers/guide/");
    }

    #[test]
    fn unknown_key_names_it_and_suggests() {
        let errors = load("title = \"x\"\ntitel = \"y\"\n").unwrap_err();
        let text = errors[0].to_string();
        assert!(text.starts_with("config.toml:2:1: error: unknown key `titel` in config.toml"), "{text}");
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
        let overrides = Overrides { output_dir: Some("out".into()), base_url: Some("https://a.test/x".into()) };
        let config = Config::from_text(Path::new("/site"), "base_url = \"https://b.test\"", &overrides).unwrap();
        assert_eq!(config.output_dir, PathBuf::from("/site/out"));
        assert_eq!(config.base_path, "/x/");
    }
}
