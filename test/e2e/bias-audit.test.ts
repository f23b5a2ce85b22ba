/**
 * Browser journey of the bias audit (issue 5): the demo provider's admin opens Bias audit, picks a
 * decision log, chooses the columns from its header, runs it and reads the result (measures, interval
 * plots, group table) and the history. Screenshots land in test-results/bias-audit/.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
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
      await snap(page, 'result')
      await page.setViewportSize({ width: 390, height: 844 })
      await snap(page, 'result-phone')
      assert.deepEqual(unexpectedProblems(session.problems), [], 'the browser reported errors')
    } finally {
      await session.close()
    }
  })
})
