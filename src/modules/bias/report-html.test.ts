/**
 * Uploaded text in the HTML renderers is inert: group values and column names come from someone's
 * decision log, so the bias report (tables and inline SVG) and the server-rendered API reference
 * must show them as text, never as markup. Every renderer that writes HTML gets the same strings
 * and the same assertion (test/helpers/inert.ts).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTestApp, request } from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'
import { assertInert, HOSTILE, HOSTILE_STRINGS, startTags, visibleText } from '../../../test/helpers/inert.ts'
import { renderApiDocs } from '../../http/api-docs.ts'
import { NO_BUILD_PAGE } from '../../http/static.ts'
import { CsvCounter } from './counting/index.ts'
import { buildReport, type TBiasReport } from './report.ts'
import { intervalPlot, renderHtml } from './report-html.ts'

const csvField = (value: string): string => `"${value.replace(/"/g, '""')}"`

/** Hostile column names: one with every character that breaks out of HTML, one plain. */
const REGION = HOSTILE.singleQuote
const SITE = 'site'

/**
 * A decision log whose first group column holds every hostile string and whose second splits each
 * into two sites. Group i has 8 + i rows; its selection rate falls with i so later groups are
 * flagged by the four-fifths rule, the last group has no true positives (an undefined TPR), and one
 * row with an unreadable label is skipped.
 */
function hostileLog(): string {
  const rows = [[REGION, SITE, 'label', 'pred'].map(csvField).join(',')]
  HOSTILE_STRINGS.forEach((value, i) => {
    for (let j = 0; j < 8 + i; j++) {
      const label = i === HOSTILE_STRINGS.length - 1 ? 0 : j % 2
      const pred = j < 6 - i ? 1 : 0
      rows.push(
        [value, j < 3 ? 'north' : HOSTILE.ampersand, String(label), String(pred)].map(csvField).join(','),
      )
    }
  })
  rows.push([HOSTILE.img, 'north', HOSTILE.script, '1'].map(csvField).join(','))
  return `${rows.join('\n')}\n`
}

function hostileReport(options: { faceMatch?: boolean } = {}): TBiasReport {
  const counter = new CsvCounter({ groupColumns: [REGION, SITE], labelColumn: 'label', predColumn: 'pred' })
  counter.push(Buffer.from(hostileLog()))
  return buildReport(counter.end(), {
    minGroupSize: 5,
    reference: `${REGION}=${HOSTILE.img}|${SITE}=${HOSTILE.ampersand}`,
    bootstrap: { replicates: 20, seed: 3 },
    isFaceMatch: options.faceMatch === true,
    columns: { group: [REGION, SITE], label: 'label', pred: 'pred' },
  })
}

/** Every group key the report shows: intersections and each column's single values. */
const keysOf = (report: TBiasReport): string[] => [
  ...report.groups.map((g) => g.key),
  ...Object.values(report.marginals).flatMap((groups) => groups.map((g) => g.key)),
]

describe('the inert check itself', () => {
  it('fails on a renderer that writes uploaded text as it came', () => {
    for (const value of HOSTILE_STRINGS.filter((v) => v !== HOSTILE.ampersand)) {
      const naive = `<p title="${value}">${value}</p><p title='${value}'></p>`
      assert.throws(() => assertInert(naive, { shows: [value] }), assert.AssertionError, value)
    }
  })
  it('fails when `&` is left alone, because the text then reads differently', () => {
    const naive = `<p>${HOSTILE.ampersand}</p>`
    assert.throws(() => assertInert(naive, { shows: [HOSTILE.ampersand] }), /shown as typed/)
  })
  it('fails when the text never reached the page', () => {
    assert.throws(() => assertInert('<p>nothing</p>', { shows: [HOSTILE.img] }), /shown as typed/)
  })
  it('reads tags, quoted attributes and text as a browser does', () => {
    const tags = startTags(`<!-- <img> --><style>a>b{}</style><a href='#x' title="a>b" hidden>t&amp;t</a>`)
    assert.deepEqual(
      tags.map((t) => [t.name, t.attributes.map((a) => `${a.name}=${a.value}`)]),
      [
        ['style', []],
        ['a', ['href=#x', 'title=a>b', 'hidden=']],
      ],
    )
    assert.equal(visibleText('<p>t&amp;t &#60;&#x3e; &quot;</p>'), 't&t <> "')
  })
})

