#!/usr/bin/env node
// The browser client (themes/default/static/search.js and search-lang.js, without a DOM) on one language's
// search files: with that language's pipeline (its WebAssembly stemmer, or the segmenter)
// it answers every query like lunr.js with the lunr-languages plugin.
//
// Usage: node tests/js/search_languages_client.js SITE_DIR ANSWERS.json
// SITE_DIR holds search/ as a build writes it; ANSWERS.json is lunr.js's answers as
// check_index.js --results writes them. Prints one line per difference; exit status 1 if any.
'use strict'

const fs = require('fs')
const path = require('path')
const engine = require('../../themes/default/static/search.js')
require('../../themes/default/static/search-lang.js')

const [site, answersFile] = process.argv.slice(2)
if (!site || !answersFile) {
  console.error(`usage: node ${__filename} SITE_DIR ANSWERS.json`)
  process.exit(2)
}
const read = (file, low, a, b) => Promise.resolve(new Uint8Array(fs.readFileSync(path.join(site, 'search', file))).slice(a, b).buffer)

async function main () {
  const answers = JSON.parse(fs.readFileSync(answersFile, 'utf8'))
  let failed = 0
  for (const { query, results, error } of answers) {
    // A fresh client per query: only that query's shards are loaded.
    const ix = await engine.open(read)
    let mine
    try {
      mine = (await ix.find(query)).hits.map((h) => [h.ref, h.score])
    } catch (err) {
      mine = { error: err.message }
    }
    let problem = null
    if (error || mine.error) {
      problem = error && mine.error ? null : `lunr.js: ${error || 'results'}; ours: ${mine.error || 'results'}`
    } else if (mine.length !== results.length) {
      problem = `lunr.js found ${results.length}, ours ${mine.length}`
    } else {
      const i = results.findIndex((r, i) => r[0] !== mine[i][0] || Math.abs(r[1] - mine[i][1]) > 1e-6)
      if (i >= 0) problem = `result ${i + 1}: lunr.js ${results[i]}, ours ${mine[i]}`
    }
    if (problem) {
      failed++
      console.log(`FAIL ${JSON.stringify(query)}: ${problem}`)
    }
  }
  console.log(`client: ${answers.length - failed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main()
