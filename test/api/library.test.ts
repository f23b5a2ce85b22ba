/**
 * API: what the library pages of the web app rely on. Every library route refuses signed-out
 * requests; every role of every organisation reads the same library; each answer matches the
 * schema the web app's types come from; sources, rights and the object index (browse-routes.ts)
 * work; and every URN a page links to (crosswalk, safeguards, effects) resolves to an object.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { z } from '@hono/zod-openapi'
import {
  ZFrameworkDetail,
  ZFrameworkSummary,
  ZIndexEntry,
  ZObjectView,
  ZQuestionnaireSummary,
  ZQuestionnaireView,
  ZRightView,
  ZSearchResult,
  ZSourceView,
  ZTechnologyView,
} from '../../src/modules/library/schemas.ts'
import { ROLES } from '../../src/modules/platform/limits.ts'
import {
  assertNoInternals,
  buildOrg,
  buildUser,
  createTestApp,
  expectError,
  login,
  request,
  type TSession,
  type TTestApp,
} from '../helpers/app.ts'
import { forEachDatabase } from '../helpers/db.ts'

/** Every GET route of the library, with a real id where the route takes one. */
const LIBRARY_ROUTES = [
  '/api/library/frameworks',
  '/api/library/frameworks/toolkit',
  '/api/library/technologies',
  '/api/library/technologies/facial-recognition',
  '/api/library/questionnaires',
  '/api/library/questionnaires/deployment-assessment',
  '/api/library/topics',
  '/api/library/groups',
  '/api/library/search?q=facial',
  `/api/library/objects/${encodeURIComponent('urn:custos:toolkit:requirement:T2.01')}`,
  '/api/library/sources',
  '/api/library/rights',
  '/api/library/index',
]

const listOf = <T extends z.ZodType>(schema: T) => ({
  parse: (body: unknown) =>
    (body as { items: unknown[] }).items.map((item) => schema.parse(item) as z.infer<T>),
})

