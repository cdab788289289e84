// Measurements of a built site in headless Chromium, shared by the theme test
// (tests/js/theme_browser.js) and the comparison with other generators' themes
// (tests/js/compare_themes.js, run by scripts/compare_themes.sh): a static server, axe-core,
// layout shift (with CPU throttling), what a page transfers, sideways scrolling, head tags.
'use strict'

const fs = require('fs')
const http = require('http')
const net = require('net')
const path = require('path')
const zlib = require('zlib')
const { execFileSync, spawn } = require('child_process')

const CHROMIUM = process.env.GUIDE_CHROMIUM || '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.png': 'image/png', '.ico': 'image/x-icon' }
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const WIDTHS = [360, 768, 1280]

// Serves `mounts` ([[urlPrefix, dir]], longest prefix first) like a plain static host: a
// folder's index.html, the mount's 404.html for unknown paths, gzip-compressed when
// `gzip` is set and the client accepts it (as any real host would); on 127.0.0.1 at `port`
// (0: any free port). `headersFor(urlPath)` adds response headers, as a host's rules do.
function serve (mounts, { gzip = false, port = 0, headersFor = () => ({}) } = {}) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    const mount = mounts.find(([prefix]) => url.startsWith(prefix))
    const send = (status, file) => {
      const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache', ...headersFor(url) }
      // Range requests (the search client reads members of its packs so), as static hosts
      // answer them, unless the mount says its host ignores them (mounts[i][2].ranges).
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '')
      if (status === 200 && range && mount[2]?.ranges !== false) {
        const size = fs.statSync(file).size
        const [a, b] = [+range[1], Math.min(+range[2], size - 1)]
        if (a > b) { res.writeHead(416, { 'content-range': `bytes */${size}` }); return res.end() }
        res.writeHead(206, { ...headers, 'content-range': `bytes ${a}-${b}/${size}`, 'content-length': b - a + 1 })
        return fs.createReadStream(file, { start: a, end: b }).pipe(res)
      }
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        headers['content-encoding'] = 'gzip'
        res.writeHead(status, headers)
        return res.end(zlib.gzipSync(fs.readFileSync(file)))
      }
      res.writeHead(status, headers)
      fs.createReadStream(file).pipe(res)
    }
    if (!mount) { res.writeHead(404); return res.end('not found') }
    let file = path.join(mount[1], url.slice(mount[0].length))
    if (!file.startsWith(mount[1])) { res.writeHead(403); return res.end() }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (fs.existsSync(file)) return send(200, file)
    const notFound = path.join(mount[1], '404.html')
    if (fs.existsSync(notFound)) return send(404, notFound)
    res.writeHead(404)
    res.end('not found')
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

// An npm package of tests/, or exit status 2 with how to install it.
function need (name) {
  try {
    return require(name)
  } catch (_) {
    console.error(`${name} is not installed: run \`npm ci --prefix tests\` (scripts/test.sh does)`)
    process.exit(2)
  }
}

// Copies a guide's folder (without a built `public/` beside the sources).
function copyDir (from, to) {
  fs.mkdirSync(to, { recursive: true })
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'public') continue
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) copyDir(source, target)
    else fs.copyFileSync(source, target)
  }
}

// Starts `guide serve` (with `extraArgs`) and resolves `ready` once its output includes
// `readyText` (printed after the first build).
function startServe (guide, root, port, { extraArgs = [], readyText = 'Serving the guide at' } = {}) {
  const child = spawn(guide, ['serve', ...extraArgs, '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  const log = []
  child.stderr.on('data', (d) => log.push(String(d)))
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      log.push(String(d))
      if (log.join('').includes(readyText)) resolve()
    })
    child.on('exit', (code) => reject(new Error(`guide serve exited with ${code}:\n${log.join('')}`)))
  })
  return { child, ready, log }
}

// Builds the guide at `root` into `out` with the guide binary, for `baseUrl`.
// Playwright's Chromium launcher, or exit status 2 with how to install what is missing.
function chromiumLauncher () {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium is not installed at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium; scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip`)
    process.exit(2)
  }
  return need('playwright-core').chromium
}

function build (guide, root, out, baseUrl) {
  execFileSync(guide, ['build', '--quiet', '--root', root, '--output-dir', out, '--base-url', baseUrl], { stdio: 'inherit' })
}

// Every HTML file of a built site, as URL paths ("/", "/engineering/", "/404.html").
function htmlPaths (dir) {
  const out = []
  const walk = (d, prefix) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), prefix + e.name + '/')
      else if (e.name === 'index.html') out.push(prefix)
      else if (e.name.endsWith('.html')) out.push(prefix + e.name)
    }
  }
  walk(dir, '/')
  return out.sort()
}

// axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line each.
async function axeViolations (page, axePath) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ path: axePath })
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), WCAG)
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join('\n      ')}`)
}

