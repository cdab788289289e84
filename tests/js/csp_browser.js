#!/usr/bin/env node
// The Content Security Policy in real headless Chromium (playwright-core): every kind of
// page of the bundled guide (home, section, role, page, summaries, search with results,
// 404, print view) loads and is used (theme switch, live search, table sorting and
// filtering) with the policy enforced, and Chromium reports no violation and no console
// error. Twice: the policy in each page's <meta> tag (no `[deploy] host`), and in the
// `_headers` file of `[deploy] host = "netlify"`, served as the host would. Then a
// control: content the policy must refuse (an image from another origin, an inline style
// and script added by hand) is refused and reported, so the listener does hear violations.
// Last, `guide serve` still reloads pages that carry the policy.
//
// Usage: node tests/js/csp_browser.js --guide GUIDE_BINARY --site GUIDE_DIR
// Exit status 0 when all checks pass, 1 on a failure, 2 when Chromium or the npm tooling
// is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { execFileSync, spawn } = require('child_process')
const { parseArgs, CHROMIUM, ARGS, chromiumLauncher, serve, freePort, need, htmlPaths } = require('./measure')

function args () {
  return parseArgs('node tests/js/csp_browser.js --guide GUIDE_BINARY --site GUIDE_DIR', ['guide', 'site'])
}

// A copy of the guide's sources (config.toml, content/) with `extra` added to config.toml.
function copySite (site, extra) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-csp-'))
  fs.cpSync(path.join(site, 'content'), path.join(dir, 'content'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'config.toml'), fs.readFileSync(path.join(site, 'config.toml'), 'utf8') + extra)
  return dir
}

function build (guide, root, out) {
  execFileSync(guide, ['build', '--quiet', '--root', root, '--output-dir', out, '--base-url', 'http://127.0.0.1/'], { stdio: 'inherit' })
}

// The rules of a `_headers` file: [{ pattern, headers: [[name, value]] }], in file order.
function readHeadersFile (file) {
  const rules = []
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] })
      continue
    }
    const at = line.indexOf(':')
    assert(at > 0 && rules.length, `a header line outside a rule in _headers: ${line}`)
    rules[rules.length - 1].headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()])
  }
  return rules
}

// What Netlify and Cloudflare Pages do with it: every rule whose pattern (`*` matches
// anything) matches the request path adds its headers.
function headersFor (rules, urlPath) {
  const out = {}
  for (const { pattern, headers } of rules) {
    const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$')
    if (!re.test(urlPath)) continue
    for (const [name, value] of headers) out[name.toLowerCase()] = out[name.toLowerCase()] ? `${out[name.toLowerCase()]}, ${value}` : value
  }
  return out
}

// The kinds of page of the bundled guide.
function kindsOfPage (siteDir) {
  const all = htmlPaths(siteDir)
  const first = (re, what) => {
    const found = all.find((p) => re.test(p))
    assert(found, `the bundled guide has a ${what} page`)
    return found
  }
  return {
    home: '/',
    section: '/engineering/',
    role: first(/^\/engineering\/[^/]+\/$/, 'role'),
    page: '/about/',
    salaries: '/salaries/',
    salaryTable: '/salaries/engineering/',
    skills: '/skills/',
    skill: first(/^\/skills\/[^/]+\/$/, 'skill'),
    industries: '/industries/',
    industry: first(/^\/industries\/[^/]+\/$/, 'industry'),
    search: '/search/?q=kubernetes',
    notFound: '/no-such-page/'
  }
}

// A context whose pages record every policy violation (as events, which Chromium fires
// for each refused script, style, image or request) and console error.
async function watchedContext (browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addInitScript(() => {
    window.__violations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} refused ${e.blockedURI || 'inline code'} (${e.sourceFile || ''}:${e.lineNumber || 0}) ${e.sample || ''}`)
    })
  })
  return context
}

async function openWatched (context, consoleErrors) {
  const page = await context.newPage()
  page.on('console', (m) => {
    // The 404 page is served with status 404 on purpose, which Chromium logs as an error.
    const url = (m.location() || {}).url || ''
    if (m.type() === 'error' && !/\/no-such-page\/$/.test(url)) consoleErrors.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message}`))
  return page
}