forEachDatabase('library API as the web pages use it', (handle) => {
  let ctx: TTestApp
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    const org = await buildOrg(ctx, { kind: 'provider' })
    session = await login(ctx, await buildUser(ctx, org, 'viewer'))
  })

  const get = async (path: string, as: TSession = session) => {
    const res = await request(ctx, 'GET', path, { session: as })
    assert.equal(res.status, 200, `${path}: ${res.text}`)
    return res.body
  }

  describe('access', () => {
    it('a signed-out request to any library route gets 401 and no library content', async () => {
      for (const path of LIBRARY_ROUTES) {
        const res = await request(ctx, 'GET', path)
        expectError(res, 401, 'unauthenticated')
        assert.doesNotMatch(res.text, /urn:custos/, `${path} leaks content to a signed-out request`)
      }
    })

    it('a forged or expired session cookie is refused like no session', async () => {
      const res = await request(ctx, 'GET', '/api/library/frameworks', {
        headers: { cookie: 'custos_session=not-a-real-session' },
      })
      expectError(res, 401, 'unauthenticated')
    })

    it('every role of every organisation kind reads the same library (it holds no organisation data)', async () => {
      const baseline = await get('/api/library/frameworks/toolkit')
      for (const kind of ['client', 'vendor'] as const) {
        const org = await buildOrg(ctx, { kind })
        for (const role of ROLES) {
          const member = await login(ctx, await buildUser(ctx, org, role))
          assert.deepEqual(await get('/api/library/frameworks/toolkit', member), baseline, `${kind} ${role}`)
        }
      }
    })
  })

  describe('answers match the schemas the web app is typed with', () => {
    it('lists and pages', async () => {
      const frameworks = listOf(ZFrameworkSummary).parse(await get('/api/library/frameworks'))
      assert.deepEqual(frameworks.map((f) => f.id).sort(), ['icoc', 'law-anchors', 'toolkit', 'ungps', 'vps'])
      for (const framework of frameworks)
        ZFrameworkDetail.parse(await get(`/api/library/frameworks/${framework.id}`))
      const technologies = listOf(ZTechnologyView).parse(await get('/api/library/technologies'))
      assert.equal(technologies.length, 14)
      ZTechnologyView.parse(await get('/api/library/technologies/facial-recognition'))
      const questionnaires = listOf(ZQuestionnaireSummary).parse(await get('/api/library/questionnaires'))
      for (const questionnaire of questionnaires) {
        const full = ZQuestionnaireView.parse(await get(`/api/library/questionnaires/${questionnaire.id}`))
        assert.equal(full.questions.length, questionnaire.questions)
      }
    })

    it('the object endpoint takes the URN percent-encoded, as the web client sends it', async () => {
      const urn = 'urn:custos:euaiact:provision:art5.1.f'
      const view = ZObjectView.parse(await get(`/api/library/objects/${encodeURIComponent(urn)}`))
      assert.equal(view.urn, urn)
      assert.equal(view.kind, 'provision')
      assert.ok(view.parent, 'a provision names its framework, so the page can link back')
    })

    it('search for "facial" finds the facial recognition technology, and every hit has a kind and a title', async () => {
      const result = ZSearchResult.parse(await get('/api/library/search?q=facial'))
      assert.equal(result.query, 'facial')
      assert.ok(result.hits.some((hit) => hit.urn === 'urn:custos:catalogue:technology:facial-recognition'))
      for (const hit of result.hits) assert.ok(hit.title.length > 0, hit.urn)
    })

    it('an unknown framework, technology or questionnaire is a clean 404', async () => {
      for (const path of [
        '/api/library/frameworks/nope',
        '/api/library/technologies/nope',
        '/api/library/questionnaires/nope',
      ]) {
        expectError(await request(ctx, 'GET', path, { session }), 404, 'not_found')
      }
      const res = await request(
        ctx,
        'GET',
        `/api/library/objects/${encodeURIComponent('urn:custos:toolkit:requirement:T99.99')}`,
        { session },
      )
      expectError(res, 404, 'not_found')
      assertNoInternals(res.text)
    })
  })

  describe('sources, rights and the object index', () => {
    it('lists every source a framework cites, with publisher and title', async () => {
      const sources = listOf(ZSourceView).parse(await get('/api/library/sources'))
      const ids = new Set(sources.map((source) => source.id))
      const toolkit = ZFrameworkDetail.parse(await get('/api/library/frameworks/toolkit'))
      for (const id of toolkit.sources) assert.ok(ids.has(id), `source ${id}`)
      for (const area of toolkit.areas) {
        for (const requirement of area.requirements) {
          for (const reference of requirement.references)
            assert.ok(ids.has(reference.source), `${requirement.urn} cites ${reference.source}`)
        }
      }
    })

    it('names every right a technology or risk template touches, in the asked locale', async () => {
      const rights = listOf(ZRightView).parse(await get('/api/library/rights'))
      const ids = new Set(rights.map((right) => right.id))
      const technologies = listOf(ZTechnologyView).parse(await get('/api/library/technologies'))
      for (const technology of technologies) {
        for (const right of technology.rights) assert.ok(ids.has(right), `${technology.id}: ${right}`)
        for (const risk of technology.risks) assert.ok(ids.has(risk.right), `${risk.urn}: ${risk.right}`)
      }
      const french = listOf(ZRightView).parse(await get('/api/library/rights?locale=fr'))
      assert.equal(french.length, rights.length)
    })

    it('says in Content-Language which languages an answer holds, the asked one first', async () => {
      const languageOf = async (path: string) =>
        (await request(ctx, 'GET', path, { session })).headers.get('content-language')
      assert.equal(await languageOf('/api/library/technologies'), 'en')
      // Titles are translated, descriptions mostly not: French first, English for the rest.
      assert.equal(await languageOf('/api/library/technologies?locale=fr'), 'fr, en')
      // No framework of the ICoC holds Arabic text: all of it is shown in English.
      assert.equal(await languageOf('/api/library/frameworks/icoc?locale=ar'), 'en')
      for (const path of LIBRARY_ROUTES.filter((route) => !route.includes('/sources'))) {
        const language = await languageOf(`${path}${path.includes('?') ? '&' : '?'}locale=es`)
        assert.ok(language === 'es' || language === 'es, en' || language === 'en', `${path}: ${language}`)
      }
    })

    it('indexes every object once, filters by kind, and rejects an unknown kind', async () => {
      const index = listOf(ZIndexEntry).parse(await get('/api/library/index'))
      assert.equal(new Set(index.map((entry) => entry.urn)).size, index.length)
      const requirements = listOf(ZIndexEntry).parse(await get('/api/library/index?kind=requirement'))
      assert.ok(requirements.length >= 120)
      assert.ok(requirements.every((entry) => entry.kind === 'requirement' && entry.parent))
      expectError(
        await request(ctx, 'GET', '/api/library/index?kind=spaceship', { session }),
        422,
        'validation_failed',
      )
    })

    it('every URN the pages link to resolves: crosswalk ends, safeguards, risk templates and answer effects', async () => {
      const index = new Set(
        listOf(ZIndexEntry)
          .parse(await get('/api/library/index'))
          .map((entry) => entry.urn),
      )
      const linked: string[] = []
      for (const id of ['toolkit', 'icoc', 'vps', 'ungps', 'law-anchors']) {
        const framework = ZFrameworkDetail.parse(await get(`/api/library/frameworks/${id}`))
        for (const area of framework.areas)
          for (const r of area.requirements) linked.push(...r.crosswalk.map((l) => l.other))
        for (const p of framework.provisions) linked.push(...p.crosswalk.map((l) => l.other))
      }
      for (const technology of listOf(ZTechnologyView).parse(await get('/api/library/technologies'))) {
        linked.push(...technology.safeguards)
        for (const risk of technology.risks) linked.push(risk.urn, ...(risk.safeguards ?? []))
      }
      for (const id of ['deployment-assessment', 'provider-due-diligence', 'vendor-profile']) {
        const questionnaire = ZQuestionnaireView.parse(await get(`/api/library/questionnaires/${id}`))
        for (const section of questionnaire.sections) if (section.area) linked.push(section.area)
        for (const question of questionnaire.questions) {
          for (const effects of Object.values(question.effects ?? {})) {
            for (const effect of effects) {
              for (const key of ['satisfies', 'fails', 'raises', 'mitigates']) {
                if (typeof effect[key] === 'string') linked.push(effect[key] as string)
              }
            }
          }
        }
      }
      assert.ok(linked.length > 500, `only ${linked.length} links collected`)
      const missing = [...new Set(linked)].filter((urn) => !index.has(urn))
      assert.deepEqual(missing, [], 'URNs the pages link to but the index does not know')
    })

    it('the three browse routes are in the OpenAPI document', async () => {
      const doc = (await request(ctx, 'GET', '/api/openapi.json')).body as { paths: Record<string, unknown> }
      for (const path of ['/api/library/sources', '/api/library/rights', '/api/library/index'])
        assert.ok(doc.paths[path], path)
    })
  })
})
