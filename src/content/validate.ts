/**
 * Semantic checks of the library beyond the schemas: every URN reference resolves to an object of
 * the right kind, conditions compare existing fields with possible values, required ids exist
 * (the topics of docs/gap-analysis.md, the technologies and groups of docs/contracts.md), the risk method is coherent, and no published
 * URN has disappeared (content/urns.lock.json). Pure: takes the loaded library, returns problems.
 */
import { ANSWER_PREFIX, conditionLeaves, DEPLOYMENT_FIELDS, leafOperator } from './conditions.ts'
import type { TLibrary, TProblem } from './library.ts'
import {
  IMPACT_LEVELS,
  OPEN_ANSWER_KEYS,
  PRIORITIES,
  type TCondition,
  TOPIC_IDS,
  type TQuestion,
  type TQuestionnaire,
  type TReference,
  YES_NO_VALUES,
} from './schemas.ts'
import type { TObjectKind } from './urn.ts'

/** docs/contracts.md: the technology ids the catalogue must contain (more may be added). */
export const REQUIRED_TECHNOLOGY_IDS = [
  'cctv',
  'video-analytics',
  'facial-recognition',
  'biometric-access-control',
  'drones',
  'body-worn-cameras',
  'gps-tracking',
  'licence-plate-recognition',
  'social-media-monitoring',
  'communications-interception',
  'predictive-analytics',
  'ai-incident-reporting',
  'access-control-cards',
  'cyber-security-services',
] as const

/** docs/contracts.md: the affected-group ids of a deployment. */
export const REQUIRED_GROUP_IDS = [
  'workers',
  'community',
  'public',
  'protesters',
  'human-rights-defenders',
  'journalists',
  'migrants',
  'children',
  'indigenous-peoples',
  'women',
  'visitors',
] as const

/** docs/methods/risk.md: the highest residual priority maps to the impact level. */
const LEVEL_FOR_PRIORITY = { low: 'I', medium: 'II', high: 'III', critical: 'IV' } as const

type TReport = (problem: TProblem) => void

const checkRef = (
  library: TLibrary,
  report: TReport,
  at: { file: string; urn?: string; field: string },
  target: string,
  kinds: readonly TObjectKind[],
): void => {
  const object = library.objects.get(target)
  if (!object) {
    report({ ...at, message: `unknown URN ${target}` })
  } else if (!kinds.includes(object.kind)) {
    report({ ...at, message: `${target} is a ${object.kind}, expected a ${kinds.join(' or ')}` })
  }
}

const checkSources = (
  library: TLibrary,
  report: TReport,
  at: { file: string; urn?: string },
  field: string,
  references: readonly TReference[] | undefined,
) => {
  references?.forEach((reference, index) => {
    if (!library.sources.has(reference.source)) {
      report({
        ...at,
        field: `${field}[${index}].source`,
        message: `unknown source id "${reference.source}"`,
      })
    }
  })
}

const checkSourceIds = (
  library: TLibrary,
  report: TReport,
  at: { file: string; urn?: string },
  ids?: string[],
) => {
  ids?.forEach((id, index) => {
    if (!library.sources.has(id))
      report({ ...at, field: `sources[${index}]`, message: `unknown source id "${id}"` })
  })
}

const fileOf = (library: TLibrary, urn: string): string =>
  library.objects.get(urn)?.file ?? library.displayDir

const checkFrameworks = (library: TLibrary, report: TReport): void => {
  for (const entry of library.frameworks.values()) {
    const file = entry.file
    checkSourceIds(library, report, { file, urn: entry.framework.urn }, entry.framework.sources)
    const areaCodes = new Set(entry.areas.map((area) => area.code))
    for (const area of entry.areas) {
      checkSources(library, report, { file, urn: area.urn }, 'references', area.references)
      if (!area.urn.endsWith(`:${area.code}`)) {
        report({ file, urn: area.urn, field: 'code', message: `code ${area.code} does not match the URN` })
      }
    }
    for (const requirement of entry.requirements) {
      const at = { file, urn: requirement.urn }
      if (!areaCodes.has(requirement.area)) {
        report({ ...at, field: 'area', message: `unknown area "${requirement.area}" in ${file}` })
      } else if (!requirement.urn.split(':').at(-1)?.startsWith(`${requirement.area}.`)) {
        report({
          ...at,
          field: 'area',
          message: `the URN id should start with the area code ${requirement.area}.`,
        })
      }
      if (requirement.references.length === 0)
        report({ ...at, field: 'references', message: 'needs at least one reference' })
      if (requirement.links.length === 0)
        report({ ...at, field: 'links', message: 'needs at least one crosswalk link' })
      checkSources(library, report, at, 'references', requirement.references)
      requirement.links.forEach((link, index) => {
        const field = `links[${index}].target`
        if (link.target === requirement.urn)
          report({ ...at, field, message: 'a requirement cannot link to itself' })
        else checkRef(library, report, { ...at, field }, link.target, ['provision', 'requirement'])
      })
    }
    for (const provision of entry.provisions) {
      const at = { file, urn: provision.urn }
      if (provision.references.length === 0)
        report({ ...at, field: 'references', message: 'needs at least one reference' })
      checkSources(library, report, at, 'references', provision.references)
      provision.links?.forEach((link, index) => {
        const field = `links[${index}].target`
        if (link.target === provision.urn)
          report({ ...at, field, message: 'a provision cannot link to itself' })
        else checkRef(library, report, { ...at, field }, link.target, ['provision', 'requirement'])
      })
    }
  }
}

