// The light/dark switch, the print button, the "/" key to the search box and the scripts'
// words. CSS shows the buttons only under html.js (set in the head before the first paint).
(function () {
  'use strict'
  var root = document.documentElement
  // A script's words from el's data-strings, in the page's language (docs/i18n.md).
  window.guideWords = function (el) {
    var w = JSON.parse(el.dataset.strings); var p = new Intl.PluralRules(root.lang)
    return function (k, v) {
      v = v || {}; k = w[k] || k
      return (k.other ? k[p.select(v.n)] || k.other : k).replace(/{(\w+)}/g, function (m, n) { return n in v ? v[n] : m })
    }
  }
  var media = window.matchMedia('(prefers-color-scheme: dark)')
  var isDark = function () { return root.dataset.theme ? root.dataset.theme === 'dark' : media.matches }
  var toggle = document.querySelector('.theme-toggle')
  if (toggle) {
    var show = function () {
      toggle.setAttribute('aria-pressed', String(isDark()))
      // The browser's own bars follow a hand-picked theme too, not only the system's.
      if (root.dataset.theme) {
        var colour = getComputedStyle(document.body).backgroundColor
        document.querySelectorAll('meta[name="theme-color"]').forEach(function (m) { m.setAttribute('content', colour) })
      }
    }
    show()
    toggle.addEventListener('click', function () {
      var next = isDark() ? 'light' : 'dark'
      root.dataset.theme = next
      try { localStorage.setItem('theme', next) } catch (e) { /* private mode: this page only */ }
      show()
    })
    if (media.addEventListener) media.addEventListener('change', show)
  }
  var print = document.querySelector('.print-kit')
  if (print) print.addEventListener('click', function () { window.print() })
  var box = document.getElementById('search-input')
  if (box) {
    document.addEventListener('keydown', function (e) {
      if (e.key === '/' && !(e.ctrlKey || e.metaKey || e.altKey) && !e.target.closest('input,textarea,select,[contenteditable]')) {
        e.preventDefault()
        box.focus()
      }
    })
  }
})()
