#!/usr/bin/env node
// Readability in real headless Chromium (playwright-core), on computed styles:
//
// - contrast: every highlighted token of every code block, in light and in dark, with the
//   scheme set by the system (`prefers-color-scheme`) and by the page's light/dark switch,
//   meets 4.5:1 (WCAG 2.1 AA) against the background it is drawn on; so does each block's
//   language label. Each scheme must really show: light blocks in light, dark in dark.
// - links: no link's accessible name (as Chromium's accessibility tree computes it) nor its
//   text as Lighthouse's "link-text" audit reads it (innerText) is one of the generic words
//   that audit flags, or a bare address.
//
// Usage: node tests/js/readable_browser.js --guide GUIDE_BINARY --site DIR [--site DIR ...]
//          [--only contrast,links]
// Each site is built with the binary and every page of it is checked (tests/readable_browser.rs
// runs it over the bundled guide and fixtures). Prints `ok - ...` per check; exit status 0
// when all pass, 1 on a failure, 2 when Chromium or the npm tooling is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { parseArgs, CHROMIUM, ARGS, chromiumLauncher, need, build, serve, htmlPaths } = require('./measure')

// WCAG 2.1 AA for normal text.
const MINIMUM = 4.5

// Lighthouse's "link-text" audit (core/audits/seo/link-text.js, Lighthouse 12): link texts
// it calls non-descriptive, by language. A link whose text is one of these, compared
// without case or surrounding spaces, fails the audit; so does a full http(s) address.
const GENERIC_LINK_TEXTS = [
  // English
  'click here', 'click this', 'go', 'here', 'information', 'learn more', 'more', 'more info',
  'more information', 'right here', 'read more', 'see more', 'start', 'this',
  // Japanese
  'ここをクリック', 'こちらをクリック', 'リンク', '続きを読む', '続く', '全文表示',
  // Spanish
  'click aquí', 'click aqui', 'clicka aquí', 'clicka aqui', 'pincha aquí', 'pincha aqui', 'aquí', 'aqui',
  'más', 'mas', 'más información', 'más informacion', 'mas información', 'mas informacion', 'este',
  'enlace', 'este enlace', 'empezar',
  // Portuguese
  'clique aqui', 'ir', 'mais informação', 'mais informações', 'mais', 'veja mais',
  // Korean
  '여기', '여기를 클릭', '클릭', '링크', '자세히', '자세히 보기', '계속', '이동', '전체 보기',
  // Swedish
  'här', 'klicka här', 'läs mer', 'mer', 'mer info', 'mer information',
  // German
  'klicke hier', 'hier klicken', 'hier', 'mehr', 'siehe', 'dies', 'das', 'weiterlesen',
  // Tamil
  'அடுத்த பக்கம்', 'மறுபக்கம்', 'முந்தைய பக்கம்', 'முன்பக்கம்', 'மேலும் அறிக', 'மேலும் தகவலுக்கு',
  'மேலும் தரவுகளுக்கு', 'தயவுசெய்து இங்கே அழுத்தவும்', 'இங்கே கிளிக் செய்யவும்',
  // Persian
  'اطلاعات بیشتر', 'اطلاعات', 'این', 'اینجا بزنید', 'اینجا کلیک کنید', 'اینجا', 'برو', 'بیشتر بخوانید',
  'بیشتر بدانید', 'بیشتر', 'شروع'
]

function args () {
  return parseArgs('node tests/js/readable_browser.js --guide GUIDE_BINARY --site DIR [--site DIR ...] [--only contrast,links]', ['guide', 'site'], {}, ['site'])
}

// The four ways a reader ends up in a scheme: the system's preference alone, or the
// switch pressed against it.
const MODES = [
  { name: 'light by the system', system: 'light', toggle: false, dark: false },
  { name: 'dark by the system', system: 'dark', toggle: false, dark: true },
  { name: 'dark by the switch on a light system', system: 'light', toggle: true, dark: true },
  { name: 'light by the switch on a dark system', system: 'dark', toggle: true, dark: false }
]

// Runs in the page: every text node of every code block with its colour and the colour
// it is drawn on (the nearest ancestor with an opaque background), and each block's label.
function collectTokens () {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/)
    if (!m) return null
    const [r, g, b, a] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number)
    return { r, g, b, a: a === undefined ? 1 : a }
  }
  const backgroundOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor)
      if (bg && bg.a > 0) return bg
    }
    return { r: 255, g: 255, b: 255, a: 1 }
  }
  const blocks = []
  for (const pre of document.querySelectorAll('pre.code')) {
    const block = { lang: pre.dataset.lang || '', background: backgroundOf(pre), tokens: [] }
    const label = getComputedStyle(pre, '::before')
    if (pre.dataset.lang && label.content !== 'none') block.label = parse(label.color)
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue.trim()) continue
      const el = node.parentElement
      block.tokens.push({
        text: node.nodeValue.trim().slice(0, 30),
        classes: el.className || el.tagName.toLowerCase(),
        colour: parse(getComputedStyle(el).color),
        background: backgroundOf(el)
      })
    }
    blocks.push(block)
  }
  return blocks
}

// WCAG relative luminance and contrast ratio; a translucent colour is blended first.
const blend = (c, over) => ({ r: c.r * c.a + over.r * (1 - c.a), g: c.g * c.a + over.g * (1 - c.a), b: c.b * c.a + over.b * (1 - c.a), a: 1 })
const luminance = (c) => {
  const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) }
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}
const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05) }
const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')

