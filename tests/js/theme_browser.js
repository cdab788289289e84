#!/usr/bin/env node
// The default theme in real headless Chromium (playwright-core): accessibility (axe-core,
// WCAG 2.1 A and AA, light and dark), keyboard use, the light/dark switch, layouts at 360,
// 768 and 1280 px (including the bad-input fixture), head tags and the Atom feed, the
// printed interview kit, no layout shift on a slow CPU, and the weight of a role page.
// The measuring itself is in measure.js, shared with compare_themes.js.
//
// Usage: node tests/js/theme_browser.js --guide GUIDE_BINARY --site GUIDE_DIR --fixture FIXTURE_DIR
//          [--paged PAGINATED_DIR] [--only axe,keyboard,theme,layout,head,feed,print,shift,weight] [--runs N]
// (tests/theme_browser.rs runs it over the bundled guide and tests/fixtures/theme_site;
// --runs repeats the layout shift check, scripts/layout_shift.sh uses it).
// One Chromium serves every check. Prints `ok - ...` per check, `SHIFT {json}` and `WEIGHT {json}`; exit
// status 0 when all pass, 1 on a failure, 2 when Chromium or the npm tooling is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { execFileSync } = require('child_process')
const { parseArgs, CHROMIUM, ARGS, chromiumLauncher, need, build, WIDTHS, serve, htmlPaths, axeViolations, loadShift, transferWeight, horizontalOverflow, headTags } = require('./measure')

const FIXTURE = '/fixture/'
// A guide whose lists are split into pages (tests/fixtures/build/paginated, unless
// --paged names another), served under this sub-path: its later pages join the kinds of
// page every check loads.
const PAGED = '/paged/'
// A typical role page may transfer at most this many bytes, gzip-compressed (30 KB). The
// words its scripts say in its language (about 400 bytes) fit since highlighted code
// became palette classes (highlight.css 102 kB to 7 kB).
const WEIGHT_BUDGET = 30000
// Pages load with no layout shift at all, also on a slow CPU, where Chromium paints pages
// it has only partly parsed: the `shift` check loads every kind of page with the CPU
// slowed down this many times (DevTools' "6x slowdown" and more; Lighthouse's mobile
// preset uses 4).
const CPU_THROTTLE = 8

function args () {
  return parseArgs('node tests/js/theme_browser.js --guide GUIDE_BINARY --site GUIDE_DIR --fixture FIXTURE_DIR [--only a,b]', ['guide', 'site', 'fixture'])
}

