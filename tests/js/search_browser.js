#!/usr/bin/env node
// The search box and the /search/ page in real headless Chromium (playwright-core).
//
// Usage: node tests/js/search_browser.js --guide PATH_TO_GUIDE_BINARY --root FIXTURE_SITE
//          [--bench GUIDE_DIR[,GUIDE_DIR...]] [--only bench]
// (tests/search_browser.rs runs it). It serves two builds of the fixture from a tiny
// static server on 127.0.0.1 (port 0): one at the root and one built with
// `--base-url http://127.0.0.1:PORT/sub/path/` and served under that sub-path.
// Prints `TIMINGS {json}` with the measured query times; --bench also builds GUIDE_DIR
// (for example a 200-role guide from examples/gen_corpus.rs), serves it under /bench/ and
// times queries there too, with the sizes of the search files (`--only bench` skips the
// checks of the fixture and times the guides only). A third build of the
// fixture uses the sharded form with small shards (/sharded/): the same checks, the query
// set against lunr.js in the page, and failed or stale downloads. Exit status 0 when all checks
// pass, 1 on a failure, 2 when Chromium or playwright-core is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const zlib = require('zlib')
const { execFileSync } = require('child_process')

// The static server and Chromium settings the theme tests use too.
const { parseArgs, CHROMIUM, ARGS, serve } = require('./measure')
const SUB = '/sub/path/'

function args () {
  return parseArgs('node tests/js/search_browser.js --guide GUIDE_BINARY --root FIXTURE_SITE', ['guide', 'root'])
}

function loadPlaywright () {
  try {
    return require('playwright-core')
  } catch (_) {
    console.error('playwright-core is not installed: run `npm ci --prefix tests` (scripts/test.sh does)')
    process.exit(2)
  }
}

function build (guide, root, out, baseUrl) {
  execFileSync(guide, ['build', '--quiet', '--root', root, '--output-dir', out, '--base-url', baseUrl], { stdio: 'inherit' })
}

const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] }

