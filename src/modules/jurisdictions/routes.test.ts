/** API: gap analysis, jurisdiction list and detail, data sources — same JSON as the CLI, errors with suggestions. */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { z } from '@hono/zod-openapi'
import fc from 'fast-check'
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
} from '../../../test/helpers/app.ts'
import { forEachDatabase } from '../../../test/helpers/db.ts'
import type { ZDataSources, ZJurisdictionDetail, ZJurisdictionList } from './api-schemas.ts'
import type { TGapResult } from './gap.ts'
import { analyseGapRequest, getJurisdictionContext } from './service.ts'

forEachDatabase('jurisdictions API', (handle) => {
  let ctx: TTestApp
  let session: TSession

  before(async () => {
    ctx = createTestApp(handle)
    const org = await buildOrg(ctx)
    // The least privileged role: any member may read the jurisdiction data.
    session = await login(ctx, await buildUser(ctx, org, 'viewer'))
  })

  const get = (path: string) => request(ctx, 'GET', path, { session })

  describe('access', () => {
    for (const path of [
      '/api/gap?technologies=cctv&countries=DE',
      '/api/jurisdictions',
      '/api/jurisdictions/DE',
      '/api/data-sources',
    ]) {
      it(`${path} needs a signed-in member`, async () => {
        expectError(await request(ctx, 'GET', path), 401, 'unauthenticated')
      })
    }
  })

  describe('GET /api/gap', () => {
    it('answers the same JSON as custos gap, case-insensitively', async () => {
      const res = await get('/api/gap?technologies=Facial-Recognition&countries=de,ng,BR')
      assert.equal(res.status, 200)
      const body = res.body as TGapResult
      const expected = analyseGapRequest({ technologies: 'facial-recognition', countries: 'DE,NG,BR' })
      assert.deepEqual(body, JSON.parse(JSON.stringify(expected)))
      assert.deepEqual(
        body.jurisdictions.map((j) => j.code),
        ['DE', 'NG', 'BR'],
      )
    })

    it('answers the levels worked out by hand from the dataset for facial recognition in DE, NG, BR', async () => {
      const body = (await get('/api/gap?technologies=facial-recognition&countries=DE,NG,BR'))
        .body as TGapResult
      // Worked from the data files with the rules of docs/gap-analysis.md, not from the engine:
      // - content/technologies.yaml: facial-recognition triggers data_protection_law, biometric_data_rules
      //   and ai_rules (essential), data_protection_authority, cctv_rules and psc_regulation (relevant).
      // - content/governance/wgi-2023.csv, rule of law: DE 1.5512 ≥ 0.5 strong; NG −0.8877 < −0.5 weak;
      //   BR −0.3088 moderate.
      // - content/jurisdictions/*.yaml: DE has `yes` for all six → covered (strong). NG has `yes` for
      //   data protection law and authority, biometrics and PSC regulation → partial (yes under weak
      //   enforcement is law on paper), cctv_rules `partial` → partial, ai_rules `unknown` → unknown.
      //   BR has `yes` for the same four → covered (moderate), cctv_rules `partial`, ai_rules `unknown`.
      const expected: Record<string, [string, string, string, string]> = {
        data_protection_law: ['essential', 'covered', 'partial', 'covered'],
        data_protection_authority: ['relevant', 'covered', 'partial', 'covered'],
        biometric_data_rules: ['essential', 'covered', 'partial', 'covered'],
        cctv_rules: ['relevant', 'covered', 'partial', 'partial'],
        ai_rules: ['essential', 'covered', 'unknown', 'unknown'],
        psc_regulation: ['relevant', 'covered', 'partial', 'covered'],
      }
      assert.deepEqual(
        Object.fromEntries(
          body.matrix.map((row) => [
            row.topic,
            [row.importance, row.cells.DE?.level, row.cells.NG?.level, row.cells.BR?.level],
          ]),
        ),
        expected,
      )
      assert.deepEqual(
        body.jurisdictions.map((j) => j.governance.enforcement),
        ['strong', 'weak', 'moderate'],
      )
      // Every row differs between DE (covered) and NG (not covered), so every row is inconsistent.
      assert.ok(body.matrix.every((row) => row.inconsistent))
      // Coverage = covered essential topics / 3: DE 3/3, NG 0/3, BR 2/3 (ai_rules unknown).
      assert.equal(body.coverageBasis, 'essential')
      assert.deepEqual(body.coverage, { DE: 1, NG: 0, BR: 2 / 3 })
      // Gaps: NG's six non-covered cells, then BR's two, in the matrix's topic order.
      assert.deepEqual(
        body.gaps.map((g) => `${g.jurisdiction} ${g.topic} ${g.level}`),
        [
          'NG data_protection_law partial',
          'NG data_protection_authority partial',
          'NG biometric_data_rules partial',
          'NG cctv_rules partial',
          'NG ai_rules unknown',
          'NG psc_regulation partial',
          'BR cctv_rules partial',
          'BR ai_rules unknown',
        ],
      )
      // No topic is covered everywhere, so each topic's baseline safeguards are proposed.
      assert.deepEqual(new Set(body.baseline.flatMap((b) => b.topics)), new Set(Object.keys(expected)))
      // DE's four EU AI Act prohibitions of facial-recognition uses, equally strict, so all proposed.
      assert.deepEqual(
        body.restrictions.map((r) => [r.id, r.kind, r.isProposed, r.jurisdictions]),
        [
          'eu-ai-act-biometric-categorisation-sensitive',
          'eu-ai-act-emotion-recognition-workplace',
          'eu-ai-act-realtime-remote-biometric-identification',
          'eu-ai-act-untargeted-facial-scraping',
        ].map((id) => [id, 'prohibited', true, ['DE']]),
      )
    })

    it('shows EU ai_rules covered and the workplace emotion-recognition restriction for Germany', async () => {
      const body = (await get('/api/gap?technologies=facial-recognition&countries=DE')).body as TGapResult
      assert.equal(body.matrix.find((row) => row.topic === 'ai_rules')?.cells.DE?.level, 'covered')
      const restriction = body.restrictions.find((r) => r.id === 'eu-ai-act-emotion-recognition-workplace')
      assert.equal(restriction?.kind, 'prohibited')
      assert.equal(restriction?.isProposed, true)
    })

    it('never shows an unknown fact as covered', async () => {
      const body = (
        await get('/api/gap?technologies=facial-recognition,drones,gps-tracking&countries=DE,NG,BR,VA,CD')
      ).body as TGapResult
      let unknowns = 0
      for (const row of body.matrix) {
        for (const cell of Object.values(row.cells)) {
          if (cell.status === 'unknown') {
            unknowns++
            assert.equal(cell.level, 'unknown')
          }
        }
      }
      assert.ok(unknowns > 0, 'the sample has unknown facts')
    })

    const bad: [string, string, RegExp][] = [
      ['an alpha-3 code', '/api/gap?technologies=cctv&countries=DEU', /Did you mean DE \(Germany\)\?/],
      [
        'a misspelt technology',
        '/api/gap?technologies=facial-recog&countries=DE',
        /Did you mean facial-recognition \(Facial recognition\)\?/,
      ],
    ]
    for (const [name, path, message] of bad) {
      it(`answers 422 unknown_value with a suggestion for ${name}`, async () => {
        const res = await get(path)
        expectError(res, 422, 'unknown_value')
        const error = (
          res.body as {
            error: {
              message: string
              issues: { suggestions: string[]; suggested: { code: string; name: string }[] }[]
            }
          }
        ).error
        assert.match(error.message, message)
        assert.equal(error.issues[0]?.suggestions.length, 1)
        assert.equal(error.issues[0]?.suggested.length, 1, 'the suggestion with its name, for a button')
        assert.ok(error.issues[0]?.suggested[0]?.name)
      })
    }

    const same: [string, string, { technologies: string; countries: string }][] = [
      [
        'repeated parameters',
        '/api/gap?technologies=facial-recognition&technologies=cctv&countries=DE&countries=ng',
        { technologies: 'facial-recognition,cctv', countries: 'DE,NG' },
      ],
      [
        'spaces, duplicates and lower case',
        '/api/gap?technologies=cctv&countries=de,%20NG,%20DE',
        { technologies: 'cctv', countries: 'DE,NG' },
      ],
      [
        'the technology alias, one country',
        '/api/gap?technology=drones&countries=br',
        { technologies: 'drones', countries: 'BR' },
      ],
    ]
    for (const [name, path, raw] of same) {
      it(`reads ${name} as the CLI does (same JSON)`, async () => {
        const res = await get(path)
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.body, JSON.parse(JSON.stringify(analyseGapRequest(raw))))
      })
    }

    const unknown: [string, string, RegExp, string[]][] = [
      [
        'a made-up country code',
        '/api/gap?technologies=cctv&countries=XX',
        /^Unknown country code 'XX'\.$/,
        [],
      ],
      ['UK', '/api/gap?technologies=cctv&countries=UK', /Did you mean GB \(United Kingdom\)\?/, ['GB']],
      [
        'an unknown technology without a near one',
        '/api/gap?technologies=xyz&countries=DE',
        /^Unknown technology 'xyz': it is not in the technology catalogue\.$/,
        [],
      ],
    ]
    for (const [name, path, message, suggestions] of unknown) {
      it(`answers 422 unknown_value naming the value and the suggestions, not every valid value, for ${name}`, async () => {
        const res = await get(path)
        expectError(res, 422, 'unknown_value')
        const error = (res.body as { error: { message: string; issues: { suggestions: string[] }[] } }).error
        assert.match(error.message, message)
        assert.deepEqual(error.issues[0]?.suggestions, suggestions)
      })
    }

    it('answers 422 when a list is missing', async () => {
      expectError(await get('/api/gap?technologies=cctv'), 422, 'validation_failed')
    })
  })

  describe('POST /api/gap/portfolio', () => {
    const post = (body: unknown, options: { csrf?: false } = {}) =>
      request(ctx, 'POST', '/api/gap/portfolio', { session, body, ...options })

    it('summarises many deployments and aggregates them by country and topic', async () => {
      const res = await post({
        deployments: [
          { id: 'gate', technologies: ['Facial-Recognition'], countries: ['de', 'NG'] },
          { id: 'perimeter', technologies: ['drones', 'cctv'], countries: ['NG'] },
        ],
      })
      assert.equal(res.status, 200, res.text)
      const body = res.body as {
        deployments: { id: string; coverage: Record<string, number> }[]
        byCountry: Record<string, { deployments: number }>
      }
      assert.deepEqual(
        body.deployments.map((d) => d.id),
        ['gate', 'perimeter'],
      )
      const single = analyseGapRequest({ technologies: 'facial-recognition', countries: 'DE,NG' })
      assert.deepEqual(body.deployments[0]?.coverage, single.coverage)
      assert.equal(body.byCountry.NG?.deployments, 2)
    })

    it('refuses an unknown country naming the deployment (422)', async () => {
      const res = await post({ deployments: [{ id: 'gate', technologies: ['cctv'], countries: ['ZZ'] }] })
      expectError(res, 422, 'unknown_value')
      assert.match(res.text, /Deployment gate: Unknown country code 'ZZ'\./)
    })

    it('suggests the values meant, per deployment, like /api/gap (422)', async () => {
      const res = await post({
        deployments: [
          { id: 'gate', technologies: ['cctv'], countries: ['DE'] },
          { id: 'yard', technologies: ['drone'], countries: ['DEU', 'NG'] },
        ],
      })
      expectError(res, 422, 'unknown_value')
      const error = (res.body as { error: { message: string; issues: { suggestions: string[] }[] } }).error
      assert.match(
        error.message,
        /Deployment yard: Unknown technology 'drone'\. Did you mean drones \(Drones \(unmanned aircraft\)\)\?/,
      )
      assert.match(
        error.message,
        /Deployment yard: 'DEU' is a three-letter code.* Did you mean DE \(Germany\)\?/,
      )
      assert.deepEqual(
        error.issues.map((issue) => issue.suggestions),
        [['drones'], ['DE']],
      )
    })

    it('needs the CSRF token like every cookie-authenticated POST', async () => {
      const res = await post(
        { deployments: [{ id: 'gate', technologies: ['cctv'], countries: ['DE'] }] },
        { csrf: false },
      )
      expectError(res, 403, 'csrf_failed')
    })
  })

  describe('GET /api/gap/map', () => {
    it('gives every jurisdiction a level and coverage for one technology', async () => {
      const res = await get('/api/gap/map?technology=Facial-Recognition')
      assert.equal(res.status, 200)
      const body = res.body as {
        technology: string
        items: { code: string; isoNumeric: string | null; level: string; coverage: number }[]
      }
      assert.equal(body.technology, 'facial-recognition')
      assert.ok(body.items.length >= 195)
      assert.equal(body.items.find((i) => i.code === 'DE')?.isoNumeric, '276')
      for (const item of body.items) if (item.level === 'covered') assert.equal(item.coverage, 1)
    })

    it('answers 422 with a suggestion for an unknown technology', async () => {
      const res = await get('/api/gap/map?technology=drone')
      expectError(res, 422, 'unknown_value')
      assert.match(res.text, /Did you mean drones \(Drones/)
    })
  })

  describe('GET /api/jurisdictions', () => {
    it('lists every jurisdiction with governance and a summary of its facts', async () => {
      const res = await get('/api/jurisdictions')
      assert.equal(res.status, 200)
      const body = res.body as z.infer<typeof ZJurisdictionList>
      assert.ok(body.items.length >= 195)
      const de = body.items.find((j) => j.code === 'DE')
      assert.equal(de?.governance.enforcement, 'strong')
      assert.equal(de?.isEuMember, true)
      assert.equal(
        (de?.topics.yes ?? 0) + (de?.topics.partial ?? 0) + (de?.topics.no ?? 0) + (de?.topics.unknown ?? 0),
        9,
      )
      assert.match(body.attribution, /World Bank/)
    })

    it('gives names in the requested language', async () => {
      const body = (await get('/api/jurisdictions?locale=fr')).body as z.infer<typeof ZJurisdictionList>
      assert.equal(body.items.find((j) => j.code === 'DE')?.name, 'Allemagne')
    })
  })

  describe('GET /api/jurisdictions/:code', () => {
    it('shows facts with sources and dates, memberships and governance', async () => {
      const res = await get('/api/jurisdictions/de')
      assert.equal(res.status, 200)
      const body = res.body as z.infer<typeof ZJurisdictionDetail>
      assert.equal(body.code, 'DE')
      assert.equal(body.facts.length, 9)
      for (const fact of body.facts) {
        assert.ok(fact.source.id)
        assert.ok(fact.source.asOf)
      }
      assert.equal(body.memberships.find((m) => m.id === 'eu')?.value, true)
      assert.equal(typeof body.governance.ruleOfLaw, 'number')
    })

    it('answers 404 with a suggestion for an unknown code', async () => {
      const res = await get('/api/jurisdictions/DEU')
      expectError(res, 404, 'not_found')
      const error = (res.body as { error: { message: string; issues: { suggested: { code: string }[] }[] } })
        .error
      assert.match(error.message, /Did you mean DE \(Germany\)\?/)
      assert.deepEqual(
        error.issues[0]?.suggested.map((s) => s.code),
        ['DE'],
        'the page links to the code meant',
      )
    })
  })

  describe('GET /api/data-sources', () => {
    it('lists the cited sources and the WGI attribution', async () => {
      const body = (await get('/api/data-sources')).body as z.infer<typeof ZDataSources>
      assert.equal(body.governance.licence, 'CC BY 4.0')
      assert.match(body.governance.attribution, /World Bank/)
      assert.ok(body.sources.some((s) => s.id === 'wb-wgi-2024'))
      assert.ok(body.sources.every((s) => s.facts >= 0))
    })
  })

  it('answers 200 for known values, 422 or 404 for anything else, never 5xx or internals (property)', async () => {
    // The valid values are the data's, not the code's: catalogue ids and the dataset's codes.
    const { library, dataset } = getJurisdictionContext()
    const technologyIds = [...library.technologies.keys()]
    const codes = [...dataset.jurisdictions.keys()]
    const anyCase = (value: string) =>
      fc.constantFrom(value, value.toUpperCase(), value.toLowerCase(), ` ${value} `)
    const knownList = (values: string[]) =>
      fc
        .tuple(
          fc.array(fc.constantFrom(...values).chain(anyCase), { minLength: 1, maxLength: 4 }),
          fc.constantFrom(',', ', ', ';', ' '),
        )
        .map(([items, separator]) => items.join(separator))
    const junk = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('__proto__', 'constructor', 'DE,,NG', 'DEU', 'cctv,CCTV', '%', '', 'x'.repeat(3000)),
    )
    const technologiesText = fc.oneof(knownList(technologyIds), junk)
    const countriesText = fc.oneof(knownList(codes), junk)
    /** The input rule of docs/gap-analysis.md: lists split on commas, semicolons and spaces, any case. */
    const tokens = (text: string) => text.split(/[\s,;]+/).filter((token) => token !== '')
    const isKnownList = (text: string, known: string[], normalise: (t: string) => string) =>
      text.length <= 2000 &&
      tokens(text).length > 0 &&
      tokens(text).every((t) => known.includes(normalise(t)))
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(technologiesText, countriesText, async (technologies, countries) => {
        const query = new URLSearchParams({ technologies, countries }).toString()
        const code = countries.trim().toUpperCase()
        const expected: [string, number][] = [
          [
            `/api/gap?${query}`,
            isKnownList(technologies, technologyIds, (t) => t.toLowerCase()) &&
            isKnownList(countries, codes, (t) => t.toUpperCase())
              ? 200
              : 422,
          ],
          [
            `/api/gap/map?technology=${encodeURIComponent(technologies)}`,
            technologyIds.includes(technologies.trim().toLowerCase()) ? 200 : 422,
          ],
          [
            `/api/jurisdictions/${encodeURIComponent(countries) || 'x'}`,
            countries.length > 64 ? 422 : codes.includes(code) ? 200 : 404,
          ],
        ]
        for (const [path, status] of expected) {
          const res = await get(path)
          assert.equal(res.status, status, `${path.slice(0, 120)} → ${res.status}: ${res.text.slice(0, 200)}`)
          assertNoInternals(res.text)
          if (status !== 200) {
            const error = (res.body as { error: { code: string } }).error
            const codes404or422 = status === 404 ? ['not_found'] : ['unknown_value', 'validation_failed']
            assert.ok(codes404or422.includes(error.code), `${path.slice(0, 80)}: ${error.code}`)
          }
          seen.add(`${path.split('?')[0]?.replace(/\/jurisdictions\/.*/, '/jurisdictions/:code')} ${status}`)
        }
      }),
      { numRuns: 60, seed: 7 },
    )
    // The sample reached every answer of every route, so none of the expectations above is idle.
    assert.deepEqual([...seen].sort(), [
      '/api/gap 200',
      '/api/gap 422',
      '/api/gap/map 200',
      '/api/gap/map 422',
      '/api/jurisdictions/:code 200',
      '/api/jurisdictions/:code 404',
      '/api/jurisdictions/:code 422',
    ])
  })

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await request(ctx, 'GET', '/api/openapi.json')).body as { paths: Record<string, unknown> }
    for (const path of [
      '/api/gap',
      '/api/gap/portfolio',
      '/api/gap/map',
      '/api/jurisdictions',
      '/api/jurisdictions/{code}',
      '/api/data-sources',
    ])
      assert.ok(doc.paths[path], path)
  })
})
