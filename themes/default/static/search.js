// Interview Guide search client: loads the lunr 2.3.9 index built by `guide build` and
// answers queries exactly like lunr.js's Index#search (and `guide search`), then drives
// the header search box (WAI-ARIA combobox) and the /search/ page.
// Hand-written, no libraries. The engine (first half) needs no DOM, so Node tests can
// require() this file and compare it with lunr.js.
(function () {
  'use strict'

  // ---- Stemmer: lunr's port of the original Porter algorithm (lib/stemmer.js) ----
  const pairs = (text) => {
    const o = {}
    for (const p of text.split(' ')) { const [a, b] = p.split(':'); o[a] = b }
    return o
  }
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
  const R2 = re('^(.+?)(' + Object.keys(S2).join('|') + ')$')
  const R3 = re('^(.+?)(' + Object.keys(S3).join('|') + ')$')
  const R4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/
  const LAST = /.$/

  function stem (w) {
    if (w.length < 3) return w
    let m
    const y = w[0] === 'y'
    if (y) w = 'Y' + w.substr(1)
    w = /^(.+?)(ss|i)es$/.test(w) ? w.replace(/es$/, '') : w.replace(/^(.+?[^s])s$/, '$1')
    if ((m = /^(.+?)eed$/.exec(w))) {
      if (MGR0.test(m[1])) w = w.replace(LAST, '')
    } else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && SV.test(m[1])) {
      w = m[1]
      if (/(at|bl|iz)$/.test(w)) w += 'e'
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.replace(LAST, '')
      else if (CVC.test(w)) w += 'e'
    }
    if ((m = /^(.+?[^aeiou])y$/.exec(w))) w = m[1] + 'i'
    if ((m = R2.exec(w)) && MGR0.test(m[1])) w = m[1] + S2[m[2]]
    if ((m = R3.exec(w)) && MGR0.test(m[1])) w = m[1] + S3[m[2]]
    if ((m = R4.exec(w))) {
      if (MGR1.test(m[1])) w = m[1]
    } else if ((m = /^(.+?)(s|t)(ion)$/.exec(w)) && MGR1.test(m[1] + m[2])) w = m[1] + m[2]
    if ((m = /^(.+?)e$/.exec(w)) && (MGR1.test(m[1]) || (MEQ1.test(m[1]) && !CVC.test(m[1])))) w = m[1]
    if (/ll$/.test(w) && MGR1.test(w)) w = w.replace(LAST, '')
    return y ? 'y' + w.substr(1) : w
  }

  // ---- Query syntax: ports of lunr.QueryLexer and lunr.QueryParser ----
  // Throws for a query lunr.js rejects (or one we refuse: empty, a lone "*", over 2 typos).
  const fail = (message) => { throw Error(message) }
  const MOD = ', as in word~1 (a typo) or word^10'
  const before = (t) => fail('"' + t + '" must come right before a word')

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
        while (/[0-9]/.test(str[pos] || '')) pos++
        emit(c === '~' ? 'E' : 'B')
      } else if ((c === '+' || c === '-') && pos - start === 1) emit('P')
      else if (/[\s-]/.test(c)) {
        if (pos - start > 1) { pos--; emit('T') }
        ignore()
        if (pos >= str.length) return out
      }
    }
  }

  // Parses `str` into clauses for an index with `fields`; throws an Error. Clauses:
  // {term, fields, boost, presence (1 optional, 2 required, 3 prohibited), edit, noPipeline, end}.
  function parse (str, fields) {
    const lx = lex(str)
    const clauses = []
    let cur = {}
    if (lx.length && 'EB'.includes(lx[0][0])) fail('"~" and "^" go right after a word' + MOD)
    lx.forEach(([type, text, end], i) => {
      const next = (lx[i + 1] || '')[0]
      if (type === 'P') {
        cur.presence = text === '-' ? 3 : 2
        if (!'FT'.includes(next || 'x')) before(text)
      } else if (type === 'F') {
        if (!fields.includes(text)) fail('no field "' + text + '": use ' + fields.join(', ') + ', or write ' + text + '\\:')
        cur.fields = [text]
        if (next !== 'T') before(text + ':')
      } else {
        if (type === 'T') {
          cur.term = text.toLowerCase()
          if (text.includes('*')) cur.noPipeline = true
        } else {
          const n = parseInt(text, 10)
          if (isNaN(n)) fail('"~" and "^" need a number' + MOD)
          cur[type === 'B' ? 'boost' : 'edit'] = n
        }
        cur.end = end
        if (next !== 'E' && next !== 'B') { clauses.push(cur); cur = {} }
      }
    })
    if (!clauses.length) fail('type a word')
    for (const c of clauses) {
      if (/^\*+$/.test(c.term)) fail('"*" alone matches every word; try kube*')
      if (c.edit > 2) fail('at most ~2 typos')
      c.fields = c.fields || fields
      if (c.boost === undefined) c.boost = 1
      c.presence = c.presence || 1
    }
    return clauses
  }

  // ---- Term expansion: lunr.TokenSet over the index's sorted terms ----
  // A query automaton node is {f: final, e: edges}; plain objects keep JavaScript's key
  // order (digits first, then insertion order), which decides the order of equal scores.
  const node = () => ({ f: false, e: {} })
  function edge (n, c) { return n.e[c] || (n.e[c] = node()) }

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

  // lunr.Set operations, with `true` for the complete set.
  const inter = (a, b) => a === true ? b : b === true ? a : new Set([...a].filter((x) => b.has(x)))
  const has = (s, x) => s === true || s.has(x)

  // A loaded lunr index (the parsed search_index.json) that answers queries.
  class Index {
    constructor (json) {
      this.fields = json.fields
      // Field vectors by field, then ref; `order` keeps the file's [field, ref] order.
      const vs = this.vectors = {}
      this.order = json.fieldVectors.map(([key, v]) => {
        const [f, r] = key.split(/\/(.*)/)
        ;(vs[f] = vs[f] || new Map()).set(r, v)
        return [f, r]
      })
      this.terms = json.invertedIndex.map((p) => p[0])
      this.postings = new Map(json.invertedIndex)
    }

    // Children of an implicit trie node [depth, lo, hi] over the sorted terms, in the
    // order lunr's TokenSet enumerates its edges: digits first, then ascending.
    children ([d, lo, hi]) {
      const t = this.terms; const out = []; const digits = []
      let i = lo
      if (i < hi && t[i].length === d) i++
      while (i < hi) {
        const c = t[i][d]; let j = i + 1
        while (j < hi && t[j][d] === c) j++
        ;(c >= '0' && c <= '9' ? digits : out).push([c, [d + 1, i, j]])
        i = j
      }
      return digits.concat(out)
    }

    // lunr: this.tokenSet.intersect(query).toArray().
    expand (q) {
      const t = this.terms; const out = node()
      const stack = [[q, out, [0, 0, t.length]]]
      while (stack.length) {
        const [qn, on, tn] = stack.pop()
        for (const qe of Object.keys(qn.e)) {
          const kids = qe === '*' ? this.children(tn) : this.children(tn).filter((k) => k[0] === qe)
          for (const [c, kid] of kids) {
            const fin = kid[1] < kid[2] && t[kid[1]].length === kid[0] && qn.e[qe].f
            const next = on.e[c] || (on.e[c] = node())
            next.f = next.f || fin
            stack.push([qn.e[qe], next, kid])
          }
        }
      }
      const words = []; const st = [['', out]]
      while (st.length) {
        const [p, n] = st.pop()
        if (n.f) words.push(p)
        for (const c of Object.keys(n.e)) st.push([p + c, n.e[c]])
      }
      return words
    }

    // Runs parsed clauses like lunr.Index#query. Returns {hits: [{ref, score}], terms: Set
    // of the index terms that matched}.
    run (clauses) {
      const qv = {}; const got = {}; let pairs = []; const req = {}; const pro = {}; const terms = new Set()
      for (const f of this.fields) { qv[f] = new Map(); got[f] = new Set() }
      for (const cl of clauses) {
        const term = cl.noPipeline ? cl.term : stem(cl.term)
        const words = this.expand(cl.edit === undefined ? fromString(term) : fromFuzzy(term, cl.edit))
        const matches = new Set()
        if (!words.length && cl.presence === 2) for (const f of cl.fields) req[f] = new Set()
        for (const w of words) {
          const posting = this.postings.get(w)
          if (cl.presence !== 3) terms.add(w)
          for (const f of cl.fields) {
            const refs = Object.keys(posting[f])
            if (cl.presence === 2) {
              for (const r of refs) matches.add(r)
              if (req[f] === undefined) req[f] = true
            } else if (cl.presence === 3) {
              pro[f] = pro[f] || new Set()
              for (const r of refs) pro[f].add(r)
              continue
            }
            qv[f].set(posting._index, (qv[f].get(posting._index) || 0) + cl.boost)
            for (const r of refs) if (!got[f].has(r)) { got[f].add(r); pairs.push([f, r]) }
          }
        }
        if (words.length && cl.presence === 2) for (const f of cl.fields) req[f] = inter(req[f], matches)
      }
      let allReq = true; let allPro = new Set()
      for (const f of this.fields) {
        if (req[f]) allReq = inter(allReq, req[f])
        for (const r of pro[f] || []) allPro.add(r)
      }
      if (clauses.every((c) => c.presence === 3)) pairs = this.order
      // Query vectors as lunr.Vector holds them: [index, value, ...] sorted by index.
      for (const f of this.fields) {
        const v = []
        let mag = 0
        for (const e of [...qv[f]].sort((a, b) => a[0] - b[0])) { v.push(...e); mag += e[1] * e[1] }
        qv[f] = [v, Math.sqrt(mag)]
      }
      const hits = []; const byRef = new Map()
      for (const [f, r] of pairs) {
        if (!has(allReq, r) || has(allPro, r)) continue
        const score = similarity(...qv[f], this.vectors[f].get(r) || [])
        if (byRef.has(r)) byRef.get(r).score += score
        else { const h = { ref: r, score }; byRef.set(r, h); hits.push(h) }
      }
      return { hits: hits.sort((a, b) => b.score - a.score), terms }
    }

    // Searches like lunr.Index#search; throws an Error for a query that cannot run.
    // With `live` (as-you-type), when the query ends inside a plain last word T, the
    // clause `T*` is added, so "kube" finds "kubernetes" while the whole word still
    // matches its stem; a required +T whose stem matches no term becomes +T*.
    search (query, live) {
      const clauses = parse(query, this.fields)
      const last = clauses[clauses.length - 1]
      if (live && last.end === query.length && !last.noPipeline && last.edit === undefined && last.presence < 3 && last.term.length > 1) {
        const prefix = Object.assign({}, last, { term: last.term + '*', noPipeline: true })
        if (last.presence < 2 || this.expand(fromString(stem(last.term))).length) prefix.presence = 1
        else clauses.pop()
        clauses.push(prefix)
      }
      return this.run(clauses)
    }
  }

  // lunr.Vector#similarity: the dot product over the query vector's magnitude, or 0.
  function similarity (q, mag, d) {
    let dot = 0; let i = 0; let j = 0
    while (i < q.length && j < d.length) {
      if (q[i] < d[j]) i += 2
      else if (q[i] > d[j]) j += 2
      else { dot += q[i + 1] * d[j + 1]; i += 2; j += 2 }
    }
    return dot / mag || 0
  }

  const engine = { Index, parse, stem }
  if (typeof module !== 'undefined' && module.exports) module.exports = engine
  if (typeof document === 'undefined') return

  // ---- User interface ----
  const form = document.querySelector('form.search')
  if (!form) return
  const base = form.dataset.base || '/'
  const input = form.querySelector('input')
  const esc = (s) => s.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';')
  const plural = (n) => n + ' result' + (n === 1 ? '' : 's')
  const NONE = 'No results. Hint: try fewer or shorter words.'
  let data = null; let loading = null; let active = -1

  const panel = document.createElement('div')
  panel.className = 'search-panel'
  panel.hidden = true
  panel.innerHTML = '<p class="search-msg" aria-live="polite"></p><div role="listbox" id="search-listbox" aria-label="Search results"></div>'
  form.append(panel)
  const [msg, list] = panel.children
  for (const a of 'role=combobox aria-autocomplete=list aria-expanded=false aria-controls=search-listbox autocomplete=off'.split(' ')) input.setAttribute(...a.split('='))

  // Loads both files once (then the browser's HTTP cache has them for other pages).
  function load () {
    loading = loading || Promise.all(['search_index', 'search_docs'].map((f) => fetch(base + f + '.json').then((r) => {
      if (!r.ok) throw Error(r.status)
      return r.json()
    }))).then(([index, docs]) => {
      data = { index: new Index(index), docs: docs.docs }
      form.dataset.state = 'ready'
    }, (e) => {
      loading = null
      throw e
    })
    return loading
  }

  // Escapes `text` and marks the words whose stem matched an index term.
  const highlight = (text, terms) => text.split(/([\s-]+)/).map((w) => {
    const t = w.toLowerCase().replace(/^\W+|\W+$/g, '')
    return t && terms.has(stem(t)) ? '<mark>' + esc(w) + '</mark>' : esc(w)
  }).join('')

  // Runs `query`; returns {html, count, error}: options grouped by role (or page), groups
  // in the rank order of their best hit. `id` prefixes element ids; `limit` caps hits.
  function answer (query, prefix, limit, id) {
    let r
    try { r = data.index.search(query, prefix) } catch (e) {
      return { html: '', count: 0, error: 'No results. Hint: ' + e.message + '.' }
    }
    const groups = new Map()
    for (const h of r.hits.slice(0, limit)) {
      const page = h.ref.split('#')[0]
      groups.set(page, (groups.get(page) || []).concat(h))
    }
    let html = ''; let n = 0; let g = 0
    for (const [page, hits] of groups) {
      html += '<div role="group" aria-labelledby="' + id + 'g' + g + '"><div class="search-group" id="' + id + 'g' + g++ + '">' + esc((data.docs[page] || [0, page])[1]) + '</div>'
      for (const h of hits) {
        const [kind, title, heading, excerpt] = data.docs[h.ref] || ['', h.ref, '', '']
        html += '<a role="option" id="' + id + n++ + '" href="' + esc(base + h.ref.slice(1)) + '"><span class="search-section">' + esc(heading) + '</span><span class="search-text">' + highlight(kind === 'entry' ? title : excerpt || title, r.terms) + '</span></a>'
      }
      html += '</div>'
    }
    return { html, count: r.hits.length }
  }

  const options = () => list.querySelectorAll('[role=option]')
  // Moves the active option to `i` (wrapping around), or clears it for `null`.
  function setActive (i) {
    const opts = options(); const n = opts.length
    if (opts[active]) opts[active].classList.remove('is-active')
    active = i === null || !n ? -1 : (i + n) % n
    if (active < 0) return input.removeAttribute('aria-activedescendant')
    opts[active].classList.add('is-active')
    opts[active].scrollIntoView({ block: 'nearest' })
    input.setAttribute('aria-activedescendant', opts[active].id)
  }

  function open (show) {
    panel.hidden = !show
    input.setAttribute('aria-expanded', show)
    if (!show) setActive(null)
  }

  function unavailable () {
    msg.innerHTML = 'Search is unavailable — <button type="button">retry</button>'
    msg.lastChild.onclick = update
    open(true)
  }

  function update () {
    if (!data) return load().then(update, unavailable)
    const q = input.value.trim() && input.value
    const r = q ? answer(q, !/\s$/.test(q), 10, 's') : { html: '', count: 0 }
    list.innerHTML = r.html + (r.count > 10 ? '<a role="option" id="search-all" href="' + esc(base) + 'search/?q=' + encodeURIComponent(q) + '">See all ' + r.count + ' results</a>' : '')
    msg.textContent = r.error || (q && (r.count ? plural(r.count) : NONE))
    active = -1
    setActive(null)
    open(!!q)
  }

  const on = (el, type, f) => el.addEventListener(type, f)
  on(input, 'focus', () => load().catch(() => {}))
  on(input, 'input', update)
  on(input, 'keydown', (e) => {
    const down = e.key === 'ArrowDown'
    if (down || e.key === 'ArrowUp') {
      e.preventDefault()
      if (panel.hidden) update()
      else setActive((active < 0 && !down ? 0 : active) + (down ? 1 : -1))
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault()
      location.href = options()[active].href
    } else if (e.key === 'Escape') {
      if (panel.hidden) input.value = ''
      open(false)
    }
  })
  on(form, 'focusout', (e) => form.contains(e.relatedTarget) || open(false))
  on(list, 'mousedown', (e) => e.preventDefault())
  on(document, 'keydown', (e) => {
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.target.closest('input,textarea,select,[contenteditable]')) {
      e.preventDefault()
      input.focus()
    }
  })

  // The /search/ page: the full, shareable result list for ?q=.
  const $ = (id) => document.getElementById('search-page-' + id)
  const status = $('status')
  if (!status) return
  const q = new URLSearchParams(location.search).get('q') || ''
  $('input').value = q
  if (q.trim()) {
    load().then(() => {
      const r = answer(q, false, 1e9, 'p')
      $('results').innerHTML = r.html.replace(/ role="\w+"/g, '')
      status.textContent = r.error || (r.count ? plural(r.count) : NONE)
    }, () => { status.textContent = 'Search is unavailable; reload to retry.' })
  }
})()
