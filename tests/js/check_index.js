#!/usr/bin/env node
// Checks our serialised search index against lunr.js 2.3.9 itself.
//
// Usage:
//   node tests/js/check_index.js --docs DOCS.json --index OURS.json \
//        --queries QUERIES.json [--results OUT.json] [--language CODE]
//
// --language runs lunr.js with the lunr-languages plugin of CODE (`de`, `fr`, …), or
// with `segment`: the search client's own segmenter (themes/default/static/search-lang.js),
// registered as the pipeline function of that name, for the languages we segment; or with
// `snowball-CODE`: the plugin with our Snowball stemmer in place of its own (Arabic).
// A `+latin` suffix (`ru+latin`, `snowball-ar+latin`) replaces the plugin's trimmer with
// one that lunr-languages' own generator makes from the plugin's word characters plus those
// of its Latin-script plugins, as our Arabic and Russian trimmers keep Latin words.
//
// DOCS.json is the lunr input our builder indexed (written by
// `interview_guide::search::lunr_documents_json`):
//   {"ref": "id", "fields": [{"name": "title", "boost": 10}, ...],
//    "documents": [{"id": "/a/", "boost": 1, "title": "...", ...}, ...]}
// QUERIES.json is an array of query strings.
//
// lunr.js builds its own index from DOCS.json; OURS.json is loaded with
// lunr.Index.load. Every query runs on both; a query passes when both give
// the same refs in the same order with scores within 1e-6, or both throw
// the same QueryParseError. The script also reports whether the two
// serialisations are byte-identical and fails if ours is larger.
// --results writes lunr.js's own answers, for comparing our Rust engine:
//   [{"query": q, "results": [[ref, score], ...]} | {"query": q, "error": msg}]
// Exit status: 0 when everything matches, 1 on any difference, 2 on misuse.
'use strict'

const fs = require('fs')
const path = require('path')
const lunr = require('./lunr_path')

const TOLERANCE = 1e-6

function parseArgs (argv) {
  const args = {}
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '')
    if (!['docs', 'index', 'queries', 'results', 'language'].includes(key) || i + 1 >= argv.length) {
      console.error(`unexpected argument ${argv[i]}; see the usage at the top of ${__filename}`)
      process.exit(2)
    }
    args[key] = argv[i + 1]
  }
  for (const required of ['docs', 'index', 'queries']) {
    if (!args[required]) {
      console.error(`missing --${required}; see the usage at the top of ${__filename}`)
      process.exit(2)
    }
  }
  return args
}

// The plugin (a function for `this.use`) of a language, registering its pipeline functions.
function languagePlugin (code) {
  if (!code) return null
  if (code === 'segment') {
    const client = require('../../themes/default/static/search-lang.js')
    const segment = (token) => client.segment(token.toString()).map((t) => token.clone(() => t))
    lunr.Pipeline.registerFunction(segment, 'segment')
    return function () {
      this.pipeline.reset()
      this.pipeline.add(segment)
      this.searchPipeline.reset()
      this.searchPipeline.add(segment)
    }
  }
  require('lunr-languages/lunr.stemmer.support')(lunr)
  const [, snowball, language, latin] = /^(snowball-)?([a-z]+)(\+latin)?$/.exec(code) || []
  if (!language) throw new Error(`unknown --language ${code}`)
  require(`lunr-languages/lunr.${language}`)(lunr)
  if (latin) withLatinTrimmer(language)
  return snowball ? snowballPlugin(language) : lunr[language]
}

// Registers, as `trimmer-CODE` and `lunr[CODE].trimmer`, lunr-languages' trimmer for the
// plugin's word characters plus the Latin-script plugins' (`lunr.de.wordCharacters`; all
// of them share it).
function withLatinTrimmer (code) {
  if (!lunr.de) require('lunr-languages/lunr.de')(lunr)
  const trimmer = lunr.trimmerSupport.generateTrimmer(lunr[code].wordCharacters + lunr.de.wordCharacters)
  // The plugin reads `lunr[CODE].trimmer` when a builder uses it.
  lunr[code].trimmer = trimmer
  delete lunr.Pipeline.registeredFunctions[`trimmer-${code}`]
  lunr.Pipeline.registerFunction(trimmer, `trimmer-${code}`)
}

