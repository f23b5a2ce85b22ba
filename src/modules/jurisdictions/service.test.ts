/**
 * The jurisdictions service on data handed in (the routes' `context` option) and on data with parts
 * missing: a library without sources or topic titles, a technology with no essential topic, a
 * portfolio full of typos.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { TLibrary } from '../../content/index.ts'
import { isAppError } from '../../core/errors.ts'
import {
  analyseGapRequest,
  analysePortfolioRequest,
  checkJurisdictions,
  dataSources,
  getJurisdictionContext,
  jurisdictionDetail,
  listJurisdictions,
  type TJurisdictionContext,
  technologyMap,
} from './service.ts'

const context = getJurisdictionContext()
/** The shipped data with parts of the library replaced. */
const withLibrary = (parts: Partial<TLibrary>): TJurisdictionContext => ({
  library: { ...context.library, ...parts },
  dataset: context.dataset,
})

describe('the jurisdictions service on data handed in', () => {
  it('loads the data once per content folder', () => {
    assert.equal(getJurisdictionContext(), context)
    assert.equal(getJurisdictionContext({ contentDir: context.library.contentDir }), context)
  })

  it('answers in the language asked for, from the context given', () => {
    const gap = analyseGapRequest({ technologies: 'cctv', countries: 'DE' }, { locale: 'fr', context })
    assert.equal(gap.jurisdictions[0]?.name, 'Allemagne')
    assert.equal(listJurisdictions({ locale: 'es', context }).find((j) => j.code === 'DE')?.name, 'Alemania')
    assert.equal(jurisdictionDetail('de', { locale: 'fr', context }).name, 'Allemagne')
    const map = technologyMap('CCTV', { locale: 'fr', context })
    assert.equal(map.technology, 'cctv')
    assert.equal(map.items.find((item) => item.code === 'DE')?.name, 'Allemagne')
  })

  it('counts a jurisdiction’s covered topics from its statuses and enforcement', () => {
    // Nigeria (content/jurisdictions/NG.yaml) has yes for 6 topics, partial for 2, unknown for 1 (ai_rules);
    // its rule of law −0.8877 is weak, so no yes counts as covered.
    const ng = listJurisdictions({ context }).find((j) => j.code === 'NG')
    assert.deepEqual(ng?.topics, { yes: 6, partial: 2, no: 0, unknown: 1, covered: 0, total: 9 })
    assert.equal(ng?.governance.enforcement, 'weak')
    assert.equal(ng?.isoNumeric, '566')
  })

  it('maps a technology without an essential topic by all of its topics', () => {
    const cctv = context.library.technologies.get('cctv')
    assert.ok(cctv)
    const lamp = { ...cctv, id: 'lamp', topics: [{ topic: 'cctv_rules', importance: 'relevant' as const }] }
    const map = technologyMap('lamp', { context: withLibrary({ technologies: new Map([['lamp', lamp]]) }) })
    assert.equal(map.basis, 'triggered')
    // Germany has cctv_rules yes under strong enforcement: covered; Brazil's cctv_rules is partial.
    assert.deepEqual(
      map.items
        .filter((item) => item.code === 'DE' || item.code === 'BR')
        .map((i) => [i.code, i.level, i.coverage]),
      [
        ['BR', 'partial', 0],
        ['DE', 'covered', 1],
      ],
    )
  })

  it('names topics by id and sources by id when the library lacks them', () => {
    const bare = withLibrary({ topics: new Map(), sources: new Map() })
    const detail = jurisdictionDetail('DE', { context: bare })
    assert.deepEqual(
      detail.facts.map((fact) => fact.title),
      detail.facts.map((fact) => fact.topic),
    )
    const { governance, sources } = dataSources({ context: bare })
    assert.equal(governance.licence, null)
    assert.equal(governance.url, null)
    assert.ok(sources.length > 0)
    for (const source of sources) {
      assert.equal(source.publisher, 'unknown')
      assert.equal(source.title, source.id)
      assert.equal(source.licence, null)
    }
  })

  it('lists the sources by how many facts cite them, the WGI source with its licence', () => {
    const { governance, sources } = dataSources({ context })
    assert.equal(governance.licence, 'CC BY 4.0')
    for (let i = 1; i < sources.length; i++) assert.ok(sources[i - 1]!.facts >= sources[i]!.facts)
    assert.ok(sources.some((source) => source.id === 'wb-wgi-2024'))
  })
})

describe('a portfolio with unknown values', () => {
  it('names at most ten unknown values, each with its deployment', () => {
    const deployments = Array.from({ length: 12 }, (_, i) => ({
      id: `site-${i}`,
      technologies: ['cctv'],
      countries: [`Q${i}`],
    }))
    assert.throws(
      () => analysePortfolioRequest(deployments, { context }),
      (error: unknown) => {
        assert.ok(isAppError(error))
        assert.equal(error.code, 'unknown_value')
        const lines = error.userMessage.split('\n')
        assert.equal(lines.length, 10)
        assert.match(lines[0] ?? '', /^Deployment site-0: Unknown country code 'Q0'/)
        assert.match(lines[9] ?? '', /^Deployment site-9: /)
        return true
      },
    )
  })
  it('reads ids and codes in any case, with spaces', () => {
    const result = analysePortfolioRequest(
      [{ id: 'gate', technologies: [' CCTV ', 'cctv'], countries: ['de', ' DE'] }],
      { context },
    )
    assert.deepEqual(Object.keys(result.deployments[0]?.coverage ?? {}), ['DE'])
  })
})

describe('checking a content folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-jur-check-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('puts the library’s problems first when the library did not load, so the cause is seen', () => {
    const { dataset, problems } = checkJurisdictions({ contentDir: dir })
    assert.equal(dataset.jurisdictions.size, 0)
    assert.match(problems[0]?.message ?? '', /content directory not found|missing/)
    assert.ok(problems.some((p) => p.message === 'jurisdiction directory not found'))
  })
})
