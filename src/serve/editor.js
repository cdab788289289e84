// The editor of `guide serve --edit`: tag inputs, the live preview, saving with errors shown
// beside their fields, the conflict view, undo and "New role". Served only by the editor,
// never part of a build. Every write sends the page's token; messages are set with
// textContent (they quote the user's text), the preview is HTML from the build's renderer.
'use strict'

;(function () {
  const token = document.querySelector('meta[name="guide-edit-token"]').content
  const $ = (id) => document.getElementById(id)

  function post (name, payload) {
    return fetch('/_edit/api/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-guide-token': token },
      body: JSON.stringify(payload)
    }).then((response) => response.json().then((data) => ({ status: response.status, data })))
  }

  function say (text) {
    const status = $('status')
    if (status) status.textContent = text
  }

  // New role, on the list of pages.
  for (const form of document.querySelectorAll('form.new-role')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const input = form.querySelector('input')
      const error = form.querySelector('.field-error')
      post('new', { section: form.dataset.section, title: input.value }).then(({ status, data }) => {
        if (status === 200) { location.href = data.editor; return }
        const messages = (data.errors || []).map((e) => e.message)
        error.textContent = messages.length ? messages.join(' ') : data.message
        error.hidden = false
        input.setAttribute('aria-invalid', 'true')
        input.focus()
      })
    })
  }

  const editor = $('editor')
  if (!editor) return
  const form = $('edit-form')
  const body = $('body')
  let fingerprint = editor.dataset.fingerprint

  // Tags: Enter or "Add" adds the typed name, each tag's button removes it.
  function tagItem (name) {
    const li = document.createElement('li')
    const span = document.createElement('span')
    span.className = 'tag-name'
    span.textContent = name
    const remove = document.createElement('button')
    remove.type = 'button'
    remove.className = 'remove-tag'
    remove.setAttribute('aria-label', 'Remove ' + name)
    remove.textContent = '×'
    li.append(span, ' ', remove)
    return li
  }
  function addTag (id) {
    const input = $(id + '-new')
    const name = input.value.trim()
    if (!name) return
    const names = tagsOf(id).map((n) => n.toLowerCase())
    if (!names.includes(name.toLowerCase())) $(id + '-list').append(tagItem(name))
    input.value = ''
    say('Added ' + name + '.')
  }
  function tagsOf (id) {
    return Array.from($(id + '-list').querySelectorAll('.tag-name')).map((s) => s.textContent)
  }
  for (const button of document.querySelectorAll('.add-tag-button')) {
    const id = button.dataset.list
    button.addEventListener('click', () => addTag(id))
    $(id + '-new').addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); addTag(id) }
    })
  }
  form.addEventListener('click', (event) => {
    const remove = event.target.closest('.remove-tag')
    if (!remove) return
    const item = remove.closest('li')
    const list = item.parentElement
    const name = item.querySelector('.tag-name').textContent
    const next = item.nextElementSibling || item.previousElementSibling
    item.remove()
    // Keep the keyboard where it was: on the next tag's button, else on the input.
    const focus = next ? next.querySelector('.remove-tag') : $(list.id.replace(/-list$/, '-new'))
    focus.focus()
    say('Removed ' + name + '.')
  })

  const salaryShown = $('salary-shown')
  if (salaryShown) salaryShown.addEventListener('change', () => { $('salary-fields').hidden = !salaryShown.checked })

  // The form's values, as the server reads them (`edit::form::Form`).
  function collect () {
    const value = (id) => $(id).value
    const data = {
      title: value('title'),
      description: value('description'),
      date: value('date'),
      updated: value('updated'),
      weight: value('weight'),
      draft: $('draft').checked,
      role: null
    }
    if ($('role')) {
      data.role = {
        experience_years: value('role.experience_years'),
        demand: value('role.demand'),
        industries: tagsOf('role.industries'),
        skills: tagsOf('role.skills'),
        soft_skills: tagsOf('role.soft_skills'),
        salary: salaryShown.checked
          ? { min: value('role.salary.min'), max: value('role.salary.max'), currency: value('role.salary.currency'), period: value('role.salary.period') }
          : null
      }
    }
    return data
  }

  // Errors beside their fields (or at their line of the text); the first one gets focus.
  function clearErrors () {
    for (const slot of form.querySelectorAll('.field-error')) { slot.hidden = true; slot.textContent = '' }
    for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid')
    $('warnings').hidden = true
    $('conflict').hidden = true
  }
  function fieldControl (field) {
    return $(field + '-new') || $(field)
  }
  function showErrors (errors) {
    let first = null
    for (const error of errors) {
      const text = error.message + (error.hint ? ' (' + error.hint + ')' : '')
      let slot = error.field && $(error.field + '-error')
      let control = error.field && fieldControl(error.field)
      if (error.body_line) {
        slot = $('body-error')
        control = body
      }
      if (!slot) slot = $('form-errors')
      const line = document.createElement('p')
      line.textContent = (error.body_line ? 'Line ' + error.body_line + ' of the text: ' : '') + text
      slot.append(line)
      slot.hidden = false
      if (control && control.setAttribute) control.setAttribute('aria-invalid', 'true')
      if (!first) first = error.body_line ? { control: body, line: error.body_line } : { control }
    }
    if (first && first.control) {
      if (first.line) selectLine(first.line)
      else if (first.control.focus) first.control.focus()
    }
  }
  function selectLine (number) {
    const lines = body.value.split('\n')
    const start = lines.slice(0, number - 1).reduce((n, l) => n + l.length + 1, 0)
    body.focus()
    body.setSelectionRange(start, start + (lines[number - 1] || '').length)
  }

  function save (saveAnyway, overFingerprint) {
    clearErrors()
    say('Checking…')
    const payload = { path: editor.dataset.path, fingerprint: overFingerprint || fingerprint, form: collect(), body: body.value, save_anyway: saveAnyway }
    post('save', payload).then(({ status, data }) => {
      if (status === 200) {
        fingerprint = data.fingerprint
        editor.dataset.fingerprint = fingerprint
        $('undo').hidden = !data.has_previous
        say(data.changed ? 'Saved. The page on the site is updated.' : 'Nothing to save: the file already says this.')
        return
      }
      if (status === 409) {
        $('theirs').value = data.theirs
        $('yours').value = data.yours || ''
        $('conflict').hidden = false
        $('conflict').dataset.fingerprint = data.fingerprint
        say('Not saved: the file was changed on disk after you opened it.')
        $('keep-mine').focus()
        return
      }
      if (status === 422) {
        showErrors(data.errors || [])
        if ((data.errors || []).length) {
          say('Not saved: ' + data.errors.length + ' problem(s) to fix, shown beside their fields.')
          return
        }
        const list = $('warning-list')
        list.textContent = ''
        for (const warning of data.warnings || []) {
          const item = document.createElement('li')
          item.textContent = (warning.body_line ? 'Line ' + warning.body_line + ' of the text: ' : '') + warning.message + (warning.hint ? ' (' + warning.hint + ')' : '')
          list.append(item)
        }
        $('warnings').hidden = false
        say('Not saved yet: check the warnings, then save anyway or change the text.')
        $('save-anyway').focus()
        return
      }
      say('Not saved: ' + (data.message || 'the server refused the request.'))
    }, () => say('Not saved: the server cannot be reached. Is `guide serve --edit` still running?'))
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); save(false) })
  $('save-anyway').addEventListener('click', () => save(true))
  $('keep-mine').addEventListener('click', () => save(false, $('conflict').dataset.fingerprint))
  $('take-theirs').addEventListener('click', () => location.reload())
  $('undo').addEventListener('click', () => {
    post('undo', { path: editor.dataset.path, fingerprint }).then(({ status, data }) => {
      if (status === 200) { location.reload(); return }
      if (status === 409) { say('Not undone: the file was changed on disk since your last save.'); return }
      say('Not undone: ' + (data.message || 'the server refused the request.'))
    })
  })

  // The preview, rendered by the build's own Markdown renderer, a moment after typing stops.
  let timer = null
  function refreshPreview () {
    post('preview', { body: body.value }).then(({ status, data }) => {
      if (status !== 200) return
      $('preview').innerHTML = data.html
      const list = $('sections')
      list.textContent = ''
      for (const section of data.sections) {
        const item = document.createElement('li')
        const button = document.createElement('button')
        button.type = 'button'
        button.className = 'add-question'
        button.dataset.heading = section.heading
        button.textContent = 'Add a question under “' + section.heading + '”'
        item.append(button)
        list.append(item)
      }
    })
  }
  body.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(refreshPreview, 300)
  })

  // "Add a question under …": a new list item at the end of that section, selected.
  $('sections').addEventListener('click', (event) => {
    const button = event.target.closest('.add-question')
    if (!button) return
    const lines = body.value.split('\n')
    const start = lines.findIndex((l) => /^##\s/.test(l) && l.replace(/^##\s+/, '').replace(/\s+#*\s*$/, '') === button.dataset.heading)
    if (start < 0) return
    let end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l))
    if (end < 0) end = lines.length
    let last = end - 1
    while (last > start && lines[last].trim() === '') last--
    const question = 'New question?'
    lines.splice(last + 1, 0, '- ' + question)
    body.value = lines.join('\n')
    const offset = lines.slice(0, last + 1).reduce((n, l) => n + l.length + 1, 0) + 2
    body.focus()
    body.setSelectionRange(offset, offset + question.length)
    refreshPreview()
  })
})()
