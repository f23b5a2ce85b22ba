/**
 * Browser journey of the library pages (issue 3, item 9): a demo user opens the library, searches
 * for "facial", reads the toolkit and a requirement's crosswalk, follows a link to the provision it
 * points at (which lists the requirements pointing there), a technology with its risk templates, and
 * a questionnaire with a conditional question; then the same pages on a 360-pixel screen and in
 * French. Screenshots of every step land in test-results/library/.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { en } from '../../web/src/i18n/messages.ts'
import { libraryEn } from '../../web/src/pages/library/messages.ts'
import {
  assertNoProblems,
  browserSkipReason,
  fitsScreen,
  openBrowser,
  unexpectedProblems,
} from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('library')
const shotsDir = fileURLToPath(new URL('../../test-results/library/', import.meta.url))

const pathOf = (page: Page) => new URL(page.url()).pathname

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Headings never skip a level going down (h1 → h3 without an h2 is a skip). */
const headingLevels = async (page: Page): Promise<number[]> =>
  (await page.evaluate(
    `[...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map((h) => Number(h.tagName[1]))`,
  )) as number[]
function assertHeadingsInOrder(levels: number[], where: string) {
  assert.equal(levels[0], 1, `${where}: the first heading is an h1`)
  assert.equal(levels.filter((level) => level === 1).length, 1, `${where}: exactly one h1`)
  for (let i = 1; i < levels.length; i++) {
    assert.ok(
      (levels[i] as number) <= (levels[i - 1] as number) + 1,
      `${where}: heading ${i} jumps from h${levels[i - 1]} to h${levels[i]}`,
    )
  }
}

