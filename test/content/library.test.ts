/**
 * The real library under content/ must be valid and complete (issue 3): this is
 * `custos library validate` as part of `npm test`, plus the counts the issue asks for.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { conditionLeaves } from '../../src/content/conditions.ts'
import { checkLibrary, formatProblem } from '../../src/content/index.ts'

const { library, problems } = checkLibrary()

describe('the library content', () => {
  it('has no schema, reference, condition or lock problems', () => {
    assert.deepEqual(problems.map(formatProblem), [])
  })

  it('has at least 8 requirements in each of the twelve toolkit areas', () => {
    const toolkit = library.frameworks.get('toolkit')
    assert.ok(toolkit, 'content/frameworks/toolkit.yaml is loaded')
    for (let n = 1; n <= 12; n++) {
      const count = toolkit.requirements.filter((r) => r.area === `T${n}`).length
      assert.ok(count >= 8, `T${n} has ${count} requirements`)
    }
  })

  it('every requirement has a reference and a crosswalk link', () => {
    for (const requirement of library.requirements.values()) {
      assert.ok(requirement.references.length >= 1, `${requirement.urn} has no reference`)
      assert.ok(requirement.links.length >= 1, `${requirement.urn} has no crosswalk link`)
    }
  })

  it('the deployment assessment has 120+ questions and at least 10 per area', () => {
    const questionnaire = library.questionnaires.get('deployment-assessment')
    assert.ok(questionnaire, 'content/questionnaires/deployment-assessment.yaml is loaded')
    assert.ok(questionnaire.questions.length >= 120, `${questionnaire.questions.length} questions`)
    for (const section of questionnaire.sections) {
      const count = questionnaire.questions.filter((q) => q.section === section.id).length
      assert.ok(count >= 10, `section ${section.id} has ${count} questions`)
    }
    assert.equal(questionnaire.sections.length, 12)
  })

  it('the provider questionnaire has 60+ questions and the vendor profile 25+', () => {
    const provider = [...library.questionnaires.values()].find((q) => q.kind === 'provider')
    const vendor = [...library.questionnaires.values()].find((q) => q.kind === 'vendor')
    assert.ok(provider && provider.questions.length >= 60, `provider: ${provider?.questions.length}`)
    assert.ok(vendor && vendor.questions.length >= 25, `vendor: ${vendor?.questions.length}`)
  })

  it('every technology triggers a topic and has at least two risk templates', () => {
    assert.ok(library.technologies.size >= 14)
    for (const technology of library.technologies.values()) {
      assert.ok(technology.topics.length >= 1, `${technology.id} triggers no topic`)
      assert.ok(
        technology.risks.length >= 2,
        `${technology.id} has ${technology.risks.length} risk templates`,
      )
    }
  })

  it('has the frameworks of issue 3 and four impact levels with mandatory safeguards', () => {
    for (const id of ['toolkit', 'icoc', 'vps', 'ungps'])
      assert.ok(library.frameworks.has(id), `framework ${id}`)
    assert.equal(library.impactLevels.size, 4)
    for (const level of library.impactLevels.values()) assert.ok(level.mandatorySafeguards.length >= 1)
  })

  it('the vulnerable-groups likelihood rule names exactly the groups marked vulnerable', () => {
    const rule = library.riskMethod?.likelihoodRules.rules.find((r) => r.id === 'vulnerable-groups')
    assert.ok(rule?.when, 'content/risk-method.yaml has the vulnerable-groups rule')
    const named = conditionLeaves(rule.when)
      .map(({ leaf }) => leaf.includes)
      .sort()
    const marked = [...library.groups.values()]
      .filter((g) => g.vulnerable)
      .map((g) => g.id)
      .sort()
    assert.deepEqual(named, marked)
  })
})
