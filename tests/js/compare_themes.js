#!/usr/bin/env node
// Compares the default theme with the themes that ship with other generators, on the same
// content, in headless Chromium (issue 7). scripts/compare_themes.sh installs mdBook, Hugo
// and Lighthouse and runs the two steps:
//
//   node tests/js/compare_themes.js prepare GUIDE_DIR OUT_DIR
//     Writes the bundled guide's role pages as plain Markdown (front matter stripped, the
//     title as a heading) into OUT_DIR/mdbook (a book: one chapter per role) and
//     OUT_DIR/hugo (a site with the theme `hugo new theme` scaffolds: one page per role,
//     its title and description in Hugo's front matter, which the theme prints as the h1).
//
//   node tests/js/compare_themes.js measure --runs N --lighthouse LIGHTHOUSE_BIN --source ROLE.md
//        NAME=BUILT_DIR:ROLE_PATH:PORT ...
//     Serves each built site gzip-compressed on 127.0.0.1:PORT (it was built for that
//     address) and measures, per site: axe-core WCAG 2.1 A/AA violations (light and dark,
//     home and role page), the role page's weight and requests to other origins, layout
//     shift (home and role page, 360/768/1280 px, unthrottled and with the CPU slowed 8x,
//     N runs each), Lighthouse's four scores (mobile preset), the head tags of the role
//     page, print (navigation hidden, the address of the role's first Markdown link
//     written out, a print control, PDF pages) and sideways scrolling at 360, 768 and 1280 px. Prints a table and `COMPARE
//     {json}`.
//
// The measuring is measure.js's, the same code the theme test uses.
'use strict'

const fs = require('fs')
const os = require('os')
const path = require('path')
const { execFile, execFileSync } = require('child_process')
const { CHROMIUM, ARGS, WIDTHS, serve, htmlPaths, axeViolations, loadShift, transferWeight, horizontalOverflow, headTags } = require('./measure')

// ---- prepare ----

// The role pages of the guide (Markdown files with a [role] table), per section, in the
// sections' and then the files' order.
function rolePages (guideDir) {
  const content = path.join(guideDir, 'content')
  const sections = []
  for (const dir of fs.readdirSync(content, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const index = path.join(content, dir, '_index.md')
    const front = fs.existsSync(index) ? parse(fs.readFileSync(index, 'utf8')) : { title: dir, weight: 0 }
    const pages = []
    for (const f of fs.readdirSync(path.join(content, dir)).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort()) {
      const page = parse(fs.readFileSync(path.join(content, dir, f), 'utf8'))
      if (page.role && !page.draft) pages.push({ ...page, slug: f.replace(/\.md$/, '') })
    }
    if (pages.length) sections.push({ dir, title: front.title, weight: front.weight, pages })
  }
  return sections.sort((a, b) => a.weight - b.weight || a.dir.localeCompare(b.dir))
}

// The title, description, weight, draft flag and [role] presence of a page with TOML front
// matter (`+++`), and its Markdown body.
function parse (text) {
  const m = text.match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n?([\s\S]*)$/)
  if (!m) return { title: '', body: text, weight: 0 }
  const get = (k) => { const x = m[1].match(new RegExp(`^${k}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(\\S+))`, 'm')); return x ? (x[1] !== undefined ? JSON.parse(`"${x[1]}"`) : x[2]) : undefined }
  return { title: get('title') || '', description: get('description'), weight: +(get('weight') || 0), draft: get('draft') === 'true', role: /^\[role\]/m.test(m[1]), body: m[2].trim() + '\n' }
}

function write (file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}

const yaml = (s) => JSON.stringify(s) // a JSON string is a valid YAML scalar

