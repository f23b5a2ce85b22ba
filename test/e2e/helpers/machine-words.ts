/**
 * "No machine words on screen": a person reads titles and labels, never a URN, a snake_case id or a
 * Markdown backtick. `machineWordsOn(page)` lists the visible text that breaks the rule; the pages
 * it is run on are listed in MACHINE_WORD_PAGES (add a page family's entries there).
 */
import type { Page } from 'playwright-core'

/** What counts as a machine word, each with the reason reported for it. */
export const MACHINE_WORDS = [
  { reason: 'a URN', pattern: /urn:custos:/ },
  { reason: 'a snake_case id', pattern: /\b[a-z]+(?:_[a-z]+)+\b/ },
  { reason: 'a backtick', pattern: /`/ },
] as const

export type TMachineWord = { reason: string; text: string; where: string }

export type TMachineWordPage = {
  /** A short name for reports and screenshots. */
  name: string
  /** The address below the server's origin. */
  path: string
  /** Test ids of buttons to press before checking, e.g. `open-all` on long pages. */
  press?: string[]
}

/**
 * Pages of the library (web/src/pages/library/), one of each kind: home, a framework with areas, a
 * framework with provisions, a toolkit area, a requirement, a provision, a topic, a group, a
 * technology and a questionnaire with every question open.
 */
export const MACHINE_WORD_PAGES: TMachineWordPage[] = [
  { name: 'library-home', path: '/library' },
  { name: 'toolkit', path: '/library/frameworks/toolkit', press: ['open-all'] },
  { name: 'icoc', path: '/library/frameworks/icoc' },
  { name: 'toolkit-area', path: `/library/object?urn=${encodeURIComponent('urn:custos:toolkit:area:T7')}` },
  {
    name: 'requirement',
    path: `/library/object?urn=${encodeURIComponent('urn:custos:toolkit:requirement:T7.04')}`,
  },
  { name: 'provision', path: `/library/object?urn=${encodeURIComponent('urn:custos:icoc:provision:p30')}` },
  { name: 'topic', path: `/library/object?urn=${encodeURIComponent('urn:custos:method:topic:ai_rules')}` },
  { name: 'group', path: `/library/object?urn=${encodeURIComponent('urn:custos:method:group:workers')}` },
  { name: 'technology', path: '/library/technologies/facial-recognition' },
  { name: 'questionnaire', path: '/library/questionnaires/deployment-assessment', press: ['open-all'] },
  { name: 'vendor-questionnaire', path: '/library/questionnaires/vendor-profile', press: ['open-all'] },
]

/**
 * Every visible text node of the page (and every visible control's label) that holds a machine
 * word, with the nearest element that has an id or a test id to say where it is.
 */
export async function machineWordsOn(page: Page): Promise<TMachineWord[]> {
  const rules = JSON.stringify(
    MACHINE_WORDS.map(({ reason, pattern }) => ({ reason, source: pattern.source })),
  )
  // A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
  return page.evaluate<TMachineWord[]>(`(() => {
    const rules = ${rules}.map((rule) => ({ reason: rule.reason, pattern: new RegExp(rule.source) }))
    const isShown = (element) => {
      if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false
      const box = element.getBoundingClientRect()
      // Visually hidden text (for screen readers) is read out, so it counts as shown.
      return box.width > 0 || box.height > 0 || element.closest('.visually-hidden') !== null
    }
    const whereOf = (element) => {
      const marked = element.closest('[id], [data-testid]')
      const mark = marked ? (marked.getAttribute('data-testid') ?? '#' + marked.id) : 'page'
      return element.tagName.toLowerCase() + ' in ' + mark
    }
    const found = []
    const check = (text, element) => {
      for (const { reason, pattern } of rules) {
        if (pattern.test(text)) found.push({ reason, text: text.trim().slice(0, 160), where: whereOf(element) })
      }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue
      const text = node.textContent ?? ''
      if (text.trim() !== '' && isShown(parent)) check(text, parent)
    }
    // What a control shows without a text node of its own: an input's value and placeholder.
    for (const input of document.querySelectorAll('input, textarea')) {
      if (isShown(input)) check(input.value + ' ' + (input.placeholder ?? ''), input)
    }
    return found
  })()`)
}

/** One line per machine word, for an assertion message. */
export const describeMachineWords = (words: TMachineWord[]): string =>
  words.map((word) => `${word.reason}: "${word.text}" (${word.where})`).join('\n')
