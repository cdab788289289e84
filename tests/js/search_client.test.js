// Our browser search engine (themes/default/static/search.js, loaded without a DOM)
// answers like lunr.js 2.3.9 and like `guide search` (the Rust engine).
//
// Run by tests/search_client.rs (`cargo test`), which builds tests/fixtures/search_site and
// sets:
//   GUIDE_SEARCH_SITE      the built site (holding search_index.json)
//   GUIDE_SEARCH_EXPECTED  the Rust engine's answers: [{query, results: [[ref, score]]} |
//                          {query, error}]
// By hand: node --test tests/js/search_client.test.js (with those two variables set).
'use strict'

const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const path = require('path')
const lunr = require('./lunr_path')
const engine = require('../../themes/default/static/search.js')

const TOLERANCE = 1e-6
const site = process.env.GUIDE_SEARCH_SITE
const expectedFile = process.env.GUIDE_SEARCH_EXPECTED
if (!site || !expectedFile) {
  console.error('set GUIDE_SEARCH_SITE and GUIDE_SEARCH_EXPECTED (tests/search_client.rs does)')
  process.exit(2)
}
const indexJson = JSON.parse(fs.readFileSync(path.join(site, 'search_index.json'), 'utf8'))
const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'))
const queries = expected.map((e) => e.query)

// Runs a query; returns {results: [[ref, score]]} or {error}.
function run (search, query) {
  try {
    return { results: search(query).map((r) => [r.ref, r.score]) }
  } catch (err) {
    return { error: err.message }
  }
}

const ours = new engine.Index(indexJson)
const oursRun = (q) => run((x) => ours.search(x).hits, q)
const lunrIndex = lunr.Index.load(indexJson)
const lunrRun = (q) => run((x) => lunrIndex.search(x), q)

// The first difference between two answers, or null. Errors match when both fail.
function difference (a, b) {
  if (a.error || b.error) return a.error && b.error ? null : `${a.error || 'results'} vs ${b.error || 'results'}`
  if (a.results.length !== b.results.length) return `${a.results.length} vs ${b.results.length} results`
  for (let i = 0; i < a.results.length; i++) {
    const [x, y] = [a.results[i], b.results[i]]
    if (x[0] !== y[0]) return `result ${i + 1}: ${x[0]} vs ${y[0]}`
    if (Math.abs(x[1] - y[1]) > TOLERANCE) return `result ${i + 1} (${x[0]}): score ${x[1]} vs ${y[1]}`
  }
  return null
}

// Queries lunr.js runs but we refuse on purpose (as the Rust engine does): empty, a term
// made only of "*", more than 2 typos.
const REFUSED = (q) => !q.trim() || /(^|[\s:+-])\*+($|[\s^~])/.test(q) || /~([3-9]|\d\d)/.test(q)

test('the fixture exercises at least 50 queries, most with results', () => {
  assert.ok(queries.length >= 50, `${queries.length} queries`)
  const withResults = queries.filter((q) => (oursRun(q).results || []).length > 0)
  assert.ok(withResults.length >= 40, `${withResults.length} queries with results`)
})

test('our engine returns the same refs, order and scores as lunr.js', () => {
  const failures = []
  for (const q of queries) {
    const theirs = lunrRun(q)
    const mine = oursRun(q)
    if (mine.error && !theirs.error && REFUSED(q)) continue
    const diff = difference(theirs, mine)
    if (diff) failures.push(`${JSON.stringify(q)}: lunr.js vs ours: ${diff}`)
  }
  assert.deepStrictEqual(failures, [])
})

test('our engine returns the same refs, order and scores as `guide search` (Rust)', () => {
  const failures = []
  for (const want of expected) {
    const diff = difference(want, oursRun(want.query))
    if (diff) failures.push(`${JSON.stringify(want.query)}: Rust vs ours: ${diff}`)
  }
  assert.deepStrictEqual(failures, [])
})

test('as-you-type searches are lunr queries with a prefix clause for the last word', () => {
  // "kube" finds the Kubernetes roles through kube*, exactly like lunr's "kube kube*".
  const live = (q) => ours.search(q, true).hits.map((h) => [h.ref, h.score])
  for (const [typed, lunrQuery] of [['kube', 'kube kube*'], ['versioning', 'versioning versioning*'], ['api vers', 'api vers vers*'], ['title:kub', 'title:kub title:kub*']]) {
    assert.strictEqual(difference(lunrRun(lunrQuery), { results: live(typed) }), null, typed)
  }
  assert.ok(live('kube').some(([ref]) => ref === '/engineering/platform-engineer/'))
  // A finished word is not a prefix: the trailing space drops the extra clause.
  assert.strictEqual(difference(lunrRun('kube'), { results: live('kube ') }), null)
  // A required partial word becomes a required prefix.
  assert.strictEqual(difference(lunrRun('+kube*'), { results: live('+kube') }), null)
})

test('queries lunr rejects throw an Error with a hint instead of crashing', () => {
  for (const q of ['+', 'kubernetes +', 'nope:x', 'title:', '*', '~1', '^2', 'foo~', '++kubernetes', 'foo~9']) {
    assert.throws(() => ours.search(q, true), (e) => e instanceof Error && e.message.length > 10, q)
  }
  assert.match((() => { try { ours.search('nope:x') } catch (e) { return e.message } })(), /title, keywords, body/)
})

test('the stemmer matches lunr.stemmer word for word', () => {
  const words = new Set(indexJson.invertedIndex.map((p) => p[0]))
  try {
    for (const w of fs.readFileSync('/usr/share/dict/words', 'utf8').split('\n')) words.add(w.toLowerCase())
  } catch (_) {
    // The word list is optional here; tests/search_compat.rs requires it.
  }
  const diffs = []
  for (const w of words) {
    const want = lunr.stemmer(new lunr.Token(w)).toString()
    if (engine.stem(w) !== want) diffs.push(`${w}: ${want} vs ${engine.stem(w)}`)
  }
  assert.deepStrictEqual(diffs.slice(0, 20), [])
  console.log(`# stemmer: ${words.size} words, 0 differences`)
})
