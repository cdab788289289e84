//! Search in languages other than English, checked against lunr.js 2.3.9 with the
//! lunr-languages plugins under Node (`tests/js/`): the index we write for each language
//! loads in lunr.js and ranks every query like the index lunr.js builds itself, and like
//! `guide search` (the full index and the sharded one); our Snowball stemmers agree with
//! the plugins' word for word, except the words listed in docs/search.md.
//!
//! Needs `node` and `tests/node_modules` (`npm ci --prefix tests`), unless
//! `GUIDE_SKIP_NODE=1`; the word-for-word test needs Debian's word lists (`wngerman`,
//! `wfrench`, `wspanish`, `wportuguese`, `wdutch`, `witalian`), installed by scripts/test.sh.

mod common;
use common::Scratch;

use std::path::{Path, PathBuf};

use interview_guide::search::sharded::{ShardedError, ShardedIndex};
use interview_guide::search::{self, Index, SearchPage, TextPipeline};

/// Scores may differ by floating-point noise only.
const TOLERANCE: f64 = 1e-6;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a script of tests/js with `args`; returns its output, failing the test if it fails.
fn run_node_script(script: &str, args: &[&str]) -> String {
    let script = root().join("tests/js").join(script);
    let mut all = vec![script.to_string_lossy().into_owned()];
    all.extend(args.iter().map(|a| a.to_string()));
    common::run_node(all, "a Node script failed")
}

/// A fixture of `tests/fixtures/search_languages/<code>.json`: pages and queries.
#[derive(serde::Deserialize)]
struct Fixture {
    pages: Vec<SearchPage<'static>>,
    queries: Vec<String>,
}