describe('the library in a browser', { skip: skipReason ?? false, timeout: 240_000 }, () => {
  let server: TTestServer

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
  })

  after(async () => {
    await server?.close()
  })

  it('a member browses frameworks, a crosswalk, a technology and a questionnaire, and searches', async () => {
    const session = await openBrowser()
    const { page } = session
    try {
      await signInOnPage(page, server.url)
      const nav = page.getByRole('navigation', { name: en['shell.mainNav'] })
      await nav.getByRole('link', { name: en['nav.library'] }).click()
      await page.getByRole('heading', { level: 1, name: libraryEn['library.title'] }).waitFor()
      assert.equal(pathOf(page), '/library')

      // Home: five frameworks with counts, the fourteen technologies, the three questionnaires.
      const frameworks = page.getByTestId('frameworks').getByRole('link')
      await frameworks.first().waitFor()
      assert.equal(await frameworks.count(), 5)
      const toolkitCard = frameworks.first()
      assert.match(await toolkitCard.innerText(), /12 areas/)
      assert.match(await toolkitCard.innerText(), /\d{3} requirements/)
      await page.getByTestId('technologies').getByRole('link').nth(13).waitFor()
      assert.equal(await page.getByTestId('technologies').getByRole('link').count(), 14)
      assert.equal(await page.getByTestId('questionnaires').getByRole('link').count(), 3)
      assertHeadingsInOrder(await headingLevels(page), 'library home')
      await snap(page, 'home')

      // Search (debounced): "facial" finds the technology, among requirements and questions.
      await page.getByLabel(libraryEn['search.label']).fill('facial')
      await page.getByTestId('search-summary').waitFor()
      const hits = page.getByTestId('search-hits').getByRole('listitem')
      assert.ok((await hits.count()) >= 3, 'several hits for "facial"')
      const facialHit = page
        .getByTestId('search-hits')
        .getByRole('link', { name: 'Facial recognition', exact: true })
      await facialHit.waitFor()
      assert.match(await page.getByTestId('search-hits').innerText(), new RegExp(libraryEn['kind.question']))
      await snap(page, 'search-facial')

      // A hit opens its page; Back returns to the same results (the query is kept in ?q=).
      await facialHit.click()
      await page.getByRole('heading', { level: 1, name: 'Facial recognition' }).waitFor()
      assert.equal(pathOf(page), '/library/technologies/facial-recognition')
      await page.goBack()
      await page.getByTestId('search-summary').waitFor()
      assert.equal(await page.getByLabel(libraryEn['search.label']).inputValue(), 'facial')
      await facialHit.waitFor()

      // The toolkit: areas with their requirements; open T2.01 by keyboard and read its crosswalk.
      await toolkitCard.click()
      await page.getByRole('heading', { level: 1 }).waitFor()
      assert.equal(pathOf(page), '/library/frameworks/toolkit')
      // The URN is folded away under "Permanent identifier", shown when asked for.
      const frameworkUrn = page.getByTestId('urn').first()
      assert.equal(await frameworkUrn.isVisible(), false, 'the URN is not on screen until asked for')
      await page.getByText(libraryEn['library.citeAs'], { exact: true }).first().click()
      assert.match(await frameworkUrn.innerText(), /^urn:custos:toolkit:framework:toolkit$/)
      assert.equal((await page.getByTestId('requirement').count()) >= 120, true)
      const requirement = page.locator('details[id="T2.01"]')
      await requirement.locator(':scope > summary').focus()
      await page.keyboard.press('Enter')
      assert.equal(
        (await requirement.getAttribute('open')) !== null,
        true,
        'Enter on the summary opens the requirement',
      )
      const requirementText = await requirement.innerText()
      for (const label of [
        'req.statement',
        'req.guidance',
        'req.evidence',
        'req.references',
        'crosswalk.outgoing',
      ] as const) {
        assert.match(requirementText, new RegExp(escapeRegExp(libraryEn[label])), `T2.01 shows ${label}`)
      }
      await requirement.getByText(libraryEn['library.citeAs'], { exact: true }).click()
      assert.match(
        await requirement.getByTestId('urn').innerText(),
        /^urn:custos:toolkit:requirement:T2\.01$/,
      )
      const outgoing = requirement.getByTestId('crosswalk-outgoing').getByRole('listitem')
      assert.ok((await outgoing.count()) >= 1)
      const badge = outgoing.first().locator('[data-relationship]')
      const relationship = await badge.getAttribute('data-relationship')
      assert.ok(relationship && ['equal', 'subset', 'superset', 'related'].includes(relationship))
      assert.match(await badge.innerText(), /\w/, 'the relationship is written, not only coloured')
      await requirement.scrollIntoViewIfNeeded()
      assertHeadingsInOrder(await headingLevels(page), 'toolkit')
      await snap(page, 'toolkit')
      await requirement.screenshot({ path: join(shotsDir, 'requirement-T2.01-crosswalk.png') })

      // Follow the first crosswalk link: the provision's page lists T2.01 among the requirements pointing there.
      const target = outgoing.first().getByRole('link')
      const targetTitle = (await target.locator('.lib-ref-title').innerText()).trim()
      await target.click()
      await page.getByRole('heading', { level: 1 }).waitFor()
      assert.equal(pathOf(page), '/library/object')
      assert.match(
        await page.getByRole('heading', { level: 1 }).innerText(),
        new RegExp(escapeRegExp(targetTitle)),
      )
      const incoming = page.getByTestId('crosswalk-incoming')
      await incoming.waitFor()
      assert.match(await incoming.innerText(), /T2\.01/)
      assert.match(
        await page.locator('main').innerText(),
        new RegExp(escapeRegExp(libraryEn['crosswalk.incoming'])),
      )
      assertHeadingsInOrder(await headingLevels(page), 'crosswalk target')
      await snap(page, 'crosswalk-target')

      // Back to T2.01 through the incoming link: its own page with the same crosswalk.
      await incoming.getByRole('link', { name: /T2\.01/ }).click()
      await page.getByRole('heading', { level: 1, name: /T2\.01/ }).waitFor()
      // Loaded directly (a bookmark or a refresh), the object page works too, despite the dot in the URN.
      await page.reload()
      await page.getByRole('heading', { level: 1, name: /T2\.01/ }).waitFor()
      assert.match(
        await page.getByTestId('crosswalk-outgoing').innerText(),
        new RegExp(escapeRegExp(targetTitle)),
      )

      // A technology: topics with their importance in words, safeguards, the risk table with reasons.
      await page.goto(`${server.url}/library/technologies/facial-recognition`)
      await page.getByRole('heading', { level: 1, name: 'Facial recognition' }).waitFor()
      const topics = page.getByTestId('topics')
      await topics.getByRole('listitem').first().waitFor()
      assert.match(await topics.innerText(), new RegExp(libraryEn['tech.essential']))
      assert.ok((await page.getByTestId('safeguards').getByRole('link').count()) >= 1)
      const risks = page.getByTestId('risk')
      assert.ok((await risks.count()) >= 2)
      const table = risks.first().getByRole('table')
      assert.equal(await table.getByRole('row').count(), 5, 'a header row and one row per dimension')
      assert.match(await table.innerText(), /of 4/)
      assert.match(await page.getByTestId('rights').innerText(), /\w/)
      assertHeadingsInOrder(await headingLevels(page), 'technology')
      await snap(page, 'technology')

      // A questionnaire: a conditional question in plain words with its effects.
      await page.goto(`${server.url}/library/questionnaires/deployment-assessment`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      const questions = page.getByTestId('question')
      assert.ok((await questions.count()) >= 120)
      const conditional = page
        .locator('details[data-testid="question"]:has([data-testid="condition"])')
        .first()
      await conditional.locator(':scope > summary').click()
      const condition = (await conditional.getByTestId('condition').innerText()).trim()
      assert.match(condition, new RegExp(`^${escapeRegExp(libraryEn['q.askedWhen'])}: `))
      assert.doesNotMatch(condition, /cannot describe|\{"/, 'the condition reads as words, not JSON')
      const withEffects = questions.first()
      await withEffects.locator(':scope > summary').click()
      assert.match(
        await withEffects.getByTestId('effects').innerText(),
        new RegExp(libraryEn['effect.satisfies']),
      )
      await conditional.scrollIntoViewIfNeeded()
      assertHeadingsInOrder(await headingLevels(page), 'questionnaire')
      await snap(page, 'questionnaire')
      await conditional.screenshot({ path: join(shotsDir, 'question-with-condition.png') })

      // An unknown technology: a clear message, not a blank page.
      await page.goto(`${server.url}/library/technologies/no-such-thing`)
      await page.getByRole('alert').waitFor()
      await snap(page, 'unknown-technology')

      // The one expected failure is that 404; anything else the browser reported is a fault.
      const problems = unexpectedProblems(session.problems)
      assert.equal(
        problems.filter((problem) => /status of 404/.test(problem)).length,
        1,
        'only the unknown technology answered 404',
      )
      assert.deepEqual(
        problems.filter((problem) => !/status of 404/.test(problem)),
        [],
        'the browser reported errors',
      )
    } finally {
      await session.close()
    }
  })

  it('the pages work on a 360-pixel screen and in French', async () => {
    const session = await openBrowser({ viewport: { width: 360, height: 740 } })
    const { page } = session
    try {
      await signInOnPage(page, server.url, { next: '/library' })
      await page.getByRole('heading', { level: 1, name: libraryEn['library.title'] }).waitFor()
      await page.getByTestId('questionnaires').getByRole('link').first().waitFor()
      assert.ok(await fitsScreen(page), 'the library home fits 360 px')
      await snap(page, 'home-360')

      // The language switch puts ?locale=fr in the address; French text where it exists.
      await page.getByLabel(libraryEn['library.locale']).selectOption('fr')
      await page.waitForURL(/locale=fr/)
      await page.getByTestId('technologies').getByRole('link', { name: 'Reconnaissance faciale' }).click()
      await page.getByRole('heading', { level: 1, name: 'Reconnaissance faciale' }).waitFor()
      assert.match(page.url(), /\/library\/technologies\/facial-recognition\?locale=fr$/)
      await page.getByTestId('risk').first().waitFor()
      assert.ok(await fitsScreen(page), 'the technology page fits 360 px')
      // Its title is French, most of its text is not: the page says so.
      assert.equal(
        (await page.locator('.lib-fallback').textContent())?.trim(),
        libraryEn['library.shownInEnglishSome'],
      )
      await snap(page, 'technology-fr-360')

      // The ICoC holds no Arabic at all: all of it is marked as shown in English.
      await page.goto(`${server.url}/library/frameworks/icoc?locale=ar`)
      await page.locator('.lib-fallback[data-fallback="all"]').waitFor()
      // An English page says nothing of the kind.
      await page.goto(`${server.url}/library/frameworks/icoc?locale=en`)
      await page.getByText(libraryEn['library.localeNote']).waitFor()
      assert.equal(await page.locator('.lib-fallback').count(), 0)

      await page.goto(`${server.url}/library/frameworks/toolkit#T2.01`)
      await page.locator('details[id="T2.01"][open]').waitFor()
      assert.ok(await fitsScreen(page), 'the toolkit fits 360 px with a requirement open')
      await page.locator('details[id="T2.01"]').screenshot({ path: join(shotsDir, 'requirement-360.png') })

      // Keyboard: the focused control is visibly outlined.
      await page.getByLabel(libraryEn['library.locale']).focus()
      const outline = (await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')) as string
      assert.notEqual(outline, 'none', 'focus is visible')
      assertNoProblems(session)
    } finally {
      await session.close()
    }
  })
})
