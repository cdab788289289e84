#!/usr/bin/env node
// Runs words through a lunr-languages plugin's search pipeline (trimmer, French accent
// folding, Snowball stemmer), or with `--pipeline index` its index pipeline (which also
// drops stop words and empty terms), to compare with our build's pipeline word for word.
//
// Usage: node tests/js/stem_words.js --language CODE --words WORDS.json --out OUT.json
//          [--pipeline search|index]
// WORDS.json is an array of lower-cased words; OUT.json gets an array of the same length,
// each word's terms joined by a space.
'use strict'

const fs = require('fs')
const lunr = require('./lunr_path')

const args = {}
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1]
if (!args.language || !args.words || !args.out) {
  console.error(`usage: node ${__filename} --language CODE --words WORDS.json --out OUT.json [--pipeline search|index]`)
  process.exit(2)
}
require('lunr-languages/lunr.stemmer.support')(lunr)
require(`lunr-languages/lunr.${args.language}`)(lunr)
const builder = new lunr.Builder()
lunr[args.language].call(builder)
const words = JSON.parse(fs.readFileSync(args.words, 'utf8'))
const pipeline = args.pipeline === 'index' ? builder.pipeline : builder.searchPipeline
fs.writeFileSync(args.out, JSON.stringify(words.map((w) => pipeline.runString(w).join(' '))))
