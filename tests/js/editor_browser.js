#!/usr/bin/env node
// `guide serve --edit` in real headless Chromium (playwright-core), over a copy of the
// starter guide: open a role from its "Edit this page" link, change the salary and the
// skills with the keyboard alone and save (the file differs only in those lines, the open
// page reloads with the change, and `guide build` writes the page as served); a minimum
// above the maximum shows its error beside the field and writes nothing; undo restores the
// previous bytes; a file changed on disk meanwhile is caught and both versions shown; a
// new role appears in its section; axe-core finds nothing in light or dark.
//
// Usage: node tests/js/editor_browser.js --guide GUIDE_BINARY --site SITE
// SITE's config.toml and content/ are copied into a temporary folder first. Exit status 0
// when all checks pass, 1 on a failure, 2 when Chromium or playwright-core is missing.
'use strict'

const assert = require('assert')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { parseArgs, CHROMIUM, ARGS, build, copyDir, startServe, chromiumLauncher, freePort, axeViolations } = require('./measure')

const ROLE = 'content/engineering/senior-backend-developer.md'
const ROLE_URL = '/engineering/senior-backend-developer/'

function args () {
  return parseArgs('node tests/js/editor_browser.js --guide GUIDE_BINARY --site SITE', ['guide', 'site'])
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const byId = (page, id) => page.locator(`[id="${id}"]`)

// The 0-based numbers of the lines that differ; both texts must have as many lines.
function changedLines (before, after) {
  const a = before.split('\n')
  const b = after.split('\n')
  assert.strictEqual(a.length, b.length, `the number of lines changed:\n${after}`)
  return a.map((line, i) => (line === b[i] ? -1 : i)).filter((i) => i >= 0)
}

// A served page without what only `guide serve` adds: the reload script and the edit link.
function withoutServeAdditions (html) {
  return html.replace(/<script src="[^"]*__guide\/reload\.js"[^>]*><\/script>/, '').replace(/<nav class="guide-edit"[^>]*>.*?<\/nav>/, '')
}

async function waitFor (what, test, timeout = 20000) {
  for (let waited = 0; !(await test()); waited += 100) {
    assert(waited < timeout, `timed out waiting for ${what}`)
    await sleep(100)
  }
}

async function checks (browser, base, root, guide, problems) {
  const file = path.join(root, ROLE)
  const context = await browser.newContext()
  // A refused save is answered 422 (errors) or 409 (conflict) on purpose; Chromium logs those.
  const expected = (m) => /\/_edit\/api\/save$/.test((m.location() || {}).url || '') && /status of (409|422)/.test(m.text())
  const watch = (page) => {
    page.on('console', (m) => { if (m.type() === 'error' && !expected(m) && !/favicon\.ico/.test((m.location() || {}).url || '')) problems.push(`console error on ${page.url()}: ${m.text()}`) })
    page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`))
    return page
  }
  const view = watch(await context.newPage())
  await view.goto(base + ROLE_URL)
  const editor = watch(await context.newPage())
  await editor.goto(base + ROLE_URL)
  await editor.getByRole('link', { name: 'Edit this page' }).click()
  await editor.waitForURL(/\/_edit\/engineering\/senior-backend-developer\.md$/)
  console.log('ok - "Edit this page" on a served role opens it in the editor')

  // Salary and skills, with the keyboard alone.
  const before = fs.readFileSync(file, 'utf8')
  await byId(editor, 'role.salary.max').focus()
  await editor.keyboard.press('Control+A')
  await editor.keyboard.type('160000')
  await byId(editor, 'role.skills-new').focus()
  await editor.keyboard.type('Rust')
  await editor.keyboard.press('Enter')
  await editor.getByRole('button', { name: 'Remove Ruby' }).focus()
  await editor.keyboard.press('Enter')
  const reloaded = view.waitForEvent('load', { timeout: 20000 })
  await editor.locator('#save').focus()
  await editor.keyboard.press('Enter')
  await editor.locator('#status', { hasText: 'Saved.' }).waitFor({ timeout: 20000 })
  const saved = fs.readFileSync(file, 'utf8')
  const lines = saved.split('\n')
  const changed = changedLines(before, saved)
  assert.deepStrictEqual(changed.map((i) => lines[i]), [
    before.split('\n').find((l) => l.startsWith('skills = ')).replace('"Ruby", ', '').replace(/\]$/, ', "Rust"]'),
    'max = 160000'
  ], `only the skills and the maximum changed:\n${saved}`)
  console.log('ok - a keyboard-only change of the salary and the skills changes only those lines of the file')

  await reloaded
  const range = await view.locator('.salary-range').innerText()
  assert.match(range, /160[,.\s\u202f]?000/, `the reloaded page shows the new maximum: ${range}`)
  assert((await view.content()).includes('>Rust<'), 'the reloaded page lists the new skill')
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-edit-build-'))
  build(guide, root, path.join(out, 'site'), base)
  const built = fs.readFileSync(path.join(out, 'site', ROLE_URL, 'index.html'), 'utf8')
  const served = await (await fetch(base + ROLE_URL)).text()
  assert(served.includes('Edit this page'), 'the served page has the edit link')
  assert(!built.includes('Edit this page') && !built.includes('_edit'), 'the built page has no trace of the editor')
  assert.strictEqual(withoutServeAdditions(served), built, 'the served page is the page `guide build` writes')
  assert(!fs.readdirSync(path.join(out, 'site')).some((name) => name.startsWith('_edit')), 'no editor page is built')
  fs.rmSync(out, { recursive: true, force: true })
  console.log('ok - the open page reloaded with the change, and `guide build` writes the page as served')

  // A minimum above the maximum: the error beside the minimum, nothing written.
  await byId(editor, 'role.salary.min').fill('170000')
  await editor.locator('#save').click()
  const minError = byId(editor, 'role.salary.min-error')
  await minError.waitFor({ state: 'visible', timeout: 20000 })
  assert.match(await minError.innerText(), /greater than the maximum/)
  assert.strictEqual(await byId(editor, 'role.salary.min').getAttribute('aria-invalid'), 'true')
  assert.strictEqual(await editor.evaluate(() => document.activeElement.id), 'role.salary.min', 'the field with the error has focus')
  assert.strictEqual(fs.readFileSync(file, 'utf8'), saved, 'nothing was written')
  console.log('ok - a minimum above the maximum shows its error beside the field and writes nothing')

  // Undo: the bytes from before the save come back.
  await editor.locator('#undo').click()
  await editor.waitForLoadState('load')
  await waitFor('the undo', () => fs.readFileSync(file, 'utf8') === before)
  await editor.locator('#undo').waitFor({ state: 'hidden' })
  console.log('ok - undo restores the previous bytes of the file')

  // A conflict: the file changes on disk while the form is open.
  await editor.reload()
  await byId(editor, 'title').fill('Senior Backend Engineer')
  const onDisk = before.replace('## Behavioral Questions', 'Edited in a text editor meanwhile.\n\n## Behavioral Questions')
  fs.writeFileSync(file, onDisk)
  await editor.locator('#save').click()
  await editor.locator('#conflict').waitFor({ state: 'visible', timeout: 20000 })
  assert.strictEqual(await editor.locator('#theirs').inputValue(), onDisk, 'the version on disk is shown')
  assert((await editor.locator('#yours').inputValue()).includes('title = "Senior Backend Engineer"'), 'the unsaved version is shown')
  assert.strictEqual(fs.readFileSync(file, 'utf8'), onDisk, 'the version on disk is kept')
  console.log('ok - a file changed on disk meanwhile is not overwritten: both versions are shown')

  // A new role in the engineering section.
  await editor.goto(base + '/_edit/')
  await editor.locator('#section-engineering-new').fill('Site Reliability Engineer')
  await editor.locator('#section-engineering-new').press('Enter')
  await editor.waitForURL(/\/_edit\/engineering\/site-reliability-engineer\.md$/)
  assert(fs.existsSync(path.join(root, 'content/engineering/site-reliability-engineer.md')))
  // Asked over HTTP, not through `view`: the role page there is live-reloaded by every
  // rebuild, and a reload would interrupt its navigation to the section.
  await waitFor('the new role in its section', async () => {
    const section = await context.request.get(base + '/engineering/')
    return section.ok() && (await section.text()).includes('Site Reliability Engineer')
  })
  console.log('ok - a new role from the editor appears in its section')
  await context.close()
}

// axe-core on the list of pages and on a role's form, in light and dark. axe is added as
// a script of its own, which the editor's Content Security Policy would refuse.
async function checkAxe (browser, base, axePath) {
  const failures = []
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme, bypassCSP: true })
    const page = await context.newPage()
    for (const url of ['/_edit/', '/_edit/engineering/senior-backend-developer.md']) {
      await page.goto(base + url)
      const found = await axeViolations(page, axePath)
      if (found.length) failures.push(`${url} (${colorScheme}):\n    ${found.join('\n    ')}`)
    }
    // With an error shown beside a field, too.
    await byId(page, 'role.salary.min').fill('not a number')
    await page.locator('#save').click()
    await byId(page, 'role.salary.min-error').waitFor({ state: 'visible' })
    const found = await axeViolations(page, axePath)
    if (found.length) failures.push(`form with an error (${colorScheme}):\n    ${found.join('\n    ')}`)
    await context.close()
  }
  assert.deepStrictEqual(failures, [], failures.join('\n'))
  console.log('ok - axe-core finds no violation in the editor in light or dark')
}

async function main () {
  const opts = args()
  const chromium = chromiumLauncher()
  const axePath = require.resolve('axe-core/axe.min.js', { paths: [path.join(__dirname, '..')] })
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-edit-'))
  const root = path.join(temp, 'site')
  fs.mkdirSync(root)
  fs.copyFileSync(path.join(opts.site, 'config.toml'), path.join(root, 'config.toml'))
  copyDir(path.join(opts.site, 'content'), path.join(root, 'content'))
  const port = await freePort()
  const server = startServe(opts.guide, root, port, { extraArgs: ['--edit'], readyText: 'Editor at ' })
  let browser = null
  let code = 0
  try {
    await server.ready
    const base = `http://127.0.0.1:${port}`
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    const problems = []
    await checkAxe(browser, base, axePath)
    await checks(browser, base, root, opts.guide, problems)
    assert.deepStrictEqual(problems, [], 'no console errors')
  } catch (error) {
    console.log(`not ok - ${error.stack || error}`)
    console.log(`guide serve said:\n${server.log.join('')}`)
    code = 1
  } finally {
    if (browser) await browser.close()
    server.child.kill()
    fs.rmSync(temp, { recursive: true, force: true })
  }
  process.exit(code)
}

main()
