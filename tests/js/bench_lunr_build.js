#!/usr/bin/env node
// Times lunr.js 2.3.9 building the index of a site's search documents under Node, for
// comparison with `guide build` (docs/benchmarks.md, "Search").
//
// Usage: node tests/js/bench_lunr_build.js DOCS.json [RUNS]
// DOCS.json comes from `cargo run --release --example lunr_input -- --root SITE --out DOCS.json`.
// Prints the median build time of RUNS builds (default 3) and the serialised index's size,
// raw and gzip-compressed, as one line: `lunr.js build: median ... ms (...), index ... bytes`.
'use strict'

const fs = require('fs')
const zlib = require('zlib')
const lunr = require('./lunr_path')

function build (input) {
  return lunr(function () {
    this.ref(input.ref)
    for (const field of input.fields) this.field(field.name, { boost: field.boost })
    for (const doc of input.documents) this.add(doc, { boost: doc.boost })
  })
}

function main () {
  const [file, runsArg] = process.argv.slice(2)
  if (!file) {
    console.error('usage: node tests/js/bench_lunr_build.js DOCS.json [RUNS]')
    process.exit(2)
  }
  const runs = Number(runsArg || 3)
  const input = JSON.parse(fs.readFileSync(file, 'utf8'))
  const times = []
  let index
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint()
    index = build(input)
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]
  const json = JSON.stringify(index)
  const gzip = zlib.gzipSync(json).length
  console.log(`lunr.js build: median ${median.toFixed(0)} ms (${times.map(t => t.toFixed(0)).join(', ')}), ` +
    `${input.documents.length} documents, index ${Buffer.byteLength(json)} bytes, ${gzip} gzip`)
}

main()
