#!/usr/bin/env node
// Every question of the translated starter pages is reachable by its own link in real
// headless Chromium (playwright-core): the fragment, written as a browser sends it
// (percent-encoded for Japanese and Arabic ids), makes that question the page's :target
// and scrolls it into view; the table of contents leads to each guide section the same
// way. Over the German, Japanese and Arabic Senior Backend Developer pages and the
// English original.
//
// Usage: node tests/js/anchors_browser.js --guide GUIDE_BINARY --site GUIDE_DIR
// Exit status 0 when all checks pass, 1 on a failure, 2 when Chromium or the npm tooling
// is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { parseArgs, CHROMIUM, ARGS, need, build, serve } = require('./measure')

const ROLE = 'engineering/senior-backend-developer/'

// For each id: whether going to `#<encoded id>` targets it and shows it in the viewport.
async function followEveryId (page, ids) {
  return page.evaluate(async (ids) => {
    const out = []
    for (const id of ids) {
      location.hash = encodeURIComponent(id)
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
      const target = document.querySelector(':target')
      const box = target ? target.getBoundingClientRect() : null
      out.push({ id, target: target && target.id, visible: !!box && box.bottom > 0 && box.top < innerHeight })
    }
    return out
  }, ids)
}

async function main () {
  const opts = parseArgs('node tests/js/anchors_browser.js --guide GUIDE_BINARY --site GUIDE_DIR', ['guide', 'site'])
  const { chromium } = need('playwright-core')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-anchors-'))
  const server = await serve([['/', dir + path.sep]])
  const origin = `http://127.0.0.1:${server.address().port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  try {
    build(opts.guide, opts.site, dir, origin + '/')
    for (const lang of ['', 'de/', 'ja/', 'ar/']) {
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } })
      await page.goto(`${origin}/${lang}${ROLE}`)
      const ids = await page.$$eval('li.entry[id], main h2[id]', (els) => els.map((e) => e.id))
      assert.ok(ids.length >= 20, `${lang}${ROLE} has its questions and sections: ${ids.length}`)
      const wrong = (await followEveryId(page, ids)).filter((r) => r.target !== r.id || !r.visible)
      assert.deepStrictEqual(wrong, [], `every question of /${lang}${ROLE} is the target of its link`)
      // The table of contents' second link leads to the second guide section.
      const link = page.locator('nav.toc a[href^="#"]').nth(1)
      const href = decodeURIComponent(await link.getAttribute('href'))
      await link.click()
      assert.strictEqual(await page.evaluate(() => document.querySelector(':target')?.id), href.slice(1), `the contents link ${href}`)
      console.log(`ok - /${lang}${ROLE}: ${ids.length} questions and sections reached by their links, ${href} from the contents`)
      await page.close()
    }
  } finally {
    await browser.close()
    server.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err)
  process.exit(1)
})
