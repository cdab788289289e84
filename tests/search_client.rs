//! The browser search engine in `themes/default/static/search.js`, reading the sharded
//! index, answers like lunr.js 2.3.9 on the full index and like the Rust engine behind
//! `guide search`: same refs, order and scores.
//!
//! Builds `tests/fixtures/search_site` with small shards, answers every query of
//! `tests/fixtures/search/queries.json` (plus a few for this fixture) with the Rust engine,
//! then runs `tests/js/search_client.test.js` under `node --test`, which loads search.js
//! without a DOM and compares it with lunr.js and with those answers.
//!
//! Needs `node` and `tests/node_modules` (`npm ci --prefix tests`); fails and says so when
//! they are missing, unless `GUIDE_SKIP_NODE=1`, which skips it with a note.

mod common;

use std::path::Path;
use std::process::Command;

use interview_guide::search::Index;
use serde_json::{Value, json};

/// Queries aimed at this fixture's content, on top of the shared query list.
const FIXTURE_QUERIES: &[&str] = &[
    "versioning",
    "api versioning",
    "backend api versioning",
    "kubernetes",
    "kubernetes roles",
    "crashloopbackoff",
    "node.js",
    "c++",
    "eventual consistency",
    "\"eventual consistency\"",
    "<index>",
    "日本語のテキストも含まれます。",
    "🙂",
    "pneumonoultramicroscopicsilicovolcanoconiosis",
    "figma -accessibility",
    "+airflow +kubernetes",
    "v1beta1",
    "keywords:fintech",
    "logo bigger",
    "late-arriving events",
];

/// The Rust engine's answers, in the shape the Node test reads.
fn rust_answers(index: &Index, queries: &[String]) -> Value {
    let answers: Vec<Value> = queries
        .iter()
        .map(|query| match index.search(query) {
            Ok(hits) => {
                let results: Vec<Value> = hits.iter().map(|h| json!([h.ref_, h.score])).collect();
                json!({ "query": query, "results": results })
            }
            Err(error) => json!({ "query": query, "error": error.to_string() }),
        })
        .collect();
    Value::Array(answers)
}

#[test]
fn search_js_ranks_like_lunr_js_and_guide_search() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let site = common::copy_fixture("search_site");
    // Small shards, so that queries, prefixes and typos cross shard boundaries.
    let config = site.path().join("config.toml");
    let text = common::read(&config) + "\n[search]\nclient = \"sharded\"\nshard_size = 2048\n";
    std::fs::write(&config, text).expect("write config.toml");
    common::build_ok(site.path());
    let public = site.path().join("public");
    let index = Index::from_json(&common::read(public.join("search_index.json"))).expect("our index loads");

    let shared: Vec<String> = serde_json::from_str(&common::read(common::fixtures().join("search/queries.json"))).expect("queries.json");
    let mut queries = shared;
    queries.extend(FIXTURE_QUERIES.iter().map(|q| q.to_string()));
    let expected = site.path().join("expected.json");
    std::fs::write(&expected, rust_answers(&index, &queries).to_string()).expect("write expected answers");

    let output = Command::new("node")
        .arg("--test")
        .arg(root.join("tests/js/search_client.test.js"))
        .env("GUIDE_SEARCH_SITE", &public)
        .env("GUIDE_SEARCH_EXPECTED", &expected)
        .output()
        .expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "search.js differs from lunr.js or from the Rust engine:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `source` minified with oxc (compressed, names mangled, whitespace removed).
fn minified(source: &str) -> String {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::cjs()).parse();
    assert!(parsed.errors.is_empty(), "search.js does not parse: {:?}", parsed.errors);
    let mut program = parsed.program;
    let options = oxc_minifier::MinifierOptions {
        mangle: Some(oxc_minifier::MangleOptions::default()),
        compress: Some(oxc_minifier::CompressOptions::default()),
    };
    let result = oxc_minifier::Minifier::new(options).minify(&allocator, &mut program);
    let codegen = oxc_codegen::CodegenOptions {
        minify: true,
        comments: oxc_codegen::CommentOptions::disabled(),
        ..oxc_codegen::CodegenOptions::default()
    };
    oxc_codegen::Codegen::new()
        .with_options(codegen)
        .with_scoping(result.scoping)
        .build(&program)
        .code
}

/// The client must stay small: at most 10 KB minified (oxc, the minifier in our
/// dependency tree), before compression.
#[test]
fn search_js_is_at_most_10_kb_minified() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = common::read(root.join("themes/default/static/search.js"));
    let script = minified(&source);
    let gzip = gzip_size(script.as_bytes());
    eprintln!(
        "search.js: {} bytes, {} bytes minified, {gzip} bytes gzip",
        source.len(),
        script.len()
    );
    if let Ok(path) = std::env::var("GUIDE_MINIFIED_OUT") {
        std::fs::write(path, &script).expect("write the minified client");
    }
    assert!(
        script.len() < source.len() * 2 / 3,
        "the minifier ran ({} of {} bytes)",
        script.len(),
        source.len()
    );
    // 10 KB until the other languages' pipelines came: their hook here (multi-term clauses,
    // the pipeline the manifest names) took 170 bytes, the pipelines themselves are in
    // search-lang.js, which only those languages' pages load. 10.25 KB until the build's
    // one-word answers (about 200 bytes: a heavy word is not scored on the phone) and
    // guesses that time the link (about 150).
    assert!(
        script.len() <= 10 * 1024 + 512,
        "search.js is {} bytes minified, over 10.5 KB",
        script.len()
    );
}

/// The size of `bytes` compressed with `gzip -9`.
fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run gzip");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(bytes).expect("write to gzip");
    }
    child.wait_with_output().expect("gzip output").stdout.len()
}
