//! `guide init`: a new guide that builds at once with the embedded default theme.
//!
//! The example files are real files under `src/cmd/init/`, so they can be read, edited and
//! built like any guide, and are compiled into the binary with `include_str!`.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

/// The files of a new guide: (path relative to the guide's folder, contents).
pub const FILES: &[(&str, &str)] = &[
    ("config.toml", include_str!("init/config.toml")),
    (".gitignore", include_str!("init/gitignore")),
    ("content/_index.md", include_str!("init/index.md")),
    ("content/engineering/_index.md", include_str!("init/section.md")),
    ("content/engineering/backend-developer.md", include_str!("init/role.md")),
];

/// Where a new guide's pipeline runs (`guide init --ci`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// A GitHub Actions workflow: check with annotations, build, publish to GitHub Pages.
    Github,
    /// A GitLab CI/CD pipeline: check with a Code Quality report, build, publish to GitLab Pages.
    Gitlab,
}

/// The placeholder in the pipeline templates for the version of `guide` to install.
const VERSION_PLACEHOLDER: &str = "@GUIDE_VERSION@";

impl Ci {
    /// The pipeline file for this host: (path relative to the guide's folder, contents), pinned
    /// to the version of this `guide`, so the pipeline builds with the tool the guide was made with.
    pub fn pipeline_file(self) -> (&'static str, String) {
        let (path, template) = match self {
            Ci::Github => (".github/workflows/guide.yml", include_str!("init/ci/github.yml")),
            Ci::Gitlab => (".gitlab-ci.yml", include_str!("init/ci/gitlab.yml")),
        };
        (path, template.replace(VERSION_PLACEHOLDER, env!("CARGO_PKG_VERSION")))
    }

    /// What the person still has to do on the host before the pipeline can publish.
    fn next_step(self) -> &'static str {
        match self {
            Ci::Github => "To publish: push the guide to GitHub and, under Settings → Pages, set the source to \"GitHub Actions\".",
            Ci::Gitlab => "To publish: push the guide to GitLab; the address appears under Deploy → Pages.",
        }
    }
}

/// `guide init [DIR] [--force] [--ci github|gitlab]`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the guide in (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Add the missing files to a folder that is not empty; existing files are never overwritten.
    #[arg(long)]
    pub force: bool,
    /// Also write the CI pipeline that checks the guide, builds it and publishes it to the
    /// host's Pages (with --force, adds it to an existing guide).
    #[arg(long, value_enum, value_name = "HOST")]
    pub ci: Option<Ci>,
}

/// Runs `guide init` and prints what happened; returns the exit code.
pub fn run(args: &InitArgs) -> i32 {
    match init(&args.dir, args.force, args.ci) {
        Ok(report) => {
            for skipped in &report.skipped {
                eprintln!("skipped {}: it already exists and was left unchanged", skipped.display());
            }
            let mut lines: Vec<String> = report
                .created
                .iter()
                .map(|created| format!("created {}", args.dir.join(created).display()))
                .collect();
            let cd = if args.dir == Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", args.dir.display())
            };
            lines.push(format!(
                "Your guide is ready. Run `{cd}guide serve` to see it while you edit, or `{cd}guide build` to build it."
            ));
            if let Some(ci) = args.ci {
                lines.push(ci.next_step().to_string());
            }
            i32::from(!super::print_stdout(&(lines.join("\n") + "\n")))
        }
        Err(error) => {
            eprintln!("error: {error}");
            1
        }
    }
}

/// What `init` did, so the caller can tell the person.
#[derive(Debug, Default)]
pub struct InitReport {
    pub created: Vec<PathBuf>,
    /// Files that already existed and were left as they were (only with `--force`).
    pub skipped: Vec<PathBuf>,
}

/// Why `init` refused or failed.
#[derive(Debug)]
pub enum InitError {
    /// The folder has files and `--force` was not given.
    NotEmpty(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::NotEmpty(dir) => write!(
                f,
                "{} is not empty; choose a new folder, or pass --force to add the missing files (existing files are never overwritten)",
                dir.display()
            ),
            InitError::Io(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}

impl std::error::Error for InitError {}

/// Creates a new guide in `dir`, with the pipeline for `ci` if given. A non-empty folder is
/// refused unless `force`; even then an existing file is never replaced, because it may be
/// someone's work.
pub fn init(dir: &Path, force: bool, ci: Option<Ci>) -> Result<InitReport, InitError> {
    if !force && !is_empty_or_missing(dir).map_err(|e| InitError::Io(dir.to_path_buf(), e))? {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let pipeline = ci.map(Ci::pipeline_file);
    let files = FILES
        .iter()
        .map(|&(relative, contents)| (relative, contents))
        .chain(pipeline.as_ref().map(|(relative, contents)| (*relative, contents.as_str())));
    let mut report = InitReport::default();
    for (relative, contents) in files {
        let path = dir.join(relative);
        if write_new(&path, contents).map_err(|e| InitError::Io(path.clone(), e))? {
            report.created.push(PathBuf::from(relative));
        } else {
            report.skipped.push(PathBuf::from(relative));
        }
    }
    Ok(report)
}

fn is_empty_or_missing(dir: &Path) -> std::io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// Writes a file only if nothing is at `path` (`create_new` makes the check and the write
/// one step, so a file appearing meanwhile is not clobbered). Returns false if it existed.
fn write_new(path: &Path, contents: &str) -> std::io::Result<bool> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => file.write_all(contents.as_bytes()).map(|()| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_file_is_listed_once() {
        let mut names: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FILES.len());
    }

    #[test]
    fn the_gitignore_covers_what_build_and_the_editor_write() {
        let ignored = include_str!("init/gitignore");
        let output = Path::new("public");
        let written = [
            crate::output::lock_path(output),
            crate::output::previous_path(output),
            PathBuf::from(".public.staging-x1y2z3"),
            Path::new(crate::edit::store::EDITS_DIR).join("content/a.md"),
            PathBuf::from("public/index.html"),
        ];
        let patterns: Vec<&str> = ignored.lines().filter(|line| !line.starts_with('#')).collect();
        for path in written {
            let path = path.to_string_lossy().into_owned();
            let covered = patterns.iter().any(|pattern| {
                let pattern = pattern.trim_start_matches('/');
                match pattern.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix),
                    None => path == pattern.trim_end_matches('/') || path.starts_with(pattern),
                }
            });
            assert!(covered, "{path} is not in the .gitignore guide init writes");
        }
    }

    #[test]
    fn pipelines_install_the_version_of_this_build() {
        for ci in [Ci::Github, Ci::Gitlab] {
            let (_, contents) = ci.pipeline_file();
            assert!(!contents.contains(VERSION_PLACEHOLDER), "{ci:?}");
            let pin = format!("GUIDE_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
            assert!(contents.contains(&pin), "{ci:?} lacks {pin}");
        }
    }
}