// Makes every page of `context` record its layout shifts from the start of the load.
function recordLayoutShifts (context) {
  return context.addInitScript(() => {
    window.__shifts = []
    const describe = (s) => {
      const n = s.node
      const name = !n ? '?' : n.nodeType === 1 ? n.nodeName.toLowerCase() + (n.id ? '#' + n.id : '') + (typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\s+/).join('.') : '') : n.nodeName
      const r = (x) => `${Math.round(x.x)},${Math.round(x.y)} ${Math.round(x.width)}×${Math.round(x.height)}`
      return `${name} ${r(s.previousRect)} → ${r(s.currentRect)}`
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({ value: e.value, at: Math.round(e.startTime), sources: e.sources.map(describe) })
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

// The layout shifts a page recorded (recordLayoutShifts): their sum (an upper bound of
// CLS, which takes the worst window of them) and the shifts themselves.
async function layoutShifts (page) {
  const shifts = await page.evaluate(() => window.__shifts || [])
  return { total: shifts.reduce((s, x) => s + x.value, 0), shifts }
}

// Loads `url` in a fresh context `width` px wide, its CPU slowed down `cpuThrottle` times
// (Chromium's DevTools emulation; Lighthouse's mobile preset uses 4), and returns its
// layout shifts once the network has been idle and a second has passed. `ready` (an
// async function of the page) waits for what the page still has to do.
async function loadShift (browser, url, { width = 360, height = 800, cpuThrottle = 1, colorScheme = 'light', ready } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme })
  await recordLayoutShifts(context)
  const page = await context.newPage()
  if (cpuThrottle > 1) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle })
  }
  try {
    await page.goto(url, { waitUntil: 'networkidle' })
    if (ready) await ready(page)
    await page.waitForTimeout(1000)
    return await layoutShifts(page)
  } finally {
    await context.close()
  }
}

// What a first visit to `path` transfers: every response's body gzip-compressed at level 9
// (what a host compressing its files would send), the requests to other origins, and the
// layout shift while it loads. Bodies are fetched again outside the browser to be counted.
async function transferWeight (browser, origin, pagePath, { width = 390, height = 844 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } })
  await recordLayoutShifts(context)
  const page = await context.newPage()
  const files = []
  page.on('request', (r) => files.push(r.url()))
  await page.goto(origin + pagePath, { waitUntil: 'networkidle' })
  await page.waitForTimeout(500)
  const shift = await layoutShifts(page)
  await context.close()
  const rows = []
  const foreign = []
  for (const url of files) {
    const u = new URL(url)
    if (u.protocol === 'data:') continue
    if (u.origin !== origin) { foreign.push(url); continue }
    const body = Buffer.from(await (await fetch(url)).arrayBuffer())
    rows.push({ path: u.pathname, bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length })
  }
  return { page: pagePath, total: rows.reduce((s, r) => s + r.gzip, 0), files: rows, foreign, layoutShift: shift.total, shifts: shift.shifts }
}

// Whether the loaded page scrolls sideways: the document's scroll width against the
// viewport's, and the element sticking out furthest that no scrolling box of its own holds
// (past the right edge, or past the left one on a right-to-left page).
function horizontalOverflow (page) {
  return page.evaluate(() => {
    const doc = document.documentElement
    const rtl = getComputedStyle(doc).direction === 'rtl'
    let worst = null
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect()
      const out = rtl ? -r.left : r.right - doc.clientWidth
      if (out > 0.5 && (!worst || out > worst.out)) {
        let scroller = el.parentElement
        while (scroller && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement
        if (!scroller || scroller === document.body || scroller === doc) worst = { out, left: r.left, right: r.right, what: el.tagName + '.' + el.className }
      }
    }
    return { scroll: doc.scrollWidth, client: doc.clientWidth, worst, scrolls: doc.scrollWidth > doc.clientWidth || !!worst }
  })
}

// The head tags search engines and link previews read, from an HTML document's text (run
// in the page: `page.evaluate(headTags, html)` needs a DOMParser).
function headTags (text) {
  const doc = new DOMParser().parseFromString(text, 'text/html')
  const meta = (sel) => { const el = doc.querySelector(sel); return el ? (el.getAttribute('content') ?? el.getAttribute('href')) : null }
  return {
    title: doc.title,
    lang: doc.documentElement.getAttribute('lang'),
    description: meta('meta[name=description]'),
    canonical: meta('link[rel=canonical]'),
    robots: meta('meta[name=robots]'),
    ogTitle: meta('meta[property="og:title"]'),
    ogDescription: meta('meta[property="og:description"]'),
    ogType: meta('meta[property="og:type"]'),
    ogUrl: meta('meta[property="og:url"]'),
    ogSite: meta('meta[property="og:site_name"]'),
    card: meta('meta[name="twitter:card"]'),
    cardTitle: meta('meta[name="twitter:title"]'),
    feed: meta('link[rel=alternate][type="application/atom+xml"]') || meta('link[rel=alternate][type="application/rss+xml"]'),
    refresh: !!doc.querySelector('meta[http-equiv=refresh]')
  }
}

// A port nothing listens on, for a server started by another program.
function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// Reads `--name value` pairs from the command line over `defaults`; a name in `repeated`
// collects every value in a list. Prints `usage` and exits 2 when a name of `required` has
// no value.
function parseArgs (usage, required, defaults = {}, repeated = []) {
  const out = { ...defaults }
  for (const name of repeated) out[name] = []
  const argv = process.argv.slice(2)
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '')
    if (repeated.includes(key)) out[key].push(argv[i + 1])
    else out[key] = argv[i + 1]
  }
  if (required.some(name => repeated.includes(name) ? out[name].length === 0 : !out[name])) {
    console.error(`usage: ${usage}`)
    process.exit(2)
  }
  return out
}

module.exports = { parseArgs, CHROMIUM, ARGS, need, build, copyDir, startServe, chromiumLauncher, WCAG, WIDTHS, serve, freePort, htmlPaths, axeViolations, recordLayoutShifts, layoutShifts, loadShift, transferWeight, horizontalOverflow, headTags }