function prepare (guideDir, out) {
  const sections = rolePages(guideDir)
  const title = (fs.readFileSync(path.join(guideDir, 'config.toml'), 'utf8').match(/^title\s*=\s*"([^"]*)"/m) || [])[1] || 'Interview Guide'
  // mdBook: a chapter per role under a part per section.
  const book = path.join(out, 'mdbook')
  write(path.join(book, 'book.toml'), `[book]\ntitle = ${JSON.stringify(title)}\nlanguage = "en"\n\n[output.html]\n`)
  const summary = ['# Summary', '', `[${title}](README.md)`, '']
  write(path.join(book, 'src', 'README.md'), `# ${title}\n\n${sections.map((s) => `- ${s.title}: ${s.pages.map((p) => p.title).join(', ')}`).join('\n')}\n`)
  for (const s of sections) {
    summary.push(`# ${s.title}`, '')
    for (const p of s.pages) {
      summary.push(`- [${p.title}](${s.dir}/${p.slug}.md)`)
      write(path.join(book, 'src', s.dir, p.slug + '.md'), `# ${p.title}\n\n${p.body}`)
    }
    summary.push('')
  }
  write(path.join(book, 'src', 'SUMMARY.md'), summary.join('\n'))
  // Hugo: a page per role in a section per section, shown by the scaffolded theme (the
  // script scaffolds it and removes the sample posts it comes with).
  const hugo = path.join(out, 'hugo')
  const menu = sections.map((s, i) => `[[menus.main]]\nname = ${JSON.stringify(s.title)}\npageRef = "/${s.dir}"\nweight = ${i + 1}\n`).join('\n')
  write(path.join(hugo, 'hugo.toml'), `baseURL = "http://127.0.0.1/"\nlocale = "en-US"\ntitle = ${JSON.stringify(title)}\n\n[menus]\n${menu}`)
  write(path.join(hugo, 'content', '_index.md'), `---\ntitle: ${yaml(title)}\n---\n`)
  for (const s of sections) {
    write(path.join(hugo, 'content', s.dir, '_index.md'), `---\ntitle: ${yaml(s.title)}\n---\n`)
    for (const p of s.pages) {
      const description = p.description ? `description: ${yaml(p.description)}\n` : ''
      write(path.join(hugo, 'content', s.dir, p.slug + '.md'), `---\ntitle: ${yaml(p.title)}\n${description}---\n\n${p.body}`)
    }
  }
  console.log(`${sections.reduce((n, s) => n + s.pages.length, 0)} role pages in ${sections.length} sections written to ${book} and ${hugo}`)
}

// ---- measure ----

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN }

async function axe (browser, origin, paths, axePath) {
  const out = {}
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 }, bypassCSP: true })
    const page = await context.newPage()
    const found = []
    for (const p of paths) {
      await page.goto(origin + p, { waitUntil: 'networkidle' })
      const v = await axeViolations(page, axePath)
      found.push(...v.map((x) => `${p}: ${x.split('\n')[0]}`))
    }
    // Whether the colour scheme changed anything: a theme without a dark mode is light in both.
    const bg = await page.evaluate(() => { let el = document.body; let c = getComputedStyle(el).backgroundColor; if (c === 'rgba(0, 0, 0, 0)') c = getComputedStyle(document.documentElement).backgroundColor; return c })
    out[scheme] = { violations: found, background: bg }
    await context.close()
  }
  return out
}

async function shifts (browser, origin, paths, runs) {
  const out = {}
  for (const throttle of [1, 8]) {
    let worst = 0
    let shifted = 0
    let loads = 0
    const examples = []
    for (let r = 0; r < runs; r++) {
      for (const width of WIDTHS) {
        for (const p of paths) {
          const s = await loadShift(browser, origin + p, { width, cpuThrottle: throttle })
          loads++
          if (s.total > 0) { shifted++; if (examples.length < 3) examples.push(`${p} ${width}px: ${s.total.toFixed(4)} ${s.shifts[0].sources[0] || ''}`) }
          worst = Math.max(worst, s.total)
        }
      }
    }
    out[`x${throttle}`] = { loads, shifted, worst, examples }
  }
  return out
}

async function overflow (browser, origin, paths) {
  const out = {}
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 800 } })
    const page = await context.newPage()
    out[width] = []
    for (const p of paths) {
      await page.goto(origin + p, { waitUntil: 'networkidle' })
      const m = await horizontalOverflow(page)
      if (m.scrolls) out[width].push(`${p}: ${m.scroll} > ${m.client} (${m.worst ? m.worst.what : ''})`)
    }
    await context.close()
  }
  return out
}

// The role page's head tags, and whether each page's <title> is unique across the site.
async function findable (browser, origin, dir, rolePath) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(origin + rolePath)
  const paths = htmlPaths(dir).filter((p) => !/404/.test(p))
  const all = await page.evaluate(async ([paths, source]) => {
    // eslint-disable-next-line no-new-func
    const headTags = new Function(`return (${source})`)()
    const out = []
    for (const p of paths) out.push({ path: p, ...headTags(await (await fetch(p)).text()) })
    return out
  }, [paths, headTags.toString()])
  await context.close()
  const pages = all.filter((t) => !t.refresh)
  const role = pages.find((t) => t.path === rolePath) || {}
  const titles = new Set(pages.map((t) => t.title))
  const tags = {
    title: !!(role.title && role.title.trim()),
    description: !!(role.description && role.description.trim()),
    canonical: !!role.canonical,
    lang: !!role.lang,
    'og:*': !!(role.ogTitle && role.ogType && role.ogUrl),
    'twitter:card': !!role.card,
    feed: !!role.feed
  }
  return { tags, have: Object.values(tags).filter(Boolean).length, of: Object.keys(tags).length, uniqueTitles: titles.size === pages.length, pages: pages.length }
}

