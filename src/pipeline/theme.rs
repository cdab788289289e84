//! The theme as one build uses it, loaded once: its templates, its static files with the
//! generated `highlight.css`, and the version pages add to those files' URLs.

use crate::config::Config;
use crate::content::Library;
use crate::diagnostics::Diagnostic;
use crate::markdown::highlight::{self, CodeThemes, Palettes};
use crate::output::{CopiedFile, CopySource};
use crate::render::strings::Strings;
use crate::render::templates::{Readers, Templates};
use crate::render::theme::ThemeFiles;

/// Where the generated highlighting stylesheet is written.
pub const HIGHLIGHT_CSS: &str = "highlight.css";

/// The loaded theme, shared read-only by every job of a build (and by the builds of
/// `guide serve` while only content changes).
pub struct Theme {
    pub templates: Templates,
    /// The templates that may read the home `summaries`, which every context holds.
    pub summary_readers: Readers,
    /// The theme's static files and `highlight.css`.
    pub statics: Vec<CopiedFile>,
    /// A short content hash of `statics`, so their URLs change when they do.
    pub asset_version: String,
    /// The theme's strings in each language of the guide, and the keys some lack.
    pub strings: Strings,
}

impl Theme {
    /// Compiles the templates of `files` and generates the highlighting stylesheet for the
    /// configured themes.
    pub fn load(config: &Config, files: &ThemeFiles) -> Result<Theme, Vec<Diagnostic>> {
        let (templates, strings) = match (Templates::load(files), Strings::load(config, files)) {
            (Ok(templates), Ok(strings)) => (templates, strings),
            (templates, strings) => {
                let mut errors = templates.err().unwrap_or_default();
                errors.extend(strings.err().unwrap_or_default());
                return Err(errors);
            }
        };
        let stylesheet = highlight_stylesheet(config);
        let mut statics: Vec<CopiedFile> = files
            .statics
            .values()
            .map(|f| CopiedFile {
                source: CopySource::Bytes(f.bytes.clone()),
                path: f.name.clone(),
            })
            .collect();
        statics.push(CopiedFile {
            source: CopySource::Bytes(stylesheet.into_bytes()),
            path: HIGHLIGHT_CSS.into(),
        });
        let asset_version = version_of(&statics);
        Ok(Theme {
            summary_readers: templates.readers_of("summaries"),
            templates,
            statics,
            asset_version,
            strings,
        })
    }

    /// Every file copied as it is: the theme's static files, then the loose files under
    /// `content/` and each page bundle's assets.
    pub fn copies(&self, library: &Library) -> Vec<CopiedFile> {
        let mut copies = self.statics.clone();
        copies.extend(library.files.iter().map(|(source, path)| CopiedFile {
            source: CopySource::File(source.clone()),
            path: path.clone(),
        }));
        for page in &library.pages {
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
        copies
    }
}

fn highlight_stylesheet(config: &Config) -> String {
    let markdown = &config.markdown;
    highlight::stylesheet(Palettes::of(CodeThemes {
        light: markdown.highlight_theme.theme,
        dark: markdown.highlight_theme_dark.theme,
    }))
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
