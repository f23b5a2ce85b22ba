/** Property: whatever path segment or query reaches a library route, the answer is never a 5xx or a stack trace. */
import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import fc from 'fast-check'
import {
  assertNoInternals,
  buildOrg,
  buildUser,
  createTestApp,
  login,
  request,
  type TSession,
  type TTestApp,
} from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'

const PATHS = [
  '/api/library/frameworks?locale={q}',
  '/api/library/frameworks/{id}?locale={q}',
  '/api/library/technologies?locale={q}',
  '/api/library/technologies/{id}',
  '/api/library/questionnaires?locale={q}',
  '/api/library/questionnaires/{id}',
  '/api/library/topics?locale={q}',
  '/api/library/groups?locale={q}',
  '/api/library/search?q={q}',
  '/api/library/search?q={q}&kind={id}&locale={id}',
  '/api/library/objects/{id}',
  '/api/library/objects/{id}?locale={q}',
]

/** Segments near real values (ids, URNs, locales) and arbitrary text. */
const segmentArbitrary = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ maxLength: 400 }),
  fc.constantFrom(
    'toolkit',
    'icoc',
    'cctv',
    'fr',
    'ar',
    'en',
    'urn:custos:toolkit:requirement:T2.01',
    'urn:custos:',
    '%',
    '..',
    '',
  ),
  fc
    .array(fc.constantFrom('urn', 'custos', 'toolkit', 'requirement', 'T2.01', ':', '%3A'), { maxLength: 8 })
    .map((p) => p.join(':')),
)

/** encodeURIComponent throws on lone surrogates; replace every surrogate so any string can be sent. */
const wellFormed = (text: string): string => text.replace(/[\uD800-\uDFFF]/g, '\uFFFD')

forEachDatabase('library routes under random input', (handle) => {
  let ctx: TTestApp
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    const org = await buildOrg(ctx)
    session = await login(ctx, await buildUser(ctx, org, 'viewer'))
  })

  it('never answer 5xx nor leak internals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        segmentArbitrary,
        segmentArbitrary,
        async (template, id, q) => {
          const path = template
            .replaceAll('{id}', encodeURIComponent(wellFormed(id)) || 'x')
            .replaceAll('{q}', encodeURIComponent(wellFormed(q)))
          const res = await request(ctx, 'GET', path, { session })
          assert.ok(res.status < 500, `GET ${path} → ${res.status} ${res.text}`)
          assert.ok([200, 404, 422].includes(res.status), `GET ${path} → ${res.status}`)
          assertNoInternals(res.text)
        },
      ),
      { numRuns: 200, seed: 20261129 },
    )
  })
})
