#!/usr/bin/env node
// The search box and the /search/ page in real headless Chromium (playwright-core).
//
// Usage: node tests/js/search_browser.js --guide PATH_TO_GUIDE_BINARY --root FIXTURE_SITE
//          [--bench GUIDE_DIR]
// (tests/search_browser.rs runs it). It serves two builds of the fixture from a tiny
// static server on 127.0.0.1 (port 0): one at the root and one built with
// `--base-url http://127.0.0.1:PORT/sub/path/` and served under that sub-path.
// Prints `TIMINGS {json}` with the measured query times; --bench also builds GUIDE_DIR
// (for example a 200-role guide from examples/gen_corpus.rs), serves it under /bench/ and
// times queries there too, with the index sizes. Exit status 0 when all checks
// pass, 1 on a failure, 2 when Chromium or playwright-core is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const http = require('http')
const os = require('os')
const path = require('path')
const { execFileSync } = require('child_process')

const CHROMIUM = process.env.GUIDE_CHROMIUM || '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
const SUB = '/sub/path/'
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain' }

function args () {
  const out = {}
  const argv = process.argv.slice(2)
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1]
  if (!out.guide || !out.root) {
    console.error('usage: node tests/js/search_browser.js --guide GUIDE_BINARY --root FIXTURE_SITE')
    process.exit(2)
  }
  return out
}

function loadPlaywright () {
  try {
    return require('playwright-core')
  } catch (_) {
    console.error('playwright-core is not installed: run `npm ci --prefix tests` (scripts/test.sh does)')
    process.exit(2)
  }
}

// Serves `mounts` ([[urlPrefix, dir]], longest prefix first) like a plain static host.
function serve (mounts) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    const mount = mounts.find(([prefix]) => url.startsWith(prefix))
    const send = (status, file) => {
      res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' })
      fs.createReadStream(file).pipe(res)
    }
    if (!mount) { res.writeHead(404); return res.end('not found') }
    let file = path.join(mount[1], url.slice(mount[0].length))
    if (!file.startsWith(mount[1])) { res.writeHead(403); return res.end() }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (fs.existsSync(file)) return send(200, file)
    send(404, path.join(mount[1], '404.html'))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
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

// Query times in the page: the first query right after the index is ready (download and
// parse excluded) and later keystrokes, each measured around the input event's handler.
async function measure (browser, origin, timings, problems, base = '/') {
  const context = await browser.newContext()
  const page = await openPage(context, problems)
  await page.goto(origin + base)
  const focused = Date.now()
  await page.focus('#search-input')
  await page.waitForSelector('form.search[data-state=ready]')
  const readyMs = Date.now() - focused
  const result = await page.evaluate(() => {
    const input = document.getElementById('search-input')
    const time = (value) => {
      const t = performance.now()
      input.value = value
      input.dispatchEvent(new Event('input'))
      return performance.now() - t
    }
    const first = time('v')
    const later = []
    for (let round = 0; round < 5; round++) {
      for (const word of ['versioning', 'kubernetes debug', 'api +design', 'pipeline idempotent']) {
        for (let i = 1; i <= word.length; i++) later.push(time(word.slice(0, i)))
      }
    }
    return { first, later }
  })
  timings.push({ site: base, focusToReadyMs: readyMs, firstQueryMs: +result.first.toFixed(2), keystrokes: result.later.length, keystrokeP50Ms: +percentile(result.later, 0.5).toFixed(2), keystrokeP95Ms: +percentile(result.later, 0.95).toFixed(2), keystrokeMaxMs: +Math.max(...result.later).toFixed(2) })
  await context.close()
}

// A failed download says so and offers a retry that works.
async function checkRetry (browser, origin, problems) {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.on('pageerror', (e) => problems.push(`uncaught exception during retry: ${e.message}`))
  await page.route('**/search_index.json', (route) => route.abort())
  await page.goto(origin + '/')
  await page.focus('#search-input')
  await page.keyboard.type('kube')
  await page.waitForSelector('.search-msg button')
  assert.match(await page.textContent('.search-msg'), /Search is unavailable — retry/)
  await page.unroute('**/search_index.json')
  await page.click('.search-msg button')
  await page.waitForSelector('#search-listbox [role=option]')
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
  const server = await serve([[SUB, subSite + path.sep], ['/bench/', benchSite + path.sep], ['/', rootSite + path.sep]])
  const origin = `http://127.0.0.1:${server.address().port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const problems = []
  const timings = []
  try {
    build(guide, root, rootSite, origin + '/')
    build(guide, root, subSite, origin + SUB)
    await checkSite(browser, origin, '/', timings, problems)
    console.log('ok - root site: type, arrows, Enter, /search/, bad queries')
    await checkSite(browser, origin, SUB, timings, problems)
    console.log(`ok - sub-path site (${SUB}): the same`)
    await measure(browser, origin, timings, problems)
    if (process.argv.includes('--bench')) {
      build(guide, args().bench, benchSite, origin + '/bench/')
      await measure(browser, origin, timings, problems, '/bench/')
      const zlib = require('zlib')
      for (const f of ['search_index.json', 'search_docs.json']) {
        const bytes = fs.readFileSync(path.join(benchSite, f))
        timings.push({ file: f, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length })
      }
    }
    await checkRetry(browser, origin, problems)
    console.log('ok - a failed download offers a working retry')
    await checkNoScript(browser, origin)
    console.log('ok - without JavaScript, /search/ says so and links to the sections')
    // The aborted request in checkRetry logs a console error by design; it is not recorded.
    assert.deepStrictEqual(problems, [], 'no console errors or uncaught exceptions')
    console.log('TIMINGS ' + JSON.stringify(timings))
  } finally {
    await browser.close()
    server.close()
    fs.rmSync(work, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})