// Opens a page that records console errors and uncaught exceptions.
async function openPage (context, problems) {
  const page = await context.newPage()
  page.on('console', (m) => {
    // The 404 page is served with status 404 on purpose, which Chromium logs as an error.
    if (m.type() === 'error' && !/\/no-such-page\/$/.test((m.location() || {}).url || '')) problems.push(`console error on ${page.url()}: ${m.text()} (${(m.location() || {}).url})`)
  })
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`))
  return page
}

// The language folders of a built guide (`de`, `ja`): each has its own feed.
const languageFolders = (siteDir) => fs.readdirSync(siteDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(siteDir, e.name, 'atom.xml'))).map((e) => e.name)

// The role pages of a built guide (two levels deep, outside the summary pages).
const rolePaths = (siteDir) => htmlPaths(siteDir).filter((p) => p.split('/').length === 4 && !p.startsWith('/skills/') && !p.startsWith('/industries/'))

// The kinds of page of the bundled guide, with a role, a skill and a search that has
// results, and the later pages of the paginated guide's lists.
function sitePages (siteDir) {
  const roles = rolePaths(siteDir)
  const skills = htmlPaths(siteDir).filter((p) => /^\/skills\/[^/]+\/$/.test(p))
  const industries = htmlPaths(siteDir).filter((p) => /^\/industries\/[^/]+\/$/.test(p))
  assert.ok(roles.length > 0 && skills.length > 0 && industries.length > 0, 'the bundled guide has roles, skills and industries')
  return {
    home: '/',
    section: '/engineering/',
    role: roles.includes('/engineering/frontend-developer/') ? '/engineering/frontend-developer/' : roles[0],
    salaries: '/salaries/',
    skills: '/skills/',
    skill: skills[0],
    industries: '/industries/',
    industry: industries[0],
    page: '/about/',
    search: '/search/?q=kubernetes',
    notFound: '/no-such-page/',
    sectionPage: PAGED + 'engineering/page/2/',
    salaryTablePage: PAGED + 'salaries/engineering/page/2/',
    skillPage: PAGED + 'skills/sql/page/2/'
  }
}

async function settle (page, url) {
  if (url.includes('/search/?q=')) await page.waitForFunction(() => /result/.test((document.getElementById('search-page-status') || {}).textContent || ''))
}

// axe-core over every kind of page in light and dark at 1280 px and in light at 360 px,
// plus the open search list, the open menu at 360 px in both schemes, and each theme
// chosen by hand against the system's.
async function checkAxe (browser, origin, pages, axePath, problems) {
  const failures = []
  const runs = [['light', 1280, Object.values(pages)], ['dark', 1280, Object.values(pages)], ['light', 360, Object.values(pages)], ['dark', 360, [pages.role, pages.salaries]]]
  for (const [scheme, width, urls] of runs) {
    // axe-core is added to the page as a script of its own, which the pages' Content
    // Security Policy would refuse (csp_browser.js checks the policy itself).
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 }, bypassCSP: true })
    const page = await openPage(context, problems)
    const check = async (what) => {
      const v = await axeViolations(page, axePath)
      if (v.length) failures.push(`${what} (${scheme}, ${width} px):\n    ${v.join('\n    ')}`)
    }
    for (const url of urls) {
      await page.goto(origin + url)
      await settle(page, url)
      await check(url)
    }
    if (width === 360) {
      await page.goto(origin + pages.role)
      await page.click('.nav-menu summary')
      await check(`${pages.role} with the menu open`)
    } else {
      await page.goto(origin + '/')
      await page.focus('#search-input')
      await page.waitForSelector('form.search[data-state=ready]')
      await page.keyboard.type('kubernetes')
      await page.waitForSelector('#search-listbox [role=option]')
      await check('the header search list')
    }
    await context.close()
  }
  for (const [system, chosen] of [['light', 'dark'], ['dark', 'light']]) {
    const context = await browser.newContext({ colorScheme: system, bypassCSP: true })
    await context.addInitScript((t) => localStorage.setItem('theme', t), chosen)
    const page = await openPage(context, problems)
    for (const url of [pages.home, pages.role, pages.salaries]) {
      await page.goto(origin + url)
      assert.strictEqual(await page.evaluate(() => document.documentElement.dataset.theme), chosen)
      const v = await axeViolations(page, axePath)
      if (v.length) failures.push(`${url} (${chosen} chosen on a ${system} system):\n    ${v.join('\n    ')}`)
    }
    await context.close()
  }
  assert.ok(failures.length === 0, 'WCAG 2.1 A/AA violations:\n  ' + failures.join('\n  '))
}

// What has keyboard focus, and whether it shows a focus indicator.
const focusInfo = (page) => page.evaluate(() => {
  const el = document.activeElement
  if (!el || el === document.body) return null
  const s = getComputedStyle(el)
  const r = el.getBoundingClientRect()
  return {
    key: el.id || (el.getAttribute('href') || el.tagName) + '|' + el.textContent.trim().slice(0, 40),
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none'),
    visible: r.width > 0 && r.height > 0
  }
})

// Every visible control, reached with Tab alone, each with a visible focus ring.
async function tabThrough (page) {
  const expected = await page.evaluate(() => {
    const seen = []
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')) {
      const r = el.getBoundingClientRect()
      if (r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true }) && !el.disabled) seen.push(el.id || (el.getAttribute('href') || el.tagName) + '|' + el.textContent.trim().slice(0, 40))
    }
    return seen
  })
  const reached = new Set()
  const noRing = []
  for (let i = 0; i < expected.length + 5; i++) {
    await page.keyboard.press('Tab')
    const f = await focusInfo(page)
    if (!f) continue
    reached.add(f.key)
    if (!f.ring) noRing.push(f.key)
  }
  const missed = expected.filter((k) => !reached.has(k))
  assert.deepStrictEqual(missed, [], `every control is reachable with Tab on ${page.url()}`)
  assert.deepStrictEqual(noRing, [], `every focused control shows a focus ring on ${page.url()}`)
  return expected.length
}

async function checkKeyboard (browser, origin, pages, problems) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await openPage(context, problems)
  // The first Tab shows the skip link; Enter moves focus to the main content.
  await page.goto(origin + pages.role)
  await page.keyboard.press('Tab')
  const skip = await page.evaluate(() => {
    const el = document.activeElement
    const r = el.getBoundingClientRect()
    return { cls: el.className, href: el.getAttribute('href'), top: r.top, bottom: r.bottom, h: window.innerHeight }
  })
  assert.strictEqual(skip.cls, 'skip-link', 'the first Tab lands on the skip link')
  assert.ok(skip.top >= 0 && skip.bottom <= skip.h, `the focused skip link is on screen: ${JSON.stringify(skip)}`)
  await page.keyboard.press('Enter')
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'main', 'the skip link moves focus to the main content')
  let controls = 0
  for (const url of [pages.home, pages.role, pages.salaries, pages.search]) {
    await page.goto(origin + url)
    await settle(page, url)
    controls += await tabThrough(page)
  }
  // At 360 px the menu opens from the keyboard and its links are reachable.
  await page.setViewportSize({ width: 360, height: 800 })
  await page.goto(origin + pages.role)
  await page.focus('.nav-menu summary')
  await page.keyboard.press('Enter')
  assert.ok(await page.evaluate(() => document.querySelector('.nav-menu').open), 'Enter opens the menu')
  controls += await tabThrough(page)
  console.log(`ok - keyboard: skip link, ${controls} controls reached with Tab, each with a focus ring`)
  await context.close()
}

// The search results and the salary chart are announced: a live region with the count,
// option roles with readable names, and the chart as an image with a title and description.
async function checkAnnouncements (browser, origin, pages, problems) {
  const context = await browser.newContext()
  const page = await openPage(context, problems)
  await page.goto(origin + pages.search)
  await settle(page, pages.search)
  const status = await page.$eval('#search-page-status', (el) => ({ role: el.getAttribute('role'), live: el.getAttribute('aria-live'), text: el.textContent }))
  assert.ok(status.role === 'status' || status.live === 'polite', 'the result count is in a live region')
  assert.match(status.text, /\d+ results?/)
  await page.goto(origin + pages.salaries)
  const charts = await page.$$eval('svg.salary-chart', (svgs) => svgs.map((s) => {
    const byId = (attr) => (s.getAttribute(attr) || '').split(' ').map((id) => (document.getElementById(id) || {}).textContent || '').join(' ')
    return { role: s.getAttribute('role'), name: byId('aria-labelledby'), description: byId('aria-describedby') }
  }))
  assert.ok(charts.length > 0, 'the salaries page has a chart')
  for (const c of charts) {
    assert.strictEqual(c.role, 'img')
    assert.ok(c.name.trim().length > 5 && c.description.trim().length > 20, `the chart has a name and a description: ${JSON.stringify(c)}`)
  }
  console.log(`ok - search results and ${charts.length} salary chart(s) are announced`)
  await context.close()
}

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
const isDark = (rgb) => { const [r, g, b] = rgb.match(/\d+/g).map(Number); return (r + g + b) / 3 < 100 }

// Light and dark follow the system; the switch overrides it and is remembered; without
// JavaScript the system decides and the switch is not shown.
async function checkTheme (browser, origin, pages, problems) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(origin + pages.role)
    assert.strictEqual(isDark(await background(page)), scheme === 'dark', `without JavaScript the ${scheme} system scheme is followed`)
    assert.strictEqual(await page.isVisible('.theme-toggle'), false, 'no switch without JavaScript')
    assert.strictEqual(await page.isVisible('.print-kit'), false, 'no print button without JavaScript')
    // The folded menu opens without JavaScript too.
    await page.setViewportSize({ width: 360, height: 800 })
    assert.strictEqual(await page.isVisible('.nav-menu a[href$="/salaries/"]'), false)
    await page.click('.nav-menu summary')
    assert.ok(await page.isVisible('.nav-menu a[href$="/salaries/"]'), 'the menu opens without JavaScript')
    await context.close()
  }
  const context = await browser.newContext({ colorScheme: 'light' })
  const page = await openPage(context, problems)
  await page.goto(origin + pages.home)
  assert.strictEqual(isDark(await background(page)), false)
  const toggle = page.locator('.theme-toggle')
  assert.ok(await toggle.isVisible(), 'the switch is shown with JavaScript')
  assert.strictEqual(await toggle.getAttribute('aria-pressed'), 'false')
  await toggle.click()
  assert.strictEqual(await toggle.getAttribute('aria-pressed'), 'true')
  assert.ok(isDark(await background(page)), 'the switch turns the page dark')
  assert.deepStrictEqual(await page.$$eval('meta[name="theme-color"]', (ms) => ms.map((m) => m.content)), [await background(page), await background(page)], 'the browser bars follow')
  await page.goto(origin + pages.role)
  assert.ok(isDark(await background(page)), 'the choice is remembered on the next page')
  assert.strictEqual(await page.locator('.theme-toggle').getAttribute('aria-pressed'), 'true')
  await page.locator('.theme-toggle').click()
  await page.reload()
  assert.strictEqual(isDark(await background(page)), false, 'switching back is remembered too')
  await context.close()
  console.log('ok - light and dark follow the system; the switch is remembered; no JavaScript follows the system')
}

// No horizontal scrolling at 360, 768 and 1280 px; the header fits on two rows at 360 px.
async function checkLayout (browser, origin, urls, problems) {
  const failures = []
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 800 } })
    const page = await openPage(context, problems)
    for (const url of urls) {
      await page.goto(origin + url)
      await settle(page, url)
      const m = await horizontalOverflow(page)
      m.header = await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height)
      if (m.scroll > m.client || m.worst) failures.push(`${url} at ${width} px scrolls sideways: ${JSON.stringify(m)}`)
      if (width === 360 && m.header > 150) failures.push(`${url} at 360 px: the header is ${m.header} px tall`)
    }
    if (width === 360) {
      await page.goto(origin + urls[0])
      const nav = await page.evaluate(() => {
        // checkVisibility() also knows content a closed <details> does not render.
        const visible = (el) => el && el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().height > 0
        // Rows of controls: vertical centres more than 16 px apart start a new row.
        const centres = [...document.querySelectorAll('.site-header a, .site-header summary, .site-header input, .site-header button')].filter(visible).map((el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2 }).sort((a, b) => a - b)
        const rows = centres.filter((c, i) => i === 0 || c - centres[i - 1] > 16).length
        return { rows, controls: centres.length, wideNav: visible(document.querySelector('.nav-wide')) }
      })
      assert.ok(nav.rows <= 2 && !nav.wideNav, `at 360 px the header folds its navigation into a menu (${JSON.stringify(nav)})`)
    }
    await context.close()
  }
  assert.ok(failures.length === 0, failures.join('\n'))
  console.log(`ok - layout: ${urls.length} pages at ${WIDTHS.join(', ')} px, no horizontal scrolling, header folded at 360 px`)
}

// Head tags of every page of a built site: a unique title, a description, lang, canonical
// and og:url equal to the page's URL (unless the page is noindex), Open Graph and Twitter
// card tags, the Atom feed link, and JSON-LD on role pages.
async function checkHead (browser, origin, base, dir, lang) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(origin + base + 'robots.txt')
  const paths = htmlPaths(dir).map((p) => base + p.slice(1))
  const heads = await page.evaluate(async ([paths, headTagsSource]) => {
    // measure.js's headTags, which runs in the page (it needs a DOMParser).
    // eslint-disable-next-line no-new-func
    const headTags = new Function(`return (${headTagsSource})`)()
    const out = []
    for (const p of paths) {
      const text = await (await fetch(p)).text()
      const tags = headTags(text)
      if (tags.refresh) continue
      const doc = new DOMParser().parseFromString(text, 'text/html')
      let jsonLd = null
      try { const s = doc.querySelector('script[type="application/ld+json"]'); jsonLd = s ? JSON.parse(s.textContent)['@type'] : null } catch (e) { jsonLd = 'invalid: ' + e.message }
      out.push({
        path: p,
        ...tags,
        role: !!doc.querySelector('article.role'),
        code: !!doc.querySelector('pre.code'),
        codeCss: !!doc.querySelector('link[rel=stylesheet][href*="highlight.css"]'),
        jsonLd
      })
    }
    return out
  }, [paths, headTags.toString()])
  const problems = []
  const titles = new Map()
  const folders = languageFolders(dir)
  for (const h of heads) {
    const url = origin + h.path.replace(/404\.html$/, '')
    const bad = (what) => problems.push(`${h.path}: ${what}`)
    // A page in a language folder (`/de/…`) is in that language, with that language's feed.
    const folder = folders.find((f) => h.path.startsWith(base + f + '/'))
    const [pageLang, feedBase] = folder ? [folder, base + folder + '/'] : [lang, base]
    if (!h.title.trim()) bad('no <title>')
    if (titles.has(h.title)) bad(`the same <title> as ${titles.get(h.title)}: "${h.title}"`)
    titles.set(h.title, h.path)
    if (!h.description || h.description.trim().length < 10) bad(`no meta description (${h.description})`)
    if (h.lang !== pageLang) bad(`lang is ${h.lang}, expected ${pageLang}`)
    const noindex = /noindex/.test(h.robots || '')
    if (!noindex && h.canonical !== url) bad(`canonical ${h.canonical}, expected ${url}`)
    if (!noindex && h.ogUrl !== url) bad(`og:url ${h.ogUrl}, expected ${url}`)
    if (h.path.endsWith('404.html') && !noindex) bad('the 404 page is not noindex')
    for (const k of ['ogTitle', 'ogDescription', 'ogType', 'ogSite', 'card']) if (!h[k]) bad(`no ${k}`)
    // X takes the card's title and description from og:title and og:description.
    if (h.cardTitle !== null) bad(`twitter:title repeats og:title: ${h.cardTitle}`)
    // The same text in <title> and the attributes: escaped once, never twice or not at all.
    if (!noindex && (h.ogTitle !== h.title || h.ogDescription !== h.description)) bad(`og:title/og:description differ from the page's: ${JSON.stringify([h.title, h.ogTitle, h.description, h.ogDescription])}`)
    if (h.feed !== feedBase + 'atom.xml') bad(`feed link ${h.feed}`)
    if (h.role && h.jsonLd !== 'Occupation') bad(`role JSON-LD: ${h.jsonLd}`)
    if (h.code && !h.codeCss) bad('highlighted code without highlight.css')
  }
  await context.close()
  assert.ok(problems.length === 0, problems.join('\n'))
  assert.ok(heads.filter((h) => h.role).length > 0)
  return heads.length
}

