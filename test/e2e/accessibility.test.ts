/**
 * Accessibility of the main pages (docs/quality.md): axe-core with the WCAG 2.1 A and AA rules on every
 * main page as the demo provider's admin sees it, on the sign-in page right-to-left and on the
 * invitation and password reset pages that links open. A serious or critical violation fails the
 * page; lesser ones are printed. A keyboard check walks with Tab from
 * the top through the skip link, the navigation and into the main content, and requires a visible
 * focus ring on each stop. The contrast check runs again in the dark colour scheme. A few
 * representative pages are checked again in the Arabic interface, right to left, in both schemes.
 * Screenshots land in test-results/accessibility/.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { en } from '../../web/src/i18n/messages.ts'
import { isPublicPath } from '../../web/src/lib/paths.ts'
import { biasEn as bias } from '../../web/src/pages/bias/messages.ts'
import { jurisdictionsEn as jur } from '../../web/src/pages/jurisdictions/messages.ts'
import { browserSkipReason, openBrowser, type TBrowserSession } from './helpers/browser.ts'
import { screenshotter } from './helpers/screenshots.ts'
import { startDemoServer, type TTestServer } from './helpers/server.ts'
import { signInOnPage } from './helpers/sign-in.ts'
import { ensureWebBuild } from './helpers/web-build.ts'

const skipReason = browserSkipReason()
if (skipReason) process.stdout.write(`# browser tests skipped: ${skipReason}\n`)

const snap = screenshotter('accessibility')
// WCAG 2.1 A and AA, and axe's best practices (landmarks, heading order) at the same bar.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
const BLOCKING = new Set(['serious', 'critical'])

type TFinding = { id: string; impact: string; help: string; targets: string[]; why: string }

/** Runs axe on the page as it is now; returns the blocking findings and prints the others. */
async function audit(page: Page, name: string, rules?: string[]): Promise<TFinding[]> {
  const builder = new AxeBuilder({ page }).withTags(AXE_TAGS)
  const result = await (rules ? builder.withRules(rules) : builder).analyze()
  assert.ok(result.passes.length > 0, `axe checked something on the ${name}`)
  const findings = result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    why: violation.nodes[0]?.failureSummary ?? '',
  }))
  // What axe could not decide (text over an image, say) is listed for a person to look at.
  const undecided = result.incomplete.map((rule) => `${rule.id} (${rule.nodes.length})`)
  if (undecided.length > 0) process.stdout.write(`# ${name}: needs review: ${undecided.join(', ')}\n`)
  for (const finding of findings.filter((f) => !BLOCKING.has(f.impact))) {
    process.stdout.write(
      `# ${name}: ${finding.impact} ${finding.id} (${finding.help}) at ${finding.targets.join(', ')}\n`,
    )
  }
  return findings.filter((finding) => BLOCKING.has(finding.impact))
}

/**
 * Runs axe on the page in the light colour scheme (every rule) and the dark one (contrast: its own
 * palette), with a screenshot of each; resolves with the blocking findings of both.
 */
async function auditLightAndDark(page: Page, name: string) {
  const light = await audit(page, name)
  await snap(page, name.replaceAll(' ', '-'))
  await page.emulateMedia({ colorScheme: 'dark' })
  try {
    const dark = await audit(page, `${name} (dark)`, ['color-contrast'])
    await snap(page, `${name.replaceAll(' ', '-')}-dark`)
    return { light, dark }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' })
  }
}

/** Waits until the page shows its level-1 heading and nothing is loading any more. */
async function settle(page: Page, heading: string | RegExp) {
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
  await page.locator('.loading').first().waitFor({ state: 'detached' })
}

type TFocusStop = {
  label: string
  isSkipLink: boolean
  isInNav: boolean
  isInMain: boolean
  hasRing: boolean
}

/** Opens a signed-in page, signing in first when this browser has not yet or is on a public page (tests may run alone). */
async function openSignedIn(page: Page, url: string, path: string) {
  if (!page.url().startsWith(url) || isPublicPath(new URL(page.url()).pathname)) await signInOnPage(page, url)
  await page.goto(`${url}${path}`)
}