// Uses what the page's scripts do: the theme switch on every page, the live search on the
// home page, sorting and filtering on the summary tables; prints role pages.
async function exercise (page, kind) {
  await page.click('.theme-toggle')
  await page.click('.theme-toggle')
  if (kind === 'home') {
    await page.fill('#search-input', 'kubernetes')
    await page.waitForSelector('#search-listbox [role=option]')
  }
  if (kind === 'search') await page.waitForFunction(() => /result/.test((document.getElementById('search-page-status') || {}).textContent || ''))
  // table.js turns the summary tables' headers into sort buttons and adds a filter.
  if (kind === 'salaryTable') assert(await page.$('table[data-sortable] th button'), 'table.js ran on the salary table page')
  if (await page.$('table[data-sortable] th button')) await page.click('table[data-sortable] th button')
  if (await page.$('#table-filter-input')) await page.fill('#table-filter-input', 'a')
  if (kind === 'role') {
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ format: 'A4' })
    await page.emulateMedia({ media: 'screen' })
  }
}

// Loads every kind of page with the policy enforced; returns the violations and errors.
async function checkPages (browser, origin, pages, expectPolicy) {
  const problems = []
  const consoleErrors = []
  const context = await watchedContext(browser)
  const page = await openWatched(context, consoleErrors)
  page.setDefaultTimeout(10000)
  for (const [kind, url] of Object.entries(pages)) {
    const response = await page.goto(origin + url)
    const policy = await expectPolicy(page, response)
    assert(policy && policy.includes("default-src 'self'"), `${url} carries the policy (found: ${policy})`)
    assert(!policy.includes('unsafe-inline'), `${url}: the policy allows no inline code by category`)
    // What loading refused is reported as it is: a page missing its scripts cannot be used.
    const refused = await page.evaluate(() => window.__violations)
    if (refused.length === 0) await exercise(page, kind)
    const violations = await page.evaluate(() => window.__violations)
    problems.push(...violations.map((v) => `${kind} ${url}: ${v}`))
  }
  await context.close()
  return problems.concat(consoleErrors)
}

