// Interview Guide: the /search/ page, the shareable result list for ?q= (the first n, 100
// by default). Loaded only there, after search.js, whose engine and result list it uses
// (window.guideSearch), so the search box on every other page does not carry this code.
(function () {
  'use strict'
  const search = window.guideSearch
  const $ = (id) => document.getElementById('search-page-' + id)
  const status = $('status')
  if (!search || !status) return
  const t = window.guideWords(document.getElementById('search-page'))
  const params = new URLSearchParams(location.search)
  const q = params.get('q') || ''
  const n = +params.get('n') || 100
  $('input').value = q
  if (q.trim()) {
    search.answer(q, false, n, 'p').then((r) => {
      // encodeURIComponent leaves nothing that a quoted attribute must escape.
      $('results').innerHTML = r.html.replace(/ role="\w+"/g, '') + (r.n > n ? `<a href="?n=${n * 4}&amp;q=${encodeURIComponent(q)}">${search.esc(t('more'))}</a>` : '')
      status.textContent = search.say(r)
    }, () => { status.textContent = t('reload') })
  }
})()