fn fixture(code: &str) -> Fixture {
    let path = root().join(format!("tests/fixtures/search_languages/{code}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// lunr.js's answers: `(query, [(ref, score)])`, or an error message.
type Answers = Vec<(String, Result<Vec<(String, f64)>, String>)>;

/// Has `check_index.js` build lunr.js's own index of the documents with the language's
/// plugin and compare it, query by query, with ours loaded by `lunr.Index.load`; returns
/// lunr.js's answers.
fn lunr_answers(scratch: &Scratch, code: &str, fixture: &Fixture, plugin: &str) -> Answers {
    let docs = scratch.write("docs.json", &search::lunr_documents_json(&fixture.pages));
    let queries = scratch.write("queries.json", &serde_json::to_string(&fixture.queries).expect("queries"));
    let results = scratch.path().join("lunr-results.json");
    let index = scratch.path().join("search_index.json");
    let report = run_node_script(
        "check_index.js",
        &[
            "--docs",
            &docs.to_string_lossy(),
            "--index",
            &index.to_string_lossy(),
            "--queries",
            &queries.to_string_lossy(),
            "--results",
            &results.to_string_lossy(),
            "--language",
            plugin,
        ],
    );
    eprintln!("{code}: {}", report.trim());
    assert!(report.contains(&format!("{} passed, 0 failed", fixture.queries.len())), "{report}");
    let text = std::fs::read_to_string(&results).expect("read lunr.js results");
    let values: Vec<serde_json::Value> = serde_json::from_str(&text).expect("parse lunr.js results");
    values
        .iter()
        .map(|v| {
            let query = v["query"].as_str().unwrap_or_default().to_string();
            let answer = match v["error"].as_str() {
                Some(error) => Err(error.to_string()),
                None => Ok(v["results"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|p| (p[0].as_str().unwrap_or_default().to_string(), p[1].as_f64().unwrap_or(f64::NAN)))
                    .collect()),
            };
            (query, answer)
        })
        .collect()
}

/// Our answers (`guide search`'s engines) equal lunr.js's: same refs, order, scores.
fn assert_same(engine: &str, query: &str, ours: &[(String, f64)], theirs: &[(String, f64)]) {
    let refs = |hits: &[(String, f64)]| hits.iter().map(|h| h.0.clone()).collect::<Vec<_>>();
    assert_eq!(refs(ours), refs(theirs), "{engine}: refs or order differ for {query:?}");
    for ((r, ours), (_, theirs)) in ours.iter().zip(theirs) {
        assert!((ours - theirs).abs() <= TOLERANCE, "{engine}: {query:?} {r}: {ours} vs {theirs}");
    }
}

/// The whole comparison for one language; returns the number of queries with hits.
fn check_language(code: &str, plugin: &str) -> usize {
    let fixture = fixture(code);
    let (pipeline, _) = TextPipeline::for_language(code);
    let scratch = Scratch::new();
    // Shards of about 1 KB, so that queries cross shards.
    scratch.write_search_files(&fixture.pages, pipeline, 1024);
    let answers = lunr_answers(&scratch, code, &fixture, plugin);
    // The browser client, with the language's stemmer or segmenter, answers like lunr.js.
    let report = run_node_script(
        "search_languages_client.js",
        &[
            &scratch.path().to_string_lossy(),
            &scratch.path().join("lunr-results.json").to_string_lossy(),
        ],
    );
    assert!(
        report.contains(&format!("client: {} passed, 0 failed", fixture.queries.len())),
        "{report}"
    );
    let full = Index::from_json(&std::fs::read_to_string(scratch.path().join("search_index.json")).expect("the full index"))
        .expect("load our index");
    let sharded = ShardedIndex::open(scratch.path()).expect("open the manifest");
    assert!(sharded.manifest.shards.split(' ').count() > 1, "the fixture needs several shards");
    let mut with_hits = 0;
    for (query, answer) in &answers {
        let theirs = match answer {
            Ok(theirs) => theirs,
            Err(message) => {
                let ours = full.search(query).expect_err("lunr.js refused the query");
                assert_eq!(
                    ours.lunr_message().map(|m| format!("QueryParseError: {m}")).as_deref(),
                    Some(message.as_str())
                );
                continue;
            }
        };
        let hits = |h: Vec<search::SearchHit>| h.into_iter().map(|h| (h.ref_, h.score)).collect::<Vec<_>>();
        assert_same("full index", query, &hits(full.search(query).expect("query")), theirs);
        match sharded.search(query) {
            Ok((found, _)) => assert_same("shards", query, &hits(found), theirs),
            Err(ShardedError::Query(e)) => panic!("{query:?}: {e}"),
            Err(e) => panic!("{query:?}: {e}"),
        }
        with_hits += usize::from(!theirs.is_empty());
    }
    with_hits
}

#[test]
fn each_snowball_language_ranks_like_lunr_js_with_its_lunr_languages_plugin() {
    if !common::node_checks_enabled("lunr-languages") {
        return;
    }
    for code in ["de", "fr", "es", "pt", "nl"] {
        let with_hits = check_language(code, code);
        assert!(with_hits >= 10, "{code}: only {with_hits} queries found something");
    }
}

#[test]
fn segmented_languages_rank_like_lunr_js_with_the_clients_segmenter() {
    if !common::node_checks_enabled("lunr-languages") {
        return;
    }
    let with_hits = check_language("ja", "segment");
    assert!(with_hits >= 8, "ja: only {with_hits} queries found something");
}

/// Arabic is stemmed with Snowball's Arabic algorithm, which lunr.ar.js does not use: the
/// comparison runs lunr.js with lunr.ar's stop words, our stemmer (the browser's WebAssembly
/// module) in place of lunr.ar's, and the trimmer lunr-languages makes for lunr.ar's word
/// characters plus its Latin-script plugins' (ours keeps Latin words: docs/search.md).
#[test]
fn arabic_ranks_like_lunr_js_with_lunr_ar_and_our_snowball_stemmer() {
    if !common::node_checks_enabled("lunr-languages") {
        return;
    }
    let with_hits = check_language("ar", "snowball-ar+latin");
    assert!(with_hits >= 14, "ar: only {with_hits} queries found something");
}

/// Russian: lunr.ru's stemmer and stop words, and the trimmer lunr-languages makes for its
/// word characters plus its Latin-script plugins'.
#[test]
fn russian_ranks_like_lunr_js_with_lunr_ru_and_latin_word_characters() {
    if !common::node_checks_enabled("lunr-languages") {
        return;
    }
    let with_hits = check_language("ru", "ru+latin");
    assert!(with_hits >= 14, "ru: only {with_hits} queries found something");
}

/// lunr.ar's and lunr.ru's own trimmers drop a word in Latin letters, which ours keep: the
/// deliberate difference that the two tests above make lunr.js share.
#[test]
fn lunr_ar_and_lunr_ru_trim_latin_words_away_and_ours_keep_them() {
    if !common::node_checks_enabled("lunr-languages") {
        return;
    }
    let words: Vec<String> = ["kubernetes", "sql", "(api)"].map(String::from).to_vec();
    let expected: Vec<(String, String, String)> = [("kubernetes", "kubernetes"), ("sql", "sql"), ("(api)", "api")]
        .map(|(word, ours)| (word.to_string(), ours.to_string(), String::new()))
        .to_vec();
    for code in ["ar", "ru"] {
        assert_eq!(differing_words(code, &words, Terms::Index), expected, "{code}");
    }
    // lunr.ru's query pipeline trims them away too (lunr.ar's has no trimmer).
    assert_eq!(differing_words("ru", &words, Terms::Query), expected);
}

/// lunr.ar.js's own light stemmer and Snowball's Arabic algorithm disagree on some words
/// (docs/search.md), so lunr.js with lunr.ar would not rank our Arabic index the same.
#[test]
fn arabic_snowball_stems_differ_from_lunr_ar_on_some_words() {
    if !common::node_checks_enabled("lunr-languages") {
        return;
    }
    let words: Vec<String> = ["الخادم", "المقابلات", "للطلبات", "بطيئة", "عمليات", "والخيوط"]
        .map(String::from)
        .to_vec();
    let differ = differing_words("ar", &words, Terms::Query);
    let differing: Vec<&str> = differ.iter().map(|(word, _, _)| word.as_str()).collect();
    assert_eq!(differing, ["بطيئة", "عمليات", "والخيوط"], "{differ:?}");
}

/// Each Debian word list's words, lower-cased, as the tokenizer hands them on.
fn word_list(file: &str) -> Vec<String> {
    let path = Path::new("/usr/share/dict").join(file);
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (scripts/test.sh installs the word lists)", path.display()));
    // Some lists are Latin-1, not UTF-8.
    let text = match String::from_utf8(text) {
        Ok(text) => text,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    };
    let mut words: Vec<String> = text
        .lines()
        .flat_map(|line| line.split('/').next())
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty() && !w.contains(char::is_whitespace) && !w.contains('-'))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Which of a language's pipelines [`differing_words`] compares.
#[derive(Clone, Copy, PartialEq)]
enum Terms {
    /// What a query's word looks up.
    Query,
    /// What a page's word is indexed as.
    Index,
}

/// Our pipeline against the plugin's on every word of a list: returns the words whose
/// terms differ, with both answers (each word's terms joined by a space).
fn differing_words(code: &str, words: &[String], terms: Terms) -> Vec<(String, String, String)> {
    let scratch = Scratch::new();
    let input = scratch.write("words.json", &serde_json::to_string(words).expect("words"));
    let out = scratch.path().join("stems.json");
    run_node_script(
        "stem_words.js",
        &[
            "--language",
            code,
            "--words",
            &input.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--pipeline",
            if terms == Terms::Index { "index" } else { "search" },
        ],
    );
    let theirs: Vec<String> = serde_json::from_str(&std::fs::read_to_string(&out).expect("read stems")).expect("parse stems");
    let (pipeline, _) = TextPipeline::for_language(code);
    words
        .iter()
        .zip(theirs)
        .filter_map(|(word, theirs)| {
            let ours = match terms {
                Terms::Query => pipeline.query_terms(word),
                Terms::Index => {
                    let mut out = Vec::new();
                    pipeline.index_terms(word, &mut out);
                    out
                }
            }
            .join(" ");
            (ours != theirs).then(|| (word.clone(), ours, theirs))
        })
        .collect()
}

#[test]
fn snowball_stemmers_agree_with_lunr_languages_word_for_word() {
    if !common::node_checks_enabled("lunr-languages") {
        return;
    }
    // (language, word list, most words allowed to differ: docs/search.md says which and why)
    for (code, list, allowed) in [
        ("de", "ngerman", 0),
        ("fr", "french", 0),
        ("es", "spanish", 0),
        ("pt", "portuguese", 52),
        ("nl", "dutch", 0),
        ("it", "italian", 0),
    ] {
        let words = word_list(list);
        assert!(words.len() > 20_000, "{list}: only {} words", words.len());
        let differ = differing_words(code, &words, Terms::Query);
        eprintln!("{code}: {} of {} words differ; first: {:?}", differ.len(), words.len(), &differ);
        assert!(differ.len() <= allowed, "{code}: {} words differ (allowed {allowed})", differ.len());
    }
}
