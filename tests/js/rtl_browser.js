#!/usr/bin/env node
// A guide in Arabic in real headless Chromium (playwright-core): its pages lay out right to
// left and pass the checks the theme test (theme_browser.js) runs on English pages, with
// the same measurements from measure.js: axe-core (WCAG 2.1 A and AA) in light and dark,
// no sideways scrolling at 390, 360, 768 and 1280 px, and no layout shift on any kind of
// page with the CPU slowed down 8x. Also: the start of each line is on the right (the
// skip link, the breadcrumbs, table headings, the header's search results panel).
//
// Usage: node tests/js/rtl_browser.js --guide GUIDE_BINARY --fixture ARABIC_FIXTURE_DIR
// (tests/rtl_browser.rs runs it over tests/fixtures/languages/rtl). Prints `ok - ...` per
// check; exit status 0 when all pass, 1 on a failure, 2 when Chromium or the npm tooling
// is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { parseArgs, CHROMIUM, ARGS, chromiumLauncher, build, WIDTHS, serve, axeViolations, loadShift, horizontalOverflow } = require('./measure')

// As in theme_browser.js.
const CPU_THROTTLE = 8
// The width of the phones most readers use, on top of the theme test's widths.
const PHONE = 390

// Every kind of page the Arabic fixture has.
const PAGES = {
  home: '/',
  section: '/engineering/',
  role: '/engineering/backend/',
  salaries: '/salaries/',
  salaryTable: '/salaries/engineering/',
  skills: '/skills/',
  skill: '/skills/go/',
  industries: '/industries/',
  page: '/about/',
  search: '/search/?q=go',
  notFound: '/no-such-page/'
}

async function settle (page, url) {
  if (url.includes('/search/?q=')) await page.waitForFunction(() => ((document.getElementById('search-page-status') || {}).textContent || '').length > 0)
}

async function openPage (context, problems) {
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error' && !/\/no-such-page\/$/.test((m.location() || {}).url || '')) problems.push(`console error on ${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`))
  return page
}

async function checkAxe (browser, origin, axePath, problems) {
  const failures = []
  for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', PHONE], ['dark', PHONE]]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 }, bypassCSP: true })
    const page = await openPage(context, problems)
    for (const url of Object.values(PAGES)) {
      await page.goto(origin + url)
      await settle(page, url)
      const v = await axeViolations(page, axePath)
      if (v.length) failures.push(`${url} (${scheme}, ${width} px):\n    ${v.join('\n    ')}`)
    }
    await context.close()
  }
  assert.ok(failures.length === 0, 'WCAG 2.1 A/AA violations:\n  ' + failures.join('\n  '))
  console.log(`ok - axe-core: no WCAG 2.1 A/AA violations on ${Object.keys(PAGES).length} kinds of Arabic page in light and dark at 1280 and ${PHONE} px`)
}

async function checkLayout (browser, origin, problems) {
  const failures = []
  const widths = [PHONE, ...WIDTHS]
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 800 } })
    const page = await openPage(context, problems)
    for (const url of Object.values(PAGES)) {
      await page.goto(origin + url)
      await settle(page, url)
      const m = await horizontalOverflow(page)
      if (m.scroll > m.client || m.worst) failures.push(`${url} at ${width} px scrolls sideways: ${JSON.stringify(m)}`)
    }
    await context.close()
  }
  assert.ok(failures.length === 0, failures.join('\n'))
  console.log(`ok - layout: ${Object.keys(PAGES).length} Arabic pages at ${widths.join(', ')} px, no horizontal scrolling`)
}