const metaPolicy = (page) => page.evaluate(() => (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content)
const headerPolicy = async (page, response) => {
  assert.strictEqual(await metaPolicy(page), undefined, 'no <meta> policy where the host sends the header')
  return response.headers()['content-security-policy']
}

// The listener hears violations: what the policy must refuse is refused and reported.
async function checkControl (browser, origin) {
  const context = await watchedContext(browser)
  const page = await context.newPage()
  await page.goto(origin + '/')
  const result = await page.evaluate(async () => {
    const image = new Image()
    const loaded = new Promise((resolve) => { image.onload = () => resolve('loaded'); image.onerror = () => resolve('refused') })
    image.src = 'https://example.org/tracker.png'
    document.body.appendChild(image)
    const styled = document.createElement('p')
    styled.setAttribute('style', 'color: red')
    document.body.appendChild(styled)
    const script = document.createElement('script')
    script.textContent = 'window.__ran = true'
    document.body.appendChild(script)
    const outcome = await loaded
    await new Promise((resolve) => setTimeout(resolve, 100))
    return { image: outcome, styled: getComputedStyle(styled).color, ran: window.__ran === true, violations: window.__violations }
  })
  assert.strictEqual(result.image, 'refused', 'an image from another origin is refused')
  assert.notStrictEqual(result.styled, 'rgb(255, 0, 0)', 'a style attribute added by hand is refused')
  assert.strictEqual(result.ran, false, 'an inline script added by hand does not run')
  for (const directive of ['img-src', 'style-src', 'script-src']) {
    assert(result.violations.some((v) => v.startsWith(directive)), `a ${directive} violation is reported: ${JSON.stringify(result.violations)}`)
  }
  await context.close()
}

// `guide serve` links its reload script as a file, which the policy allows: a page
// reloads after an edit, with no violation.
async function checkServe (browser, guide, root) {
  const port = await freePort()
  const child = spawn(guide, ['serve', '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  const log = []
  child.stderr.on('data', (d) => log.push(String(d)))
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => { log.push(String(d)); if (String(d).includes('Serving the guide at')) resolve() })
      child.on('exit', (code) => reject(new Error(`guide serve exited with ${code}:\n${log.join('')}`)))
    })
    const context = await watchedContext(browser)
    const consoleErrors = []
    const page = await openWatched(context, consoleErrors)
    await page.goto(`http://127.0.0.1:${port}/about/`)
    assert((await metaPolicy(page) || '').includes("script-src 'self'"), 'served pages carry the policy')
    await page.evaluate(() => { window.__beforeEdit = true })
    const reloaded = page.waitForEvent('load', { timeout: 20000 })
    // The socket opens after the page loads; give it a moment before editing.
    await page.waitForTimeout(500)
    const file = path.join(root, 'content', 'about.md')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + '\n\nEdited for the policy check.\n')
    await reloaded
    assert.strictEqual(await page.evaluate(() => window.__beforeEdit), undefined, 'the page reloaded by itself')
    const violations = await page.evaluate(() => window.__violations)
    assert.deepStrictEqual(violations.concat(consoleErrors), [], 'no violation or console error under guide serve')
    await context.close()
  } finally {
    child.kill()
  }
}

async function main () {
  const { guide, site } = args()
  const chromium = chromiumLauncher()
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const roots = []
  const servers = []
  let failed = false
  try {
    const metaRoot = copySite(site, '')
    const netlifyRoot = copySite(site, '\n[deploy]\nhost = "netlify"\n')
    roots.push(metaRoot, netlifyRoot)
    build(guide, metaRoot, path.join(metaRoot, 'public'))
    build(guide, netlifyRoot, path.join(netlifyRoot, 'public'))
    const pages = kindsOfPage(path.join(metaRoot, 'public'))

    const metaServer = await serve([['/', path.join(metaRoot, 'public')]])
    servers.push(metaServer)
    const metaOrigin = `http://127.0.0.1:${metaServer.address().port}`
    const rules = readHeadersFile(path.join(netlifyRoot, 'public', '_headers'))
    const headerServer = await serve([['/', path.join(netlifyRoot, 'public')]], { headersFor: (urlPath) => headersFor(rules, urlPath) })
    servers.push(headerServer)
    const headerOrigin = `http://127.0.0.1:${headerServer.address().port}`

    for (const [what, run] of [
      ['every kind of page, policy in <meta>', () => checkPages(browser, metaOrigin, pages, metaPolicy)],
      ['every kind of page, policy from _headers (netlify)', () => checkPages(browser, headerOrigin, pages, headerPolicy)]
    ]) {
      try {
        const problems = await run()
        if (problems.length) throw new Error(`violations or console errors:\n  ${problems.join('\n  ')}`)
        console.log(`ok - ${what}: no violation, no console error`)
      } catch (e) {
        failed = true
        console.log(`not ok - ${what}: ${e.message}`)
      }
    }
    for (const [what, run] of [
      ['the policy refuses and reports other origins and inline code', () => checkControl(browser, metaOrigin)],
      ['guide serve reloads pages under the policy', () => checkServe(browser, guide, metaRoot)]
    ]) {
      try {
        await run()
        console.log(`ok - ${what}`)
      } catch (e) {
        failed = true
        console.log(`not ok - ${what}: ${e.message}`)
      }
    }
  } finally {
    for (const server of servers) server.close()
    await browser.close()
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true })
  }
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
