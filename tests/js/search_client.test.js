// Our browser search engine (themes/default/static/search.js, loaded without a DOM), reading
// the sharded index of a built site as a browser would (manifest, then only the shards and
// fragments a query needs), answers like lunr.js 2.3.9 on the full index
// (search_index.json) and like `guide search` (the Rust engine).
//
// Run by tests/search_client.rs (`cargo test`), which builds tests/fixtures/search_site with
// small shards and sets:
//   GUIDE_SEARCH_SITE      the built site (holding search/ and search_index.json)
//   GUIDE_SEARCH_EXPECTED  the Rust engine's answers: [{query, results: [[ref, score]]} |
//                          {query, error}]
// By hand: node --test tests/js/search_client.test.js (with those two variables set).
'use strict'

const test = require('node:test')
const assert = require('node:assert')
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')
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
const displayStore = JSON.parse(fs.readFileSync(path.join(site, 'search_docs.json'), 'utf8'))
const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'))
const queries = expected.map((e) => e.query)

// A fetch of bytes a..b of search/<file> from the built site (a range request, or the
// whole file); `log` collects what was read, `file@a` for a range (those asked for at low
// priority marked " (low)").
const reader = (log) => (file, low, a, b) => {
  log.push((a === undefined ? file : `${file}@${a}`) + (low ? ' (low)' : ''))
  const bytes = fs.readFileSync(path.join(site, 'search', file))
  return Promise.resolve(new Uint8Array(bytes).slice(a, b).buffer)
}

// Member i of the manifest's `packs` (shard_packs or fragment_packs) of the built site,
// inflated and parsed.
function memberOf (packs, dir, i) {
  for (const [p, [hash, lengths]] of packs.entries()) {
    if (i < lengths.length) {
      const start = lengths.slice(0, i).reduce((x, y) => x + y, 0)
      const pack = fs.readFileSync(path.join(site, 'search', dir, `${p}.${hash}.bin`))
      return JSON.parse(zlib.gunzipSync(pack.subarray(start, start + lengths[i])))
    }
    i -= lengths.length
  }
  throw Error(`no member ${i}`)
}

// A record as the client gives it (kind 1 for a role, 0 for a page, none for an entry) in
// the display store's form.
const stored = (r) => [r[0] === undefined ? 'entry' : r[0] ? 'role' : 'page', ...r.slice(1)]

// Runs a query; resolves to {results: [[ref, score]]} or {error}.
async function run (search, query) {
  try {
    return { results: (await search(query)).map((r) => [r.ref, r.score]) }
  } catch (err) {
    return { error: err.message }
  }
}

let shared
const oursRun = async (q, live) => {
  shared = shared || await engine.open(reader([]))
  return run(async (x) => (await shared.find(x, live)).hits, q)
}
const lunrIndex = lunr.Index.load(indexJson)
const lunrRun = (q) => run(async (x) => lunrIndex.search(x), q)

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

test('the site is sharded and the fixture exercises at least 50 queries, most with results', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  assert.strictEqual(manifest.client, 'sharded')
  assert.ok(manifest.shards.split(' ').length > 3, manifest.shards)
  assert.ok(queries.length >= 50, `${queries.length} queries`)
  let withResults = 0
  for (const q of queries) if (((await oursRun(q)).results || []).length > 0) withResults++
  assert.ok(withResults >= 40, `${withResults} queries with results`)
})

test('the sharded client returns the same refs, order and scores as lunr.js on the full index', async () => {
  const failures = []
  for (const q of queries) {
    const theirs = await lunrRun(q)
    // A fresh client per query: only that query's shards are loaded.
    const files = []
    const fresh = await engine.open(reader(files))
    const mine = await run(async (x) => (await fresh.find(x)).hits, q)
    if (mine.error && !theirs.error && REFUSED(q)) continue
    const diff = difference(theirs, mine)
    if (diff) failures.push(`${JSON.stringify(q)}: lunr.js vs ours: ${diff}`)
    if (/^[a-z]+$/.test(q)) assert.strictEqual(files.filter((f) => f.startsWith('s/')).length, 1, `${q}: ${files}`)
    // The same answers from a client that has already loaded other queries' shards.
    const again = difference(theirs, await oursRun(q))
    if (again && !(mine.error && REFUSED(q))) failures.push(`${JSON.stringify(q)}: lunr.js vs ours (warm): ${again}`)
    // With a limit (what the search box asks for): lunr's first ten and its count.
    if (theirs.results) {
      const top = await fresh.find(q, false, 10).catch(() => null)
      const diff = top && (difference({ results: theirs.results.slice(0, 10) }, { results: top.hits.map((h) => [h.ref, h.score]) }) || (top.n !== theirs.results.length && `${top.n} vs ${theirs.results.length} hits counted`))
      if (diff) failures.push(`${JSON.stringify(q)}: lunr.js vs ours (first 10): ${diff}`)
    }
  }
  assert.deepStrictEqual(failures, [])
})