// `snowball-CODE`: the plugin's trimmer and stop words, but our Snowball stemmer (the
// browser's WebAssembly module) as `stemmer-CODE`, for a language whose plugin stems
// otherwise (Arabic: lunr.ar.js has its own light stemmer).
function snowballPlugin (code) {
  const file = path.join(__dirname, `../../src/search/stemmers/${code}.wasm`)
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(file)), {}).exports
  const stemWord = (word) => {
    const bytes = Buffer.from(word)
    new Uint8Array(wasm.memory.buffer, wasm.buffer(), bytes.length).set(bytes)
    const length = wasm.stem(bytes.length)
    return Buffer.from(new Uint8Array(wasm.memory.buffer, wasm.buffer(), length)).toString()
  }
  const stemmer = (token) => token.update(stemWord)
  lunr.Pipeline.registerFunction(stemmer, `stemmer-${code}`)
  const plugin = lunr[code]
  return function () {
    this.pipeline.reset()
    this.pipeline.add(plugin.trimmer, plugin.stopWordFilter, stemmer)
    this.searchPipeline.reset()
    this.searchPipeline.add(plugin.trimmer, stemmer)
  }
}

function buildLunrIndex (input, plugin) {
  return lunr(function () {
    if (plugin) this.use(plugin)
    this.ref(input.ref)
    for (const field of input.fields) this.field(field.name, { boost: field.boost })
    for (const doc of input.documents) this.add(doc, { boost: doc.boost })
  })
}

function run (index, query) {
  try {
    return { results: index.search(query).map((r) => [r.ref, r.score]) }
  } catch (err) {
    return { error: `${err.name}: ${err.message}` }
  }
}

// Returns a description of the first difference, or null when equal.
function difference (expected, actual) {
  if (expected.error || actual.error) {
    return expected.error === actual.error ? null : `lunr.js: ${expected.error || 'results'}; ours: ${actual.error || 'results'}`
  }
  const [a, b] = [expected.results, actual.results]
  if (a.length !== b.length) return `lunr.js found ${a.length} results, ours ${b.length}`
  for (let i = 0; i < a.length; i++) {
    if (a[i][0] !== b[i][0]) return `result ${i + 1}: lunr.js ${a[i][0]}, ours ${b[i][0]}`
    if (Math.abs(a[i][1] - b[i][1]) > TOLERANCE) return `result ${i + 1} (${a[i][0]}): score ${a[i][1]} vs ${b[i][1]}`
  }
  return null
}

function main () {
  const args = parseArgs(process.argv.slice(2))
  const input = JSON.parse(fs.readFileSync(args.docs, 'utf8'))
  const oursText = fs.readFileSync(args.index, 'utf8')
  const queries = JSON.parse(fs.readFileSync(args.queries, 'utf8'))

  const started = process.hrtime.bigint()
  const theirs = buildLunrIndex(input, languagePlugin(args.language))
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6
  const theirsText = JSON.stringify(theirs)
  const ours = lunr.Index.load(JSON.parse(oursText))

  let failed = 0
  const answers = []
  for (const query of queries) {
    const expected = run(theirs, query)
    const problem = difference(expected, run(ours, query))
    if (problem) {
      failed++
      console.log(`FAIL ${JSON.stringify(query)}: ${problem}`)
    }
    answers.push(Object.assign({ query }, expected))
  }
  if (args.results) fs.writeFileSync(args.results, JSON.stringify(answers))

  const oursBytes = Buffer.byteLength(oursText)
  const theirsBytes = Buffer.byteLength(theirsText)
  const identical = oursText === theirsText
  console.log(`documents: ${input.documents.length}, lunr.js build: ${buildMs.toFixed(0)} ms`)
  console.log(`index bytes: ours ${oursBytes}, lunr.js ${theirsBytes}, byte-identical: ${identical ? 'yes' : 'no'}`)
  const tooLarge = oursBytes > theirsBytes
  if (tooLarge) console.log('FAIL our index is larger than the one lunr.js serialises')
  console.log(`${queries.length - failed} passed, ${failed} failed`)
  process.exit(failed || tooLarge ? 1 : 0)
}

main()