// Where things sit on a right-to-left page: what starts a line is on the right.
async function checkDirection (browser, origin, problems) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await openPage(context, problems)
  await page.goto(origin + PAGES.salaryTable)
  const at = await page.evaluate(() => {
    const box = (sel) => document.querySelector(sel).getBoundingClientRect()
    const main = box('main')
    const th = document.querySelector('.salary-table thead th')
    return {
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.documentElement).direction,
      // The first crumb ("home") is the rightmost one.
      crumbs: [...document.querySelectorAll('.breadcrumbs li')].map((li) => li.getBoundingClientRect().left),
      mainRight: main.right,
      h1Right: box('h1').right,
      thAlign: getComputedStyle(th).textAlign,
      thRightGap: th.getBoundingClientRect().right - th.querySelector('button, span, *').getBoundingClientRect().right
    }
  })
  assert.strictEqual(at.dir, 'rtl')
  assert.strictEqual(at.direction, 'rtl')
  assert.ok(at.crumbs.length === 2 && at.crumbs[0] > at.crumbs[1], `the breadcrumbs run from right to left: ${JSON.stringify(at)}`)
  assert.ok(Math.abs(at.mainRight - at.h1Right) < 40, `the heading starts at the right edge of the content: ${JSON.stringify(at)}`)
  assert.ok(['start', 'right'].includes(at.thAlign), `table headings align to the start: ${JSON.stringify(at)}`)
  // The table filter counts in Arabic, with the form for 3 to 10 ("few").
  await page.fill('#table-filter-input', 'zzz')
  await page.waitForFunction(() => /لا توجد وظائف تطابق «zzz»/.test(document.getElementById('table-filter-count').textContent))
  await page.fill('#table-filter-input', '')
  await page.waitForFunction(() => document.getElementById('table-filter-count').textContent === 'عرض كل الوظائف (3 وظائف)')
  await page.reload()
  // The skip link shows at the right when focused.
  await page.keyboard.press('Tab')
  const skip = await page.evaluate(() => { const r = document.activeElement.getBoundingClientRect(); return { cls: document.activeElement.className, left: r.left, right: r.right, width: window.innerWidth } })
  assert.strictEqual(skip.cls, 'skip-link')
  assert.ok(skip.right > skip.width / 2 && skip.right <= skip.width, `the focused skip link is at the right: ${JSON.stringify(skip)}`)
  // The header's search results open under the box, inside the page.
  await page.goto(origin + PAGES.home)
  await page.focus('#search-input')
  await page.waitForSelector('form.search[data-state=ready]')
  // An Arabic word ("developer"), stemmed by the Arabic stemmer in the browser as in the
  // build: Arabic's word characters are Arabic letters and digits only (lunr.ar's).
  await page.keyboard.type('مطور')
  await page.waitForSelector('#search-listbox [role=option]')
  const panel = await page.evaluate(() => {
    const r = document.querySelector('.search-panel').getBoundingClientRect()
    return { left: r.left, right: r.right, width: window.innerWidth, said: document.querySelector('.search-msg').textContent }
  })
  assert.ok(panel.left >= 0 && panel.right <= panel.width, `the search panel stays on the page: ${JSON.stringify(panel)}`)
  // The live region speaks Arabic, with the plural form of the count.
  assert.match(panel.said, /نتيجة|نتيجتان|نتائج/, `the live region says the count in Arabic: ${JSON.stringify(panel)}`)
  await context.close()
  console.log('ok - direction: right-to-left breadcrumbs, headings, table headings, skip link and search panel; the filter and the search count in Arabic')
}

async function checkShift (browser, origin) {
  const found = []
  let loads = 0
  for (const width of [PHONE, ...WIDTHS]) {
    for (const url of Object.values(PAGES)) {
      const r = await loadShift(browser, origin + url, { width, cpuThrottle: CPU_THROTTLE, ready: (page) => settle(page, url) })
      loads++
      if (r.total !== 0) found.push(`${url} at ${width} px: ${r.total.toFixed(5)}\n      ${r.shifts.map((x) => `${x.value.toFixed(5)} at ${x.at} ms: ${x.sources.join('; ')}`).join('\n      ')}`)
    }
  }
  assert.deepStrictEqual(found, [], `layout shifts with the CPU slowed down ${CPU_THROTTLE}x`)
  console.log(`ok - layout shift: 0 in ${loads} loads of ${Object.keys(PAGES).length} kinds of Arabic page, CPU slowed down ${CPU_THROTTLE}x`)
}

async function main () {
  const opts = parseArgs('node tests/js/rtl_browser.js --guide GUIDE_BINARY --fixture ARABIC_FIXTURE_DIR', ['guide', 'fixture'])
  const chromium = chromiumLauncher()
  const axePath = require.resolve('axe-core/axe.min.js', { paths: [path.join(__dirname, '..')] })
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-rtl-browser-'))
  const siteDir = path.join(work, 'site')
  const server = await serve([['/', siteDir + path.sep]])
  const origin = `http://127.0.0.1:${server.address().port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const problems = []
  try {
    build(opts.guide, opts.fixture, siteDir, origin + '/')
    await checkDirection(browser, origin, problems)
    await checkAxe(browser, origin, axePath, problems)
    await checkLayout(browser, origin, problems)
    await checkShift(browser, origin)
    assert.deepStrictEqual(problems, [], 'no console errors or uncaught exceptions')
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