const checkTechnologies = (library: TLibrary, report: TReport): void => {
  const hasRights = library.rights.size > 0
  const hasGroups = library.groups.size > 0
  const hasTopics = library.topics.size > 0
  for (const technology of library.technologies.values()) {
    const file = fileOf(library, technology.urn)
    const at = { file, urn: technology.urn }
    if (!technology.urn.endsWith(`:${technology.id}`))
      report({ ...at, field: 'id', message: 'id does not match the URN' })
    technology.rights.forEach((right, index) => {
      if (hasRights && !library.rights.has(right))
        report({ ...at, field: `rights[${index}]`, message: `unknown right "${right}"` })
    })
    technology.affectedGroups.forEach((group, index) => {
      if (hasGroups && !library.groups.has(group)) {
        report({ ...at, field: `affectedGroups[${index}]`, message: `unknown affected group "${group}"` })
      }
    })
    if (technology.topics.length === 0)
      report({ ...at, field: 'topics', message: 'must trigger at least one regulatory topic' })
    technology.topics.forEach((entry, index) => {
      if (hasTopics && !library.topics.has(entry.topic)) {
        report({ ...at, field: `topics[${index}].topic`, message: `unknown topic "${entry.topic}"` })
      }
    })
    technology.safeguards.forEach((urn, index) => {
      checkRef(library, report, { ...at, field: `safeguards[${index}]` }, urn, ['requirement'])
    })
    checkSourceIds(library, report, at, technology.sources)
    if (technology.risks.length < 2)
      report({ ...at, field: 'risks', message: 'needs at least 2 risk templates' })
    for (const risk of technology.risks) {
      const riskAt = { file, urn: risk.urn }
      if (risk.urn !== `urn:custos:catalogue:risk:${technology.id}.${risk.id}`) {
        report({
          ...riskAt,
          field: 'urn',
          message: `expected urn:custos:catalogue:risk:${technology.id}.${risk.id}`,
        })
      }
      if (hasRights && !library.rights.has(risk.right))
        report({ ...riskAt, field: 'right', message: `unknown right "${risk.right}"` })
      risk.affectedGroups?.forEach((group, index) => {
        if (hasGroups && !library.groups.has(group)) {
          report({
            ...riskAt,
            field: `affectedGroups[${index}]`,
            message: `unknown affected group "${group}"`,
          })
        }
      })
      risk.safeguards?.forEach((urn, index) => {
        checkRef(library, report, { ...riskAt, field: `safeguards[${index}]` }, urn, ['requirement'])
      })
    }
  }
}

