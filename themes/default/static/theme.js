// The light/dark switch, the "Print interview kit" button and the "/" key to the search
// box. The buttons need JavaScript, so CSS shows them only under html.js (set in the head before the first paint, along with a
// remembered theme); without JavaScript the page follows the system's colour scheme.
(function () {
  'use strict'
  var root = document.documentElement
  // What the scripts say, in the page's language: `guideWords(el)` reads the JSON of
  // el's data-strings (the theme's i18n strings a script needs) and returns say(key,
  // values), which picks a plural form with Intl.PluralRules for <html lang> (values.n)
  // and fills the {name} placeholders. search.js and table.js use it.
  var rules = new Intl.PluralRules(root.lang || undefined)
  window.guideWords = function (el) {
    var words = {}
    try { words = JSON.parse((el && el.getAttribute('data-strings')) || '{}') } catch (e) { /* none: keys show */ }
    return function (key, values) {
      var v = values || {}
      var w = words[key] || key
      var text = typeof w === 'string' ? w : w[rules.select(v.n)] || w.other
      return text.replace(/\{(\w+)\}/g, function (m, name) { return name in v ? String(v[name]) : m })
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
