// Interview Guide search: the query pipelines of languages other than English
// (src/search/language.rs), which search.js loads when a language's search manifest names
// one. Hand-written, no libraries; Node tests require() it.
(function () {
  'use strict'

  // A segmented language's terms (Chinese, Japanese, and languages without a stemmer):
  // runs of CJK characters give their overlapping pairs, runs of other letters and digits
  // are words, everything else separates them.
  const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f\\u{20000}-\\u{2ffff}'
  const RUNS = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{Alphabetic}\\p{N}])+`, 'gu')
  const ONE = new RegExp(`[${CJK}]`, 'u')
  const segment = (token) => (token.match(RUNS) || []).flatMap((run) => {
    const c = [...run]
    return !ONE.test(run) || c.length < 2 ? [run] : c.slice(1).map((x, i) => c[i] + x)
  })

  // The manifest `m`'s pipeline: [analyse: a query clause {t, raw} => the terms it looks up,
  // word: what the result list trims off a word]. A Snowball language's stemmer and the
  // normaliser of wildcard terms are the build's own Rust code compiled to WebAssembly (the manifest's
  // `stemmer`, fetched with `get`), which works in a 1 KB buffer: a longer word is cut.
  async function pipeline (m, get) {
    const word = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu
    if (String(m.pipeline) === 'segment') return [(c) => c.raw ? [c.t] : segment(c.t), word]
    const x = (await WebAssembly.instantiate(await get(m.stemmer))).instance.exports
    // (A view of the memory is made after each call: growing it detaches the old one.)
    const view = (n) => new Uint8Array(x.memory.buffer, x.buffer(), n)
    const call = (f) => (w) => new TextDecoder().decode(view(f(new TextEncoder().encodeInto(w, view(1024)).written)))
    const stem = call(x.stem); const norm = call(x.wildcard)
    return [(c) => [c.raw ? norm(c.t) : stem(c.t)], word]
  }

  globalThis.guideSearchLanguage = pipeline
  if (typeof module !== 'undefined') module.exports = { pipeline, segment }
})()
