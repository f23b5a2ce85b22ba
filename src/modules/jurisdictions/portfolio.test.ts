import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { AppError } from '../../core/errors.ts'
import { buildDataset, buildGapLibrary, buildJurisdiction } from './factories.ts'
import { analyseGap, GAP_LEVELS } from './gap.ts'
import { analysePortfolio, buildGapIndex } from './portfolio.ts'
import { FACT_STATUSES, TOPIC_IDS } from './schemas.ts'

const library = buildGapLibrary({
  cam: { data_protection_law: 'essential', cctv_rules: 'essential', workplace_monitoring_rules: 'relevant' },
  face: { data_protection_law: 'essential', biometric_data_rules: 'essential', ai_rules: 'relevant' },
  drone: { drone_rules: 'essential', cctv_rules: 'relevant' },
  tracker: { workplace_monitoring_rules: 'relevant' },
})

describe('portfolio gap analysis', () => {
  const dataset = buildDataset([
    buildJurisdiction('DE', {
      ruleOfLaw: 1.5,
      topics: { data_protection_law: 'yes', cctv_rules: 'yes', drone_rules: 'yes' },
    }),
    buildJurisdiction('NG', {
      ruleOfLaw: -0.9,
      topics: { data_protection_law: 'yes', cctv_rules: 'no', drone_rules: 'no' },
    }),
    buildJurisdiction('BR', { ruleOfLaw: 0, topics: { data_protection_law: 'yes', cctv_rules: 'partial' } }),
  ])
  const index = buildGapIndex(dataset, library)

  it('aggregates deployments by country and by topic', () => {
    const result = analysePortfolio(
      [
        { id: 'd1', technologies: ['cam'], countries: ['DE', 'NG'] },
        { id: 'd2', technologies: ['drone'], countries: ['NG'] },
      ],
      index,
    )
    assert.deepEqual(result.deployments[0]?.coverage, { DE: 1, NG: 0 })
    assert.deepEqual(result.deployments[0]?.inconsistentTopics, ['data_protection_law', 'cctv_rules'])
    assert.deepEqual(result.deployments[0]?.absentEssential, [{ jurisdiction: 'NG', topic: 'cctv_rules' }])
    assert.equal(result.deployments[0]?.worstCoverage, 0)
    assert.deepEqual(result.byCountry.NG, {
      deployments: 2,
      cells: { covered: 0, partial: 1, absent: 3, unknown: 1 },
      meanCoverage: 0,
      absentEssential: 2,
    })
    assert.deepEqual(result.byTopic.cctv_rules, {
      deployments: 2,
      cells: { covered: 1, partial: 0, absent: 2, unknown: 0 },
      inconsistent: 1,
    })
    assert.equal(result.totals.deployments, 2)
    assert.equal(result.totals.meanCoverage, 1 / 3)
  })

  it('refuses an unknown country or technology instead of skipping it', () => {
    assert.throws(
      () => analysePortfolio([{ id: 'x', technologies: ['cam'], countries: ['ZZ'] }], index),
      AppError,
    )
    assert.throws(
      () => analysePortfolio([{ id: 'x', technologies: ['laser'], countries: ['DE'] }], index),
      AppError,
    )
  })

  it('agrees with the single-deployment engine on every deployment (property)', () => {
    const codes = ['AA', 'BB', 'CC', 'DD', 'EE']
    const technologies = [...library.technologies.keys()]
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FACT_STATUSES), {
          minLength: codes.length * TOPIC_IDS.length,
          maxLength: codes.length * TOPIC_IDS.length,
        }),
        fc.array(fc.option(fc.double({ min: -2.5, max: 2.5, noNaN: true }), { nil: null }), {
          minLength: codes.length,
          maxLength: codes.length,
        }),
        fc.array(
          fc.record({
            technologies: fc.uniqueArray(fc.constantFrom(...technologies), { minLength: 1, maxLength: 3 }),
            countries: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 5 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (statuses, ruleOfLaw, deployments) => {
          const data = buildDataset(
            codes.map((code, c) =>
              buildJurisdiction(code, {
                ruleOfLaw: ruleOfLaw[c] ?? null,
                topics: Object.fromEntries(
                  TOPIC_IDS.map((topic, t) => [topic, statuses[c * TOPIC_IDS.length + t]]),
                ),
              }),
            ),
          )
          const portfolio = analysePortfolio(
            deployments.map((d, i) => ({ id: `d${i}`, ...d })),
            buildGapIndex(data, library),
          )
          deployments.forEach((d, i) => {
            const single = analyseGap({
              technologies: d.technologies,
              jurisdictions: d.countries,
              dataset: data,
              library,
            })
            const summary = portfolio.deployments[i]
            assert.deepEqual(summary?.coverage, single.coverage)
            assert.deepEqual(
              summary?.inconsistentTopics,
              single.matrix.filter((r) => r.inconsistent).map((r) => r.topic),
            )
            for (const level of GAP_LEVELS) {
              const cells = single.matrix
                .flatMap((r) => Object.values(r.cells))
                .filter((cell) => cell.level === level).length
              assert.equal(summary?.cells[level], cells, level)
            }
          })
        },
      ),
      { numRuns: 60, seed: 4 },
    )
  })
})
