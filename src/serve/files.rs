//! The built site held in memory, with the live-reload script injected into every page.
//! `guide serve` never writes to the output folder: the last good site stays in a map.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::config::{Config, Overrides};
use crate::diagnostics::Diagnostic;
use crate::output::CopySource;
use crate::site::{self, BuildOptions};

/// Where the browser listens for reloads and errors, under the site's base path.
pub const EVENTS_PATH: &str = "__guide/events";

const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// Every file of one successful build: output path (`engineering/x/index.html`) → bytes.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// `/` or `/sub/path/`: the site is served under it.
    pub base_path: String,
    pub files: HashMap<String, Vec<u8>>,
}

/// What the server needs to rebuild the site.
#[derive(Debug, Clone)]
pub struct Rebuild {
    pub root: PathBuf,
    pub drafts: bool,
    /// `http://127.0.0.1:1111`: permalinks point at the local server while serving.
    pub origin: String,
}

impl Rebuild {
    /// Builds the whole site into memory. Errors (and warnings) are returned for printing.
    pub fn run(&self) -> Result<(SiteFiles, Vec<Diagnostic>), Vec<Diagnostic>> {
        let base_path = Config::load(&self.root, &Overrides::default())
            .map(|c| c.base_path)
            .unwrap_or_else(|_| "/".to_string());
        let options = BuildOptions {
            root: self.root.clone(),
            overrides: Overrides {
                output_dir: None,
                base_url: Some(format!("{}{base_path}", self.origin)),
            },
            drafts: self.drafts,
            progress: false,
        };
        let (site, built) = site::build_in_memory(&options).map_err(|f| f.diagnostics)?;
        let diagnostics = site.diagnostics.sorted();
        let Some(built) = built else { return Err(diagnostics) };
        let mut files = HashMap::with_capacity(built.outputs.len() + built.copies.len());
        for copy in built.copies {
            let bytes = match copy.source {
                CopySource::Bytes(bytes) => bytes,
                CopySource::File(path) => {
                    std::fs::read(&path).map_err(|e| vec![Diagnostic::error(&path, 0, 0, format!("cannot read the file: {e}"))])?
                }
            };
            files.insert(copy.path, bytes);
        }
        let events = format!("{base_path}{EVENTS_PATH}");
        for output in built.outputs {
            let bytes = if output.path.ends_with(".html") {
                inject_script(&output.bytes, &events)
            } else {
                output.bytes
            };
            files.insert(output.path, bytes);
        }
        Ok((SiteFiles { base_path, files }, diagnostics))
    }
}

/// The reload script, before `</body>` (or at the end when a template has none).
pub fn inject_script(html: &[u8], events_url: &str) -> Vec<u8> {
    // A JSON string is a valid JavaScript string; `<` is escaped so no `</script>` can appear.
    let literal = serde_json::Value::from(events_url).to_string().replace('<', "\\u003c");
    let script = format!("<script>{}</script>", RELOAD_SCRIPT.replace("\"__EVENTS_URL__\"", &literal));
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// The page served while no build has succeeded yet: the overlay shows the errors.
pub fn waiting_page(base_path: &str) -> Vec<u8> {
    let html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Building…</title></head>\
                <body><p>The guide has not been built yet; errors are shown here as soon as they are known.</p></body></html>";
    inject_script(html.as_bytes(), &format!("{base_path}{EVENTS_PATH}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = inject_script(b"<html><body><p>x</p></body></html>", "/__guide/events");
        let html = String::from_utf8(html).unwrap();
        assert!(html.ends_with("</script></body></html>"), "{html}");
        assert!(html.contains("location.host + \"/__guide/events\""));
    }
}
