/**
 * Browser journey of the bias audit (issues 5 and 10): the demo provider's admin opens Bias audit,
 * picks a decision log, chooses the columns from its header, runs it and reads the result (measures,
 * interval plots, group table) with what it was run with; after a reload reopens it from the history
 * and downloads its reports; and reads the precise message of a binary file, a log whose every row
 * is skipped and a bad option. Screenshots land in test-results/bias-audit/.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { createRng } from '../../src/modules/bias/bootstrap.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { biasEn as bias } from '../../web/src/pages/bias/messages.ts'
import { browserSkipReason, openBrowser, unexpectedProblems } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('bias-audit')

/** A vetting log: women are flagged more often at the same truth; a group of 11 is flagged always. */
function vettingLog(): string {
  const rng = createRng(5)
  const lines = ['person,sex,region,flagged_truth,flag']
  for (let i = 0; i < 400; i++) {
    const sex = rng() < 0.5 ? 'F' : 'M'
    const region = rng() < 0.5 ? 'north' : 'south'
    const truth = rng() < 0.2 ? 1 : 0
    const flag = rng() < (truth ? 0.8 : sex === 'F' ? 0.3 : 0.12) ? 'yes' : 'no'
    lines.push(`${i},${sex},${region},${truth},${flag}`)
  }
  // Eleven people of a third value, all flagged: shown, but too few to compare.
  for (let i = 0; i < 11; i++) lines.push(`${400 + i},X,north,${i < 5 ? 1 : 0},yes`)
  return `${lines.join('\n')}\n`
}

