#!/usr/bin/env node
// The one-word answers a build puts in its shards (src/search/answers.rs), as the search
// box uses them: for every answered word, what `find(word, true, 10)` gives (taken from the
// shard, not scored) is what the client computes itself when asked for 11 hits (which no
// stored answer holds): the same hits and scores, count and matched terms.
//
// Usage: node tests/js/search_answers.js SITE_DIR   (run by tests/search_compat.rs)
// Prints `ANSWERED n`, the number of words checked; exits 1 at the first difference.
'use strict'

const assert = require('assert')
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')
const engine = require('../../themes/default/static/search.js')

const site = process.argv[2]
const read = (file, low, a, b) => Promise.resolve(new Uint8Array(fs.readFileSync(path.join(site, 'search', file))).slice(a, b).buffer)

async function main () {
  const m = JSON.parse(fs.readFileSync(path.join(site, 'search/manifest.json'), 'utf8'))
  const stored = new Map()
  for (const [p, [hash, lengths]] of m.shard_packs.entries()) {
    const pack = fs.readFileSync(path.join(site, 'search/s', `${p}.${hash}.bin`))
    let at = 0
    for (const length of lengths) {
      const [, , answers] = JSON.parse(zlib.gunzipSync(pack.subarray(at, at += length)))
      for (const word in answers) stored.set(word, answers[word])
    }
  }
  const ix = await engine.open(read)
  for (const [word, answer] of stored) {
    const shown = await ix.find(word, true, 10)
    assert.deepStrictEqual(shown.hits.map((h) => [h.n, h.score]), answer.slice(1), `${word}: the stored hits`)
    const computed = await ix.find(word, true, 11)
    assert.deepStrictEqual(shown.hits, computed.hits.slice(0, 10), `${word}: hits`)
    assert.strictEqual(shown.n, computed.n, `${word}: count`)
    assert.deepStrictEqual([...shown.terms].sort(), [...computed.terms].sort(), `${word}: matched terms`)
  }
  console.log('ANSWERED ' + stored.size)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
