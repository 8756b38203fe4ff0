// Enhances the staff pages: starts GOV.UK Frontend's components and our own (dss-progress).
// Every page works without this script; it only adds to what the server renders.
import { initAll } from 'govuk-frontend'

// GOV.UK Frontend styles and starts its components only under these classes. A browser that
// runs this module supports ES modules, which is GOV.UK Frontend's own test for support; setting
// them here rather than in an inline script keeps the pages free of inline scripts (CSP).
document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

const POLL_INTERVAL_MS = 1000
const MAX_BACKOFF_MS = 10000

const numberFormat = new Intl.NumberFormat('en-GB')
const megabyteFormat = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1
})

/** Rows with thousands separators: 1234567 -> "1,234,567". */
function formatRows(rows) {
  return numberFormat.format(rows)
}

/** Bytes as megabytes (10^6 bytes) with one decimal: 12345678 -> "12.3 MB". */
function formatBytes(bytes) {
  return `${megabyteFormat.format(bytes / 1e6)} MB`
}

/** A JSON number, or a string of one; anything else (absent, null, text) gives null. */
function toNumber(value) {
  if (value === null || value === undefined || value === '') return null
  const number = Number(value)
  return Number.isFinite(number) ? number : null
}

function setText(element, text) {
  // Only on change, so that the live region is not announced again every second.
  if (element && element.textContent !== text) element.textContent = text
}

/**
 * The processing page's progress block: polls data-progress-url (JSON {state, progress, info,
 * rows_loaded, bytes_read}) every second, shows what it says, stops when the file is processed
 * and goes to data-failed-url when it failed. A failed request is retried with a growing pause
 * (up to 10 s) while the plain "Refresh to see progress" link is shown again.
 */
class Progress {
  constructor(root) {
    this.root = root
    this.url = root.dataset.progressUrl
    this.failedUrl = root.dataset.failedUrl
    this.info = document.getElementById('progress-info')
    this.percent = document.getElementById('progress-percent')
    this.rows = document.getElementById('progress-rows')
    this.bytes = document.getElementById('progress-bytes')
    this.bar = root.querySelector('progress')
    this.refresh = document.getElementById('progress-refresh')
    this.delay = POLL_INTERVAL_MS
    this.timer = null
  }

  start() {
    const state = this.root.dataset.state
    if (!this.url || state === 'completed') return
    if (state === 'failed') {
      this.fail()
      return
    }
    if (this.refresh) this.refresh.hidden = true
    this.schedule(POLL_INTERVAL_MS)
  }

  schedule(delay) {
    this.timer = window.setTimeout(() => this.poll(), delay)
  }

  async poll() {
    let answer
    try {
      const response = await fetch(this.url, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        cache: 'no-store',
        // An expired session answers with a redirect to the sign-in page: reload this page so
        // that the browser follows it, instead of trying to read the sign-in page as JSON.
        redirect: 'manual'
      })
      if (response.type === 'opaqueredirect') {
        window.location.reload()
        return
      }
      if (!response.ok) throw new Error(`progress: HTTP ${response.status}`)
      answer = await response.json()
    } catch (error) {
      this.delay = Math.min(this.delay * 2, MAX_BACKOFF_MS)
      if (this.refresh) this.refresh.hidden = false
      this.schedule(this.delay)
      return
    }
    this.delay = POLL_INTERVAL_MS
    if (this.refresh) this.refresh.hidden = true
    this.show(answer)
    if (answer.state === 'failed') {
      this.fail()
    } else if (answer.state === 'completed') {
      this.complete()
    } else {
      this.schedule(POLL_INTERVAL_MS)
    }
  }

  show(answer) {
    const progress = toNumber(answer.progress)
    if (progress !== null) {
      const clamped = Math.max(0, Math.min(100, progress))
      if (this.bar) {
        this.bar.value = clamped
        setText(this.bar, `${clamped}%`)
      }
      setText(this.percent, `${clamped}%`)
    }
    if (typeof answer.info === 'string') setText(this.info, answer.info)
    const rows = toNumber(answer.rows_loaded)
    if (rows !== null) setText(this.rows, formatRows(rows))
    const bytes = toNumber(answer.bytes_read)
    if (bytes !== null) setText(this.bytes, formatBytes(bytes))
    if (answer.state) this.root.dataset.state = answer.state
  }

  fail() {
    if (this.failedUrl) window.location.assign(this.failedUrl)
  }

  complete() {
    if (this.refresh) this.refresh.hidden = true
    let done = document.getElementById('progress-completed')
    if (!done) {
      // The server always renders this block (hidden); build it should a page lack it.
      done = document.createElement('div')
      done.id = 'progress-completed'
      const panel = document.createElement('div')
      panel.className = 'govuk-panel govuk-panel--confirmation'
      const title = document.createElement('h2')
      title.className = 'govuk-panel__title'
      title.textContent = 'Data successfully processed'
      panel.append(title)
      const back = document.createElement('p')
      back.className = 'govuk-body'
      const link = document.createElement('a')
      link.className = 'govuk-link'
      link.href = '/upload/'
      link.textContent = 'Back to your datasets'
      back.append(link)
      done.append(panel, back)
      this.root.after(done)
    }
    done.hidden = false
  }
}

for (const root of document.querySelectorAll('[data-module="dss-progress"]')) {
  new Progress(root).start()
}