// Opens a page that records console errors and uncaught exceptions.
async function openPage (context, problems) {
  const page = await context.newPage()
  // Chromium asks for /favicon.ico on its own; the theme has none, and that 404 is not ours.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon\.ico/.test((m.location() || {}).url || '')) problems.push(`console error on ${page.url()}: ${m.text()} (${(m.location() || {}).url})`)
  })
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`))
  return page
}

const optionTexts = (page) => page.$$eval('#search-listbox [role=option]', (os) => os.map((o) => ({ id: o.id, href: o.getAttribute('href'), text: o.textContent })))

async function checkSite (browser, origin, base, timings, problems) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } })
  const page = await openPage(context, problems)
  const home = origin + base
  await page.goto(home)

  // "/" focuses the box; the index loads on that first focus.
  const started = Date.now()
  await page.keyboard.press('/')
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'search-input', '"/" focuses the search box')
  await page.waitForSelector('form.search[data-state=ready]')
  timings.push({ site: base, loadMs: Date.now() - started })
  const input = page.locator('#search-input')
  assert.strictEqual(await input.getAttribute('role'), 'combobox')
  assert.strictEqual(await input.getAttribute('aria-controls'), 'search-listbox')

  // Typing "versioning" shows the API versioning question among the first results.
  await page.keyboard.type('versioning', { delay: 20 })
  await page.waitForSelector('#search-listbox [role=option]')
  assert.strictEqual(await input.getAttribute('aria-expanded'), 'true')
  const options = await optionTexts(page)
  const target = options.findIndex((o) => /versioning of an API/.test(o.text))
  assert.ok(target >= 0 && target < 5, `the API versioning question is among the first 5 results: ${JSON.stringify(options.map((o) => o.text))}`)
  assert.ok(options[target].href.startsWith(base + 'engineering/backend-developer/#'), options[target].href)
  const marks = await page.$$eval('#search-listbox mark', (ms) => ms.map((m) => m.textContent.toLowerCase()))
  assert.ok(marks.includes('versioning'), `matched words are highlighted: ${marks}`)
  assert.ok(await page.$('#search-listbox [role=group] .search-group'), 'results are grouped by role')
  assert.match(await page.textContent('.search-msg'), /\d+ results?/, 'the live region announces the count')

  // Arrow keys move to it, Enter opens it, and the entry is in view.
  for (let i = 0; i <= target; i++) await page.keyboard.press('ArrowDown')
  assert.strictEqual(await input.getAttribute('aria-activedescendant'), options[target].id)
  await Promise.all([page.waitForURL((u) => u.hash.length > 1), page.keyboard.press('Enter')])
  const landed = new URL(page.url())
  assert.strictEqual(landed.pathname, base + 'engineering/backend-developer/')
  assert.strictEqual(landed.hash, options[target].href.slice(options[target].href.indexOf('#')))
  const inView = await page.evaluate((id) => {
    const el = document.getElementById(decodeURIComponent(id))
    if (!el) return 'missing'
    const r = el.getBoundingClientRect()
    return r.top >= 0 && r.top < window.innerHeight
  }, landed.hash.slice(1))
  assert.strictEqual(inView, true, `the entry ${landed.hash} is in view`)

  // Esc closes the list; text from the content is escaped, never parsed as HTML.
  await page.keyboard.press('/')
  await page.waitForSelector('form.search[data-state=ready]')
  await page.keyboard.type('bold')
  await page.waitForSelector('#search-listbox [role=option]')
  assert.ok((await page.textContent('#search-listbox')).includes('"scale" <b>not bold</b>'), 'the literal text of the description is shown')
  assert.strictEqual(await page.$('#search-listbox b'), null, 'content HTML is not injected')
  await page.keyboard.press('Escape')
  assert.strictEqual(await input.getAttribute('aria-expanded'), 'false')

  // Queries lunr would reject show "no results" with a hint, and nothing breaks.
  for (const bad of ['+', 'kubernetes +', '*', 'nope:x', '~1']) {
    await input.fill('')
    await input.type(bad)
    await page.waitForFunction(() => /No results/.test(document.querySelector('.search-msg').textContent))
    assert.match(await page.textContent('.search-msg'), /Hint: /, `"${bad}" shows a hint`)
    assert.strictEqual(await page.$$eval('#search-listbox [role=option]', (o) => o.length), 0)
  }
  // One letter waits for the second.
  await input.fill('')
  await input.type('k')
  await page.waitForFunction(() => /2 letters/.test(document.querySelector('.search-msg').textContent))
  await input.fill('')
  await input.type('kube')
  await page.waitForSelector('#search-listbox [role=option]')

  // /search/?q=kubernetes lists the Kubernetes roles (a shareable link).
  await page.goto(home + 'search/?q=kubernetes')
  await page.waitForFunction(() => /result/.test(document.getElementById('search-page-status').textContent))
  const links = await page.$$eval('#search-page-results a', (as) => as.map((a) => a.getAttribute('href')))
  for (const role of ['engineering/backend-developer/', 'engineering/platform-engineer/', 'data/data-engineer/']) {
    assert.ok(links.includes(base + role), `${role} is listed: ${links}`)
  }
  assert.strictEqual(await page.inputValue('#search-page-input'), 'kubernetes')
  await context.close()
}

// Query times in the page: from focusing the box (which fetches the manifest) to the
// first answer shown, and later keystrokes, each from the input event until the answer is
// in the page (the live region is written last), shards and fragments fetched included.
// Four queries are typed letter by letter five times over; the first round ("cold") is
// the one that downloads. `gapMs` waits between keystrokes as a typist does (0: the next
// key comes the moment the answer is shown, which no typist manages).
async function measure (browser, origin, timings, problems, base = '/', gapMs = 0) {
  const context = await browser.newContext()
  const page = await openPage(context, problems)
  await page.goto(origin + base)
  const result = await page.evaluate(async (gapMs) => {
    performance.setResourceTimingBufferSize(100000)
    const input = document.getElementById('search-input')
    const msg = () => document.querySelector('.search-msg')
    const answered = (start) => new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start) })
      observer.observe(msg(), { childList: true, characterData: true, subtree: true })
    })
    const time = (value) => {
      const start = performance.now()
      const done = answered(start)
      input.value = value
      input.dispatchEvent(new Event('input'))
      return done
    }
    // The panel (and its live region) exists once the script ran.
    const start = performance.now()
    input.focus()
    await time('versioning')
    const firstFromFocus = performance.now() - start
    // The downloads of the first answer: from focus until the last byte (the rest of
    // firstFromFocus is parsing, scoring and writing the list).
    const first = performance.getEntriesByType('resource').filter((e) => e.name.includes('/search/'))
    const firstDownloadMs = Math.max(...first.map((e) => e.responseEnd)) - start
    const later = []; const typed = []
    const pause = () => new Promise((resolve) => setTimeout(resolve, gapMs))
    for (let round = 0; round < 5; round++) {
      for (const word of ['versioning', 'kubernetes debug', 'api +design', 'pipeline idempotent']) {
        for (let i = 1; i <= word.length; i++) {
          if (gapMs) await pause()
          later.push(await time(word.slice(0, i)))
          typed.push(word.slice(0, i))
        }
      }
    }
    // What the session fetched from search/ (the server sends files uncompressed).
    const files = performance.getEntriesByType('resource').filter((e) => e.name.includes('/search/'))
    return { firstFromFocus, firstDownloadMs, firstFiles: first.length, firstBytes: first.reduce((sum, e) => sum + e.encodedBodySize, 0), later, typed, requests: files.length, bytes: files.reduce((sum, e) => sum + e.encodedBodySize, 0) }
  }, gapMs)
  const ms = (x) => +x.toFixed(2)
  const cold = result.later.slice(0, result.later.length / 5)
  timings.push({ site: base, gapMs, firstQueryFromFocusMs: ms(result.firstFromFocus), firstDownloadMs: ms(result.firstDownloadMs), firstFiles: result.firstFiles, firstBytes: result.firstBytes, keystrokes: result.later.length, keystrokeP50Ms: ms(percentile(result.later, 0.5)), keystrokeP95Ms: ms(percentile(result.later, 0.95)), keystrokeMaxMs: ms(Math.max(...result.later)), coldKeystrokeP50Ms: ms(percentile(cold, 0.5)), coldKeystrokeP95Ms: ms(percentile(cold, 0.95)), keystrokesOver10Ms: result.later.filter((x) => x > 10).length, coldOver10Ms: cold.filter((x) => x > 10).length, slow: result.later.map((x, i) => x > 10 && `${i < cold.length ? '' : '(warm) '}${result.typed[i]} ${ms(x)}`).filter(Boolean), requests: result.requests, bytes: result.bytes })
  await context.close()
}

// The sharded client in the page answers the query set like lunr.js on the full index
// (computed here in Node): same refs, same order, scores within 1e-6.
async function checkExact (browser, origin, base, siteDir, queries, problems) {
  const lunr = require('./lunr_path')
  const full = lunr.Index.load(JSON.parse(fs.readFileSync(path.join(siteDir, 'search_index.json'), 'utf8')))
  // The scripts added below are the test's own: the pages' Content Security Policy would refuse them.
  const context = await browser.newContext({ bypassCSP: true })
  const page = await openPage(context, problems)
  await page.goto(origin + base)
  // search.js exports its engine when `module` exists; load it again as a module.
  await page.addScriptTag({ content: 'window.module = { exports: {} }' })
  await page.addScriptTag({ path: path.join(__dirname, '../../themes/default/static/search.js') })
  const ours = await page.evaluate(async ([base, queries]) => {
    const engine = window.module.exports
    // Bytes a..b of search/<p> by range request, as the page's client reads them.
    const get = (p, low, a, b) => fetch(base + 'search/' + p, a === undefined ? {} : { headers: { range: `bytes=${a}-${b - 1}` } }).then(async (r) => {
      const x = await r.arrayBuffer()
      return r.status === 206 ? x : x.slice(a, b)
    })
    const out = []
    for (const q of queries) {
      const ix = await engine.open(get)
      try {
        out.push({ results: (await ix.find(q)).hits.map((h) => [h.ref, h.score]) })
      } catch (e) {
        out.push({ error: e.message })
      }
    }
    return out
  }, [base, queries])
  let compared = 0
  queries.forEach((q, i) => {
    let theirs
    try { theirs = full.search(q).map((r) => [r.ref, r.score]) } catch (e) { theirs = null }
    const mine = ours[i]
    if (!theirs) return assert.ok(mine.error, `${q}: lunr.js refuses it, ours too`)
    if (mine.error) return assert.ok(!q.trim() || /(^|[\s:+-])\*+($|[\s^~])/.test(q), `${q}: ours refused: ${mine.error}`)
    assert.deepStrictEqual(mine.results.map((r) => r[0]), theirs.map((r) => r[0]), `${q}: refs and order`)
    mine.results.forEach((r, j) => assert.ok(Math.abs(r[1] - theirs[j][1]) <= 1e-6, `${q}: ${r[0]} ${r[1]} vs ${theirs[j][1]}`))
    compared++
  })
  assert.ok(compared >= 50, `${compared} queries compared`)
  await context.close()
  return compared
}

// A page that records uncaught exceptions and console errors other than failed loads
// (which the checks below cause on purpose).
async function quietPage (context, problems) {
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && problems.push(`console error: ${m.text()}`))
  return page
}

// A shard or fragment that fails to load (network error, 404, truncated JSON) says "search
// is unavailable" with a retry that works once the file is back.
async function checkRetry (browser, origin, base, problems) {
  const failures = [['network error', (route) => route.abort()], ['404', (route) => route.fulfill({ status: 404, body: 'not found' })], ['truncated file', async (route) => {
    const response = await route.fetch()
    const body = await response.body()
    await route.fulfill({ response, body: body.subarray(0, body.length >> 1) })
  }]]
  for (const pattern of ['**/search/s/*.bin', '**/search/f/*.bin']) {
    for (const [what, handler] of failures) {
      const context = await browser.newContext()
      const page = await quietPage(context, problems)
      // Shards carry the records of their best hits; without them, the hits need fragments.
      // (Each shard is a gzip member read by range: inflated, emptied of records, deflated.)
      if (pattern.includes('/f/')) {
        await page.route('**/search/s/*.bin', async (route) => {
          const response = await route.fetch()
          assert.strictEqual(response.status(), 206, 'this host answers range requests')
          const [terms] = JSON.parse(zlib.gunzipSync(await response.body()))
          await route.fulfill({ response, body: zlib.gzipSync(JSON.stringify([terms, {}])) })
        })
      }
      await page.route(pattern, handler)
      await page.goto(origin + base)
      await page.focus('#search-input')
      await page.keyboard.type('kubernetes')
      await page.waitForSelector('.search-msg button')
      assert.match(await page.textContent('.search-msg'), /Search is unavailable — retry/, `${pattern}: ${what}`)
      await page.unroute(pattern)
      await page.click('.search-msg button')
      await page.waitForSelector('#search-listbox [role=option]')
      await context.close()
    }
  }
}

// A page whose manifest is stale (the site was deployed again: its shards are gone)
// fetches the manifest once more and answers.
async function checkStaleManifest (browser, origin, base, problems) {
  const context = await browser.newContext()
  const page = await quietPage(context, problems)
  let manifests = 0
  await page.route('**/search/manifest.json', async (route) => {
    const response = await route.fetch()
    const manifest = await response.json()
    if (manifests++ === 0) for (const pack of manifest.shard_packs) pack[0] = 'ffffffff'
    await route.fulfill({ response, json: manifest })
  })
  await page.goto(origin + base)
  await page.focus('#search-input')
  await page.waitForSelector('form.search[data-state=ready]')
  await page.fill('#search-input', 'kubernetes')
  await page.waitForSelector('#search-listbox [role=option]')
  assert.strictEqual(manifests, 2, 'the manifest was fetched again, once')
  assert.doesNotMatch(await page.textContent('.search-msg'), /unavailable/)
  await context.close()
}

// Without JavaScript the search page says search needs it and links to the sections.
async function checkNoScript (browser, origin) {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(origin + '/search/?q=kubernetes')
  const text = await page.textContent('main')
  assert.match(text, /Search needs JavaScript/)
  const links = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')))
  assert.ok(links.includes('/engineering/'), `section links: ${links}`)
  await context.close()
}

// A copy of the fixture built with the sharded client form and small shards.
function shardedFixture (root, work) {
  const copy = path.join(work, 'fixture-sharded')
  fs.cpSync(root, copy, { recursive: true })
  fs.appendFileSync(path.join(copy, 'config.toml'), '\n[search]\nclient = "sharded"\nshard_size = 2048\n')
  return copy
}

// Files under `dir`, with their gzip sizes, grouped by kind.
function sizes (dir) {
  const out = {}
  const add = (kind, file) => {
    const bytes = fs.readFileSync(file)
    const k = out[kind] = out[kind] || { files: 0, bytes: 0, gzipBytes: 0 }
    k.files++
    k.bytes += bytes.length
    k.gzipBytes += zlib.gzipSync(bytes, { level: 9 }).length
  }
  for (const f of ['search_index.json', 'search_docs.json', 'search/manifest.json']) if (fs.existsSync(path.join(dir, f))) add(f, path.join(dir, f))
  for (const f of fs.readdirSync(path.join(dir, 'search/s'))) add('shard packs', path.join(dir, 'search/s', f))
  return out
}

async function main () {
  const { guide, root } = args()
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium is not installed at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium; scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip`)
    process.exit(2)
  }
  const { chromium } = loadPlaywright()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-search-browser-'))
  const rootSite = path.join(work, 'root')
  const subSite = path.join(work, 'sub')
  const benchSite = path.join(work, 'bench')
  const shardedSite = path.join(work, 'sharded')
  // The sub-path site is served by a host that ignores range requests (it sends whole packs).
  const server = await serve([[SUB, subSite + path.sep, { ranges: false }], ['/bench/', benchSite + path.sep], ['/sharded/', shardedSite + path.sep], ['/', rootSite + path.sep]])
  const origin = `http://127.0.0.1:${server.address().port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const problems = []
  const timings = []
  try {
    if (args().only !== 'bench') await checkFixture(browser, origin, guide, root, work, rootSite, subSite, shardedSite, timings, problems)
    if (args().bench) {
      for (const dir of args().bench.split(',')) {
        build(guide, dir, benchSite, origin + '/bench/')
        for (const gapMs of [0, 100]) await measure(browser, origin, timings, problems, '/bench/', gapMs)
        timings.push({ guide: dir, files: sizes(benchSite) })
      }
    }
    // The failed requests in checkRetry log console errors by design; they are not recorded.
    assert.deepStrictEqual(problems, [], 'no console errors or uncaught exceptions')
    console.log('TIMINGS ' + JSON.stringify(timings))
  } finally {
    await browser.close()
    server.close()
    fs.rmSync(work, { recursive: true, force: true })
  }
}

// The fixture's checks, in the three builds.
async function checkFixture (browser, origin, guide, root, work, rootSite, subSite, shardedSite, timings, problems) {
  build(guide, root, rootSite, origin + '/')
  build(guide, root, subSite, origin + SUB)
  await checkSite(browser, origin, '/', timings, problems)
  console.log('ok - root site: type, arrows, Enter, /search/, bad queries')
  await checkSite(browser, origin, SUB, timings, problems)
  console.log(`ok - sub-path site (${SUB}), from a host without range requests: the same`)
  build(guide, shardedFixture(root, work), shardedSite, origin + '/sharded/')
  assert.strictEqual(JSON.parse(fs.readFileSync(path.join(shardedSite, 'search/manifest.json'))).client, 'sharded')
  await checkSite(browser, origin, '/sharded/', timings, problems)
  console.log('ok - sharded site (/sharded/): the same')
  const queries = JSON.parse(fs.readFileSync(path.join(root, '../search/queries.json'), 'utf8'))
  const compared = await checkExact(browser, origin, '/sharded/', shardedSite, queries, problems)
  console.log(`ok - in Chromium the sharded client ranks ${compared} queries like lunr.js on the full index`)
  await measure(browser, origin, timings, problems)
  await checkRetry(browser, origin, '/sharded/', problems)
  console.log('ok - a shard or fragment that fails to load (network, 404, truncated) offers a working retry')
  await checkStaleManifest(browser, origin, '/sharded/', problems)
  console.log('ok - a stale manifest is fetched again once')
  await checkNoScript(browser, origin)
  console.log('ok - without JavaScript, /search/ says so and links to the sections')
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})
