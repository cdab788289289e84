//! The theme: templates and static files, layered so that a site's own `templates/` and
//! `static/` win over its theme's, and the theme on disk wins over the default theme
//! embedded in the binary (which lets a site with no `themes/` folder build).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};

/// The default theme, compiled into the binary.
#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

pub const DEFAULT_THEME: &str = "default";

/// One template or static file and where it came from.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path under `templates/` or `static/`: `role.html`, `css/site.css`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// Where a person would edit it; `None` for the embedded default theme.
    pub origin: Option<PathBuf>,
}

/// Templates and static files, with the highest-priority layer last in each list.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    pub templates: Vec<Vec<ThemeFile>>,
    /// Static files after layering: name → file.
    pub statics: BTreeMap<String, ThemeFile>,
    /// The `i18n/<code>.toml` strings files of each layer, the highest-priority last.
    pub i18n: Vec<Vec<ThemeFile>>,
}

/// Collects the layers: embedded default (when the theme is `default` and not on disk),
/// the theme on disk, then the site's own folders.
pub fn collect(config: &Config) -> Result<ThemeFiles, Diagnostic> {
    let theme_dir = config.root.join("themes").join(&config.theme);
    let mut layers: Vec<(Vec<ThemeFile>, Vec<ThemeFile>, Vec<ThemeFile>)> = Vec::new();
    if theme_dir.is_dir() {
        if config.theme == DEFAULT_THEME {
            layers.push(embedded());
        }
        layers.push((
            read_dir(&theme_dir.join("templates"), &config.root)?,
            read_dir(&theme_dir.join("static"), &config.root)?,
            read_dir(&theme_dir.join("i18n"), &config.root)?,
        ));
    } else if config.theme == DEFAULT_THEME {
        layers.push(embedded());
    } else {
        return Err(Diagnostic::error(
            "config.toml",
            0,
            0,
            format!(
                "the theme \"{}\" was not found in {}",
                config.theme,
                display_path(&config.root, &theme_dir).display()
            ),
        )
        .with_hint("remove the `theme` setting to use the built-in default theme, or put the theme's folder under themes/"));
    }
    layers.push((
        read_dir(&config.root.join("templates"), &config.root)?,
        read_dir(&config.root.join("static"), &config.root)?,
        read_dir(&config.root.join("i18n"), &config.root)?,
    ));
    let mut files = ThemeFiles::default();
    for (templates, statics, i18n) in layers {
        files.templates.push(templates);
        files.i18n.push(i18n);
        for file in statics {
            files.statics.insert(file.name.clone(), file);
        }
    }
    Ok(files)
}

fn embedded() -> (Vec<ThemeFile>, Vec<ThemeFile>, Vec<ThemeFile>) {
    let mut templates = Vec::new();
    let mut statics = Vec::new();
    let mut i18n = Vec::new();
    for name in DefaultTheme::iter() {
        let Some(file) = DefaultTheme::get(&name) else { continue };
        let bytes = file.data.into_owned();
        if let Some(template) = name.strip_prefix("templates/") {
            templates.push(ThemeFile {
                name: template.to_string(),
                bytes,
                origin: None,
            });
        } else if let Some(path) = name.strip_prefix("static/") {
            statics.push(ThemeFile {
                name: path.to_string(),
                bytes,
                origin: None,
            });
        } else if let Some(path) = name.strip_prefix("i18n/") {
            i18n.push(ThemeFile {
                name: path.to_string(),
                bytes,
                origin: None,
            });
        }
    }
    (templates, statics, i18n)
}

/// Every file below `dir` (none if it does not exist), in name order.
fn read_dir(dir: &Path, root: &Path) -> Result<Vec<ThemeFile>, Diagnostic> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().follow_links(false) {
        let entry = entry.map_err(|e| {
            let shown = display_path(root, e.path().unwrap_or(dir));
            match e.io_error() {
                Some(error) => Diagnostic::cannot_read(shown, error),
                None => Diagnostic::error(shown, 0, 0, format!("cannot read: {e}")),
            }
        })?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if let Some(refused) = crate::content::paths::refuse_source_file(entry.path(), entry.depth() > 0 && entry.path_is_symlink(), root) {
            return Err(refused);
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(entry.path()).map_err(|e| Diagnostic::cannot_read(display_path(root, entry.path()), &e))?;
        files.push(ThemeFile {
            name,
            bytes,
            origin: Some(display_path(root, entry.path())),
        });
    }
    Ok(files)
}

/// The embedded default theme's files, for `guide init` and tests.
pub fn embedded_file(name: &str) -> Option<Vec<u8>> {
    DefaultTheme::get(name).map(|f| f.data.into_owned())
}