test('the sharded client returns the same refs, order and scores as `guide search` (Rust)', async () => {
  const failures = []
  for (const want of expected) {
    const diff = difference(want, await oursRun(want.query))
    if (diff) failures.push(`${JSON.stringify(want.query)}: Rust vs ours: ${diff}`)
  }
  assert.deepStrictEqual(failures, [])
})

test('display fragments hold the records of the display store', async () => {
  const ix = await engine.open(reader([]))
  const { hits } = await ix.find('kubernetes')
  assert.ok(hits.length > 3)
  const records = await ix.records(hits)
  hits.forEach((h, i) => assert.deepStrictEqual(stored(records[i]), displayStore.docs[h.ref], h.ref))
  assert.ok(records.some((r) => r[4] === '/engineering/platform-engineer/'))
})

test('every record the client reads from fragments is the display store\'s', async () => {
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  const ix = await engine.open(reader([]))
  const all = Array.from({ length: m.documents }, (_, n) => ({ n }))
  const records = await ix.records(all)
  all.forEach(({ n }) => assert.deepStrictEqual(stored(records[n]), displayStore.docs[engine.ref(n)], engine.ref(n)))
})

test('shards and fragments are gzip members of packs, read by range', async () => {
  // A manifest with fragments of one document in two packs: [f0, f1] and [f2]; a range is
  // served only from the file the manifest names.
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  const members = [0, 1, 2].map((k) => zlib.gzipSync(JSON.stringify([['doc ' + k, 'a' + k, 'Questions', '/p/', 'Page']])))
  const packs = { 'f/0.aaaaaaaa.bin': Buffer.concat(members.slice(0, 2)), 'f/1.bbbbbbbb.bin': members[2] }
  const fake = { ...m, documents: 3, fragment_docs: 1, fragment_packs: [['aaaaaaaa', members.slice(0, 2).map((x) => x.length)], ['bbbbbbbb', [members[2].length]]] }
  const asked = []
  const get = (file, low, a, b) => {
    if (file === 'manifest.json') return Promise.resolve(new TextEncoder().encode(JSON.stringify(fake)).buffer)
    asked.push([file, a, b])
    if (!packs[file]) return Promise.reject(Error('404 ' + file))
    return Promise.resolve(new Uint8Array(packs[file]).slice(a, b).buffer)
  }
  const ix = await engine.open(get)
  const records = await ix.records([0, 1, 2].map((n) => ({ n })))
  assert.deepStrictEqual(records.map((r) => r[1] + ' ' + r[4]), ['doc 0 /p/#a0', 'doc 1 /p/#a1', 'doc 2 /p/#a2'])
  const [l0, l1] = fake.fragment_packs[0][1]
  assert.deepStrictEqual(asked, [['f/0.aaaaaaaa.bin', 0, l0], ['f/0.aaaaaaaa.bin', l0, l0 + l1], ['f/1.bbbbbbbb.bin', 0, members[2].length]])
})

// Shard k of the built site: [terms, records].
const shardFile = (m, k) => memberOf(m.shard_packs, 's', k)

test('the fragment packs hold every record of the display store, once', async () => {
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  const fragments = m.fragment_packs.flatMap(([, lengths]) => lengths).map((_, k) => memberOf(m.fragment_packs, 'f', k))
  assert.strictEqual(fragments.flat().length, m.documents)
  // Beside the /search/ page, only the manifest and the packs.
  assert.deepStrictEqual(fs.readdirSync(path.join(site, 'search')).filter((f) => f !== 'index.html').sort(), ['f', 'manifest.json', 's'])
})

test('shards carry the records of their best documents, as the display store has them', () => {
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  let carried = 0
  m.shards.split(' ').forEach((_, k) => {
    const [terms, records] = shardFile(m, k)
    // Terms: [term, termIndex, [lists per field], [weights per field]].
    for (const entry of terms) assert.ok(typeof entry[0] === 'string' && entry.length === 4, JSON.stringify(entry).slice(0, 80))
    const numbers = Object.keys(records)
    // Each a fragment's item that stands alone.
    for (const n of numbers) assert.deepStrictEqual(stored(engine.decode([records[n]])[0]), displayStore.docs[engine.ref(+n)], n)
    assert.deepStrictEqual(numbers, numbers.map(Number).sort((a, b) => a - b).map(String), `shard ${k}: ascending`)
    carried += numbers.length
  })
  assert.ok(carried > 0)
})