describe('bias audit in a browser', { skip: skipReason ?? false, timeout: 240_000 }, () => {
  let server: TTestServer
  const dir = mkdtempSync(join(tmpdir(), 'custos-e2e-bias-'))
  /** SHA-256 of the log uploaded by the first journey, which the later ones reopen. */
  let sha256 = ''

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
  })

  after(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('uploads a decision log, picks columns from its header and reads the result', async () => {
    const file = join(dir, 'vetting.csv')
    writeFileSync(file, vettingLog())
    sha256 = createHash('sha256').update(readFileSync(file)).digest('hex')
    const session = await openBrowser({ viewport: { width: 1280, height: 900 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url)

      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      await nav.getByRole('link', { name: en['nav.biasAudit'] }).click()
      await page.getByRole('heading', { name: bias['bias.title'], level: 1 }).waitFor()

      await page.getByLabel(bias['bias.file']).setInputFiles(file)
      await page.getByRole('checkbox', { name: 'sex' }).check()
      await page.getByRole('checkbox', { name: 'region' }).check()
      await page.getByLabel(bias['bias.label']).selectOption('flagged_truth')
      await page.getByLabel(bias['bias.pred']).selectOption('flag')
      await snap(page, 'columns-picked')
      await page.getByRole('button', { name: bias['bias.run'] }).click()

      await page.getByRole('heading', { name: bias['bias.resultHeading'] }).waitFor()
      const result = page.locator('section[aria-labelledby="bias-result"]')
      const text = (await result.textContent()) ?? ''
      assert.match(text, /411 rows read, 0 skipped/)
      const groups = result.getByRole('table', { name: bias['bias.groupsTable'] })
      assert.equal(await groups.locator('tbody tr').count(), 5)
      assert.equal(await result.locator('figure.bias-plot svg circle').count(), 15)
      assert.match(text, /sex=F\|region=north/)
      // The small group is named as left out, with its size, and sets none of the measures.
      const note = result.getByRole('note')
      assert.match((await note.textContent()) ?? '', /fewer than 30 rows: sex=X\|region=north \(11 rows\)/)
      assert.match(
        (await groups.getByRole('row', { name: /sex=X\|region=north/ }).textContent()) ?? '',
        /not compared \(11 rows, fewer than 30\)/,
      )
      const measures = result.getByRole('table', { name: bias['bias.measuresTable'] })
      assert.equal(await measures.locator('tbody tr').count(), 7)
      const dpd =
        (await measures.getByRole('row', { name: new RegExp(bias['bias.dpd']) }).textContent()) ?? ''
      assert.match(dpd, /\[\d\.\d{4}, \d\.\d{4}\] Newcombe/)
      assert.doesNotMatch(dpd, /sex=X/)
      await page
        .getByRole('cell', { name: 'vetting.csv' })
        .or(page.getByRole('rowheader', { name: 'vetting.csv' }))
        .first()
        .waitFor()
      // What it was run with, and the hash of the bytes sent.
      const inputs = page.locator('section[aria-labelledby="bias-audit-inputs"]')
      const inputsText = (await inputs.textContent()) ?? ''
      assert.match(inputsText, /Groups: sex, region/)
      assert.match(inputsText, /Smallest group compared: 30 rows/)
      assert.ok(inputsText.includes(sha256), 'the full SHA-256 of the upload is shown')
      const history = page.getByRole('table', { name: bias['bias.history'] })
      const hashCell = history.locator(`code[title="${sha256}"]`)
      assert.equal(await hashCell.textContent(), sha256.slice(0, 12))
      // The plots take the card's width.
      const widths = await plotWidths(page)
      assert.ok(widths.svg >= widths.card - 80 && widths.svg > 900, JSON.stringify(widths))
      await snap(page, 'result')
      await page.setViewportSize({ width: 390, height: 844 })
      await assertNoSidewaysScroll(page)
      const phone = await plotWidths(page)
      assert.ok(phone.svg <= phone.card && phone.svg > 250, JSON.stringify(phone))
      await snap(page, 'result-phone')
      assert.deepEqual(unexpectedProblems(session.problems), [], 'the browser reported errors')
    } finally {
      await session.close()
    }
  })

  it('after a reload, reopens the audit from the history and downloads its HTML and PDF reports', async () => {
    const session = await openBrowser({ viewport: { width: 1280, height: 900 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url, { next: '/bias-audit' })
      await page.reload()
      const history = page.getByRole('table', { name: bias['bias.history'] })
      await history.waitFor()
      await snap(page, 'history')
      await page.setViewportSize({ width: 390, height: 844 })
      await assertNoSidewaysScroll(page)
      await snap(page, 'history-phone')
      await page.setViewportSize({ width: 1280, height: 900 })

      await history.getByRole('link', { name: 'vetting.csv' }).first().click()
      await page.waitForURL(/\/bias-audit\/[^/]+$/)
      await page.getByRole('heading', { name: 'Bias audit of vetting.csv', level: 1 }).waitFor()
      const result = page.locator('section[aria-labelledby="bias-result"]')
      await result.waitFor()
      assert.match((await result.textContent()) ?? '', /411 rows read, 0 skipped/)
      assert.equal(await result.locator('figure.bias-plot svg circle').count(), 15)
      assert.equal(
        await result.getByRole('table', { name: bias['bias.groupsTable'] }).locator('tbody tr').count(),
        5,
      )
      assert.ok(
        ((await page.locator('section[aria-labelledby="bias-audit-inputs"]').textContent()) ?? '').includes(
          sha256,
        ),
      )
      // A reload of the audit's own address shows it again.
      await page.reload()
      await result.waitFor()
      await snap(page, 'reopened')

      const [html] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: bias['bias.downloadHtml'] }).click(),
      ])
      assert.equal(html.suggestedFilename(), 'bias-audit-vetting.html')
      const htmlPath = join(dir, 'report.html')
      await html.saveAs(htmlPath)
      // Read the report as a browser does: its tables and plots, parsed.
      const reader = await session.context.newPage()
      await reader.setContent(readFileSync(htmlPath, 'utf8'))
      const read = {
        intro: (await reader.locator('p').first().textContent()) ?? '',
        plots: await reader.locator('svg').count(),
        groupRows: await reader.locator('th[scope=row]').allTextContents(),
        source: await reader.locator('p', { hasText: /^Decision log/ }).textContent(),
      }
      await reader.close()
      assert.match(read.intro, /411 rows read, 0 skipped/)
      assert.equal(read.plots, 3)
      assert.ok(read.groupRows.includes('sex=F|region=north'), read.groupRows.join(', '))
      assert.equal(read.source, `Decision log: vetting.csv, SHA-256 ${sha256}.`)

      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: bias['bias.downloadPdf'] }).click(),
      ])
      assert.equal(pdf.suggestedFilename(), 'bias-audit-vetting.pdf')
      const pdfPath = join(dir, 'report.pdf')
      await pdf.saveAs(pdfPath)
      if (existsSync('/usr/bin/pdftotext') || process.env.REQUIRE_BROWSER === '1') {
        const text = spawnSync('/usr/bin/pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
        assert.equal(text.status, 0, text.stderr)
        assert.match(text.stdout, /411 rows read, 0 skipped/)
        assert.match(text.stdout, /sex=F\|region=north/)
      }
      await page.setViewportSize({ width: 390, height: 844 })
      await assertNoSidewaysScroll(page)
      await snap(page, 'reopened-phone')
      assert.deepEqual(unexpectedProblems(session.problems), [], 'the browser reported errors')
    } finally {
      await session.close()
    }
  })

  it('says precisely what is wrong: a binary file, every row skipped, a bad option, missing columns', async () => {
    const png = join(dir, 'photo.png')
    // A PNG signature and the start of its header chunk: NUL bytes and bytes that are not UTF-8.
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'))
    const scores = join(dir, 'scores.csv')
    writeFileSync(scores, 'sex,truth,score\nF,1,high\nM,0,low\nF,0,n/a\n')
    const session = await openBrowser({ viewport: { width: 1280, height: 900 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url, { next: '/bias-audit' })
      const form = page.locator('form.bias-form')
      const alert = form.getByRole('alert')

      await page.getByLabel(bias['bias.file']).setInputFiles(png)
      await alert.waitFor()
      assert.equal(await alert.locator('p').first().textContent(), bias['bias.binary'])
      assert.equal(await form.getByRole('checkbox').count(), 0, 'no column is offered from a binary file')
      assert.doesNotMatch((await form.textContent()) ?? '', /PNG/)
      await snap(page, 'error-binary')

      await page.getByLabel(bias['bias.file']).setInputFiles(scores)
      await page.getByRole('checkbox', { name: 'sex' }).waitFor()
      await page.getByRole('button', { name: bias['bias.run'] }).click()
      assert.equal(await alert.locator('p').first().textContent(), bias['bias.needColumns'])

      await page.getByRole('checkbox', { name: 'sex' }).check()
      await page.getByLabel(bias['bias.label']).selectOption('truth')
      await page.getByRole('radio', { name: bias['bias.modeScore'] }).check()
      await page.getByLabel(bias['bias.score']).selectOption('score')
      await page.getByRole('button', { name: bias['bias.run'] }).click()
      await alert.getByText(/No row could be counted/).waitFor()
      assert.match(
        (await alert.textContent()) ?? '',
        /No row could be counted: all 3 rows were skipped — .*\(3\)\./,
      )
      await snap(page, 'error-all-skipped')
      await page.setViewportSize({ width: 390, height: 844 })
      await assertNoSidewaysScroll(page)
      await snap(page, 'error-all-skipped-phone')
      await page.setViewportSize({ width: 1280, height: 900 })

      await page.getByLabel(bias['bias.minGroup']).fill('thirty')
      await page.getByRole('button', { name: bias['bias.run'] }).click()
      const fields = alert.getByRole('list', { name: en['error.fields'] })
      await fields.waitFor()
      const fieldText = (await fields.textContent()) ?? ''
      assert.match(
        fieldText,
        new RegExp(`^${bias['bias.minGroup'].replace(/[()]/g, '\\$&')}: must be a whole number`),
      )
      assert.doesNotMatch((await alert.textContent()) ?? '', /--|went wrong/)
      await snap(page, 'error-option')
      // The refused uploads answered 422, which the browser logs; nothing else may go wrong.
      const problems = unexpectedProblems(session.problems).filter((p) => !/status of 422\b/.test(p))
      assert.deepEqual(problems, [], 'the browser reported errors')
    } finally {
      await session.close()
    }
  })
})

/** The width of the first interval plot and of the card holding it. */
async function plotWidths(page: Page): Promise<{ svg: number; card: number }> {
  const svg = await page.locator('figure.bias-plot svg').first().boundingBox()
  const card = await page.locator('section[aria-labelledby="bias-result"]').boundingBox()
  return { svg: svg?.width ?? 0, card: card?.width ?? 0 }
}

/** Nothing on the page is wider than the window (a phone must not scroll sideways). */
async function assertNoSidewaysScroll(page: Page): Promise<void> {
  // Give the plots a frame to follow the new width.
  await page.waitForTimeout(150)
  const [scroll, viewport] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  )
  assert.ok(scroll <= viewport, `the page is ${scroll} px wide in a ${viewport} px window`)
}