// The role page in print media: whether navigation, search fields and other controls are
// still shown on paper, whether the role's first Markdown link has its address written out, whether the
// page offers a print control, and the PDF's page count.
async function printable (browser, origin, rolePath, work, name, linkText) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(origin + rolePath, { waitUntil: 'networkidle' })
  const control = await page.evaluate(() => [...document.querySelectorAll('button, a, [role=button]')].some((el) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && /print/i.test((el.textContent || '') + ' ' + (el.getAttribute('title') || '') + ' ' + (el.getAttribute('aria-label') || '') + ' ' + (el.getAttribute('href') || ''))
  }))
  await page.emulateMedia({ media: 'print' })
  const onPaper = await page.evaluate((linkText) => {
    const shown = (el) => el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0
    return {
      nav: [...document.querySelectorAll('nav, [role=navigation], [role=search], input, button, select, summary')].filter(shown).length,
      // The first link of the role's Markdown, found by its text: its address as written
      // in the page or resolved.
      link: (() => {
        const a = [...document.querySelectorAll('a[href]')].filter((x) => shown(x) && x.textContent.trim() === linkText)[0]
        return a ? [a.getAttribute('href'), a.href] : null
      })()
    }
  }, linkText)
  const file = path.join(work, name + '.pdf')
  await page.pdf({ path: file, format: 'A4' })
  await context.close()
  const pages = +execFileSync('pdfinfo', [file]).toString().match(/^Pages:\s+(\d+)/m)[1]
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '')
  return { controlsOnPaper: onPaper.nav, linkAddress: onPaper.link ? onPaper.link.some((l) => text.includes(l.replace(/\s+/g, ''))) : null, printControl: control, pages }
}

// Lighthouse's four scores for `url`, run as a child process without blocking this one's
// event loop (which serves the site).
async function lighthouse (bin, url) {
  const out = path.join(os.tmpdir(), `compare-lh-${process.pid}.json`)
  try {
    await new Promise((resolve, reject) => execFile(bin, [url, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility,best-practices,seo', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'], { env: { ...process.env, CHROME_PATH: CHROMIUM } }, (err) => (err ? reject(err) : resolve())))
    const r = JSON.parse(fs.readFileSync(out, 'utf8'))
    const scores = ['performance', 'accessibility', 'best-practices', 'seo'].map((k) => Math.round(r.categories[k].score * 100))
    const failed = Object.values(r.categories).flatMap((c) => c.auditRefs.filter((a) => a.weight > 0 && r.audits[a.id].score !== null && r.audits[a.id].score < 1).map((a) => `${c.title}: ${r.audits[a.id].title}`))
    return { scores, failed, cls: r.audits['cumulative-layout-shift'].displayValue }
  } finally {
    fs.rmSync(out, { force: true })
  }
}

async function measure (argv) {
  const opts = { runs: 3, lighthouse: null, source: null, sites: [] }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') opts.runs = +argv[++i]
    else if (argv[i] === '--lighthouse') opts.lighthouse = argv[++i]
    else if (argv[i] === '--source') opts.source = argv[++i]
    else {
      const [name, rest] = argv[i].split('=')
      const [dir, rolePath, port] = rest.split(':')
      opts.sites.push({ name, dir, rolePath, port: +port })
    }
  }
  // The text of the role's first Markdown link, to find that link in each site's page.
  const linkText = opts.source ? (fs.readFileSync(opts.source, 'utf8').match(/\[([^\]]+)\]\([^)\s]+\)/) || [])[1] : null
  const { chromium } = require('playwright-core')
  const axePath = require.resolve('axe-core/axe.min.js', { paths: [path.join(__dirname, '..')] })
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-themes-'))
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  const results = []
  try {
    for (const site of opts.sites) {
      // The sites were built for their port: their links and canonical URLs name it.
      const server = await serve([['/', path.resolve(site.dir) + path.sep]], { gzip: true, port: site.port })
      const origin = `http://127.0.0.1:${site.port}`
      const paths = ['/', site.rolePath]
      process.stderr.write(`${site.name}: axe… `)
      const r = { name: site.name, axe: await axe(browser, origin, paths, axePath) }
      process.stderr.write('weight… ')
      r.weight = await transferWeight(browser, origin, site.rolePath)
      delete r.weight.shifts
      process.stderr.write('layout shift… ')
      r.shift = await shifts(browser, origin, paths, opts.runs)
      process.stderr.write('sideways scrolling… ')
      r.overflow = await overflow(browser, origin, paths)
      process.stderr.write('head tags… ')
      r.findable = await findable(browser, origin, site.dir, site.rolePath)
      process.stderr.write('print… ')
      r.print = await printable(browser, origin, site.rolePath, work, site.name, linkText)
      if (opts.lighthouse) {
        process.stderr.write('Lighthouse… ')
        r.lighthouse = { home: await lighthouse(opts.lighthouse, origin + '/'), role: await lighthouse(opts.lighthouse, origin + site.rolePath) }
      }
      process.stderr.write('done\n')
      await new Promise((resolve) => server.close(resolve))
      results.push(r)
    }
  } finally {
    await browser.close()
    fs.rmSync(work, { recursive: true, force: true })
  }
  table(results, opts.runs)
  console.log('COMPARE ' + JSON.stringify(results))
}

