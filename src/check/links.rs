//! Internal links and images: each link in a body is resolved the way a browser would
//! resolve it from the page's address, then looked up among the site's [`Targets`].

use std::path::Path;

use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, suggest};
use crate::markdown::Link;

use super::targets::Targets;

/// The page a link was written on.
pub struct Origin<'a> {
    pub source: &'a SourceFile,
    /// The page's URL path: `engineering/x/` (`""` for the home page).
    pub url_path: &'a str,
    /// The full text of the source file, for showing the offending line.
    pub text: &'a str,
}

/// What a link refers to, once classified.
enum Kind<'a> {
    /// `http://`, `https://` or `//host`: only checked with `--external`.
    External,
    /// `mailto:`, `tel:` and other schemes a site check cannot follow.
    Other,
    Internal {
        path: &'a str,
        fragment: &'a str,
    },
}

fn classify(url: &str) -> Kind<'_> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Kind::External;
    }
    let scheme_end = url.find(':');
    let first_delimiter = url.find(['/', '?', '#']);
    if let Some(colon) = scheme_end
        && first_delimiter.is_none_or(|d| colon < d)
    {
        return Kind::Other;
    }
    let (rest, fragment) = url.split_once('#').unwrap_or((url, ""));
    let path = rest.split('?').next().unwrap_or("");
    Kind::Internal { path, fragment }
}

/// The external (http/https) links of a body, for `--external`.
pub fn is_external(url: &str) -> bool {
    matches!(classify(url), Kind::External)
}

/// Checks one body's links; returns a finding for each broken one.
pub fn check_links(origin: &Origin<'_>, links: &[Link], targets: &Targets, base_path: &str) -> Vec<Diagnostic> {
    links
        .iter()
        .filter_map(|link| check_link(origin, link, targets, base_path))
        .collect()
}

fn check_link(origin: &Origin<'_>, link: &Link, targets: &Targets, base_path: &str) -> Option<Diagnostic> {
    let Kind::Internal { path, fragment } = classify(&link.url) else {
        return None;
    };
    let at = |message: String, hint: String| {
        Diagnostic::error(&origin.source.shown, link.line + origin.source.body_line - 1, link.column, message)
            .with_hint(hint)
            .with_source(origin.text)
            .with_rule(crate::diagnostics::Rule::BrokenLink)
    };
    let decoded = percent_decode(path);
    if decoded.ends_with(".md") {
        return Some(markdown_link(origin, link, &decoded, targets, &at));
    }
    let resolved = match resolve(origin.url_path, &decoded, base_path) {
        Some(resolved) => resolved,
        None => {
            return Some(at(
                format!("the link `{}` goes above the site's root folder", link.url),
                "remove one `../` or write the address from the root, like /engineering/".into(),
            ));
        }
    };
    let Some(file) = targets.resolve(&resolved) else {
        return Some(missing(link, &resolved, targets, &at));
    };
    let fragment = percent_decode(fragment);
    if fragment.is_empty() {
        return None;
    }
    let anchors = targets.anchors.get(&file)?;
    if anchors.contains(&fragment) {
        return None;
    }
    let page = format!("/{}", file.trim_end_matches("index.html"));
    let hint = match suggest(&fragment, anchors.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `#{best}`? Anchors come from headings and questions; one changes when its text changes"),
        None => "anchors come from headings and questions; one changes when its text changes, so copy the link again from the page".into(),
    };
    Some(at(
        format!("the link `{}` points to `#{fragment}`, which does not exist on {page}", link.url),
        hint,
    ))
}

