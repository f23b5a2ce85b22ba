/**
 * The PDF report printed by the real Debian Chromium, read back with poppler: `pdftotext` finds the
 * group names and figures, `pdftoppm` draws the first page. Without Chromium or poppler the tests
 * skip with the reason, unless REQUIRE_BROWSER=1 (as in CI), where a missing tool fails.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { browserSkipReason, CHROMIUM_PATH } from '../../../test/e2e/helpers/browser.ts'
import { isAppError } from '../../core/errors.ts'
import { packageRoot } from '../../core/paths.ts'
import { CsvCounter } from './counting/index.ts'
import { buildReport } from './report.ts'
import { renderHtml } from './report-html.ts'
import { CHROMIUM, renderPdf } from './report-pdf.ts'

const POPPLER = ['/usr/bin/pdftotext', '/usr/bin/pdftoppm']
const MAIN = join(packageRoot(), 'src/cli/main.ts')

/** Why these tests cannot run here, or null; throws when REQUIRE_BROWSER=1 and a tool is missing. */
function skipReason(): string | null {
  const browser = browserSkipReason()
  if (browser) return browser
  const missing = POPPLER.filter((tool) => !existsSync(tool))
  if (missing.length === 0) return null
  const reason = `${missing.join(' and ')} not installed (apt-get install poppler-utils)`
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${reason}.`)
  return `${reason}; PDF tests skipped`
}

const skip = skipReason() ?? false
if (skip) process.stderr.write(`report-pdf.test.ts: ${skip}\n`)

const tmp = mkdtempSync(join(tmpdir(), 'custos-pdf-test-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

/**
 * 80 decisions with figures worked by hand: sex=F has 12 TP, 8 FP and 20 TN, so its selection rate is
 * (12 + 8) / 40 = 0.5000 and its false positive rate 8 / (8 + 20) = 0.2857; sex=M has 30 TP and
 * 10 TN, so (30 + 0) / 40 = 0.7500; F's adverse impact ratio is 0.5 / 0.75 = 0.6667, below 0.8, but
 * its Katz interval, exp(ln 0.6667 ± 1.96 √(1/20 − 1/40 + 1/30 − 1/40)) = [0.4661, 0.9535], holds 0.8,
 * so the four-fifths paragraph names F as inconclusive with that ratio and interval.
 */
function knownLog(): string {
  const table: [string, string, string, number][] = [
    ['F', '1', '1', 12],
    ['F', '0', '1', 8],
    ['F', '0', '0', 20],
    ['M', '1', '1', 30],
    ['M', '0', '0', 10],
  ]
  const lines = ['sex,label,pred']
  for (const [sex, label, pred, times] of table)
    for (let i = 0; i < times; i++) lines.push(`${sex},${label},${pred}`)
  return `${lines.join('\n')}\n`
}

const knownHtml = (): string => {
  const counter = new CsvCounter({ groupColumns: ['sex'], labelColumn: 'label', predColumn: 'pred' })
  counter.push(Buffer.from(knownLog()))
  const report = buildReport(counter.end(), { columns: { group: ['sex'], label: 'label', pred: 'pred' } })
  return renderHtml(report, '2026-01-01T00:00:00.000Z')
}

const pdftotext = (pdf: string): string => {
  const run = spawnSync('/usr/bin/pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  return run.stdout
}

/** The checks every printed report must pass: text with the figures, and a first page with ink on it. */
function checkKnownPdf(pdf: string): void {
  const head = readFileSync(pdf).subarray(0, 5).toString('latin1')
  assert.equal(head, '%PDF-')
  const text = pdftotext(pdf)
  assert.match(text, /Bias audit/)
  assert.match(text, /80 rows read, 0 skipped/)
  for (const figure of [
    'sex=F',
    'sex=M',
    '0.5000',
    '0.7500',
    '0.2857',
    'Inconclusive, the interval holds 0.8: sex=F (0.6667, interval [0.4661, 0.9535]',
  ])
    assert.ok(text.includes(figure), `the PDF text holds ${figure}`)

  const page = join(tmp, `page-${Math.random().toString(36).slice(2)}`)
  const png = spawnSync('/usr/bin/pdftoppm', [
    '-png',
    '-r',
    '40',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    page,
  ])
  assert.equal(png.status, 0, String(png.stderr))
  const image = readFileSync(`${page}.png`)
  assert.ok(image.length > 1000, `a non-empty PNG (${image.length} bytes)`)
  assert.deepEqual([...image.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  // The same page as raw greyscale (PGM): a printed report has dark pixels, a blank page has none.
  const pgm = spawnSync('/usr/bin/pdftoppm', [
    '-gray',
    '-r',
    '20',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    page,
  ])
  assert.equal(pgm.status, 0, String(pgm.stderr))
  const grey = readFileSync(`${page}.pgm`)
  const pixels = grey.subarray(grey.length - countPixels(grey))
  const dark = pixels.filter((value) => value < 128).length
  assert.ok(dark > pixels.length * 0.005, `ink on the page (${dark} of ${pixels.length} pixels dark)`)
}

/** Width × height of a binary PGM (`P5 w h max` header). */
function countPixels(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.subarray(0, 64).toString('latin1'))
  assert.ok(header, 'a binary PGM header')
  return Number(header[1]) * Number(header[2])
}

describe('the PDF report', { skip }, () => {
  it('prints through Chromium with the group names and figures as text, and draws a page', async () => {
    const pdf = join(tmp, 'report.pdf')
    await renderPdf(knownHtml(), pdf)
    assert.ok(statSync(pdf).size > 0)
    checkKnownPdf(pdf)
  })

  it('is written by `custos bias-audit --out report.pdf`, which still prints the table', () => {
    const log = join(tmp, 'known.csv')
    writeFileSync(log, knownLog())
    const pdf = join(tmp, 'cli-report.pdf')
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        'bias-audit',
        log,
        '--group',
        'sex',
        '--label',
        'label',
        '--pred',
        'pred',
        '--out',
        pdf,
      ],
      { cwd: packageRoot(), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    )
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /sex=F/)
    assert.equal(run.stderr, '')
    checkKnownPdf(pdf)
  })
})

describe('the PDF report without a working Chromium', () => {
  it('uses Debian’s Chromium, the one the browser tests use', () => {
    assert.equal(CHROMIUM, CHROMIUM_PATH)
  })

  it('says how to get an HTML report instead when Chromium is missing', async () => {
    const missing = join(tmp, 'no-such-chromium')
    await assert.rejects(renderPdf('<p>x</p>', join(tmp, 'never.pdf'), missing), (error: unknown) => {
      assert.ok(isAppError(error))
      assert.equal(error.code, 'unavailable')
      assert.match(
        error.userMessage,
        /PDF output needs .*no-such-chromium .*write --out report\.html instead/,
      )
      return true
    })
    assert.equal(existsSync(join(tmp, 'never.pdf')), false)
  })

  it('reports the exit code of a browser that fails, and leaves no PDF', async () => {
    await assert.rejects(renderPdf('<p>x</p>', join(tmp, 'failed.pdf'), '/bin/false'), (error: unknown) => {
      assert.ok(isAppError(error))
      assert.equal(error.code, 'unavailable')
      assert.match(error.userMessage, /chromium could not print the PDF \(exit 1\)/)
      return true
    })
    assert.equal(existsSync(join(tmp, 'failed.pdf')), false)
  })

  it('refuses a browser that exits 0 but writes nothing', async () => {
    await assert.rejects(renderPdf('<p>x</p>', join(tmp, 'empty.pdf'), '/bin/true'), /exit 0/)
  })
})
