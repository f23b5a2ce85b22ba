/** API: the read-only library endpoints, their locale handling, search, errors and OpenAPI entries. */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { z } from '@hono/zod-openapi'
import {
  buildOrg,
  buildUser,
  createTestApp,
  expectError,
  login,
  request,
  type TSession,
  type TTestApp,
} from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'
import type {
  ZFrameworkDetail,
  ZFrameworkSummary,
  ZGroupView,
  ZObjectView,
  ZQuestionnaireSummary,
  ZQuestionnaireView,
  ZSearchResult,
  ZTechnologyView,
  ZTopicView,
} from './schemas.ts'

type TItems<T extends z.ZodType> = { items: z.infer<T>[] }

forEachDatabase('library API', (handle) => {
  let ctx: TTestApp
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    const org = await buildOrg(ctx)
    // The least privileged role: any member may read the library.
    session = await login(ctx, await buildUser(ctx, org, 'viewer'))
  })

  const get = (path: string) => request(ctx, 'GET', path, { session })

  describe('access', () => {
    it('needs a signed-in user', async () => {
      expectError(await request(ctx, 'GET', '/api/library/frameworks'), 401, 'unauthenticated')
      expectError(
        await request(ctx, 'GET', '/api/library/objects/urn:custos:toolkit:area:T1'),
        401,
        'unauthenticated',
      )
    })
  })

  describe('frameworks', () => {
    it('lists the frameworks with counts', async () => {
      const res = await get('/api/library/frameworks')
      assert.equal(res.status, 200)
      const { items } = res.body as TItems<typeof ZFrameworkSummary>
      const toolkit = items.find((f) => f.id === 'toolkit')
      assert.ok(toolkit)
      assert.equal(toolkit.areas, 12)
      assert.ok(toolkit.requirements >= 96)
      assert.equal(typeof toolkit.title, 'string')
    })

    it('shows the toolkit by area with requirements and their outgoing crosswalk links', async () => {
      const res = await get('/api/library/frameworks/toolkit')
      assert.equal(res.status, 200)
      const detail = res.body as z.infer<typeof ZFrameworkDetail>
      assert.equal(detail.areas.length, 12)
      const requirement = detail.areas[0]?.requirements[0]
      assert.ok(requirement && requirement.crosswalk.length >= 1)
      const link = requirement.crosswalk.find((l) => l.direction === 'outgoing')
      assert.ok(link)
      assert.equal(link.from, requirement.urn)
      assert.equal(typeof link.otherTitle, 'string')
    })

    it('shows provisions with incoming crosswalk links from the toolkit', async () => {
      const res = await get('/api/library/frameworks/icoc')
      assert.equal(res.status, 200)
      const detail = res.body as z.infer<typeof ZFrameworkDetail>
      const linked = detail.provisions.find((p) => p.crosswalk.some((l) => l.direction === 'incoming'))
      assert.ok(linked, 'some ICoC provision is linked from a toolkit requirement')
      const incoming = linked.crosswalk.find((l) => l.direction === 'incoming')
      assert.ok(incoming)
      assert.match(incoming.other, /^urn:custos:toolkit:requirement:/)
      assert.equal(incoming.to, linked.urn)
    })

    it('answers 404 for an unknown framework', async () => {
      expectError(await get('/api/library/frameworks/no-such-framework'), 404, 'not_found')
    })
  })

  describe('technologies, questionnaires, topics, groups', () => {
    it('lists the catalogue and shows one technology with its risk templates', async () => {
      const list = (await get('/api/library/technologies')).body as TItems<typeof ZTechnologyView>
      assert.ok(list.items.length >= 14)
      const res = await get('/api/library/technologies/facial-recognition')
      assert.equal(res.status, 200)
      const technology = res.body as z.infer<typeof ZTechnologyView>
      assert.ok(technology.risks.length >= 2)
      assert.equal(typeof technology.risks[0]?.rationale.scale, 'string')
      expectError(await get('/api/library/technologies/teleportation'), 404, 'not_found')
    })

    it('lists questionnaires and shows one with its questions', async () => {
      const list = (await get('/api/library/questionnaires')).body as TItems<typeof ZQuestionnaireSummary>
      const deployment = list.items.find((q) => q.kind === 'deployment')
      assert.ok(deployment && deployment.questions >= 120)
      const res = await get(`/api/library/questionnaires/${deployment.id}`)
      const questionnaire = res.body as z.infer<typeof ZQuestionnaireView>
      assert.equal(questionnaire.questions.length, deployment.questions)
      assert.equal(typeof questionnaire.questions[0]?.text, 'string')
    })

    it('lists the nine topics with titled baseline safeguards and the eleven groups', async () => {
      const topics = (await get('/api/library/topics')).body as TItems<typeof ZTopicView>
      assert.equal(topics.items.length, 9)
      assert.ok(
        topics.items.every(
          (t) => t.baseline.length > 0 && t.baseline.every((b) => typeof b.title === 'string'),
        ),
      )
      const groups = (await get('/api/library/groups')).body as TItems<typeof ZGroupView>
      assert.equal(groups.items.length, 11)
    })
  })

  describe('locale', () => {
    it('returns the requested translation and falls back to English where there is none', async () => {
      const fr = (await get('/api/library/topics?locale=fr')).body as TItems<typeof ZTopicView>
      const en = (await get('/api/library/topics')).body as TItems<typeof ZTopicView>
      const frTopic = fr.items.find((t) => t.id === 'data_protection_law')
      const enTopic = en.items.find((t) => t.id === 'data_protection_law')
      assert.equal(frTopic?.title, 'Loi générale sur la protection des données')
      assert.equal(enTopic?.title, 'General data protection law')
      // statusMeaning has no French text yet: English is returned, never an empty string.
      assert.equal(frTopic?.statusMeaning.yes, enTopic?.statusMeaning.yes)
      const groups = (await get('/api/library/groups?locale=fr')).body as TItems<typeof ZGroupView>
      assert.equal(groups.items.find((g) => g.id === 'workers')?.title, 'Travailleurs')
    })

    it('rejects an unsupported locale with 422', async () => {
      expectError(await get('/api/library/groups?locale=xx'), 422, 'validation_failed')
    })
  })

  describe('search and objects', () => {
    it('finds requirements and questions by words in their title or text', async () => {
      const res = await get('/api/library/search?q=biometric')
      assert.equal(res.status, 200)
      const { hits } = res.body as z.infer<typeof ZSearchResult>
      assert.ok(hits.length > 0)
      const kinds = new Set(hits.map((h) => h.kind))
      assert.ok(kinds.has('requirement'))
      assert.ok(hits.every((h) => `${h.title} ${h.excerpt} ${h.urn}`.toLowerCase().includes('biometric')))
    })

    it('filters search by kind and rejects an empty query', async () => {
      const { hits } = (await get('/api/library/search?q=retention&kind=question')).body as z.infer<
        typeof ZSearchResult
      >
      assert.ok(hits.length > 0 && hits.every((h) => h.kind === 'question'))
      expectError(await get('/api/library/search?q='), 422, 'validation_failed')
    })

    it('returns any object by URN, and 404 with the nearest URNs for a typo', async () => {
      const res = await get('/api/library/objects/urn:custos:method:topic:cctv_rules')
      assert.equal(res.status, 200)
      const object = res.body as z.infer<typeof ZObjectView>
      assert.equal(object.kind, 'topic')
      const typo = await get('/api/library/objects/urn:custos:method:topic:cctv_rule')
      expectError(typo, 404, 'not_found')
      assert.match(typo.text, /urn:custos:method:topic:cctv_rules/)
    })
  })

  describe('OpenAPI', () => {
    it('documents every library route', async () => {
      const doc = (await request(ctx, 'GET', '/api/openapi.json')).body as { paths: Record<string, unknown> }
      for (const path of [
        '/api/library/frameworks',
        '/api/library/frameworks/{id}',
        '/api/library/technologies',
        '/api/library/technologies/{id}',
        '/api/library/questionnaires',
        '/api/library/questionnaires/{id}',
        '/api/library/topics',
        '/api/library/groups',
        '/api/library/search',
        '/api/library/objects/{urn}',
      ]) {
        assert.ok(doc.paths[path], `${path} is in /api/openapi.json`)
      }
    })
  })
})
