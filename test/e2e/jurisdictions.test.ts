/**
 * Browser journey of the jurisdiction gap analysis (issue 4): a compliance officer of the demo
 * provider browses the jurisdictions, opens Germany, analyses facial recognition in DE, NG and BR,
 * exports the CSV, mistypes a country code, and looks at the world map by rule of law and by gap
 * level. Screenshots land in test-results/jurisdictions/.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Locator } from 'playwright-core'
import { loadLibrary } from '../../src/content/loader.ts'
import { en } from '../../web/src/i18n/messages.ts'
import { jurisdictionsEn as jur } from '../../web/src/pages/jurisdictions/messages.ts'
import { assertNoProblems, browserSkipReason, openBrowser } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const CONTENT = join(import.meta.dirname, '../../content')
const snap = screenshotter('jurisdictions')
const textOf = async (locator: Locator) => (await locator.textContent())?.trim() ?? ''

/** The six WGI estimates the chart draws, counted in the data file: a missing one has no bar. */
function wgiEstimatesOf(code: string): number {
  const [header, ...rows] = readFileSync(join(CONTENT, 'governance/wgi-2023.csv'), 'utf8').trim().split('\n')
  const columns = header?.split(',') ?? []
  const row = rows.find((line) => line.startsWith(`${code},`))?.split(',') ?? []
  const indicators = [
    'rule_of_law',
    'voice_accountability',
    'government_effectiveness',
    'political_stability',
    'control_of_corruption',
    'regulatory_quality',
  ]
  return indicators.filter((name) => /^-?\d/.test(row[columns.indexOf(name)] ?? '')).length
}

/**
 * Baseline safeguards for facial recognition in DE, NG and BR, from the library's data: NG covers none
 * of the six topics facial recognition triggers (yes under weak enforcement is partial, ai_rules is
 * unknown), so each topic's baseline applies; a safeguard shared by two topics is listed once.
 */
function facialRecognitionBaseline(): number {
  const { library } = loadLibrary()
  const topics = library.technologies.get('facial-recognition')?.topics ?? []
  assert.equal(topics.length, 6)
  return new Set(topics.flatMap((t) => library.topics.get(t.topic)?.baseline ?? [])).size
}

describe('jurisdictions and gap analysis in a browser', {
  skip: skipReason ?? false,
  timeout: 240_000,
}, () => {
  let server: TTestServer

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
  })

  after(async () => {
    await server?.close()
  })

  it('browses jurisdictions, analyses a deployment, exports CSV and reads the map', async () => {
    const session = await openBrowser({ viewport: { width: 1360, height: 900 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url)
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })

      // The browser: search narrows the list; Germany's page shows facts with sources and the chart.
      await nav.getByRole('link', { name: en['nav.jurisdictions'] }).click()
      await page.getByRole('heading', { name: jur['jur.title'], level: 1 }).waitFor()
      await page.getByRole('link', { name: 'Nigeria' }).waitFor()
      await page.getByLabel(jur['jur.search']).fill('germ')
      await page.getByRole('link', { name: 'Germany' }).waitFor()
      assert.equal(await page.locator('table.data-table tbody tr').count(), 1)
      await snap(page, 'jurisdictions-search')
      await page.getByRole('link', { name: 'Germany' }).click()
      await page.getByRole('heading', { name: /Germany/, level: 1 }).waitFor()
      const ai = page.getByRole('row').filter({ hasText: 'Rules on artificial intelligence' })
      assert.match(await textOf(ai), /covered/)
      assert.match(await textOf(ai), /2024\/1689/)
      assert.equal(
        await page.locator('.governance-bars rect.bar').count(),
        wgiEstimatesOf('DE'),
        'one bar per WGI estimate Germany has',
      )
      await snap(page, 'jurisdiction-de')

      // The gap page: facial recognition in DE, NG, BR.
      await nav.getByRole('link', { name: en['nav.gap'] }).click()
      await page.getByRole('heading', { name: jur['gap.title'], level: 1 }).waitFor()
      await page.getByLabel('Facial recognition', { exact: false }).check()
      await page.getByLabel(jur['gap.countries']).fill('de, ng, br')
      await page.getByRole('button', { name: jur['gap.run'] }).click()
      await page.getByRole('heading', { name: jur['gap.matrixHeading'] }).waitFor()
      assert.match(new URL(page.url()).search, /technologies=facial-recognition&countries=de%2Cng%2Cbr/i)
      const matrix = page.locator('table.gap-matrix')
      const aiRow = matrix.getByRole('row').filter({ hasText: 'Rules on artificial intelligence' })
      const aiCells = aiRow.locator('td.cell')
      assert.equal(await aiCells.count(), 3)
      assert.match(await textOf(aiCells.nth(0)), /covered/)
      assert.match(await textOf(aiCells.nth(1)), /unknown|partial|absent/)
      assert.match(await textOf(aiRow), /inconsistent/)
      assert.match(await textOf(page.locator('.restrictions')), /emotions? of people at work/i)
      assert.equal(
        await page.locator('.baseline-list li').count(),
        facialRecognitionBaseline(),
        'every baseline safeguard of the triggered topics is listed once',
      )
      await snap(page, 'gap-de-ng-br')

      // Export CSV: a file with the CLI's header and one row per (topic, country).
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: jur['gap.exportCsv'] }).click(),
      ])
      const csv = await readFile((await download.path()) ?? '', 'utf8')
      const lines = csv.trimEnd().split('\n')
      assert.match(lines[0] ?? '', /^topic,importance,inconsistent,jurisdiction,/)
      assert.equal(lines.length - 1, ((await matrix.locator('tbody tr').count()) - 2) * 3)

      // A mistyped code: the server's suggestion is shown.
      await page.getByLabel(jur['gap.countries']).fill('DEU')
      await page.getByRole('button', { name: jur['gap.run'] }).click()
      const alert = page.getByRole('alert').filter({ hasText: 'did you mean DE' })
      await alert.waitFor()
      await snap(page, 'gap-unknown-country')

      // The map by rule of law, then by gap level for facial recognition, each with a legend.
      await nav.getByRole('link', { name: en['nav.map'] }).click()
      await page.getByRole('heading', { name: jur['map.ruleOfLaw'], level: 2 }).waitFor()
      assert.ok(
        (await page.locator('svg.world-map path.country').count()) > 150,
        'the map draws the countries',
      )
      assert.ok((await page.locator('svg.world-map path.fill-strong').count()) > 10)
      assert.match(await textOf(page.locator('.map-legend')), /strong.*moderate.*weak.*unknown/)
      await snap(page, 'map-rule-of-law')
      await page.getByLabel(jur['map.colourBy']).selectOption('facial-recognition')
      await page.getByRole('heading', { name: /Gap level for Facial recognition/i, level: 2 }).waitFor()
      await page.locator('svg.world-map path.fill-covered').first().waitFor()
      assert.match(await textOf(page.locator('.map-legend')), /covered.*partial.*absent.*unknown/)
      assert.match(
        (await page.locator('svg.world-map a[href="/jurisdictions/DE"]').getAttribute('aria-label')) ?? '',
        /Germany \(DE\): covered/,
      )
      await snap(page, 'map-facial-recognition')

      // Data sources: the World Bank attribution.
      await nav.getByRole('link', { name: en['nav.dataSources'] }).click()
      assert.match(await textOf(page.getByTestId('wgi-attribution')), /World Bank.*CC BY 4\.0/)
      await snap(page, 'data-sources')

      assertNoProblems(session, 422)
    } finally {
      await session.close()
    }
  })
})
