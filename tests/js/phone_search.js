#!/usr/bin/env node
// Search on a phone: a built guide in headless Chromium at a 390 px viewport, three queries
// typed with 150 ms between keys, and for every key the time from its keydown to the next
// update of the result list (a key whose answer is overtaken by the next key waits for the
// later answer). Three conditions, each in a fresh browser context (empty cache):
// unthrottled; the CPU slowed 4x (CDP Emulation.setCPUThrottlingRate); the CPU slowed 4x
// plus Slow 4G (CDP Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up). Targets at 4x CPU: every key after the first answered within 50 ms at the
// 95th percentile and 100 ms at worst; with Slow 4G, the first answer (the first list with
// results) within 1.5 s of focusing the box and no later key waiting more than 300 ms.
//
// Usage: node tests/js/phone_search.js --site BUILT_DIR [--runs N] [--queries "a|b|c"]
// The site must be built for the root URL (any base_url: it is served at /). Prints one
// line per condition and run, then `PHONE {json}` with every figure. Run by
// scripts/phone_search.sh, which generates and builds the guide.
'use strict'

const assert = require('assert')
const { parseArgs, CHROMIUM, ARGS, serve } = require('./measure')

const CONDITIONS = [
  { name: 'unthrottled', cpu: 1 },
  { name: '4x CPU', cpu: 4, targets: { p95: 50, max: 100 } },
  { name: '4x CPU + Slow 4G', cpu: 4, network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 }, targets: { first: 1500, max: 300 } }
]
const GAP_MS = 150

function args () {
  return parseArgs('node tests/js/phone_search.js --site BUILT_DIR [--runs N] [--queries "a|b|c"]', ['site'], { runs: 1, queries: 'kubernetes|api versioning|pipeline idempotent' })
}

const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] }

// Types `queries` into the search box of `origin` under `condition`; returns the wait of
// every key and the time from focus to the first answer.
async function session (browser, origin, condition, queries) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await page.goto(origin + '/', { waitUntil: 'load' })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu })
  if (condition.network) {
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', condition.network)
  }
  // In the page: each keydown's time, and each update of the result list.
  await page.evaluate(() => {
    const keys = window.__keys = []; const updates = window.__updates = []; const typed = window.__typed = []
    document.addEventListener('keydown', (e) => { keys.push(performance.now()); typed.push(e.target.value + e.key) }, true)
    const panel = document.querySelector('form.search div')
    // The first list with results (a first letter alone shows a hint at once).
    new MutationObserver(() => {
      updates.push(performance.now())
      if (window.__results === undefined && panel.querySelector('[role=option]')) window.__results = performance.now()
    }).observe(panel, { childList: true, characterData: true, subtree: true })
  })
  const focusedAt = await page.evaluate(() => { document.getElementById('search-input').focus(); return performance.now() })
  const waits = []; const texts = []; let first = null
  for (const query of queries) {
    await page.evaluate(() => { window.__keys.length = 0; window.__updates.length = 0; window.__typed.length = 0 })
    await page.keyboard.type(query, { delay: GAP_MS })
    // The last key's answer.
    await page.waitForFunction(() => window.__updates.some((t) => t > window.__keys[window.__keys.length - 1]), null, { timeout: 30000 })
    const { keys, updates, typed } = await page.evaluate(() => ({ keys: window.__keys, updates: window.__updates, typed: window.__typed }))
    keys.forEach((t, i) => { waits.push(updates.find((u) => u > t) - t); texts.push(typed[i]) })
    if (first === null) first = await page.evaluate(() => window.__results) - focusedAt
    const n = await page.locator('#search-listbox [role=option]').count()
    assert.ok(n > 0, `${condition.name}: "${query}" shows results`)
    await page.fill('#search-input', '')
    await page.waitForTimeout(500)
  }
  const requests = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/search/')).map((e) => e.transferSize))
  await context.close()
  const later = waits.slice(1)
  const ms = (x) => Math.round(x * 10) / 10
  // The slowest later keys, with what the box held after each.
  const slowest = later.map((w, i) => [ms(w), texts[i + 1]]).sort((a, b) => b[0] - a[0]).slice(0, 5)
  return {
    condition: condition.name,
    keys: waits.length,
    firstFromFocusMs: ms(first),
    p50Ms: ms(percentile(later, 0.5)),
    p95Ms: ms(percentile(later, 0.95)),
    maxMs: ms(Math.max(...later)),
    requests: requests.length,
    transferBytes: requests.reduce((a, b) => a + b, 0),
    slowest
  }
}

async function main () {
  const { site, runs, queries } = args()
  const { chromium } = require('playwright-core')
  const server = await serve([['/', require('path').resolve(site) + '/']], { gzip: true })
  const origin = `http://127.0.0.1:${server.address().port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const results = []
  try {
    for (let run = 1; run <= +runs; run++) {
      for (const condition of CONDITIONS) {
        const r = await session(browser, origin, condition, queries.split('|'))
        const t = condition.targets
        const verdict = !t ? '' : t.p95 ? (r.p95Ms <= t.p95 && r.maxMs <= t.max ? 'meets' : 'misses') + ` p95 ≤ ${t.p95}, max ≤ ${t.max}` : (r.firstFromFocusMs <= t.first && r.maxMs <= t.max ? 'meets' : 'misses') + ` first ≤ ${t.first}, max ≤ ${t.max}`
        console.log(`run ${run} ${r.condition.padEnd(17)} first ${r.firstFromFocusMs} ms; later keys p50 ${r.p50Ms} p95 ${r.p95Ms} max ${r.maxMs} ms (${r.keys} keys, ${r.requests} requests, ${(r.transferBytes / 1024).toFixed(1)} KiB) ${verdict}; slowest ${r.slowest.map(([w, t]) => `"${t}" ${w}`).join(', ')}`)
        results.push({ run, ...r })
      }
    }
  } finally {
    await browser.close()
    server.close()
  }
  console.log('PHONE ' + JSON.stringify(results))
}

main().catch((e) => { console.error(e); process.exit(1) })