test('a word typed letter by letter shows its first ten results without fetching fragments', async () => {
  for (const word of ['kubernetes', 'versioning', 'engineer']) {
    const files = []
    const ix = await engine.open(reader(files))
    for (let i = 2; i <= word.length; i++) {
      const typed = word.slice(0, i)
      const { hits } = await ix.find(typed, true, 10)
      const records = await ix.records(hits)
      hits.forEach((h, j) => assert.deepStrictEqual(stored(records[j]), displayStore.docs[h.ref], `${typed}: ${h.ref}`))
      if (typed === word) assert.ok(hits.length > 3, word)
    }
    assert.deepStrictEqual(files.filter((f) => f.startsWith('f/')), [], word)
    assert.ok(files.some((f) => f.startsWith('s/')), word)
  }
})

test('as-you-type searches are lunr queries with a prefix clause for the last word', async () => {
  // "kube" finds the Kubernetes roles through kube*, exactly like lunr's "kube kube*".
  const live = async (q) => (await oursRun(q, true)).results
  for (const [typed, lunrQuery] of [['kube', 'kube kube*'], ['versioning', 'versioning versioning*'], ['api vers', 'api vers vers*'], ['title:kub', 'title:kub title:kub*']]) {
    assert.strictEqual(difference(await lunrRun(lunrQuery), { results: await live(typed) }), null, typed)
  }
  const kube = await live('kube')
  const url = (r) => displayStore.docs[r[0]][4]
  assert.ok(kube.some((r) => url(r) === '/engineering/platform-engineer/'))
  // A finished word is not a prefix: the trailing space drops the extra clause.
  assert.strictEqual(difference(await lunrRun('kube'), { results: await live('kube ') }), null)
  // A required partial word becomes a required prefix.
  assert.strictEqual(difference(await lunrRun('+kube*'), { results: await live('+kube') }), null)
})

test('as you type, a last word of one letter waits for the second', async () => {
  const live = async (q) => (await oursRun(q, true)).results
  // The rest of the query is answered as if the letter were not there yet.
  for (const [typed, lunrQuery] of [['kubernetes d', 'kubernetes'], ['api +d', 'api'], ['api -d', 'api'], ['kubernetes title:v', 'kubernetes']]) {
    const want = await lunrRun(lunrQuery)
    assert.ok(want.results.length > 0, lunrQuery)
    assert.strictEqual(difference(want, { results: await live(typed) }), null, typed)
  }
  // Alone, it asks for more letters (a query error, shown as a hint), without a download.
  const files = []
  const ix = await engine.open(reader(files))
  await assert.rejects(ix.find('k', true), (e) => e.q === 'letters' && e.v.n === 2)
  assert.deepStrictEqual(files, ['manifest.json'])
  // Typed in full (the /search/ page, or a finished word), one letter is searched as lunr does.
  assert.strictEqual(difference(await lunrRun('kubernetes d'), await oursRun('kubernetes d ', true)), null)
  assert.strictEqual(difference(await lunrRun('k'), await oursRun('k')), null)
})

test('the manifest lists the likeliest next letters where the loaded shards cannot tell', () => {
  // For each first letter and each longer prefix spanning more than 4 shards (as the
  // client counts them): the letters that follow it, by postings, ties by letter, four.
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  const prefixes = m.shards.split(' ')
  const of = (t) => prefixes.filter((p) => p <= t).length - 1
  const wide = (p) => of(p + '\uffff') - of(p) + 1 > 4
  const weights = new Map()
  prefixes.forEach((_, k) => {
    for (const [t, , lists] of shardFile(m, k)[0]) {
      for (let i = 1; i < t.length && (i === 1 || wide(t.slice(0, i))); i++) {
        const p = t.slice(0, i); const w = weights.get(p) || new Map()
        weights.set(p, w.set(t[i], (w.get(t[i]) || 0) + lists.flat().length / 2))
      }
    }
  })
  const want = [...weights].map(([p, w]) => [p, [...w].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4).map((e) => e[0]).join('')])
  const byPrefix = (a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0
  assert.deepStrictEqual([...m.next].sort(byPrefix), want.sort(byPrefix))
  assert.deepStrictEqual(m.next.find(([p]) => p === 'k'), ['k', 'ue'])
})

