/**
 * The built web app keeps its promises without a browser: the first load stays within the
 * JavaScript budget (docs/quality.md) and index.html has nothing inline that CSP `default-src 'self'`
 * would block.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { ensureWebBuild } from './helpers/web-build.ts'

const INITIAL_JS_BUDGET_BYTES = 250 * 1024

/** Every script the browser fetches before the first page renders: the entry and its preloads. */
function initialScripts(indexHtml: string): string[] {
  const entries = [...indexHtml.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((match) => match[1]!)
  const preloads = [...indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map(
    (match) => match[1]!,
  )
  return [...new Set([...entries, ...preloads])]
}

describe('the built web app', () => {
  let distDir = ''
  let indexHtml = ''

  before(async () => {
    distDir = await ensureWebBuild()
    indexHtml = readFileSync(join(distDir, 'index.html'), 'utf8')
  })

  it('downloads at most 250 KB of gzipped JavaScript on the first load', () => {
    const scripts = initialScripts(indexHtml)
    assert.ok(scripts.length > 0, 'index.html loads a script')
    const sizes = scripts.map((src) => gzipSync(readFileSync(join(distDir, src))).length)
    const total = sizes.reduce((sum, size) => sum + size, 0)
    process.stdout.write(
      `initial JavaScript: ${scripts.length} files, ${(total / 1024).toFixed(1)} KB gzipped\n`,
    )
    assert.ok(total <= INITIAL_JS_BUDGET_BYTES, `${total} bytes gzipped is over the budget`)
  })

  it('has no inline script, inline style or third-party origin in index.html', () => {
    for (const script of indexHtml.matchAll(/<script\b[^>]*>/g)) assert.match(script[0], /\bsrc="\//)
    assert.doesNotMatch(indexHtml, /<style\b/)
    assert.doesNotMatch(indexHtml, /\sstyle="/)
    assert.doesNotMatch(indexHtml, /(src|href)="(https?:)?\/\//)
  })
})