function table (results, runs) {
  const rows = [
    ['axe WCAG 2.1 A/AA violations, light', (r) => String(r.axe.light.violations.length)],
    ['axe violations, dark', (r) => `${r.axe.dark.violations.length}${r.axe.dark.background === r.axe.light.background ? ' (no dark theme)' : ''}`],
    ['role page weight, gzip', (r) => `${r.weight.total.toLocaleString('en')} B in ${r.weight.files.length} files`],
    ['requests to other origins', (r) => String(r.weight.foreign.length)],
    [`layout shift, ${runs}×(2 pages × 3 widths): loads that shifted, worst`, (r) => `${r.shift.x1.shifted}/${r.shift.x1.loads}, ${r.shift.x1.worst.toFixed(4)}`],
    ['  the same, CPU slowed down 8x', (r) => `${r.shift.x8.shifted}/${r.shift.x8.loads}, ${r.shift.x8.worst.toFixed(4)}`],
    ['Lighthouse home (perf/a11y/BP/SEO)', (r) => r.lighthouse ? r.lighthouse.home.scores.join('/') : 'not run'],
    ['Lighthouse role page', (r) => r.lighthouse ? r.lighthouse.role.scores.join('/') : 'not run'],
    ['findable tags on the role page', (r) => `${r.findable.have}/${r.findable.of}${r.findable.have < r.findable.of ? ' (no ' + Object.entries(r.findable.tags).filter(([, v]) => !v).map(([k]) => k).join(', ') + ')' : ''}`],
    ['unique <title> on every page', (r) => `${r.findable.uniqueTitles ? 'yes' : 'no'} (${r.findable.pages} pages)`],
    ['print: controls left on paper', (r) => String(r.print.controlsOnPaper)],
    ['print: link addresses written out', (r) => r.print.linkAddress === null ? 'no link' : r.print.linkAddress ? 'yes' : 'no'],
    ['print: a print control', (r) => r.print.printControl ? 'yes' : 'no'],
    ['print: A4 pages of the role page', (r) => String(r.print.pages)],
    ...WIDTHS.map((w) => [`sideways scrolling at ${w} px (of 2 pages)`, (r) => String(r.overflow[w].length)])
  ]
  const head = ['', ...results.map((r) => r.name)]
  const body = rows.map(([label, f]) => [label, ...results.map(f)])
  console.log(`| ${head.join(' | ')} |`)
  console.log(`|${head.map(() => '---').join('|')}|`)
  for (const row of body) console.log(`| ${row.join(' | ')} |`)
  for (const r of results) {
    const notes = [...r.axe.light.violations.map((v) => 'light ' + v), ...r.axe.dark.violations.map((v) => 'dark ' + v), ...r.shift.x1.examples.map((e) => 'shift ' + e), ...r.shift.x8.examples.map((e) => 'shift 8x ' + e), ...r.weight.foreign.map((u) => 'other origin ' + u), ...(r.lighthouse ? ['home', 'role'].flatMap((k) => r.lighthouse[k].failed.map((f) => `Lighthouse ${k}: ${f}`)) : []), ...WIDTHS.flatMap((w) => r.overflow[w].map((o) => `${w}px ${o}`))]
    if (notes.length) console.log(`\n${r.name}:\n  ${notes.join('\n  ')}`)
  }
}

const [cmd, ...rest] = process.argv.slice(2)
if (cmd === 'prepare') prepare(rest[0], rest[1])
else if (cmd === 'measure') measure(rest).catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1) })
else { console.error('usage: compare_themes.js prepare GUIDE_DIR OUT_DIR | measure [--runs N] [--lighthouse BIN] NAME=DIR:ROLE_PATH:PORT ...'); process.exit(2) }