const checkMethod = (library: TLibrary, report: TReport): void => {
  for (const topic of library.topics.values()) {
    const at = { file: fileOf(library, topic.urn), urn: topic.urn }
    if (!(TOPIC_IDS as readonly string[]).includes(topic.id)) {
      report({
        ...at,
        field: 'id',
        message: `"${topic.id}" is not one of the nine regulatory topic ids (docs/gap-analysis.md)`,
      })
    }
    if (!topic.urn.endsWith(`:${topic.id}`))
      report({ ...at, field: 'id', message: 'id does not match the URN' })
    for (const [index, urn] of topic.baseline.entries()) {
      checkRef(library, report, { ...at, field: `baseline[${index}]` }, urn, ['requirement'])
    }
    checkSources(library, report, at, 'references', topic.references)
  }
  for (const group of library.groups.values()) {
    const at = { file: fileOf(library, group.urn), urn: group.urn }
    if (!group.urn.endsWith(`:${group.id}`))
      report({ ...at, field: 'id', message: 'id does not match the URN' })
    checkSources(library, report, at, 'references', group.references)
  }
  for (const right of library.rights.values()) {
    const file = library.riskMethod
      ? fileOf(library, library.riskMethod.urn)
      : `${library.displayDir}/risk-method.yaml`
    checkSources(library, report, { file }, `rights.${right.id}.references`, right.references)
  }
  const method = library.riskMethod
  if (!method) return
  const at = { file: fileOf(library, method.urn), urn: method.urn }
  checkSources(library, report, at, 'references', method.references)

  // Severity thresholds must cover every sum 3..12 exactly once (three dimensions of 1..4).
  for (let sum = 3; sum <= 12; sum++) {
    const matches = method.severity.thresholds.filter((t) => t.min <= sum && sum <= t.max)
    if (matches.length !== 1) {
      report({
        ...at,
        field: 'severity.thresholds',
        message: `the sum ${sum} is covered ${matches.length} times (must be once)`,
      })
    }
  }
  const rows = new Map(method.priority.matrix.map((row) => [row.severity, row.byLikelihood]))
  for (const severity of [1, 2, 3, 4]) {
    const row = rows.get(severity)
    if (!row) {
      report({ ...at, field: 'priority.matrix', message: `no row for severity ${severity}` })
      continue
    }
    row.forEach((priority, index) => {
      const rank = PRIORITIES.indexOf(priority)
      if (index > 0 && rank < PRIORITIES.indexOf(row[index - 1] as (typeof PRIORITIES)[number])) {
        report({
          ...at,
          field: `priority.matrix[severity ${severity}]`,
          message: 'priority must not fall as likelihood rises',
        })
      }
      const below = rows.get(severity - 1)?.[index]
      if (below && rank < PRIORITIES.indexOf(below)) {
        report({
          ...at,
          field: `priority.matrix[severity ${severity}]`,
          message: 'priority must not fall as severity rises',
        })
      }
      // UNGP 24: the most severe impacts come first, however unlikely.
      if (severity === 4 && rank < PRIORITIES.indexOf('high')) {
        report({
          ...at,
          field: `priority.matrix[severity 4].byLikelihood[${index}]`,
          message: 'severity 4 is never below high',
        })
      }
    })
  }
  method.likelihoodRules.rules.forEach((rule, index) => {
    if (!rule.when) return
    checkCondition(library, report, { ...at, field: `likelihoodRules.rules[${index}].when` }, rule.when, null)
  })

  for (const levelId of IMPACT_LEVELS) {
    if (!library.impactLevels.has(levelId))
      report({ ...at, field: 'impactLevels', message: `impact level ${levelId} is missing` })
  }
  for (const level of library.impactLevels.values()) {
    const levelAt = { file: at.file, urn: level.urn }
    if (!level.urn.endsWith(`:${level.level}`))
      report({ ...levelAt, field: 'level', message: 'level does not match the URN' })
    if (LEVEL_FOR_PRIORITY[level.fromPriority] !== level.level) {
      report({
        ...levelAt,
        field: 'fromPriority',
        message: `priority ${level.fromPriority} maps to level ${LEVEL_FOR_PRIORITY[level.fromPriority]}`,
      })
    }
    level.mandatorySafeguards.forEach((safeguard, index) => {
      checkRef(
        library,
        report,
        { ...levelAt, field: `mandatorySafeguards[${index}].requirement` },
        safeguard.requirement,
        ['requirement'],
      )
    })
    if (level.inherits)
      checkRef(library, report, { ...levelAt, field: 'inherits' }, level.inherits, ['impact-level'])
  }
  // Impact levels may inherit the safeguards of a lower level; the chain must end.
  for (const level of library.impactLevels.values()) {
    const seen = new Set<string>([level.urn])
    let next = level.inherits
    while (next) {
      if (seen.has(next)) {
        report({
          file: at.file,
          urn: level.urn,
          field: 'inherits',
          message: `cycle through ${[...seen, next].join(' → ')}`,
        })
        break
      }
      seen.add(next)
      next = [...library.impactLevels.values()].find((l) => l.urn === next)?.inherits
    }
  }
}