// Front matter dates of the roles under content/ in one language (`null`: the default
// one, whose files have none of the `languages` as suffix), to know the feed's order
// independently.
function roleDates (siteRoot, lang = null, languages = []) {
  const out = []
  const suffix = (name) => languages.find((l) => name.endsWith(`.${l}.md`)) || null
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name)
      if (e.isDirectory()) walk(f)
      else if (e.name.endsWith('.md') && !e.name.startsWith('_') && suffix(e.name) === lang) {
        const text = fs.readFileSync(f, 'utf8')
        if (!/^\[role\]/m.test(text) || /^draft\s*=\s*true/m.test(text)) continue
        const get = (k) => (text.match(new RegExp(`^${k}\\s*=\\s*"?(\\d{4}-\\d{2}-\\d{2})`, 'm')) || [])[1]
        const changed = get('updated') || get('date')
        const relative = path.relative(path.join(siteRoot, 'content'), f)
        const original = lang ? relative.slice(0, -`.${lang}.md`.length) + '.md' : relative
        if (changed) out.push({ path: '/' + original.replace(/(\/index)?\.md$/, '/'), changed })
      }
    }
  }
  walk(path.join(siteRoot, 'content'))
  return out.sort((a, b) => (b.changed.localeCompare(a.changed)) || a.path.localeCompare(b.path))
}