// Runs in the page (the test's TypeScript has no DOM types): the focused element, where it sits and
// whether a focus ring is drawn around it, as an outline of 2px or more or a box shadow.
const FOCUS_STATE = `(() => {
  const element = document.activeElement
  if (!element || element === document.body) return null
  const style = getComputedStyle(element)
  const hasOutline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2
  return {
    label: element.tagName.toLowerCase() + ' "' + (element.textContent || '').trim().slice(0, 40) + '"',
    isSkipLink: element.classList.contains('skip-link'),
    isInNav: element.closest('nav.app-nav') !== null,
    isInMain: element.closest('main') !== null && element.tagName !== 'MAIN',
    hasRing: hasOutline || (style.boxShadow !== 'none' && style.boxShadow !== ''),
  }
})()`

const focusState = (page: Page) => page.evaluate<TFocusStop | null>(FOCUS_STATE)

/** A small decision log for the bias page: one group is flagged more often at the same truth. */
function decisionLog(): string {
  const lines = ['person,sex,flagged_truth,flag']
  for (let i = 0; i < 200; i++) {
    const sex = i % 2 === 0 ? 'F' : 'M'
    const truth = i % 5 === 0 ? 1 : 0
    const flag = truth === 1 || (sex === 'F' ? i % 7 === 1 : i % 17 === 1) ? 'yes' : 'no'
    lines.push(`${i},${sex},${truth},${flag}`)
  }
  return `${lines.join('\n')}\n`
}

type TBiasKey = 'bias.file' | 'bias.label' | 'bias.pred' | 'bias.run' | 'bias.resultHeading'

/** On the bias audit form: uploads the decision log, picks its columns and runs it, in any language. */
async function showBiasResult(page: Page, label: (key: TBiasKey) => string, file: string) {
  writeFileSync(file, decisionLog())
  await page.getByLabel(label('bias.file')).setInputFiles(file)
  await page.getByRole('checkbox', { name: 'sex' }).check()
  await page.getByLabel(label('bias.label')).selectOption('flagged_truth')
  await page.getByLabel(label('bias.pred')).selectOption('flag')
  await page.getByRole('button', { name: label('bias.run') }).click()
  await page.getByRole('heading', { name: label('bias.resultHeading') }).waitFor()
}

/** The signed-in pages: path, the heading that says it has loaded, and any steps after loading. */
const PAGES: {
  name: string
  path: string
  heading: string | RegExp
  ready?: (page: Page) => Promise<void>
}[] = [
  { name: 'overview', path: '/', heading: /^Welcome/ },
  { name: 'organisation settings', path: '/settings/organisation', heading: en['org.title'] },
  { name: 'audit log', path: '/audit', heading: en['audit.title'] },
  {
    name: 'account page',
    path: '/account',
    heading: en['account.title'],
    ready: async (page) => {
      await page.getByText(en['account.thisSession']).waitFor()
    },
  },
  { name: 'library home', path: '/library', heading: /Library/ },
  { name: 'framework page', path: '/library/frameworks/toolkit', heading: /twelve toolkit areas/ },
  {
    name: 'technology page',
    path: '/library/technologies/facial-recognition',
    heading: /Facial recognition/i,
  },
  {
    name: 'questionnaire page',
    path: '/library/questionnaires/deployment-assessment',
    heading: /Deployment human-rights impact assessment/,
  },
  { name: 'jurisdictions list', path: '/jurisdictions', heading: jur['jur.title'] },
  { name: 'country page', path: '/jurisdictions/DE', heading: /Germany/ },
  {
    name: 'gap page with a result',
    path: '/gap?technologies=facial-recognition&countries=de%2Cng%2Cbr',
    heading: jur['gap.title'],
    ready: async (page) => {
      await page.getByRole('heading', { name: jur['gap.matrixHeading'] }).waitFor()
    },
  },
  {
    name: 'map page',
    path: '/map',
    heading: jur['map.title'],
    ready: async (page) => {
      await page.locator('svg.world-map path.country').first().waitFor()
    },
  },
  { name: 'data sources', path: '/data-sources', heading: jur['sources.title'] },
  { name: 'bias audit form', path: '/bias-audit', heading: bias['bias.title'] },
]

