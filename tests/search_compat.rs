//! Our search is compatible with lunr.js 2.3.9, checked against lunr.js
//! itself under Node (`tests/js/`).
//!
//! Needs `node` and `tests/node_modules` (`npm ci --prefix tests`); when
//! lunr is missing these tests fail and say so, unless `GUIDE_SKIP_NODE=1`,
//! which skips them with a note. The stemmer test also needs a word list at
//! `/usr/share/dict/words` (Debian package `wamerican`).

mod common;
use common::Scratch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use interview_guide::search::sharded::{ShardedError, ShardedIndex};
use interview_guide::search::{self, Index, QueryError, SearchEntry, SearchGuideSection, SearchHit, SearchPage, build_search_output};

/// Scores may differ by floating-point noise only.
const TOLERANCE: f64 = 1e-6;

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a script from tests/js and returns its stdout; fails the test with
/// its output when it exits unsuccessfully.
fn run_node_script(script: &str, args: &[&Path]) -> String {
    let output = Command::new("node")
        .arg(root().join("tests/js").join(script))
        .args(args)
        .output()
        .expect("run `node` (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Distinct lower-cased words from the system word list, as lunr's
/// tokenizer would hand them to the stemmer.
fn dictionary_words() -> BTreeSet<String> {
    let text = std::fs::read_to_string("/usr/share/dict/words")
        .expect("/usr/share/dict/words is missing: install the `wamerican` package (apt-get install wamerican)");
    text.lines().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect()
}

/// Words that exercise each rule and quirk of lunr's stemmer.
fn tricky_words() -> Vec<String> {
    let words = [
        "",
        "a",
        "is",
        "by",
        "yes",
        "yelling",
        "yield",
        "delay",
        "pay",
        "happy",
        "cry",
        "sky",
        "caresses",
        "ponies",
        "ties",
        "cats",
        "feed",
        "agreed",
        "plastered",
        "motoring",
        "sing",
        "conflated",
        "troubled",
        "sized",
        "hopping",
        "falling",
        "filing",
        "relational",
        "conditional",
        "rational",
        "valenci",
        "hesitanci",
        "digitizer",
        "conformabli",
        "radicalli",
        "differentli",
        "vileli",
        "analogousli",
        "vietnamization",
        "predication",
        "operator",
        "feudalism",
        "decisiveness",
        "hopefulness",
        "callousness",
        "formaliti",
        "sensitiviti",
        "sensibiliti",
        "archaeology",
        "triplicate",
        "formative",
        "formalize",
        "electriciti",
        "electrical",
        "hopeful",
        "goodness",
        "revival",
        "allowance",
        "inference",
        "airliner",
        "gyroscopic",
        "adjustable",
        "defensible",
        "irritant",
        "replacement",
        "adjustment",
        "dependent",
        "adoption",
        "homologou",
        "communism",
        "activate",
        "angulariti",
        "homologous",
        "effective",
        "bowdlerize",
        "probate",
        "rate",
        "cease",
        "controll",
        "roll",
        "agreement",
        "generalizations",
        "oscillators",
        "node.js",
        "c++",
        "ci/cd",
        "naïve",
        "café",
        "über",
        "résumé",
        "日本語",
        "😀😀ing",
        "a😀",
        "x😀😀ing",
        "kubernetes",
        "versioning",
        "postgresql",
        "ssses",
        "sses",
        "ies",
        "eed",
        "ed",
        "ing",
        "yies",
        "yyy",
        "yy",
        "y",
        "ye",
        "yed",
        "ying",
        "yeed",
        "2024",
        "404s",
        "a11y",
    ];
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn stemmer_matches_lunr_word_for_word_on_20000_plus_words() {
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let mut words = dictionary_words();
    words.extend(tricky_words().into_iter().filter(|w| !w.is_empty()));
    assert!(words.len() >= 20_000, "only {} distinct words", words.len());
    let words: Vec<String> = words.into_iter().collect();
    let scratch = Scratch::new();
    let list = scratch.write("words.txt", &(words.join("\n") + "\n"));
    let theirs = run_node_script("stemmer.js", &[&list]);
    let theirs: Vec<&str> = theirs.lines().collect();
    assert_eq!(theirs.len(), words.len(), "lunr.stemmer printed a different number of lines");
    let differences: Vec<String> = words
        .iter()
        .zip(&theirs)
        .filter(|(word, lunr)| search::stem(word) != **lunr)
        .map(|(word, lunr)| format!("{word}: ours {:?}, lunr {lunr:?}", search::stem(word)))
        .collect();
    assert!(
        differences.is_empty(),
        "{} of {} words stem differently, e.g.:\n{}",
        differences.len(),
        words.len(),
        differences.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    eprintln!("stemmer: 0 differences over {} words", words.len());
}

/// The fixture guide: pages with HTML, quotes, emoji, CJK, very long
/// words, "node.js", "c++" and accented words.
fn fixture_pages() -> Vec<SearchPage<'static>> {
    let path = root().join("tests/fixtures/search/pages.json");
    let text = std::fs::read_to_string(&path).expect("read tests/fixtures/search/pages.json");
    serde_json::from_str(&text).expect("parse tests/fixtures/search/pages.json")
}

/// The fixture queries: single and several words, prefixes, fields,
/// required and excluded terms, stop words, punctuation, non-ASCII words,
/// boosts, typos, and queries lunr rejects.
fn fixture_queries() -> Vec<String> {
    let path = root().join("tests/fixtures/search/queries.json");
    let text = std::fs::read_to_string(&path).expect("read tests/fixtures/search/queries.json");
    serde_json::from_str(&text).expect("parse tests/fixtures/search/queries.json")
}

/// One query's answer from lunr.js: results or a QueryParseError.
#[derive(Debug)]
enum Answer {
    Results(Vec<(String, f64)>),
    Error(String),
}

/// Builds our index for `pages`, has `check_index.js` compare it with the
/// index lunr.js builds from the same documents on every query (it fails
/// on any difference or if ours is larger), and returns lunr.js's answers
/// together with our serialised index.
fn check_with_lunr(name: &str, pages: &[SearchPage], queries: &[String]) -> (Vec<Answer>, String) {
    let output = build_search_output(pages);
    let scratch = Scratch::new();
    let docs = scratch.write("docs.json", &search::lunr_documents_json(pages));
    let index = scratch.write("index.json", &output.index_json);
    let query_file = scratch.write("queries.json", &serde_json::to_string(queries).expect("queries"));
    let results = scratch.path().join("lunr-results.json");
    let report = run_node_script(
        "check_index.js",
        &[
            Path::new("--docs"),
            &docs,
            Path::new("--index"),
            &index,
            Path::new("--queries"),
            &query_file,
            Path::new("--results"),
            &results,
        ],
    );
    eprintln!("{name}: {}", report.trim());
    assert!(report.contains(&format!("{} passed, 0 failed", queries.len())), "{report}");
    let text = std::fs::read_to_string(&results).expect("read lunr.js results");
    let answers = serde_json::from_str::<Vec<serde_json::Value>>(&text).expect("parse lunr.js results");
    (answers.iter().map(parse_answer).collect(), output.index_json)
}

/// Reads `{"query", "results": [[ref, score]]}` or `{"query", "error"}`.
fn parse_answer(value: &serde_json::Value) -> Answer {
    if let Some(error) = value["error"].as_str() {
        return Answer::Error(error.to_string());
    }
    let results = value["results"].as_array().map(Vec::as_slice).unwrap_or_default();
    Answer::Results(
        results
            .iter()
            .map(|pair| {
                let reference = pair[0].as_str().unwrap_or_default().to_string();
                (reference, pair[1].as_f64().unwrap_or(f64::NAN))
            })
            .collect(),
    )
}

/// Runs every query through our engine and compares with lunr.js's
/// answers; returns the number of queries with results that were compared.
/// Queries we refuse on purpose (empty, a lone `*`, `~3` and more; see
/// `search::query`) fail the test unless `allow_refusals`.
fn assert_engine_matches(index_json: &str, queries: &[String], answers: &[Answer], allow_refusals: bool) -> usize {
    let index = Index::from_json(index_json).expect("load our index");
    assert_answers_match(&|q| index.search(q), queries, answers, allow_refusals)
}

/// [`assert_engine_matches`] for any engine.
fn assert_answers_match(
    search: &dyn Fn(&str) -> Result<Vec<SearchHit>, QueryError>,
    queries: &[String],
    answers: &[Answer],
    allow_refusals: bool,
) -> usize {
    let mut compared = 0;
    for (query, answer) in queries.iter().zip(answers) {
        match (search(query), answer) {
            (Ok(hits), Answer::Results(expected)) => {
                let ours: Vec<&str> = hits.iter().map(|h| h.ref_.as_str()).collect();
                let theirs: Vec<&str> = expected.iter().map(|(r, _)| r.as_str()).collect();
                assert_eq!(ours, theirs, "refs or order differ for {query:?}");
                for (hit, (_, score)) in hits.iter().zip(expected) {
                    assert!(
                        (hit.score - score).abs() <= TOLERANCE,
                        "{query:?}: {} {} vs {score}",
                        hit.ref_,
                        hit.score
                    );
                }
                compared += 1;
            }
            (Err(error), Answer::Error(message)) => {
                let ours = error.lunr_message().map(|m| format!("QueryParseError: {m}"));
                assert_eq!(ours.as_deref(), Some(message.as_str()), "error differs for {query:?}");
                assert!(!error.to_string().is_empty());
            }
            (Err(error), Answer::Results(_)) if allow_refusals && error.lunr_message().is_none() => {}
            (ours, theirs) => panic!("{query:?}: ours {ours:?}, lunr.js {theirs:?}"),
        }
    }
    compared
}

#[test]
fn lunr_js_loads_our_index_and_ranks_like_its_own() {
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let queries = fixture_queries();
    let (answers, _) = check_with_lunr("fixture-lunr", &fixture_pages(), &queries);
    let with_results = answers.iter().filter(|a| matches!(a, Answer::Results(_))).count();
    assert!(with_results >= 50, "only {with_results} queries ran without an error");
}

#[test]
fn our_query_engine_ranks_like_lunr_js() {
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let queries = fixture_queries();
    let (answers, index_json) = check_with_lunr("fixture-engine", &fixture_pages(), &queries);
    let compared = assert_engine_matches(&index_json, &queries, &answers, false);
    assert!(compared >= 50, "only {compared} queries compared");
    eprintln!(
        "engine: {compared} queries with results and {} errors match lunr.js",
        queries.len() - compared
    );
}

/// The sharded index answers every query exactly like lunr.js on the full
/// index (same refs, order, scores within 1e-6), with shards small enough
/// that queries and prefixes cross shard boundaries, and a one-word query
/// reads a single shard.
fn assert_sharded_matches(name: &str, pages: &[SearchPage], queries: &[String], allow_refusals: bool) -> usize {
    let (answers, index_json) = check_with_lunr(name, pages, queries);
    let scratch = Scratch::new();
    scratch.write_search_files(pages, search::TextPipeline::English, 2048);
    let full = std::fs::read_to_string(scratch.path().join("search_index.json")).expect("the full index is written");
    assert_eq!(full, index_json, "the streamed full index is the in-memory one");
    let sharded = ShardedIndex::open(scratch.path()).expect("open the manifest");
    let shards = sharded.manifest.shards.split(' ').count();
    assert!(shards > 3, "only {shards} shards");
    let search = |q: &str| match sharded.search(q) {
        Ok((hits, loaded)) => {
            let plain = !q.is_empty() && q.chars().all(char::is_alphanumeric);
            assert!(!plain || loaded.shards.len() == 1, "{q:?} read shards {:?}", loaded.shards);
            Ok(hits)
        }
        Err(ShardedError::Query(e)) => Err(e),
        Err(e) => panic!("{q:?}: {e}"),
    };
    assert_answers_match(&search, queries, &answers, allow_refusals)
}

#[test]
fn the_sharded_index_ranks_exactly_like_lunr_js_on_the_full_index() {
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let compared = assert_sharded_matches("fixture-shards", &fixture_pages(), &fixture_queries(), false);
    assert!(compared >= 50, "only {compared} queries compared");
    let (pages, queries) = generated_pages();
    assert_eq!(assert_sharded_matches("generated-shards", &pages, &queries, false), queries.len());
    let compared = assert_sharded_matches("random-shards", &fixture_pages(), &random_queries(400), true);
    assert!(compared >= 200, "only {compared} queries compared");
}

/// A deterministic guide with a small vocabulary, so that many documents
/// tie on score and prefixes expand to many terms: the order of ties is
/// where a port of lunr most easily goes wrong.
fn generated_pages() -> (Vec<SearchPage<'static>>, Vec<String>) {
    const WORDS: [&str; 24] = [
        "api",
        "apis",
        "apply",
        "cache",
        "cached",
        "caching",
        "data",
        "database",
        "design",
        "designs",
        "deploy",
        "k8s",
        "kube",
        "kubernetes",
        "node.js",
        "c++",
        "café",
        "test",
        "tests",
        "tested",
        "2024",
        "404",
        "run",
        "running",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut pages = Vec::new();
    for p in 0..40 {
        let mut text = |len: usize| (0..len).map(|_| WORDS[next(WORDS.len())]).collect::<Vec<_>>().join(" ");
        let entries: Vec<SearchEntry> = (0..6)
            .map(|e| SearchEntry {
                anchor: format!("q{e}").into(),
                text: text(3 + e % 4).into(),
            })
            .collect();
        let body = entries.iter().map(|e| e.text.clone()).collect::<Vec<_>>().join("\n");
        pages.push(SearchPage {
            url: format!("/roles/r{p:02}/"),
            title: text(2),
            description: text(5),
            section_title: if p % 2 == 0 { "Engineering".into() } else { "Data".into() },
            is_role: true,
            tags: vec![text(1), text(1)],
            body_text: body.into(),
            guide_sections: vec![SearchGuideSection {
                heading: text(2),
                anchor: "questions".into(),
                entries,
            }],
        });
    }
    let mut queries: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    for prefix in ["a*", "ap*", "c*", "ca*", "d*", "k*", "t*", "te*", "r*", "*s", "*ing", "n*"] {
        queries.push(prefix.to_string());
    }
    for q in [
        "api cache",
        "cache data design",
        "+api",
        "+api +cache",
        "api -cache",
        "-api",
        "title:api",
        "keywords:kube*",
        "body:test*",
        "kubernetes^5 api",
        "cachd~1",
        "databse~1",
        "+k* -t*",
        "title:c* data",
        "2024 404",
        "node.js c++ café",
    ] {
        queries.push(q.to_string());
    }
    (pages, queries)
}

/// Every word the build answers ahead (src/search/answers.rs) gets, in the browser
/// client, the hits, scores, count and matched terms the client computes itself.
#[test]
fn the_client_shows_the_builds_one_word_answers_as_it_would_compute_them() {
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let (pages, _) = generated_pages();
    let scratch = Scratch::new();
    // Small shards: a word is answered from 256 postings, most of this guide's words.
    scratch.write_search_files(&pages, search::TextPipeline::English, 256);
    let out = run_node_script("search_answers.js", &[scratch.path()]);
    let answered: usize = out
        .lines()
        .find_map(|l| l.strip_prefix("ANSWERED "))
        .and_then(|n| n.trim().parse().ok())
        .expect("search_answers.js prints how many words it checked");
    assert!(answered >= 10, "only {answered} words answered");
}

#[test]
fn ties_and_prefix_expansions_rank_like_lunr_js() {
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let (pages, queries) = generated_pages();
    let (answers, index_json) = check_with_lunr("generated", &pages, &queries);
    let compared = assert_engine_matches(&index_json, &queries, &answers, false);
    assert_eq!(compared, queries.len());
}

/// Random strings of words and query operators (`+ - * ~ ^ : \`, digits,
/// spaces), so that the lexer, the parser and its error messages are
/// exercised far beyond hand-written cases. Typo tolerance stays at most 2:
/// lunr.js itself takes minutes on larger values.
fn random_queries(count: usize) -> Vec<String> {
    const WORDS: [&str; 16] = [
        "kube",
        "kubernetes",
        "api",
        "node.js",
        "c++",
        "café",
        "title",
        "keywords",
        "body",
        "nope",
        "the",
        "design",
        "2024",
        "日本語",
        "🚀",
        "x",
    ];
    const OPERATORS: [&str; 14] = ["+", "-", "*", "~", "^", "1", "2", "0", ":", "\\", " ", "  ", "-", "*"];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut queries = BTreeSet::new();
    while queries.len() < count {
        let mut query = String::new();
        for _ in 0..1 + next(5) {
            let piece = if next(3) == 0 {
                OPERATORS[next(OPERATORS.len())]
            } else {
                WORDS[next(WORDS.len())]
            };
            query.push_str(piece);
            if next(2) == 0 {
                query.push_str(OPERATORS[next(OPERATORS.len())]);
            }
        }
        let large_typo = query.split('~').skip(1).any(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().is_ok_and(|n| n > 2)
        });
        if !large_typo {
            queries.insert(query);
        }
    }
    queries.into_iter().collect()
}

#[test]
fn random_query_syntax_parses_and_ranks_like_lunr_js() {
    if !common::node_checks_enabled("lunr") {
        return;
    }
    let queries = random_queries(400);
    let (answers, index_json) = check_with_lunr("random", &fixture_pages(), &queries);
    let compared = assert_engine_matches(&index_json, &queries, &answers, true);
    let errors = answers.iter().filter(|a| matches!(a, Answer::Error(_))).count();
    assert!(compared >= 200 && errors >= 50, "{compared} compared, {errors} errors");
    eprintln!("random: {compared} queries with results and {errors} lunr errors match");
}

/// A guide of `roles` role pages with 30 questions each, written from the
/// system word list with a skewed (Zipf-like) word choice, deterministic.
fn benchmark_pages(roles: usize) -> Vec<SearchPage<'static>> {
    let words: Vec<String> = dictionary_words().into_iter().filter(|w| !w.contains('\'')).collect();
    let mut state = 0x1234_5678_9abc_def1u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut text = |count: usize| {
        let picked: Vec<&str> = (0..count)
            .map(|_| {
                let unit = (next() % 1_000_000) as f64 / 1e6;
                words[(unit.powf(2.5) * words.len() as f64) as usize % words.len()].as_str()
            })
            .collect();
        picked.join(" ")
    };
    let mut pages: Vec<SearchPage> = (0..roles)
        .map(|r| {
            let guide_sections: Vec<SearchGuideSection> = (0..5)
                .map(|s| SearchGuideSection {
                    heading: format!("{} questions", text(2)),
                    anchor: format!("s{s}"),
                    entries: (0..6)
                        .map(|e| SearchEntry {
                            anchor: format!("q{s}-{e}").into(),
                            text: format!("{}?", text(18)).into(),
                        })
                        .collect(),
                })
                .collect();
            let body_text = guide_sections
                .iter()
                .flat_map(|s| &s.entries)
                .map(|e| e.text.as_ref())
                .collect::<Vec<_>>()
                .join("\n");
            SearchPage {
                url: format!("/section-{}/role-{r:05}/", r % 8),
                title: format!("{} Engineer", text(2)),
                description: text(20),
                section_title: format!("Section {}", r % 8),
                is_role: true,
                tags: (0..8).map(|_| text(1)).collect(),
                body_text: body_text.into(),
                guide_sections,
            }
        })
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    pages
}

/// Benchmark for the README (not run by default):
/// `cargo test --release --test search_compat -- --ignored --nocapture`.
/// Times our build for 1,000 roles (31,000 documents), has lunr.js build
/// the same index (its time is printed by the checker) and checks that
/// both agree on a few queries.
#[test]
#[ignore = "benchmark: run with --release --ignored --nocapture"]
fn benchmark_build_for_1000_roles_against_lunr_js() {
    let pages = benchmark_pages(1000);
    let mut timings = Vec::new();
    let mut output = build_search_output(&pages);
    for _ in 0..5 {
        let started = std::time::Instant::now();
        output = build_search_output(&pages);
        timings.push(started.elapsed());
    }
    timings.sort();
    eprintln!(
        "build_search_output, 1000 roles: median {:?} (min {:?}); index {} bytes, display store {} bytes",
        timings[2],
        timings[0],
        output.index_json.len(),
        output.docs_json.len()
    );
    if common::node_checks_enabled("lunr") {
        let queries: Vec<String> = ["engineer", "questions", "section", "a*", "+s* -e*"]
            .iter()
            .map(|q| q.to_string())
            .collect();
        let (answers, index_json) = check_with_lunr("benchmark", &pages, &queries);
        assert_engine_matches(&index_json, &queries, &answers, false);
    }
}