// atom.xml parses with the browser's strict XML parser and follows RFC 4287: one id,
// title and updated per feed and entry, RFC 3339 dates, an author, a self link, unique
// absolute ids, an alternate link per entry (there is no content), newest first.
async function checkFeed (browser, origin, base, siteRoot, lang = null, languages = []) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(origin + '/robots.txt')
  const feed = await page.evaluate(async (base) => {
    const text = await (await fetch(base + 'atom.xml')).text()
    const doc = new DOMParser().parseFromString(text, 'application/xml')
    const err = doc.querySelector('parsererror')
    if (err) return { error: err.textContent }
    const NS = 'http://www.w3.org/2005/Atom'
    const kids = (el, name) => [...el.children].filter((c) => c.namespaceURI === NS && c.localName === name)
    const one = (el, name) => { const k = kids(el, name); return k.length === 1 ? k[0].textContent : `${k.length} <${name}>` }
    const root = doc.documentElement
    return {
      ns: root.namespaceURI,
      name: root.localName,
      id: one(root, 'id'),
      title: one(root, 'title'),
      updated: one(root, 'updated'),
      authors: kids(root, 'author').map((a) => one(a, 'name')),
      self: kids(root, 'link').filter((l) => l.getAttribute('rel') === 'self').map((l) => l.getAttribute('href')),
      unknown: [...root.children].filter((c) => c.namespaceURI !== NS || !['author', 'category', 'contributor', 'generator', 'icon', 'id', 'link', 'logo', 'rights', 'subtitle', 'title', 'updated', 'entry'].includes(c.localName)).map((c) => c.localName),
      entries: kids(root, 'entry').map((e) => ({
        id: one(e, 'id'),
        title: one(e, 'title'),
        updated: one(e, 'updated'),
        published: kids(e, 'published').map((p) => p.textContent),
        authors: kids(e, 'author').length,
        alternate: kids(e, 'link').filter((l) => (l.getAttribute('rel') || 'alternate') === 'alternate').map((l) => l.getAttribute('href')),
        contents: kids(e, 'content').length
      }))
    }
  }, base)
  await context.close()
  assert.ok(!feed.error, `atom.xml is well-formed XML: ${feed.error}`)
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
  assert.strictEqual(feed.ns, 'http://www.w3.org/2005/Atom')
  assert.strictEqual(feed.name, 'feed')
  assert.deepStrictEqual(feed.unknown, [], 'only Atom elements in the feed')
  assert.match(feed.id, /^https?:\/\//, 'the feed id is an absolute IRI')
  assert.ok(feed.title.trim(), 'the feed has a title')
  assert.match(feed.updated, rfc3339)
  assert.deepStrictEqual(feed.self, [origin + base + 'atom.xml'])
  assert.ok(feed.authors.length === 1 && feed.authors[0].trim(), 'the feed has an author with a name')
  const expected = roleDates(siteRoot, lang, languages)
  assert.ok(expected.length > (lang ? 0 : 1), `the guide has dated roles in ${lang || 'its default language'}`)
  assert.deepStrictEqual(feed.entries.map((e) => e.alternate[0]), expected.slice(0, 100).map((r) => origin + base.slice(0, -1) + r.path), 'the roles, newest updated/date first')
  const ids = new Set()
  for (const e of feed.entries) {
    assert.match(e.id, /^https?:\/\//)
    assert.ok(!ids.has(e.id), `unique id ${e.id}`)
    ids.add(e.id)
    assert.ok(e.title.trim())
    assert.match(e.updated, rfc3339)
    for (const p of e.published) assert.ok(rfc3339.test(p) && p <= e.updated, `published ${p} is a date no later than updated ${e.updated}`)
    assert.strictEqual(e.alternate.length, 1)
    assert.strictEqual(e.contents, 0)
  }
  for (let i = 1; i < feed.entries.length; i++) assert.ok(feed.entries[i - 1].updated >= feed.entries[i].updated, 'newest first')
  assert.strictEqual(feed.updated, feed.entries[0].updated, 'the feed was updated when its newest entry was')
  return feed.entries.length
}

// The role page printed to PDF: an interview kit without navigation, every question
// numbered with room for notes, external link addresses written out.
async function checkPrint (browser, origin, rolePath, linkRolePath, work) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const pdfText = async (url, name) => {
    await page.goto(origin + url)
    await page.emulateMedia({ media: 'print' })
    const file = path.join(work, name + '.pdf')
    await page.pdf({ path: file, format: 'A4' })
    const pages = +execFileSync('pdfinfo', [file]).toString().match(/^Pages:\s+(\d+)/m)[1]
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString()
    // pdftotext ends each page with a form feed.
    return { pages, text, perPage: text.split('\f').map((t) => t.replace(/\s+/g, ' ')) }
  }
  await page.goto(origin + rolePath)
  const screen = await page.evaluate(() => ({
    title: document.querySelector('h1').textContent.trim(),
    questions: [...document.querySelectorAll('.guide > ul > li')].map((li) => li.firstChild.textContent.trim().split(/\s+/).slice(0, 4).join(' ')),
    full: [...document.querySelectorAll('.guide > ul > li')].map((li) => li.textContent.trim().replace(/\s+/g, ' ')),
    // Code blocks print their language as a label (CSS ::before), which textContent lacks.
    labels: [...document.querySelectorAll('.guide pre[data-lang]')].map((pre) => pre.dataset.lang.toUpperCase()),
    button: !!document.querySelector('.print-kit') && document.querySelector('.print-kit').getBoundingClientRect().height > 0
  }))
  assert.ok(screen.button, 'the "Print interview kit" button is shown')
  assert.ok(screen.questions.length >= 10, `the role has questions: ${screen.questions.length}`)
  const { pages, text, perPage } = await pdfText(rolePath, 'role')
  const flat = text.replace(/\s+/g, ' ')
  assert.ok(flat.includes(screen.title), 'the kit shows the role title')
  for (const gone of ['Skip to content', 'Search the guides', 'Print interview kit', 'On this page', 'Sitemap']) assert.ok(!flat.includes(gone), `no "${gone}" on paper`)
  // Each question's number followed by its first words, in order.
  let at = 0
  screen.questions.forEach((q, i) => {
    const found = flat.indexOf(`${i + 1}. ${q}`, at)
    assert.ok(found >= 0, `question ${i + 1} is numbered: "${i + 1}. ${q}"`)
    at = found
  })
  // No question is split across two pages: each one's whole text is on a single page.
  const squash = (t) => t.replace(/\s+/g, '')
  const unlabelled = perPage.map((p) => screen.labels.reduce((t, label) => t.split(label).join(''), squash(p)))
  const split = screen.full.filter((q, i) => !unlabelled.some((p) => p.includes(squash(`${i + 1}.${q}`))))
  assert.deepStrictEqual(split, [], 'questions split across pages')
  const notes = (flat.match(/Notes/g) || []).length
  assert.ok(notes >= screen.questions.length, `room for notes under every question (${notes} for ${screen.questions.length})`)
  // About a page per six questions with their notes boxes: fails when the kit loses its
  // print layout (too few pages) or breaks badly (too many).
  assert.ok(pages >= Math.ceil(screen.questions.length / 12) && pages <= Math.ceil(screen.questions.length / 3) + 2, `${pages} pages for ${screen.questions.length} questions`)
  const linked = await pdfText(linkRolePath, 'links')
  assert.ok(linked.text.replace(/\s+/g, '').includes('(https://www.rfc-editor.org/rfc/rfc4287)'), 'external link addresses are written out')
  await context.close()
  return { pages, questions: screen.questions.length }
}