test('guesses fetch at most four shards, at low priority, fetch their first records and answer exactly', async () => {
  const files = []
  const ix = await engine.open(reader(files))
  const idle = () => new Promise((resolve) => setTimeout(resolve, 50))
  for (const typed of ['ku', 'kube', 'ver', 'api d', 'api +de', 'ku', 'k', 'pipeline i']) {
    await ix.find(typed, true, 10).catch((e) => assert.ok(e.q, e))
    const before = files.length
    let asked = 0
    ix.ahead(typed, () => ++asked)
    await idle()
    const fetched = files.slice(before)
    assert.ok(fetched.every((f) => f.endsWith(' (low)')), `${typed}: guesses fetch at low priority: ${fetched}`)
    assert.ok(fetched.filter((f) => f.startsWith('s/')).length <= 4, `${typed}: guesses fetch at most four shards: ${fetched}`)
    // still() is asked once to start, before each of at most four guesses, and once more
    // when a guess's shards have loaded.
    assert.ok(asked > 1 && asked <= 9, `${typed}: still() asked ${asked} times`)
    // Every next letter, guessed (kept) or not: lunr's answer, as a fresh client gives it.
    for (const c of 'abcdefghijklmnopqrstuvwxyz') {
      const q = typed + c
      const fresh = await engine.open(reader([]))
      const want = await fresh.find(q, true, 10).then((r) => [r.n, r.hits.map((h) => [h.ref, h.score])], (e) => e.message)
      const got = await ix.find(q, true, 10).then((r) => [r.n, r.hits.map((h) => [h.ref, h.score])], (e) => e.message)
      assert.deepStrictEqual(got, want, q)
    }
  }
  // A guess fetched the fragments of its first ten hits: "kube" then needs none.
  const read = []
  const quiet = await engine.open(reader(read))
  await quiet.find('kub', true, 10)
  quiet.ahead('kub', () => true)
  await idle()
  const guessed = read.length
  const { hits } = await quiet.find('kube', true, 10)
  await quiet.records(hits)
  assert.ok(hits.length > 0)
  assert.strictEqual(read.length, guessed, `"kube" fetched ${read.slice(guessed)}`)
  // A first letter: the likeliest second one (the manifest's) is answered once its shard
  // is fetched, and that keystroke then downloads nothing.
  const first = []
  const fresh = await engine.open(reader(first))
  // (A letter whose likeliest next one needs one shard: the guesses fetch no more.)
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  const prefixes = m.shards.split(' ')
  const of = (t) => prefixes.filter((p) => p <= t).length - 1
  const [letter, likely] = m.next.find(([p, l]) => p.length === 1 && /[a-z]/.test(p + l[0]) && of(p + l[0] + '\uffff') === of(p + l[0]))
  await assert.rejects(fresh.find(letter, true, 10), (e) => e.q === 'letters')
  fresh.ahead(letter, () => true)
  await idle()
  assert.ok(first.some((f) => f.startsWith('s/')), `"${letter}" guesses fetched a shard: ${first}`)
  const fetched = first.length
  await fresh.records((await fresh.find(letter + likely[0], true, 10)).hits)
  assert.deepStrictEqual(first.slice(fetched), [], `"${letter + likely[0]}" was guessed`)
  // Outside a round of guesses a guess whose shards are not loaded is not answered and
  // downloads nothing.
  const cold = []
  const none = await engine.open(reader(cold))
  assert.strictEqual(await none.find('kube', true, 10, () => true), undefined)
  assert.deepStrictEqual(cold, ['manifest.json'])
  // A stopped round guesses nothing.
  const stopped = []
  const still = await engine.open(reader(stopped))
  await still.find('kub', true, 10)
  const n = stopped.length
  still.ahead('kub', () => false)
  await idle()
  assert.strictEqual(stopped.length, n, 'no guess once the box changed')
})