describe('the bias HTML report', () => {
  it('shows every group value and column name as text, in the tables and the SVG plots', () => {
    const report = hostileReport()
    // Six hostile values × two sites, every one of them a group, and the bad label skipped.
    assert.equal(report.groups.length, 12)
    assert.equal(report.skipped, 1)
    const html = renderHtml(report, HOSTILE.doubleQuote)
    assertInert(html, {
      label: 'report',
      shows: [...HOSTILE_STRINGS, ...keysOf(report), `By ${REGION}`, `${REGION} × ${SITE}`],
    })
    // The flagged rows, the small-group notes and an undefined rate are all drawn.
    assert.match(html, /<tr class="flag">/)
    assert.match(html, /undefined \(no cases\)/)
    assert.match(html, /not compared \(3 rows &lt; 5\)/)
    assert.match(visibleText(html), /Not compared — fewer than 5 rows: /)
    assert.match(visibleText(html), /Four-fifths rule: below 0\.8 of the highest selection rate/)
  })

  it('keeps the face-matching table inert too', () => {
    const report = hostileReport({ faceMatch: true })
    const html = renderHtml(report, '2026-01-01T00:00:00.000Z')
    assert.match(html, /Face matching: FMR and FNMR/)
    assertInert(html, { label: 'face-match report', shows: report.groups.map((g) => g.key) })
  })

  it('escapes the text that comes from elsewhere in the report (skip reasons, methods)', () => {
    const report = hostileReport()
    report.skippedReasons = [{ reason: HOSTILE.img, count: 1, firstRows: [3], firstLines: [4] }]
    report.intervals.method = HOSTILE.script
    report.summary.bootstrap!.method = HOSTILE.svg
    report.summary.reference = HOSTILE.doubleQuote
    const html = renderHtml(report, HOSTILE.ampersand)
    assertInert(html, {
      label: 'report',
      shows: [
        `Skipped: ${HOSTILE.img}`,
        HOSTILE.script,
        HOSTILE.svg,
        `Reference group: ${HOSTILE.doubleQuote}`,
      ],
    })
  })

  it('keeps one interval plot inert on its own, long labels shortened with the full key in its title', () => {
    const report = hostileReport()
    const longest = report.groups.reduce((a, b) => (b.key.length > a.key.length ? b : a))
    assert.ok(longest.key.length > 44, 'a label long enough to be shortened')
    const svg = intervalPlot(report.groups, 'tpr', report.overall.tpr, HOSTILE.img)
    assert.ok(svg.startsWith('<svg '))
    assertInert(svg, { label: 'plot', shows: [HOSTILE.img, longest.key, `${longest.key.slice(0, 43)}…`] })
  })

  it('draws a plot with no overall rate and a group without any case', () => {
    const report = hostileReport()
    const empty = { ...report.groups[0]!, tpr: null, ci: { ...report.groups[0]!.ci, tpr: null } }
    const svg = intervalPlot([empty], 'tpr', null, 'TPR')
    assert.doesNotMatch(svg, /overall/)
    assert.match(svg, /undefined \(no cases\)/)
  })
})

describe('the API reference page', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
  const document = {
    info: { title: HOSTILE.img, version: HOSTILE.doubleQuote },
    paths: {
      [`/api/things/${HOSTILE.singleQuote}`]: {
        get: {
          summary: HOSTILE.script,
          parameters: [
            { name: HOSTILE.svg, in: 'query', required: true, schema: { enum: [HOSTILE.ampersand] } },
            { name: 'plain', in: HOSTILE.img, schema: { type: ['string', 'null'] } },
          ],
          responses: {
            200: { description: HOSTILE.img, content: { 'application/json': { schema: ref(HOSTILE.svg) } } },
            [HOSTILE.doubleQuote]: { description: 'odd status' },
          },
          security: [{ session: [] }],
        },
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    [HOSTILE.script]: {
                      type: 'array',
                      items: { anyOf: [ref(HOSTILE.svg), { type: 'integer' }] },
                    },
                  },
                },
              },
            },
          },
          responses: { 204: {} },
        },
      },
    },
    components: {
      schemas: {
        [HOSTILE.svg]: { type: 'object', properties: { [HOSTILE.ampersand]: { type: HOSTILE.img } } },
      },
    },
  }

  it('shows titles, paths, parameters, schema names and descriptions as text', () => {
    const html = renderApiDocs(document)
    assertInert(html, {
      label: 'API reference',
      shows: [
        `${HOSTILE.img} ${HOSTILE.doubleQuote}`,
        `/api/things/${HOSTILE.singleQuote}`,
        HOSTILE.script,
        HOSTILE.svg,
        JSON.stringify(HOSTILE.ampersand),
        `${HOSTILE.ampersand}: ${HOSTILE.img}`,
        `{ ${HOSTILE.script}: ${HOSTILE.svg} | integer[] }`,
      ],
    })
    // Links into the page go to the escaped ids of the operations and schemas, never out of it.
    const hrefs = startTags(html).flatMap((t) => t.attributes.filter((a) => a.name === 'href'))
    for (const href of hrefs) assert.match(href.value, /^(#|\/api\/)/)
  })

  it('answers a document with nothing in it', () => {
    const html = renderApiDocs({})
    assert.match(html, /<title>API — reference<\/title>/)
    assertInert(html, { shows: ['Operations', 'Schemas'] })
  })
})

forEachDatabase('the API reference the server sends', (handle) => {
  it('is an inert HTML page listing the routes with their summaries', async () => {
    const res = await request(createTestApp(handle), 'GET', '/api/docs')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
    assertInert(res.text, {
      label: '/api/docs',
      shows: ['GET /api/gap', 'Gap analysis of technologies across jurisdictions'],
    })
  })
})

describe('the page shown before the web app is built', () => {
  it('is fixed text with no active content', () => {
    assertInert(NO_BUILD_PAGE, { shows: ['Custos is running', 'npm run build'] })
  })
})