/** The values an answer to `question` can take, for checking conditions and effect keys. */
const answerDomain = (
  question: TQuestion,
): { kind: 'scalar' | 'list' | 'number' | 'open'; values?: string[] } => {
  switch (question.type) {
    case 'yes_no':
      return { kind: 'scalar', values: [...YES_NO_VALUES] }
    case 'choice':
      return { kind: 'scalar', values: question.options?.map((o) => o.value) ?? [] }
    case 'multi':
      return { kind: 'list', values: question.options?.map((o) => o.value) ?? [] }
    case 'number':
      return { kind: 'number' }
    default:
      return { kind: 'open' }
  }
}

/**
 * Checks a condition's leaves: known field, operator that fits the field, compared value that the
 * field can hold. `earlier` is the questions before this one (null: answers are not allowed here).
 */
const checkCondition = (
  library: TLibrary,
  report: TReport,
  at: { file: string; urn?: string; field: string },
  condition: TCondition,
  earlier: { self: string; before: Map<string, TQuestion>; all: Map<string, TQuestion> } | null,
): void => {
  for (const { leaf, path } of conditionLeaves(condition)) {
    const field = `${at.field}${path}`
    const fail = (message: string) => report({ ...at, field, message })
    const operator = leafOperator(leaf)
    if (!operator) continue
    const { op, operand } = operator
    if (leaf.field.startsWith(ANSWER_PREFIX)) {
      if (!earlier) {
        fail(`answers are not available here (${leaf.field})`)
        continue
      }
      const id = leaf.field.slice(ANSWER_PREFIX.length)
      if (id === earlier.self) {
        fail(`cycle: the question's condition depends on its own answer (${leaf.field})`)
        continue
      }
      const question = earlier.before.get(id)
      if (!question) {
        fail(
          earlier.all.has(id)
            ? `${leaf.field} must refer to an earlier question (it comes later: a forward reference could form a cycle)`
            : `${leaf.field} refers to no question of this questionnaire`,
        )
        continue
      }
      const domain = answerDomain(question)
      if (domain.kind === 'list') {
        if (op !== 'includes') fail(`${leaf.field} is a multiple choice; use includes`)
      } else if (domain.kind === 'number') {
        if (op === 'includes') fail(`${leaf.field} is a number; use equals, notEquals, gte or lte`)
        else if (typeof operand !== 'number') fail(`${leaf.field} is a number; compare it with a number`)
      } else if (op === 'includes' || op === 'gte' || op === 'lte') {
        fail(`${leaf.field} is a ${question.type} question; use equals or notEquals`)
      }
      if (domain.values && !domain.values.includes(String(operand))) {
        fail(`${leaf.field} cannot be "${String(operand)}" (possible: ${domain.values.join(', ')})`)
      }
      continue
    }
    const kind = DEPLOYMENT_FIELDS[leaf.field]
    if (!kind) {
      fail(
        `unknown field "${leaf.field}" (known: ${[...Object.keys(DEPLOYMENT_FIELDS), 'answers.<question id>'].join(', ')})`,
      )
      continue
    }
    if (kind === 'technologies' || kind === 'countries' || kind === 'groups') {
      if (op !== 'includes') {
        fail(`${leaf.field} is a list; use includes`)
        continue
      }
      const value = String(operand)
      if (kind === 'technologies' && library.technologies.size > 0 && !library.technologies.has(value)) {
        fail(`unknown technology "${value}"`)
      }
      if (kind === 'groups' && library.groups.size > 0 && !library.groups.has(value))
        fail(`unknown affected group "${value}"`)
      if (kind === 'countries' && !/^[A-Z]{2}$/.test(value))
        fail(`"${value}" is not an ISO 3166-1 alpha-2 code`)
    } else if (kind === 'number') {
      if (typeof operand !== 'number' || op === 'includes')
        fail(`${leaf.field} is a number; use equals, gte or lte with a number`)
    } else if (typeof operand !== 'boolean' || (op !== 'equals' && op !== 'notEquals')) {
      fail(`${leaf.field} is true or false; use equals or notEquals with true or false`)
    }
  }
}

const EFFECT_TARGETS = {
  mitigates: ['risk'],
  raises: ['risk'],
  satisfies: ['requirement'],
  fails: ['requirement'],
} as const satisfies Record<string, readonly TObjectKind[]>