/** A level-1 heading in Arabic script: the page has been translated, not left in English. */
const ARABIC_LETTERS = /[\u0600-\u06ff]/

/** The pages checked again in Arabic (a representative few: axe is slow on long pages). */
const RTL_PAGES: { name: string; path: string; heading: RegExp }[] = [
  { name: 'overview', path: '/', heading: ARABIC_LETTERS },
  { name: 'library home', path: '/library', heading: ARABIC_LETTERS },
  // A country's name comes from the content, in English whatever the interface language.
  { name: 'country page', path: '/jurisdictions/DE', heading: /Germany/ },
]

/** An Arabic catalogue as the build ships it; a missing key fails rather than matching nothing. */
function arabicCatalogue(namespace: string): (key: string) => string {
  const url = new URL(`../../web/src/i18n/locales/ar/${namespace}.json`, import.meta.url)
  const messages = JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>
  return (key) => {
    const text = messages[key]
    assert.ok(text, `ar/${namespace}.json has ${key}`)
    return text
  }
}

/** Pages behind links sent to people (the token does not need to be valid for the page to show). */
const LINK_TOKEN = 'x'.repeat(32)
const LINK_PAGES: { name: string; path: string; heading: string; button: string }[] = [
  {
    name: 'invitation page',
    path: `/invitations/accept#token=${LINK_TOKEN}`,
    heading: en['invite.title'],
    button: en['invite.submit'],
  },
  {
    name: 'password reset page',
    path: `/password-reset#token=${LINK_TOKEN}`,
    heading: en['reset.title'],
    button: en['reset.submit'],
  },
]