// Pages of a built site that have a code block.
const codePaths = (dir) => htmlPaths(dir).filter((p) => /<pre class="?code/.test(fs.readFileSync(path.join(dir, p.endsWith('/') ? p + 'index.html' : p), 'utf8')))

// Every token of every code page, in each mode.
async function checkContrast (browser, sites) {
  const failures = []
  let tokens = 0
  let blocks = 0
  for (const mode of MODES) {
    const context = await browser.newContext({ colorScheme: mode.system })
    const page = await context.newPage()
    let toggled = false
    for (const site of sites) {
      for (const url of codePaths(site.dir)) {
        const response = await page.goto(site.origin + url)
        assert.ok(response.ok(), `${site.base}${url.slice(1)} loads`)
        if (mode.toggle && !toggled) {
          // The real switch, once: the choice is remembered on the next pages.
          await page.click('.theme-toggle')
          toggled = true
        }
        const theme = await page.evaluate(() => document.documentElement.dataset.theme || null)
        assert.strictEqual(theme, mode.toggle ? (mode.dark ? 'dark' : 'light') : null, `${url}: data-theme when ${mode.name}`)
        for (const block of await page.evaluate(collectTokens)) {
          blocks++
          const where = `${site.base}${url.slice(1)} (${mode.name}) ${block.lang || 'code'} block`
          const dark = luminance(block.background) < 0.18
          if (dark !== mode.dark) failures.push(`${where}: background ${hex(block.background)} is not ${mode.dark ? 'dark' : 'light'}`)
          if (block.label) {
            const r = ratio(blend(block.label, block.background), block.background)
            if (r < MINIMUM) failures.push(`${where}: the language label ${hex(block.label)} on ${hex(block.background)} is ${r.toFixed(2)}:1`)
          }
          for (const t of block.tokens) {
            tokens++
            const colour = blend(t.colour, t.background)
            const r = ratio(colour, t.background)
            if (r < MINIMUM) failures.push(`${where}: "${t.text}" (.${t.classes.split(/\s+/).join('.')}) ${hex(colour)} on ${hex(t.background)} is ${r.toFixed(2)}:1`)
          }
        }
      }
    }
    await context.close()
  }
  const shown = failures.slice(0, 40)
  assert.ok(failures.length === 0, `${failures.length} code colours under ${MINIMUM}:1:\n  ${shown.join('\n  ')}${failures.length > shown.length ? `\n  ... and ${failures.length - shown.length} more` : ''}`)
  assert.ok(tokens > 0, 'the sites have highlighted code')
  return { tokens, blocks }
}

const isFullUrl = (text) => { try { return /^https?:$/.test(new URL(text).protocol) } catch (_) { return false } }
const GENERIC = new Set(GENERIC_LINK_TEXTS)
const generic = (text) => GENERIC.has(text.trim().toLowerCase()) || isFullUrl(text.trim())

// Every link of every page: its accessible name from Chromium's accessibility tree, and
// its innerText (which Lighthouse reads, skipping links to the same page, `javascript:`,
// `mailto:` and `rel=nofollow`).
async function checkLinks (browser, sites, skip) {
  const failures = []
  let links = 0
  let pages = 0
  const context = await browser.newContext()
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Accessibility.enable')
  for (const site of sites) {
    for (const url of htmlPaths(site.dir).filter((p) => !skip(p))) {
      const response = await page.goto(site.origin + url)
      assert.ok(response.ok() || url.endsWith('404.html'), `${site.base}${url.slice(1)} loads`)
      pages++
      const { nodes } = await cdp.send('Accessibility.getFullAXTree')
      for (const node of nodes) {
        if (node.ignored || !node.role || node.role.value !== 'link') continue
        links++
        const name = (node.name && node.name.value) || ''
        if (!name.trim()) failures.push(`${site.base}${url.slice(1)}: a link has no accessible name`)
        else if (generic(name)) failures.push(`${site.base}${url.slice(1)}: a link is named "${name}"`)
      }
      const texts = await page.$$eval('a[href]', (as) => as.map((a) => ({ href: a.href, rel: a.rel, text: a.innerText })))
      const here = page.url().replace(/#.*$/, '')
      for (const a of texts) {
        const href = a.href.toLowerCase()
        if (a.rel.includes('nofollow') || href.startsWith('javascript:') || href.startsWith('mailto:') || a.href.replace(/#.*$/, '') === here) continue
        if (generic(a.text)) failures.push(`${site.base}${url.slice(1)}: the link to ${a.href} reads "${a.text.trim()}"`)
      }
    }
  }
  await context.close()
  assert.deepStrictEqual(failures, [], 'links with generic names')
  return { links, pages }
}

async function main () {
  const opts = args()
  const only = opts.only ? new Set(opts.only.split(',')) : null
  const run = (name) => !only || only.has(name)
  const chromium = chromiumLauncher()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-readable-browser-'))
  // Each site under its own path prefix, as a site hosted in a sub-folder.
  const sites = opts.site.map((root, i) => ({ root, base: `/site-${i}/`, dir: path.join(work, `site-${i}`) }))
  const server = await serve(sites.map((s) => [s.base, s.dir + path.sep]))
  const origin = `http://127.0.0.1:${server.address().port}`
  for (const s of sites) s.origin = origin + s.base.slice(0, -1)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  try {
    for (const s of sites) build(opts.guide, s.root, s.dir, origin + s.base)
    if (run('contrast')) {
      const { tokens, blocks } = await checkContrast(browser, sites)
      console.log(`ok - contrast: ${tokens} highlighted tokens in ${blocks} code blocks (over ${MODES.length} ways to pick a scheme) all meet ${MINIMUM}:1`)
    }
    if (run('links')) {
      // The hundreds of near-identical numbered skill pages of a fixture add nothing.
      const { links, pages } = await checkLinks(browser, sites, (p) => /^\/skills\/skill-number-\d*[1-9]\/$/.test(p))
      console.log(`ok - links: none of ${links} links on ${pages} pages has a generic name or text`)
    }
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
