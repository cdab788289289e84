#!/usr/bin/env node
// `guide serve` in real headless Chromium (playwright-core): a page reloads by itself after
// an edit, shows the error overlay (file, line, message) after a breaking edit, and clears
// it after the fix. With --bench it measures instead how long an edit of one role takes to
// show in the browser: from writing the file to the reloaded page's load event.
//
// Usage: node tests/js/serve_browser.js --guide GUIDE_BINARY --root SITE
//          [--bench N --page /url/of/a/role/ --file content/path/of/that/role.md]
// SITE is copied into a temporary folder first: it is never edited in place. Exit status
// 0 when all checks pass, 1 on a failure, 2 when Chromium or playwright-core is missing.
// The benchmark prints `BENCH {json}` with every measured edit and the medians.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { parseArgs, copyDir, freePort, startServe } = require('./measure')

const CHROMIUM = process.env.GUIDE_CHROMIUM || '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']

function args () {
  return parseArgs('node tests/js/serve_browser.js --guide GUIDE_BINARY --root SITE [--bench N --page URL_PATH --file FILE]', ['guide', 'root'])
}

function loadPlaywright () {
  try {
    return require('playwright-core')
  } catch (_) {
    console.error('playwright-core is not installed: run `npm ci --prefix tests` (scripts/test.sh does)')
    process.exit(2)
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// Writes `text` to `file` and resolves with the milliseconds until `page` has loaded again
// and shows `marker` (the page must reload by itself: nothing here reloads it).
async function timeEdit (page, file, text, marker) {
  const loaded = page.waitForEvent('load', { timeout: 20000 })
  const started = performance.now()
  fs.writeFileSync(file, text)
  await loaded
  const ms = performance.now() - started
  const html = await page.content()
  assert(html.includes(marker), `the reloaded page does not show ${marker}`)
  return ms
}

async function checks (page, base, file, problems) {
  // What the pages send the server: each says when it has loaded (the server holds back
  // the rest of a rebuild until then).
  const sent = []
  page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))))
  const loadedMessages = () => sent.filter((m) => m === '{"type":"loaded"}').length
  await page.goto(`${base}/engineering/backend/`)
  assert.match(await page.title(), /Backend Developer/)
  // Set on this document only: gone once the page has reloaded.
  await page.evaluate(() => { window.__beforeEdit = true })
  const original = fs.readFileSync(file, 'utf8')
  const ms = await timeEdit(page, file, original.replace('title = "Backend Developer"', 'title = "Backend Wizard"'), 'Backend Wizard')
  assert.match(await page.title(), /Backend Wizard/)
  assert.strictEqual(await page.evaluate(() => window.__beforeEdit), undefined, 'the page was reloaded')
  console.log(`ok - the page reloaded by itself ${Math.round(ms)} ms after the edit was saved`)
  for (let waited = 0; loadedMessages() < 2; waited += 20) {
    assert(waited < 20000, `the pages said they loaded ${loadedMessages()} times, not 2: ${JSON.stringify(sent)}`)
    await sleep(20)
  }
  console.log('ok - the page and the reloaded page each told the server they had loaded')

  // A salary minimum above the maximum: an error at a known line of the file.
  const broken = original.replace('skills = ["SQL"]', 'skills = ["SQL"]\n\n[role.salary]\nmin = 150000\nmax = 100000\ncurrency = "USD"\nperiod = "year"')
  const line = broken.split('\n').findIndex((l) => l.startsWith('min = 150000')) + 1
  fs.writeFileSync(file, broken)
  const overlay = page.locator('#__guide-error-overlay')
  await overlay.waitFor({ state: 'visible', timeout: 20000 })
  const text = await overlay.innerText()
  assert(text.includes(`content/engineering/backend.md:${line}:`), `the overlay names the file and line ${line}:\n${text}`)
  assert(text.includes('salary minimum (150000) is greater than the maximum (100000)'), `the overlay shows the message:\n${text}`)
  assert.match(await page.title(), /Backend Wizard/, 'the last good page stays underneath')
  console.log('ok - a breaking edit shows the overlay with file, line and message')

  // A page opened while the build is broken shows the errors at once.
  const other = await page.context().newPage()
  await other.goto(`${base}/`)
  await other.locator('#__guide-error-overlay').waitFor({ state: 'visible', timeout: 20000 })
  await other.close()
  console.log('ok - a page opened while the build is broken shows the overlay too')

  const fixed = page.waitForEvent('load', { timeout: 20000 })
  fs.writeFileSync(file, original)
  await fixed
  assert.match(await page.title(), /Backend Developer/)
  assert.strictEqual(await overlay.count(), 0, 'the overlay is gone after the fix')
  console.log('ok - fixing the file reloads the page and clears the overlay')
  assert.deepStrictEqual(problems, [], 'no console errors')
}

async function bench (page, base, opts, file) {
  await page.goto(`${base}${opts.page}`)
  const original = fs.readFileSync(file, 'utf8')
  const runs = Number(opts.bench)
  const body = []
  const title = []
  const titleLine = original.split('\n').find((l) => l.startsWith('title = '))
  assert(titleLine, `${opts.file} has a title line`)
  // Each edit is one save of the role file, a second apart (as a person saves); one body
  // edit (a sentence added) and one title edit (listings, summaries and roles.json change).
  for (let i = 0; i < runs; i++) {
    await sleep(1000)
    const marker = `Benchmark edit ${i} of the body.`
    body.push(await timeEdit(page, file, `${original}\n${marker}\n`, marker))
    await sleep(1000)
    const newTitle = `Benchmark title ${i}`
    title.push(await timeEdit(page, file, original.replace(titleLine, `title = "${newTitle}"`), newTitle))
  }
  fs.writeFileSync(file, original)
  const round = (xs) => xs.map((x) => Math.round(x))
  const result = { runs, body_ms: round(body), title_ms: round(title), median_body_ms: Math.round(median(body)), median_title_ms: Math.round(median(title)), loadavg: os.loadavg().map((x) => x.toFixed(2)) }
  console.log(`BENCH ${JSON.stringify(result)}`)
}

async function main () {
  const opts = args()
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium is not installed at ${CHROMIUM}`)
    process.exit(2)
  }
  const { chromium } = loadPlaywright()
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-serve-'))
  const root = path.join(temp, 'site')
  copyDir(opts.root, root)
  const port = await freePort()
  const server = startServe(opts.guide, root, port)
  let browser = null
  let code = 0
  try {
    await server.ready
    const base = `http://127.0.0.1:${port}`
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    const context = await browser.newContext()
    const problems = []
    const page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon\.ico/.test((m.location() || {}).url || '')) problems.push(`console error on ${page.url()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`))
    if (opts.bench) await bench(page, base, opts, path.join(root, opts.file))
    else await checks(page, base, path.join(root, 'content/engineering/backend.md'), problems)
  } catch (error) {
    console.log(`not ok - ${error.stack || error}`)
    console.log(`guide serve said:\n${server.log.join('')}`)
    code = 1
  } finally {
    if (browser) await browser.close()
    server.child.kill()
    fs.rmSync(temp, { recursive: true, force: true })
  }
  if (opts.bench) console.log(server.log.join('').split('\n').filter((l) => /^(Rebuilt|Built|Search|timings)/.test(l)).slice(-9).join('\n'))
  process.exit(code)
}

main()
