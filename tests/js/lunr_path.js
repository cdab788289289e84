// Loads lunr from tests/node_modules with a clear message when it is missing.
'use strict'

try {
  const lunr = require('lunr')
  if (lunr.version !== '2.3.9') {
    console.error(`expected lunr 2.3.9, found ${lunr.version}: run \`npm ci --prefix tests\``)
    process.exit(2)
  }
  module.exports = lunr
} catch (err) {
  console.error('lunr is not installed: run `npm ci --prefix tests` from the repository root')
  process.exit(2)
}
