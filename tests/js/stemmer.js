#!/usr/bin/env node
// Prints lunr.stemmer(word) for each input line, one per line, so that our
// Rust port can be compared word for word with lunr.js 2.3.9.
//
// Usage: node tests/js/stemmer.js [WORDS_FILE]   (reads stdin without a file)
// Lines are split on "\n" only; each line is stemmed as it is (no trimming,
// no lower-casing), exactly as lunr's pipeline would receive the token.
'use strict'

const fs = require('fs')
const lunr = require('./lunr_path')

const input = fs.readFileSync(process.argv[2] || 0, 'utf8')
const lines = input.split('\n')
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()

const out = lines.map((word) => lunr.stemmer(new lunr.Token(word)).toString())
process.stdout.write(out.length ? out.join('\n') + '\n' : '')
