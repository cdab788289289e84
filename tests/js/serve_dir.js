#!/usr/bin/env node
// A small static server for scripts/lighthouse.sh: serves DIR on 127.0.0.1:PORT, gzip-
// compressed when the client accepts it (as any real host would), the site's 404.html for
// unknown paths. Usage: node tests/js/serve_dir.js DIR PORT
'use strict'
const fs = require('fs')
const http = require('http')
const path = require('path')
const zlib = require('zlib')

const [dir, port] = process.argv.slice(2)
const root = path.resolve(dir) + path.sep
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain' }

http.createServer((req, res) => {
  let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname))
  let status = 200
  if (!file.startsWith(root)) { res.writeHead(403); return res.end() }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html')
  if (!fs.existsSync(file)) { file = path.join(root, '404.html'); status = 404 }
  let body = fs.readFileSync(file)
  const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'max-age=3600' }
  if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) { body = zlib.gzipSync(body); headers['content-encoding'] = 'gzip' }
  res.writeHead(status, headers)
  res.end(body)
}).listen(+port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`))
