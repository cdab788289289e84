#!/usr/bin/env node
// Search in other languages in real headless Chromium (playwright-core): on the home page of
// each given language of a built site, a query typed into the search box finds a question of
// that language, and following the result lands on the question's anchor, in view.
//
// Usage: node tests/js/search_languages_browser.js --site BUILT_SITE --languages de,ja,ar
//          [--checks CHECKS.json]
// The queries come from the site itself: for each language, the first role page (by path)
// with guide entries, its first question, and the word of that question (for Chinese and
// Japanese, the pair of characters) that the fewest questions of the language share. A
// CHECKS.json adds fixed queries: [{"language": "de", "query": "datenbanken", "anchor": "…"}]
// (a word in another form than the question's proves the stemmer). Exit status 0 when every
// check passes, 1 on a failure, 2 when Chromium or playwright-core is missing.
'use strict'

const fs = require('fs')
const path = require('path')
const { parseArgs, CHROMIUM, ARGS, serve } = require('./measure')

const args = parseArgs('node tests/js/search_languages_browser.js --site BUILT_SITE --languages de,ja,ar [--checks CHECKS.json]', ['site', 'languages'])
let playwright
try {
  playwright = require('playwright-core')
} catch (_) {
  console.error('playwright-core is not installed: run `npm ci --prefix tests` (scripts/test.sh does)')
  process.exit(2)
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`Chromium is not at ${CHROMIUM}: install Debian's chromium (scripts/test.sh does)`)
  process.exit(2)
}

const site = path.resolve(args.site)
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/u

// Every guide entry (`<li id class="entry">`) of a language's pages: {page, anchor, text}.
function entries (code) {
  const out = []
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name)
      if (fs.statSync(file).isDirectory()) {
        if (name !== 'search') walk(file)
      } else if (name === 'index.html') {
        const html = fs.readFileSync(file, 'utf8')
        const page = '/' + path.relative(site, dir).split(path.sep).join('/') + '/'
        // An entry's text up to its end (or a nested list's first item), without its tags:
        // a question with a tip below it is a paragraph inside the item.
        for (const m of html.matchAll(/<li id="?([^"\s>]+)"? class="?entry"?>([\s\S]*?)<\/li>/g)) out.push({ page, anchor: m[1], text: m[2].replace(/<[^>]*>|&#?\w+;/g, ' ').replace(/\s+/g, ' ').trim() })
      }
    }
  }
  walk(path.join(site, code))
  return out
}

// The query for a question: its word (or CJK pair) found in the fewest of the language's
// questions, the longest of those.
function derivedCheck (code) {
  const all = entries(code)
  if (!all.length) throw new Error(`no guide entries under ${code}/: is it a language of the site?`)
  const pieces = (text) => CJK.test(text)
    ? [...text.matchAll(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+/gu)].flatMap((r) => [...r[0]].slice(1).map((c, i) => [...r[0]][i] + c))
    : text.toLowerCase().match(/[\p{L}\p{M}\p{N}]{4,}/gu) || []
  const target = all.find((e) => pieces(e.text).length)
  if (!target) throw new Error(`no guide entry under ${code}/ has a word to search for`)
  const count = (p) => all.filter((e) => pieces(e.text).includes(p)).length
  const query = pieces(target.text).sort((a, b) => count(a) - count(b) || b.length - a.length)[0]
  return { language: code, query, anchor: target.anchor, page: target.page }
}

// What one typed letter says, by language (themes/default/i18n: search_error_letters, n = 2).
const LETTERS_HINT = { en: 'type 2 letters', de: '2 Buchstaben eingeben', ja: '2文字以上入力してください', ar: 'اكتب حرفين' }

async function main () {
  const languages = args.languages.split(',')
  const checks = languages.map(derivedCheck)
  if (args.checks) {
    for (const c of JSON.parse(fs.readFileSync(args.checks, 'utf8'))) {
      const e = entries(c.language).find((e) => e.anchor === c.anchor)
      if (!e) throw new Error(`${args.checks}: no question #${c.anchor} in ${c.language}/`)
      checks.push({ ...c, page: e.page })
    }
  }
  const server = await serve([['/', site + path.sep]])
  const origin = `http://127.0.0.1:${server.address().port}`
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const failures = []
  try {
    for (const check of checks) {
      const page = await browser.newPage()
      const problems = []
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()) })
      page.on('pageerror', (e) => problems.push(e.message))
      const label = `${check.language}: ${JSON.stringify(check.query)} → ${check.page}#${check.anchor}`
      try {
        await page.goto(`${origin}/${check.language}/`)
        await page.fill('form.search input', check.query)
        const option = page.locator(`#search-listbox [role=option][href$="#${check.anchor}"]`)
        await option.first().waitFor({ timeout: 10000 })
        await option.first().click()
        await page.waitForURL((url) => decodeURIComponent(url.hash) === `#${check.anchor}`, { timeout: 10000 })
        const landed = new URL(page.url())
        if (landed.pathname !== check.page) throw new Error(`landed on ${landed.pathname}`)
        const inView = await page.locator(`[id="${check.anchor}"]`).evaluate((el) => {
          const r = el.getBoundingClientRect()
          return r.bottom > 0 && r.top < innerHeight
        })
        if (!inView) throw new Error('the question is not in view')
        if (problems.length) throw new Error(`console: ${problems.join('; ')}`)
        console.log(`ok ${label}`)
      } catch (err) {
        failures.push(`${label}: ${err.message.split('\n')[0]}`)
      } finally {
        await page.close()
      }
    }
    // A query the box cannot search yet explains why in the page's language.
    for (const language of languages.filter((code) => LETTERS_HINT[code])) {
      const page = await browser.newPage()
      try {
        await page.goto(`${origin}/${language}/`)
        await page.fill('form.search input', 'k')
        await page.waitForFunction((hint) => document.querySelector('.search-msg').textContent.includes(hint), LETTERS_HINT[language], { timeout: 10000 })
        console.log(`ok ${language}: one letter asks for two in ${language}`)
      } catch (err) {
        failures.push(`${language}: the one-letter hint: ${err.message.split('\n')[0]}`)
      } finally {
        await page.close()
      }
    }
  } finally {
    await browser.close()
    server.close()
  }
  for (const f of failures) console.log(`FAIL ${f}`)
  console.log(`${checks.length - failures.length} passed, ${failures.length} failed`)
  process.exit(failures.length ? 1 : 0)
}

main().catch((err) => { console.error(err); process.exit(1) })