// What a first visit to a role page transfers, gzip-compressed: HTML, CSS and our scripts
// (the search index only loads when the search box is used). Also: no request to another
// origin and no layout shift.
async function measureWeight (browser, origin, rolePath) {
  const w = await transferWeight(browser, origin, rolePath)
  return { ...w, searchIndexLoaded: w.files.some((f) => /search_(index|docs)/.test(f.path)) }
}

// Every kind of page, at each width, loaded `runs` times with the CPU slowed down
// CPU_THROTTLE times: no layout shift at all. Returns the loads and the shifts found.
async function checkShift (browser, origin, pages, runs) {
  const found = []
  let loads = 0
  for (let run = 0; run < runs; run++) {
    for (const width of WIDTHS) {
      for (const url of Object.values(pages)) {
        const r = await loadShift(browser, origin + url, { width, cpuThrottle: CPU_THROTTLE, ready: (page) => settle(page, url) })
        loads++
        if (r.total !== 0) found.push(`${url} at ${width} px (run ${run + 1}): ${r.total.toFixed(5)}\n      ${r.shifts.map((x) => `${x.value.toFixed(5)} at ${x.at} ms: ${x.sources.join('; ')}`).join('\n      ')}`)
      }
    }
  }
  return { loads, found }
}

async function main () {
  const opts = args()
  const only = opts.only ? new Set(opts.only.split(',')) : null
  const run = (name) => !only || only.has(name)
  const chromium = chromiumLauncher()
  const axePath = require.resolve('axe-core/axe.min.js', { paths: [path.join(__dirname, '..')] })
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-theme-browser-'))
  const siteDir = path.join(work, 'site')
  const fixtureDir = path.join(work, 'fixture')
  const pagedDir = path.join(work, 'paged')
  const server = await serve([[FIXTURE, fixtureDir + path.sep], [PAGED, pagedDir + path.sep], ['/', siteDir + path.sep]])
  const origin = `http://127.0.0.1:${server.address().port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const problems = []
  try {
    build(opts.guide, opts.site, siteDir, origin + '/')
    build(opts.guide, opts.fixture, fixtureDir, origin + FIXTURE)
    build(opts.guide, opts.paged || path.join(__dirname, '..', 'fixtures', 'build', 'paginated'), pagedDir, origin + PAGED)
    const pages = sitePages(siteDir)
    if (run('axe')) {
      await checkAxe(browser, origin, pages, axePath, problems)
      console.log(`ok - axe-core: no WCAG 2.1 A/AA violations on ${Object.keys(pages).length} kinds of page in light and dark`)
    }
    if (run('keyboard')) {
      await checkKeyboard(browser, origin, pages, problems)
      await checkAnnouncements(browser, origin, pages, problems)
    }
    if (run('theme')) await checkTheme(browser, origin, pages, problems)
    if (run('layout')) {
      // Every page of the fixture but the 200 near-identical skill pages (one of them is kept).
      const all = htmlPaths(fixtureDir)
      const numbered = all.filter((p) => p.startsWith('/skills/skill-number'))
      const fixturePages = all.filter((p) => !numbered.includes(p)).concat(numbered.slice(-1)).map((p) => FIXTURE + p.slice(1))
      await checkLayout(browser, origin, [...Object.values(pages), ...fixturePages], problems)
    }
    if (run('head')) {
      const n = await checkHead(browser, origin, '/', siteDir, 'en') + await checkHead(browser, origin, FIXTURE, fixtureDir, 'en') +
        await checkHead(browser, origin, PAGED, pagedDir, 'en')
      console.log(`ok - head: ${n} pages with a unique title, description, lang, canonical, Open Graph, Twitter card, feed link`)
    }
    if (run('feed')) {
      const languages = languageFolders(siteDir)
      const n = await checkFeed(browser, origin, '/', opts.site, null, languages)
      const m = await checkFeed(browser, origin, FIXTURE, opts.fixture)
      const translated = []
      for (const lang of languages) translated.push(`${await checkFeed(browser, origin, `/${lang}/`, opts.site, lang, languages)} in ${lang}`)
      console.log(`ok - atom.xml: ${n} roles (${translated.join(', ')}; and ${m} in the fixture), well-formed, RFC 4287 rules, newest first`)
    }
    if (run('print')) {
      const kit = await checkPrint(browser, origin, pages.role, FIXTURE + 'engineering/many-skills/', work)
      console.log(`ok - print: ${pages.role} is a ${kit.pages}-page interview kit with ${kit.questions} numbered questions`)
    }
    if (run('shift')) {
      const runs = +(opts.runs || 1)
      const { loads, found } = await checkShift(browser, origin, pages, runs)
      console.log(`SHIFT ${JSON.stringify({ loads, kinds: Object.keys(pages).length, widths: WIDTHS, runs, cpuThrottle: CPU_THROTTLE, shifted: found.length })}`)
      assert.deepStrictEqual(found, [], `layout shifts with the CPU slowed down ${CPU_THROTTLE}x`)
      console.log(`ok - layout shift: 0 in ${loads} loads of ${Object.keys(pages).length} kinds of page at ${WIDTHS.join(', ')} px, CPU slowed down ${CPU_THROTTLE}x`)
    }
    if (run('weight')) {
      // Every role page keeps to the budget; the typical one (with code) is reported in full.
      const all = []
      for (const role of rolePaths(siteDir)) all.push(await measureWeight(browser, origin, role))
      const heaviest = all.reduce((a, b) => (b.total > a.total ? b : a))
      assert.ok(heaviest.total <= WEIGHT_BUDGET, `${heaviest.page} transfers ${heaviest.total} bytes gzip, at most ${WEIGHT_BUDGET}`)
      for (const x of all) {
        assert.deepStrictEqual(x.foreign, [], `no request to another origin from ${x.page}`)
        assert.strictEqual(x.layoutShift, 0, `no layout shift on ${x.page}: ${JSON.stringify(x.shifts)}`)
      }
      const totals = all.map((x) => x.total).sort((a, b) => a - b)
      console.log(`WEIGHTS ${JSON.stringify({ roles: all.length, min: totals[0], median: totals[Math.floor(totals.length / 2)], max: totals[totals.length - 1] })}`)
      const w = all.find((x) => x.page === pages.role)
      console.log('WEIGHT ' + JSON.stringify({ ...w, shifts: undefined }))
      assert.deepStrictEqual(w.foreign, [], 'no request to another origin')
      assert.strictEqual(w.searchIndexLoaded, false, 'the search index is not loaded before the search box is used')
      assert.strictEqual(w.layoutShift, 0, 'no layout shift')
      assert.ok(w.total <= WEIGHT_BUDGET, `the role page transfers ${w.total} bytes gzip, at most ${WEIGHT_BUDGET}`)
      console.log(`ok - weight: ${pages.role} transfers ${w.total} bytes gzip-compressed in ${w.files.length} files, same origin, no layout shift`)
    }
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