// The timeout guards against a hang, not a speed: axe takes over a minute on the 195-row country
// list alone, and CI runs this beside other suites on two cores.
describe('accessibility of the main pages', { skip: skipReason ?? false, timeout: 900_000 }, () => {
  let server: TTestServer
  let session: TBrowserSession
  const dir = mkdtempSync(join(tmpdir(), 'custos-e2e-a11y-'))

  before(async () => {
    const webDistDir = await ensureWebBuild()
    server = await startDemoServer({ webDistDir })
    session = await openBrowser({ viewport: { width: 1280, height: 900 } })
  })

  after(async () => {
    await session?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the sign-in page has no serious or critical violation', async () => {
    const { page } = session
    await page.goto(`${server.url}/login`)
    await page.getByRole('button', { name: en['login.submit'] }).waitFor()
    assert.deepEqual(await audit(page, 'login'), [])
    await snap(page, 'login')
  })

  it('the sign-in page right-to-left has no serious or critical violation', async () => {
    const { page } = session
    await page.goto(`${server.url}/login`)
    await page.getByRole('button', { name: en['login.submit'] }).waitFor()
    await page.evaluate("document.documentElement.setAttribute('dir', 'rtl')")
    assert.equal(await page.evaluate<string>('getComputedStyle(document.body).direction'), 'rtl')
    assert.deepEqual(await audit(page, 'login (rtl)'), [])
    await snap(page, 'login-rtl')
  })

  // Before any sign-in: these pages are opened by people who may have no account yet.
  for (const target of LINK_PAGES) {
    it(`the ${target.name} has no serious or critical violation`, async () => {
      const { page } = session
      await page.goto(`${server.url}${target.path}`)
      await page.getByRole('heading', { name: target.heading, level: 1 }).waitFor()
      await page.getByRole('button', { name: target.button }).waitFor()
      const light = await audit(page, target.name)
      await snap(page, target.name.replaceAll(' ', '-'))
      await page.emulateMedia({ colorScheme: 'dark' })
      try {
        const dark = await audit(page, `${target.name} (dark)`, ['color-contrast'])
        await snap(page, `${target.name.replaceAll(' ', '-')}-dark`)
        assert.deepEqual({ light, dark }, { light: [], dark: [] })
      } finally {
        await page.emulateMedia({ colorScheme: 'light' })
      }
    })
  }

  for (const target of PAGES) {
    it(`the ${target.name} has no serious or critical violation`, async () => {
      const { page } = session
      await openSignedIn(page, server.url, target.path)
      await settle(page, target.heading)
      await target.ready?.(page)
      assert.deepEqual(await auditLightAndDark(page, target.name), { light: [], dark: [] })
    })
  }

  it('the bias audit result has no serious or critical violation', async () => {
    const { page } = session
    await openSignedIn(page, server.url, '/bias-audit')
    await settle(page, bias['bias.title'])
    await showBiasResult(page, (key) => bias[key], join(dir, 'decisions.csv'))
    assert.deepEqual(await auditLightAndDark(page, 'bias audit result'), { light: [], dark: [] })
  })

  // Right to left, as an Arabic reader sees them: a few pages standing for the others (the shell,
  // the library's text, a country's tables, the result's charts), to keep the suite's time in check.
  describe('in Arabic, right to left', () => {
    let arabic: TBrowserSession

    before(async () => {
      arabic = await openBrowser({ viewport: { width: 1280, height: 900 } })
      await signInOnPage(arabic.page, server.url)
      // The language this browser chose (web/src/i18n/language.ts); the demo admin has none saved.
      await arabic.page.evaluate(`window.localStorage.setItem('custos.locale', 'ar')`)
    })

    after(async () => {
      await arabic?.close()
    })

    /** Opens the page and waits for its heading in Arabic, right to left, with nothing loading. */
    async function openInArabic(page: Page, path: string, heading: RegExp = ARABIC_LETTERS) {
      await page.goto(`${server.url}${path}`)
      await settle(page, heading)
      assert.deepEqual(
        await page.evaluate<string[]>('[document.documentElement.lang, document.documentElement.dir]'),
        ['ar', 'rtl'],
      )
    }

    for (const target of RTL_PAGES) {
      it(`the ${target.name} in Arabic has no serious or critical violation`, async () => {
        const { page } = arabic
        await openInArabic(page, target.path, target.heading)
        assert.deepEqual(await auditLightAndDark(page, `${target.name} ar`), { light: [], dark: [] })
      })
    }

    it('the bias audit result in Arabic has no serious or critical violation', async () => {
      const { page } = arabic
      await openInArabic(page, '/bias-audit')
      await showBiasResult(page, arabicCatalogue('bias'), join(dir, 'decisions-ar.csv'))
      assert.deepEqual(await auditLightAndDark(page, 'bias audit result ar'), { light: [], dark: [] })
    })
  })

  it('Tab from the top reaches the skip link, the navigation and the main content with a focus ring', async () => {
    const { page } = session
    await openSignedIn(page, server.url, '/')
    await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
    const stops: TFocusStop[] = []
    for (let i = 0; i < 40 && !stops.some((stop) => stop.isInMain); i++) {
      await page.keyboard.press('Tab')
      const state = await focusState(page)
      if (state) stops.push(state)
    }
    assert.ok(stops[0]?.isSkipLink, `the first Tab stop is the skip link, not ${stops[0]?.label}`)
    assert.ok(
      stops.some((stop) => stop.isInNav),
      'Tab reaches the navigation',
    )
    assert.ok(
      stops.some((stop) => stop.isInMain),
      'Tab reaches the main content',
    )
    const ringless = stops.filter((stop) => !stop.hasRing).map((stop) => stop.label)
    assert.deepEqual(ringless, [], 'every Tab stop shows a focus ring')
    const navIndex = stops.findIndex((stop) => stop.isInNav)
    const mainIndex = stops.findIndex((stop) => stop.isInMain)
    assert.ok(navIndex < mainIndex, 'the navigation comes before the main content')

    // The skip link jumps over the header and the navigation straight into the page.
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { name: en['overview.orgHeading'] }).waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    assert.equal(await page.evaluate<string>('document.activeElement.id'), 'main')
    await page.keyboard.press('Tab')
    const afterSkip = await focusState(page)
    assert.ok(
      afterSkip?.isInMain,
      `Tab after the skip link lands in the main content, not ${afterSkip?.label}`,
    )
    assert.ok(afterSkip?.hasRing, 'with a focus ring')
  })
})
