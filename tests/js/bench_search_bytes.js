#!/usr/bin/env node
// Bytes a browser fetches for a first query on a built site with the sharded index.
//
// Usage: node tests/js/bench_search_bytes.js SITE_DIR WORD [WORD...]
//
// For each word, a fresh client (themes/default/static/search.js, loaded without a DOM)
// opens SITE_DIR/search/manifest.json and answers the word as the search box does when it
// is typed (with the prefix clause), then fetches the display fragments of the first ten
// results and then, as the box does in idle time, guesses the next keystrokes (see
// `ahead` in search.js) and fetches the fragments of their first ten results. Prints per
// word the files fetched and their sizes: the manifest raw and gzip -9 (what a static host
// serving compressed files sends); shards and fragments are gzip members of pack files,
// read by range, so what travels is the member as stored (and raw is its inflated size).
// With and without the client script (as served, and minified by tests/search_client.rs:
// pass its size as GUIDE_MINIFIED_GZIP); on a language with its own pipeline the client
// includes search-lang.js, and the fetched files the language's stemmer.
'use strict'

const fs = require('fs')
const path = require('path')
const zlib = require('zlib')
const engine = require('../../themes/default/static/search.js')
require('../../themes/default/static/search-lang.js')

const [site, ...words] = process.argv.slice(2)
if (!site || !words.length) {
  console.error('usage: node tests/js/bench_search_bytes.js SITE_DIR WORD [WORD...]')
  process.exit(2)
}

const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length
const client = fs.readFileSync(path.join(__dirname, '../../themes/default/static/search.js'))
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
// The other languages' pipelines, which their pages load beside search.js.
const language = manifest.pipeline ? gzip(fs.readFileSync(path.join(__dirname, '../../themes/default/static/search-lang.js'))) : 0

async function main () {
  const rows = []
  for (const word of words) {
    const fetched = []
    // Bytes a..b of search/<file> (a range request), or the whole file.
    const get = (file, low, a, b) => {
      const whole = fs.readFileSync(path.join(site, 'search', file))
      if (a === undefined) {
        fetched.push({ file, bytes: whole.length, gzip: gzip(whole) })
        return Promise.resolve(new Uint8Array(whole).buffer)
      }
      const member = whole.subarray(a, b)
      fetched.push({ file: `${file}@${a}`, bytes: zlib.gunzipSync(member).length, gzip: member.length })
      return Promise.resolve(new Uint8Array(member).buffer)
    }
    const started = process.hrtime.bigint()
    const ix = await engine.open(get)
    const { hits, n } = await ix.find(word, true, 10)
    await ix.records(hits)
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    const shown = fetched.length
    // The guesses run one per idle callback (setTimeout under Node): wait until they stop.
    ix.ahead(word, () => true)
    for (let seen = -1; seen !== fetched.length;) {
      seen = fetched.length
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const sum = (key, filter) => fetched.filter(filter).reduce((total, f) => total + f[key], 0)
    const isShard = (f) => f.file.startsWith('s/')
    const isFragment = (f, i) => f.file.startsWith('f/') && i < shown
    const isPrefetched = (f, i) => i >= shown
    rows.push({
      word,
      hits: n,
      files: fetched.length,
      manifestGzip: sum('gzip', (f) => f.file === 'manifest.json'),
      shards: fetched.filter(isShard).length,
      shardBytes: sum('bytes', isShard),
      shardGzip: sum('gzip', isShard),
      fragments: fetched.filter(isFragment).length,
      fragmentGzip: sum('gzip', isFragment),
      prefetched: fetched.filter(isPrefetched).length,
      prefetchedGzip: sum('gzip', isPrefetched),
      dataGzip: sum('gzip', () => true),
      stemmerGzip: sum('gzip', (f) => f.file.endsWith('.wasm')),
      withClientAsServedGzip: sum('gzip', () => true) + gzip(client) + language,
      withClientMinifiedGzip: process.env.GUIDE_MINIFIED_GZIP ? sum('gzip', () => true) + Number(process.env.GUIDE_MINIFIED_GZIP) + language : null,
      nodeMs: +ms.toFixed(1)
    })
  }
  console.log(JSON.stringify({ site, clientBytes: client.length, clientGzip: gzip(client), languageScriptGzip: language, rows }, null, 1))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