test('on a slow link guesses fetch one shard; a guess the box moved past still answers right later', async () => {
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  const prefixes = m.shards.split(' ')
  const of = (t) => prefixes.filter((p) => p <= t).length - 1
  // A prefix (a first letter, or one of many shards) and a likely next letter that makes
  // a prefix of two to four shards.
  const span = (p) => of(p + '\uffff') - of(p) + 1
  const [letter, typed] = m.next.flatMap(([p, l]) => [...l].map((c) => [p, p + c])).find(([p, t]) => /^[a-z]+$/.test(t) && span(t) >= 2 && span(t) <= 4)
  // A reader whose every download takes `delay` ms.
  const slowly = (log, delay) => (...a) => new Promise((resolve) => setTimeout(() => resolve(reader(log)(...a)), delay))
  const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  const want = await (await engine.open(reader([]))).find(typed, true, 10)
  for (const [delay, guessed] of [[20, true], [150, false]]) {
    const log = []
    const ix = await engine.open(slowly(log, delay))
    // A first query (a shard outside the guess's), so a download has been timed.
    assert.ok(of('zzzz') > of(typed + '\uffff'))
    await ix.find('zzzz', true, 10)
    await ix.find(letter, true, 10).catch((e) => assert.strictEqual(e.q, 'letters'))
    ix.ahead(letter, () => true)
    await settle(6 * delay + 100)
    const before = log.length
    const got = await ix.find(typed, true, 10)
    assert.deepStrictEqual(got.hits, want.hits, typed)
    const fetched = log.slice(before).filter((f) => f.startsWith('s/'))
    assert.strictEqual(fetched.length === 0, guessed, `${delay} ms a download: "${typed}" (${span(typed)} shards) fetched ${fetched}`)
  }
  // The box moves on while a guess's shards load: the guess is not scored then, and the
  // same query typed later is answered in full.
  const ix = await engine.open(slowly([], 40))
  await ix.find('zzzz', true, 10)
  await ix.find(letter, true, 10).catch(() => {})
  let moved = false
  ix.ahead(letter, () => !moved)
  await settle(10)
  moved = true
  await settle(200)
  assert.deepStrictEqual((await ix.find(typed, true, 10)).hits, want.hits)
})

test('queries lunr rejects reject with a marked Error naming its hint instead of crashing', async () => {
  // The hints are the theme's strings search_error_<q>, filled with the error's values.
  const strings = fs.readFileSync(path.join(__dirname, '../../themes/default/i18n/en.toml'), 'utf8')
  const hint = (q) => (new RegExp(`^search_error_${q} = (.*)$`, 'm').exec(strings) || [])[1]
  const rejected = { '+': 'before', 'kubernetes +': 'before', 'nope:x': 'field', 'title:': 'before', '*': 'star', '~1': 'modifier', '^2': 'modifier', 'foo~': 'modifier', '++kubernetes': 'before', 'foo~9': 'typos', ' ': 'word', k: 'letters' }
  const ix = await engine.open(reader([]))
  for (const [q, kind] of Object.entries(rejected)) {
    await assert.rejects(ix.find(q, true), (e) => {
      assert.ok(e instanceof Error, q)
      assert.strictEqual(e.q, kind, q)
      const words = hint(kind)
      assert.ok(words, `en.toml has search_error_${kind}`)
      for (const [, name] of words.matchAll(/{(\w+)}/g)) assert.ok(name in (e.v || {}), `${q}: ${name} for search_error_${kind}`)
      return true
    }, q)
  }
  await assert.rejects(ix.find('nope:x'), (e) => e.v.field === 'nope' && e.v.fields === 'title, keywords, body')
})

test('a shard or fragment that fails to load rejects without a query mark', async () => {
  for (const broken of ['s/', 'f/']) {
    // Without the records shards carry, the hits' records come from fragments.
    const strip = (x) => {
      const [terms] = JSON.parse(zlib.gunzipSync(Buffer.from(x)))
      return new Uint8Array(zlib.gzipSync(JSON.stringify([terms, {}]))).buffer
    }
    const bare = (file, low, a, b) => reader([])(file, low, a, b).then((x) => file.startsWith('s/') ? strip(x) : x)
    const flaky = (file, ...range) => file.startsWith(broken) ? Promise.reject(Error('404')) : bare(file, ...range)
    const all = async (ix) => ix.records((await ix.find('kubernetes')).hits)
    const ix = await engine.open(flaky)
    await assert.rejects(all(ix), (e) => !e.q && e.message === '404', broken)
    // A member cut short (a truncated file) fails to inflate.
    const cut = (file, low, a, b) => file.startsWith(broken) ? reader([])(file, low, a, b - 5) : bare(file, low, a, b)
    await assert.rejects(all(await engine.open(cut)), (e) => !e.q, broken)
  }
})

test('refs are document numbers in base 26', () => {
  assert.deepStrictEqual([0, 1, 25, 26, 27, 675, 676, 310000].map(engine.ref), ['a', 'b', 'z', 'ba', 'bb', 'zz', 'baa', 'rqpc'])
  assert.deepStrictEqual(Object.keys(displayStore.docs), Object.keys(displayStore.docs).map((_, i) => engine.ref(i)))
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