fn missing(link: &Link, resolved: &str, targets: &Targets, at: &dyn Fn(String, String) -> Diagnostic) -> Diagnostic {
    let shown = format!("/{resolved}");
    let has_extension = Path::new(resolved).extension().is_some() && !resolved.ends_with(".html");
    if link.is_image {
        return at(
            format!("the image `{}` does not exist (it would be loaded from {shown})", link.url),
            "put the image in the site's static/ folder and link it as /name.png, or beside the page in a page bundle (a folder with index.md)".into(),
        );
    }
    if has_extension {
        return at(
            format!("the link `{}` points to a file that does not exist ({shown})", link.url),
            "put the file in the site's static/ folder and link it from the root, like /files/name.pdf".into(),
        );
    }
    if let Some((folder, name)) = targets
        .language_folders
        .iter()
        .find(|(folder, _)| resolved.starts_with(folder.as_str()))
    {
        let original = &resolved[folder.len()..];
        let hint = if targets.resolve(original).is_some() {
            format!(
                "/{original} has no translation in {name} yet: link to /{original}, or translate it in a file named like its original with .{}.md at the end",
                folder.trim_end_matches('/')
            )
        } else {
            format!("the pages in {name} are under /{folder}: link to one that exists, like /{folder}")
        };
        return at(
            format!(
                "the link `{}` points into the pages in {name}, to one that does not exist ({shown})",
                link.url
            ),
            hint,
        );
    }
    let urls: Vec<String> = targets.page_urls().collect();
    let hint = match suggest(&shown, urls.iter().map(String::as_str)) {
        Some(best) => format!("did you mean {best}?"),
        None => "link to a page by its address, like /engineering/backend-developer/".into(),
    };
    at(
        format!("the link `{}` points to a page that does not exist ({shown})", link.url),
        hint,
    )
}

/// A link to a `.md` file is not rewritten by the build, so it would be broken on the site;
/// name the page's address when the file is a page.
fn markdown_link(
    origin: &Origin<'_>,
    link: &Link,
    decoded: &str,
    targets: &Targets,
    at: &dyn Fn(String, String) -> Diagnostic,
) -> Diagnostic {
    let folder = origin.source.path.parent().unwrap_or(Path::new(""));
    let target = normalize(&folder.join(decoded.trim_start_matches('/')));
    let page = targets.markdown_pages.get(&target);
    match page {
        Some(url) => at(
            format!(
                "the link `{}` points to a Markdown file, which is not published; link to its page /{url} instead",
                link.url
            ),
            format!("write the page's address, like [text](/{url})"),
        ),
        None => at(
            format!("the link `{}` points to a Markdown file that does not exist", link.url),
            "link to a page by its address, like /engineering/backend-developer/".into(),
        ),
    }
}

/// Removes `.` and `..` from a file path without touching the file system.
fn normalize(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The site path (no leading slash) a link leads to from a page at `url_path`, or `None`
/// if it climbs above the root. Root-relative links may include the site's sub-path.
pub fn resolve(url_path: &str, link_path: &str, base_path: &str) -> Option<String> {
    if link_path.is_empty() {
        return Some(url_path.to_string());
    }
    let (mut parts, rest): (Vec<&str>, &str) = match link_path.strip_prefix('/') {
        Some(rooted) => {
            let rooted = match base_path.strip_prefix('/') {
                Some(base) if !base.is_empty() => rooted.strip_prefix(base).unwrap_or(rooted),
                _ => rooted,
            };
            (Vec::new(), rooted)
        }
        None => (url_path.split('/').filter(|p| !p.is_empty()).collect(), link_path),
    };
    let segments: Vec<&str> = rest.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | "" if i + 1 < segments.len() => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let trailing = rest.ends_with('/') || rest.ends_with("/.") || rest.ends_with("/..") || rest == "." || rest == "..";
    let mut joined = parts
        .into_iter()
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// `%20` → space; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_like_a_browser() {
        assert_eq!(resolve("eng/x/", "", "/").as_deref(), Some("eng/x/"));
        assert_eq!(resolve("eng/x/", "../y/", "/").as_deref(), Some("eng/y/"));
        assert_eq!(resolve("eng/x/", "/data/", "/").as_deref(), Some("data/"));
        assert_eq!(resolve("eng/x/", "team.svg", "/").as_deref(), Some("eng/x/team.svg"));
        assert_eq!(resolve("eng/x/", "../..", "/").as_deref(), Some(""));
        assert_eq!(resolve("eng/x/", "../../../", "/"), None);
        assert_eq!(resolve("", "/sub/eng/", "/sub/").as_deref(), Some("eng/"));
    }

    #[test]
    fn schemes_are_not_internal_links() {
        assert!(matches!(classify("mailto:hr@example.org"), Kind::Other));
        assert!(matches!(classify("https://example.org"), Kind::External));
        assert!(matches!(classify("/a:b/"), Kind::Internal { .. }));
        assert!(matches!(classify("#top"), Kind::Internal { path: "", fragment: "top" }));
    }
}