const checkQuestionnaire = (library: TLibrary, report: TReport, questionnaire: TQuestionnaire): void => {
  const file = fileOf(library, questionnaire.urn)
  const at = { file, urn: questionnaire.urn }
  if (!questionnaire.urn.endsWith(`:${questionnaire.id}`))
    report({ ...at, field: 'id', message: 'id does not match the URN' })
  checkSourceIds(library, report, at, questionnaire.sources)
  const sectionIds = new Set<string>()
  questionnaire.sections.forEach((section, index) => {
    if (sectionIds.has(section.id))
      report({ ...at, field: `sections[${index}].id`, message: `duplicate section id ${section.id}` })
    sectionIds.add(section.id)
    if (section.area)
      checkRef(library, report, { ...at, field: `sections[${index}].area` }, section.area, ['area'])
  })
  const all = new Map(questionnaire.questions.map((q) => [q.id, q]))
  const before = new Map<string, TQuestion>()
  for (const question of questionnaire.questions) {
    const qAt = { file, urn: question.urn }
    const expectedUrn = `urn:custos:questionnaire:question:${questionnaire.id}.${question.id}`
    if (question.urn !== expectedUrn) report({ ...qAt, field: 'urn', message: `expected ${expectedUrn}` })
    if (before.has(question.id))
      report({ ...qAt, field: 'id', message: `duplicate question id ${question.id}` })
    if (!sectionIds.has(question.section))
      report({ ...qAt, field: 'section', message: `unknown section "${question.section}"` })
    const hasOptions = question.type === 'choice' || question.type === 'multi'
    if (hasOptions && (question.options?.length ?? 0) < 2) {
      report({ ...qAt, field: 'options', message: `a ${question.type} question needs at least 2 options` })
    }
    if (!hasOptions && question.options)
      report({ ...qAt, field: 'options', message: `a ${question.type} question has no options` })
    const values = question.options?.map((o) => o.value) ?? []
    values.forEach((value, index) => {
      if (values.indexOf(value) !== index)
        report({ ...qAt, field: `options[${index}].value`, message: `duplicate option ${value}` })
    })
    if (question.when) {
      checkCondition(library, report, { ...qAt, field: 'when' }, question.when, {
        self: question.id,
        before,
        all,
      })
    }
    const domain = answerDomain(question)
    const keys: readonly string[] =
      domain.values ?? OPEN_ANSWER_KEYS[question.type as keyof typeof OPEN_ANSWER_KEYS] ?? []
    for (const [key, effects] of Object.entries(question.effects ?? {})) {
      if (!keys.includes(key)) {
        report({
          ...qAt,
          field: `effects.${key}`,
          message: `"${key}" is not an answer of this ${question.type} question (possible: ${keys.join(', ')})`,
        })
      }
      effects.forEach((effect, index) => {
        // Not knowing is treated as not having it (risk method rule only-what-is-in-place).
        if ((key === 'unknown' || key === 'missing') && (effect.mitigates || effect.satisfies)) {
          report({
            ...qAt,
            field: `effects.${key}[${index}]`,
            message: `an answer of "${key}" never mitigates a risk or satisfies a requirement`,
          })
        }
        for (const [verb, kinds] of Object.entries(EFFECT_TARGETS)) {
          const target = effect[verb as keyof typeof EFFECT_TARGETS]
          if (target)
            checkRef(library, report, { ...qAt, field: `effects.${key}[${index}].${verb}` }, target, kinds)
        }
      })
    }
    before.set(question.id, question)
  }
}

/** Every semantic problem of a loaded library (schema problems come from the loader). */
export const validateLibrary = (library: TLibrary): TProblem[] => {
  const problems: TProblem[] = []
  const report: TReport = (problem) => problems.push(problem)
  checkFrameworks(library, report)
  checkTechnologies(library, report)
  checkMethod(library, report)
  for (const questionnaire of library.questionnaires.values())
    checkQuestionnaire(library, report, questionnaire)

  const dir = library.displayDir
  const requireIds = (file: string, what: string, have: Map<string, unknown>, ids: readonly string[]) => {
    for (const id of ids) if (!have.has(id)) report({ file, message: `missing ${what} "${id}"` })
  }
  requireIds(`${dir}/technologies.yaml`, 'technology', library.technologies, REQUIRED_TECHNOLOGY_IDS)
  requireIds(`${dir}/topics.yaml`, 'topic', library.topics, TOPIC_IDS)
  requireIds(`${dir}/affected-groups.yaml`, 'affected group', library.groups, REQUIRED_GROUP_IDS)
  if (!library.riskMethod) report({ file: `${dir}/risk-method.yaml`, message: 'missing the risk method' })
  return problems
}
