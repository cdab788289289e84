// Interview Guide search client: loads the sharded index built by `guide build` (the
// manifest, then only the shards and display fragments a query needs, each a gzip member
// of a pack read by range) and answers exactly like lunr.js's Index#search on the full
// index, then drives the header search box (WAI-ARIA combobox). Formats:
// src/search/shards.rs; the /search/ page: search-page.js.
// Hand-written, no libraries. The engine (first half) needs no DOM, so Node tests can
// require() this file and compare it with lunr.js.
(function () {
  'use strict'

  // ---- Stemmer: lunr's port of the original Porter algorithm (lib/stemmer.js) ----
  const keys = Object.keys
  const pairs = (text) => Object.fromEntries(text.split(' ').map((p) => p.split(':')))
  const S2 = pairs('ational:ate tional:tion enci:ence anci:ance izer:ize bli:ble alli:al entli:ent eli:e ousli:ous ization:ize ation:ate ator:ate alism:al iveness:ive fulness:ful ousness:ous aliti:al iviti:ive biliti:ble logi:log')
  const S3 = pairs('icate:ic ative: alize:al iciti:ic ical:ic ful: ness:')
  const C = '[^aeiou][^aeiouy]*'
  const V = '[aeiouy][aeiou]*'
  const re = (s) => new RegExp(s)
  const M = '^(' + C + ')?' + V + C
  const MGR0 = re(M)
  const MEQ1 = re(M + '(' + V + ')?$')
  const MGR1 = re(M + V + C)
  const SV = re('^(' + C + ')?[aeiouy]')
  const CVC = re('^' + C + '[aeiouy][^aeiouwxy]$')
  const R2 = re('^(.+?)(' + keys(S2).join('|') + ')$')
  const R3 = re('^(.+?)(' + keys(S3).join('|') + ')$')
  const R4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/

  function stem (w) {
    if (w.length < 3) return w
    let m
    // (Words come lowercased: a leading "Y" is the "y" marked here.)
    w = w.replace(/^y/, 'Y')
    // (A word the first rule shortened ends in "ss" or "i": the second leaves it.)
    w = w.replace(/^(.+?)(ss|i)es$/, '$1$2').replace(/^(.+?[^s])s$/, '$1')
    if ((m = /^(.+?)eed$/.exec(w))) {
      if (MGR0.test(m[1])) w = w.slice(0, -1)
    } else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && SV.test(m[1])) {
      w = m[1]
      if (/(at|bl|iz)$/.test(w)) w += 'e'
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1)
      else if (CVC.test(w)) w += 'e'
    }
    if ((m = /^(.+?[^aeiou])y$/.exec(w))) w = m[1] + 'i'
    if ((m = R2.exec(w)) && MGR0.test(m[1])) w = m[1] + S2[m[2]]
    if ((m = R3.exec(w)) && MGR0.test(m[1])) w = m[1] + S3[m[2]]
    if ((m = R4.exec(w))) {
      if (MGR1.test(m[1])) w = m[1]
    } else if ((m = /^(.+?)(s|t)(ion)$/.exec(w)) && MGR1.test(m[1] + m[2])) w = m[1] + m[2]
    if ((m = /^(.+?)e$/.exec(w)) && (MGR1.test(m[1]) || (MEQ1.test(m[1]) && !CVC.test(m[1])))) w = m[1]
    if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1)
    return w.replace(/^Y/, 'y')
  }

  // A clause's terms, and what highlighting trims off a word (search-lang.js sets others).
  let analyse = (c) => [c.raw ? c.t : stem(c.t)]; let word = /^\W+|\W+$/g

  // ---- Query syntax: ports of lunr.QueryLexer and lunr.QueryParser ----
  // Throws for a query lunr.js rejects (or one we refuse: empty, a lone "*", over 2 typos).
  // A query error's `q` names its words in the page's language (`error_<q>`, filled with
  // `v`), which tells it from a failed download.
  const fail = (q, v) => { throw Object.assign(Error(q), { q, v }) }
  const before = (text) => fail('before', { text })

  // Lexemes are [type, text, end]: F(ield), T(erm), E(dit distance), B(oost), P(resence).
  function lex (str) {
    const out = []
    let pos = 0; let start = 0
    const emit = (type) => {
      out.push([type, str.slice(start, pos).replace(/\\([^]?)/g, '$1'), pos])
      start = pos
    }
    const ignore = () => { if (start === pos) pos++; start = pos }
    for (;;) {
      if (pos >= str.length) { if (pos > start) emit('T'); return out }
      const c = str[pos++]
      if (c === '\\') pos++
      else if (c === ':') { pos--; emit('F'); ignore() } else if (c === '~' || c === '^') {
        if (--pos > start) emit('T')
        ignore()
        while (/\d/.test(str[pos])) pos++
        emit(c === '~' ? 'E' : 'B')
      } else if ('+-'.includes(c) && pos - start === 1) emit('P')
      else if (/[\s-]/.test(c)) {
        if (pos - start > 1) { pos--; emit('T') }
        ignore()
        if (pos >= str.length) return out
      }
    }
  }

  // Parses `str` into clauses for an index with `fields`; throws an Error. Clauses:
  // {t: term, in: fields, b: boost, p: presence (1 optional, 2 required, 3 prohibited),
  // ed: edit distance, raw: skip the pipeline, end: where the term ends in `str`}.
  function parse (str, fields) {
    const lx = lex(str)
    const clauses = []
    let cur = {}
    if (lx.length && 'EB'.includes(lx[0][0])) fail('modifier')
    lx.forEach(([type, text, end], i) => {
      const next = lx[i + 1]?.[0]
      if (type === 'P') {
        cur.p = text === '-' ? 3 : 2
        if (!'FT'.includes(next || 'x')) before(text)
      } else if (type === 'F') {
        if (!fields.includes(text)) fail('field', { field: text, fields: fields.join(', ') })
        cur.in = [text]
        if (next !== 'T') before(text + ':')
      } else {
        if (type === 'T') {
          cur.t = text.toLowerCase()
          cur.raw = text.includes('*')
        } else {
          // Digits only (the lexer's), so base 10.
          const n = parseInt(text)
          if (isNaN(n)) fail('modifier')
          cur[type === 'B' ? 'b' : 'ed'] = n
        }
        cur.end = end
        if (next !== 'E' && next !== 'B') { clauses.push(cur); cur = {} }
      }
    })
    if (!clauses.length) fail('word')
    for (const c of clauses) {
      if (/^\*+$/.test(c.t)) fail('star')
      if (c.ed > 2) fail('typos')
      c.in ||= fields
      c.b ??= 1
      c.p ||= 1
    }
    return clauses
  }

  // ---- Term expansion: lunr.TokenSet over the index's sorted terms ----
  // A query automaton node is {f: final, e: edges}; plain objects keep JavaScript's key
  // order (digits first, then insertion order), which decides the order of equal scores.
  const node = () => ({ f: 0, e: {} })
  function edge (n, c) { return (n.e[c] ||= node()) }

  function fromString (s) {
    const root = node(); let n = root
    for (let i = 0; i < s.length; i++) {
      const fin = i === s.length - 1
      if (s[i] === '*') { n.e['*'] = n; n.f = fin } else { const m = node(); m.f = fin; n.e[s[i]] = m; n = m }
    }
    return root
  }

  function fromFuzzy (s, edits) {
    const root = node(); const stack = [[root, edits, s]]
    while (stack.length) {
      const [n, left, str] = stack.pop(); const len = str.length; const rest = str.slice(1)
      if (len) {
        const m = edge(n, str[0])
        if (len === 1) m.f = true
        stack.push([m, left, rest])
      }
      if (!left) continue
      const ins = edge(n, '*')
      if (!len) ins.f = true
      stack.push([ins, left - 1, str])
      if (len > 1) stack.push([n, left - 1, rest])
      if (len === 1) n.f = true
      if (len) {
        const sub = edge(n, '*')
        if (len === 1) sub.f = true
        stack.push([sub, left - 1, rest])
      }
      if (len > 1) stack.push([edge(n, str[1]), left - 1, str[0] + str.slice(2)])
    }
    return root
  }

  // A document's ref is its number in base 26 with the letters a-z; inside, documents
  // are numbers (as keys of Sets and Maps, which keep insertion order like lunr's refs).
  const ref = (n) => { let s = ''; do { s = (n % 26 + 10).toString(36) + s; n = n / 26 | 0 } while (n); return s }

  // JSON from bytes, inflated first when `z` (a gzip member).
  const json = (b, z) => new Response(z ? new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip')) : b).json()

  // Fragment items as records [kind, title, heading, excerpt, url, page]; the shapes are
  // in src/search/fragments.rs (an anchor n is the start of one derived from the text).
  const decode = (items) => {
    let u, p, h
    return items.map(([t, a, ...c]) => {
      if (!t.at) return [t, p = a, c[0], c[1], u = c[2], '']
      h = c[0] ?? h
      if (c[1]) [, u, p] = c
      return [, t, h, '', u + '#' + (a.at ? a : t.replace(/[^a-z\d]+/gi, '-').toLowerCase().slice(0, a)), p]
    })
  }

  // Where each member of `packs` ([[hash, [length, ...]], ...]) is: [path, start, end].
  const at = (packs, dir) => packs.flatMap(([h, ls], p) => {
    let o = 0
    return ls.map((l) => [`${dir}/${p}.${h}.bin`, o, o += l])
  })

  // The part of the lunr index the loaded shards hold. Terms outside them cannot match a
  // query whose shards are loaded, so scores are lunr's. `get(path, low, start, end)`
  // fetches bytes of a file under search/; a failed download stays failed (the page then
  // opens a new Index from a fresh manifest).
  function Index (m, get) {
    const fields = m.fields
    const prefixes = m.shards.split(' ')
    let terms = []
    // Postings by term and by term index: the shard entries [term, index, lists].
    const postings = new Map()
    const shards = {}
    const frags = {}
    // Display records by document number: those the loaded shards carry.
    const known = {}
    // Answers the build computed for words costly to score (src/search/answers.rs):
    // [count, [document, score], …] by word.
    const answers = new Map()
    const blocks = []
    const S = at(m.shard_packs, 's'); const R = at(m.fragment_packs, 'f')
    // A shard or fragment, and how long the last one took to arrive in ms (see ahead()).
    let took = 0
    const member = ([path, a, b], low) => {
      const t = performance.now()
      return get(path, low, a, b).then((x) => {
        took = performance.now() - t
        return json(x, 1)
      })
    }
    // Scratch space for run(), kept between queries (allocating it took 3 ms at 315,000
    // documents) and cleared through the pairs p = document * W + field the last query
    // touched. Per document d: acc[d * W + i] is its dot product for field i and
    // acc[d * W + F] its score; state[d] bit i: field i matched, bit F: listed, from bit
    // 16: the number of required clauses it matched (so at most 15 fields).
    const F = fields.length; const W = F + 1; const D = m.documents; const FD = m.fragment_docs
    const acc = new Float64Array(D * W); const state = new Int32Array(D)
    const score = (d) => acc[d * W + F]
    let touched = []
    // Answers by [live, limit, query], kept until the next guesses (see ahead()), and how
    // many shards the guesses may still fetch.
    let memo = {}; let budget = 0
    // The letters likely to follow a first letter, or a prefix whose terms span more than
    // 4 shards (the loaded ones cannot tell), those of the most postings first.
    const next = new Map(m.next)

    // Shard numbers holding every term a clause can expand to: the shard of its term, the
    // shards between a wildcard's literal prefix and that prefix + U+FFFF, or all of them
    // for a typo allowance. Shard k holds the terms from prefixes[k] on.
    const of = (t) => prefixes.filter((p) => p <= t).length - 1
    function range (c) {
      return (c.ed >= 0 ? ['*'] : analyse(c)).flatMap((t) => {
        const lo = t.split('*')[0]; const out = []
        for (let k = of(lo); k <= of(t.includes('*') ? lo + '\uffff' : lo); k++) out.push(k)
        return out
      })
    }

    // Loads shard k once: [terms, {document: item}]: per term its postings (lunr's field
    // vectors by term), and the records of its best documents, so a word's first answer
    // needs no fragments. Shards hold consecutive ranges of the sorted terms, so the
    // loaded terms in shard order are sorted.
    function shard (k, low) {
      return (shards[k] ||= member(S[k], low).then(([entries, recs, ans]) => {
        for (const n in recs) known[n] = decode([recs[n]])[0]
        for (const w in ans) answers.set(w, ans[w])
        blocks[k] = entries.map((e) => postings.set(e[0], e).set(e[1], e) && e[0])
        terms = blocks.flat()
      }))
    }

    // Loads the shards `query` needs and searches like lunr.Index#search. With `live`
    // (as you type), when the query ends inside a plain last word T, the clause T* is
    // added, so "kube" finds "kubernetes" while the whole word still matches its stem; a
    // required +T whose stem matches no term becomes +T*. A prefix that spans much of the
    // index is left out until more letters are typed.
    // A guess (`ahead()`: whether it may still be typed) fetches its shards at low
    // priority, only within the budget, and is not scored once the box has moved on.
    async function find (query, live, limit, ahead) {
      const key = [live, limit, query]
      if (memo[key]) {
        if (!ahead) memo[key].wanted = 1
        return memo[key]
      }
      const cl = parse(query, fields); let last = cl[cl.length - 1]
      const typing = live && last.end === query.length && !last.raw && !(last.ed >= 0)
      // One letter is a prefix of too much of the index: wait for the second.
      if (typing && !last.t[1]) {
        cl.pop()
        if (!cl.length) fail('letters', { n: 2 })
        last = {}
      }
      // One plain word as typed (no syntax): the build may have answered it.
      const plain = typing && query.toLowerCase() === last.t
      const ks = new Set(cl.flatMap(range))
      let pre = typing && last.p < 3 && { ...last, t: last.t + '*', raw: 1 }
      const r = pre ? range(pre) : []
      if (r.length > 4) pre = 0
      else r.forEach((k) => ks.add(k))
      if (ks.size > 64) fail('broad')
      const miss = [...ks].filter((k) => !shards[k]).length
      if (ahead && miss > budget) return
      budget -= miss
      // Kept as a promise: a keystroke whose guess is still loading waits for it.
      const answer = memo[key] = Promise.all([...ks].map((k) => shard(k, ahead))).then(() => {
        if (ahead && !answer.wanted && !ahead()) return void delete memo[key]
        if (pre) {
          if (last.p < 2 || analyse(last).every((t) => expand(fromString(t)).length)) pre.p = 1
          else cl.pop()
          cl.push(pre)
        }
        // A computed answer [count, [document, score], …] as run() would give it.
        const a = plain && limit <= 10 && answers.get(last.t)
        return a ? { hits: a.slice(1, limit + 1).map(([d, score]) => ({ ref: ref(d), n: d, score })), n: a[0], terms: new Set(cl.flatMap(words)) } : run(cl, limit)
      })
      return answer
    }

    // Guesses the next keystroke of a live `query`: a letter that follows its last word,
    // from the manifest's `next` or else the loaded terms, at most four. While `still()`,
    // each guess is answered (and kept for that keystroke), fetching shards within the
    // round's budget, and its first ten hits' records at low priority (docs/search.md).
    function ahead (query, still) {
      // Guesses start at once and may fetch the (at most four) shards of a prefix, unless
      // the last download took over 120 ms (a round trip of Slow 4G is 150): on such a
      // link the next keystroke needs the bandwidth, so they wait for idle time and fetch
      // one shard in all. (Chromium holds idle callbacks back for a while after a key,
      // often past the next key of a fast typist.)
      const slow = took > 120; const later = slow ? idle : setTimeout
      memo = {}; budget = slow ? 1 : 4
      later(() => guess(query, still, later))
    }

    function guess (query, still, later) {
      if (!still()) return
      const p = query.toLowerCase().split(/[\s:+-]/).pop(); const n = {}
      for (const t of terms) {
        const c = t.startsWith(p) && t[p.length]
        if (c) n[c] = ~~n[c] + 1
      }
      const qs = [...next.get(p) || keys(n).sort((a, b) => n[b] - n[a])].slice(0, 4)
      const go = () => qs[0] && later(() => still() && find(query + qs.shift(), true, 10, still).then((r) => {
        if (r) records(r.hits, 1).catch(() => {})
        go()
      }, () => {}))
      go()
    }

    // The display records [kind, title, heading, excerpt, url, page] of `hits`, from the
    // shards or else their fragments (fetched with a `low` priority for hits not shown yet).
    const records = (hits, low) => Promise.all(hits.map(({ n }) => {
      const k = n / FD | 0
      return known[n] || (frags[k] ||= member(R[k], low).then(decode)).then((f) => f[n % FD])
    }))

    // Children of an implicit trie node [depth, lo, hi] over the sorted terms, in the
    // order lunr's TokenSet enumerates its edges: digits first, then ascending.
    function children ([d, lo, hi]) {
      const t = terms; const out = []; const digits = []
      let i = lo
      if (i < hi && t[i].length === d) i++
      while (i < hi) {
        const c = t[i][d]; let j = i + 1
        while (j < hi && t[j][d] === c) j++
        ;(/\d/.test(c) ? digits : out).push([c, [d + 1, i, j]])
        i = j
      }
      return digits.concat(out)
    }

    // lunr: tokenSet.intersect(query).toArray().
    function expand (q) {
      const t = terms; const out = node()
      const stack = [[q, out, [0, 0, t.length]]]
      while (stack.length) {
        const [qn, on, tn] = stack.pop()
        for (const qe of keys(qn.e)) {
          const kids = qe === '*' ? children(tn) : children(tn).filter((k) => k[0] === qe)
          for (const [c, kid] of kids) {
            const fin = kid[1] < kid[2] && t[kid[1]].length === kid[0] && qn.e[qe].f
            const next = on.e[c] ||= node()
            next.f ||= fin
            stack.push([qn.e[qe], next, kid])
          }
        }
      }
      const words = []; const st = [['', out]]
      while (st.length) {
        const [p, n] = st.pop()
        if (n.f) words.push(p)
        for (const c of keys(n.e)) st.push([p + c, n.e[c]])
      }
      return words
    }

    // The index terms clause c stands for (lunr: a required clause with a term that
    // matches nothing matches nothing).
    function words (c) {
      const ws = analyse(c).map((t) => expand(c.ed >= 0 ? fromFuzzy(t, c.ed) : fromString(t)))
      return c.p === 2 && ws.some((w) => !w.length) ? [] : ws.flat()
    }

    // Calls f(document, weight) for each document of a posting's list for field i (pairs
    // of a document delta and an index into the field's weights).
    const each = (posting, i, f) => {
      const l = posting[2][i]; const w = posting[3][i]
      for (let j = 0, d = 0; j < l.length; j += 2) f(d += l[j], w[l[j + 1]] / 1000)
    }

    // Runs parsed clauses like lunr.Index#query. Returns {hits: [{ref, n, score}] (the
    // first `limit`, all without it), n: number of hits, terms: Set of the index terms
    // that matched}.
    function run (clauses, limit) {
      for (const p of touched) state[p / W | 0] = acc[p] = acc[p - p % W + F] = 0
      const qv = fields.map(() => new Map()); let pairs = touched = []; const pro = new Set(); const terms = new Set()
      // A document passes when it matched all `required` clauses.
      let required = 0
      for (const cl of clauses) {
        if (cl.p === 2) required++
        for (const w of words(cl)) {
          const posting = postings.get(w)
          if (cl.p !== 3) terms.add(w)
          for (const f of cl.in) {
            const i = fields.indexOf(f)
            // lunr keeps one prohibited set per field and joins them: one set is the same.
            if (cl.p === 3) { each(posting, i, (d) => pro.add(d)); continue }
            qv[i].set(posting[1], (qv[i].get(posting[1]) || 0) + cl.b)
            each(posting, i, (d) => {
              const s = state[d]
              if (!(s >> i & 1)) { state[d] = s | 1 << i; pairs.push(d * W + i) }
              if (cl.p === 2 && state[d] >> 16 === required - 1) state[d] += 1 << 16
            })
          }
        }
      }
      // All negative: every document, in lunr's fieldVectors order.
      if (clauses.every((c) => c.p === 3)) pairs = touched = [...Array(D * W).keys()].filter((p) => p % W < F)
      // lunr.Vector#similarity: each document's dot product with the query vector over
      // the vector's magnitude. The query's terms are taken by ascending index, so every
      // document's products add up in the order of lunr's merge walk.
      const norms = qv.map((q, i) => {
        const v = [...q].sort((a, b) => a[0] - b[0])
        for (const [t, x] of v) each(postings.get(t), i, (d, w) => { acc[d * W + i] += x * w })
        return Math.sqrt(v.reduce((sum, e) => sum + e[1] * e[1], 0))
      })
      // Documents in the order lunr first meets them, their scores summed in that order.
      const docs = []
      for (const p of pairs) {
        const d = p / W | 0; const i = p % W; const s = state[d]
        if (s >> 16 < required || (pro.size && pro.has(d))) continue
        if (!(s >> F & 1)) { docs.push(d); state[d] = s | 1 << F }
        acc[p - i + F] += acc[p] / norms[i] || 0
      }
      const hits = top(docs, limit).map((d) => ({ ref: ref(d), n: d, score: score(d) }))
      return { hits, n: docs.length, terms }
    }

    // The first k of `docs` sorted by descending score, ties in their order (a stable
    // sort), without sorting them all.
    function top (docs, k) {
      if (!(k < docs.length)) return docs.sort((a, b) => score(b) - score(a))
      const out = []
      for (const d of docs) {
        const s = score(d); let i = out.length
        if (i < k || s > score(out[k - 1])) {
          for (; i && score(out[i - 1]) < s; i--) out[i] = out[i - 1]
          out[i] = d
          out.splice(k)
        }
      }
      return out
    }

  return { find, records, ahead }
  }

  const idle = globalThis.requestIdleCallback || setTimeout

  // Opens the sharded index: `get(path, low, start, end)` fetches bytes of search/<path>.
  const openIndex = (get) => get('manifest.json').then(json).then(async (m) => {
    if (m.pipeline) [analyse, word] = await guideSearchLanguage(m, get)
    return Index(m, get)
  })

  const engine = { open: openIndex, stem, ref, decode }
  if (typeof module !== 'undefined') module.exports = engine
  if (typeof document === 'undefined') return

  // ---- User interface ----
  const form = document.querySelector('form.search')
  // The panel (in the page's form, hidden): the live region and the listbox.
  const panel = form?.querySelector('div')
  if (!panel) return
  const base = form.dataset.base || '/'
  const input = form.querySelector('input')
  const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  // The page's words, from the form's data-strings (theme.js).
  const t = window.guideWords(form)
  // What the live region (or the /search/ page) says about an answer.
  const say = (r) => r.n ? t('count', { n: r.n }) : t('none', { hint: r.error || t('hint') })
  let loading = null; let active = -1

  const [msg, list] = panel.children

  // Bytes a..b of search/<path> by range (a host may send the whole file); only the
  // manifest is revalidated; `low` lets the files a query waits for go first.
  const get = (path, low, a, b) => fetch(base + 'search/' + path, path[0] === 'm' ? { cache: 'no-cache' } : a >= 0 ? { priority: low && 'low', headers: { range: `bytes=${a}-${b - 1}` } } : {}).then(async (r) => {
    if (!r.ok) throw Error(r.status)
    const x = await r.arrayBuffer()
    return r.status === 206 ? x : x.slice(a, b)
  })
  // Opens the index once (run() starts over after a failure).
  const load = () => (loading = loading || openIndex(get).then((ix) => {
    form.dataset.state = 'ready'
    return ix
  }))

  // Runs `query` with the records of its first `limit` hits. A failed download reloads
  // the manifest once: a page open across a new deployment has a stale one.
  async function run (query, live, limit, retried) {
    try {
      const ix = await load()
      // Guesses run after every live answer, and after a last word of one letter too.
      const r = await ix.find(query, live, limit).finally(() => live && ix.ahead(query, () => input.value === query))
      r.recs = await ix.records(r.hits)
      return r
    } catch (e) {
      if (e.q || retried) throw e
      loading = null
      return run(query, live, limit, 1)
    }
  }

  // Escapes `text` and marks the words whose stem matched an index term.
  const highlight = (text, terms) => text.split(/([\s-]+)/).map((w) => {
    const t = w.toLowerCase().replace(word, '')
    return t && analyse({ t }).some((x) => terms.has(x)) ? '<mark>' + esc(w) + '</mark>' : esc(w)
  }).join('')

  // Runs `query`; resolves to {html, n: count, error}: options grouped by role (or page),
  // groups in the rank order of their best hit. `id` prefixes element ids; `limit` caps
  // hits. Rejects when the index cannot be downloaded.
  async function answer (query, live, limit, id) {
    let r
    try { r = await run(query, live, limit) } catch (e) {
      if (!e.q) throw e
      return { html: '', n: 0, error: t('error_' + e.q, e.v) }
    }
    const groups = new Map()
    for (const rec of r.recs) {
      const page = rec[4].split('#')[0]
      groups.set(page, (groups.get(page) || []).concat([rec]))
    }
    let html = ''; let n = 0; let g = 0
    for (const recs of groups.values()) {
      // A group is named after its page: an entry's record names it, a page's is itself.
      const [, title,,,, page] = recs[0]
      html += `<div role="group" aria-labelledby="${id}g${g}"><div class="search-group" id="${id}g${g++}">${esc(page || title)}</div>`
      // Entries show their text (the title; their excerpt is empty), pages their excerpt.
      for (const [, title, heading, excerpt, url] of recs) {
        html += `<a role="option" id="${id}${n++}" href="${esc(base + url.slice(1))}"><span class="search-section">${esc(heading)}</span><span class="search-text">${highlight(excerpt || title, r.terms)}</span></a>`
      }
      html += '</div>'
    }
    return { html, n: r.n }
  }

  const AD = 'aria-activedescendant'
  const options = () => list.querySelectorAll('[role=option]')
  // Moves the active option to `i` (wrapping around), or clears it without one.
  function setActive (i) {
    const opts = options(); const n = opts.length
    opts[active]?.classList.remove('is-active')
    active = i == null || !n ? -1 : (i + n) % n
    const o = opts[active]
    if (!o) return input.removeAttribute(AD)
    o.classList.add('is-active')
    o.scrollIntoView({ block: 'nearest' })
    input.setAttribute(AD, o.id)
  }

  function open (show) {
    panel.hidden = !show
    input.setAttribute('aria-expanded', show)
    if (!show) setActive()
  }

  function unavailable () {
    msg.innerHTML = `${esc(t('unavailable'))} <button type="button">${esc(t('retry'))}</button>`
    msg.lastChild.onclick = update
    list.innerHTML = ''
    open(true)
  }

  // Answers what the box holds; an answer that arrives after the text changed is dropped.
  function update () {
    const q = input.value.trim() && input.value
    const done = (r) => {
      if (input.value !== (q || input.value)) return
      list.innerHTML = r.html + (r.n > 10 ? `<a role="option" id="search-all" href="${esc(base)}search/?q=${encodeURIComponent(q)}">${esc(t('see_all', { n: r.n }))}</a>` : '')
      msg.textContent = q && say(r)
      setActive()
      open(!!q)
    }
    if (!q) return done({ html: '' })
    answer(q, !/\s$/.test(q), 10, 's').then(done, () => input.value === q && unavailable())
  }

  // A combobox once this script drives it (the page holds its other attributes).
  input.setAttribute('role', 'combobox')
  open(false)
  const on = (el, type, f) => el.addEventListener(type, f)
  const stop = (e) => e.preventDefault()
  on(input, 'focus', () => load().catch(() => {}))
  on(input, 'input', update)
  on(input, 'keydown', (e) => {
    const down = e.key === 'ArrowDown'
    if (down || e.key === 'ArrowUp') {
      stop(e)
      if (panel.hidden) update()
      else setActive((active < 0 && !down ? 0 : active) + (down ? 1 : -1))
    } else if (e.key === 'Enter' && active >= 0) {
      stop(e)
      location.href = options()[active].href
    } else if (e.key === 'Escape') {
      if (panel.hidden) input.value = ''
      open(false)
    }
  })
  on(form, 'focusout', (e) => form.contains(e.relatedTarget) || open(false))
  on(list, 'mousedown', stop)

  // For the /search/ page's own script (search-page.js).
  window.guideSearch = { answer, say, esc }
})()
