/**
 * Readers of the risk method data (content/risk-method.yaml, docs/methods/risk.md), so every engine reads
 * the thresholds, matrix and impact levels the same way. Pure functions of the method; the numbers
 * are never restated in code.
 */
import { evaluateCondition, type TDeploymentFacts } from './conditions.ts'
import type { TLibrary } from './library.ts'
import {
  type GOVERNANCE_INDICATORS,
  IMPACT_LEVELS,
  PRIORITIES,
  type TImpactLevel,
  type TImpactLevelId,
  type TLikelihoodRule,
  type TPriority,
  type TRiskMethod,
} from './schemas.ts'
import type { TText } from './text.ts'

export type TSeverityInput = { scale: number; scope: number; irremediability: number }
export type TSeverity = { sum: number; level: number; escalation: string | null }

const clampLevel = (value: number): number => Math.min(4, Math.max(1, Math.round(value)))

/** Severity level from scale + scope + irremediability by the method's thresholds and escalations. */
export const severityOf = (method: TRiskMethod, input: TSeverityInput): TSeverity => {
  const scale = clampLevel(input.scale)
  const scope = clampLevel(input.scope)
  const irremediability = clampLevel(input.irremediability)
  const sum = scale + scope + irremediability
  const threshold = method.severity.thresholds.find((t) => t.min <= sum && sum <= t.max)
  let level = threshold?.level ?? 4
  let escalation: string | null = null
  for (const rule of method.severity.escalations) {
    if (irremediability >= rule.irremediabilityAtLeast && scale >= rule.scaleAtLeast && rule.level > level) {
      level = rule.level
      escalation = rule.id
    }
  }
  return { sum, level, escalation }
}

/** Priority from the method's matrix (severity row, likelihood column). */
export const priorityOf = (method: TRiskMethod, severity: number, likelihood: number): TPriority => {
  const row = method.priority.matrix.find((r) => r.severity === clampLevel(severity))
  return row?.byLikelihood[clampLevel(likelihood) - 1] ?? 'critical'
}

/** The higher of two priorities. */
export const higherPriority = (a: TPriority, b: TPriority): TPriority =>
  PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b

/** The impact level whose `fromPriority` is the deployment's highest residual priority. */
export const impactLevelFor = (library: TLibrary, priority: TPriority): TImpactLevel | null =>
  [...library.impactLevels.values()].find((level) => level.fromPriority === priority) ?? null

export type TMandatorySafeguard = { requirement: string; text: TText; level: TImpactLevelId }

/**
 * The mandatory safeguards of a level and of every level it inherits from, highest level first; a
 * requirement named at several levels appears once, with the text of the highest level.
 */
export const mandatorySafeguardsOf = (library: TLibrary, levelId: TImpactLevelId): TMandatorySafeguard[] => {
  const byUrn = new Map([...library.impactLevels.values()].map((level) => [level.urn, level]))
  const out: TMandatorySafeguard[] = []
  const seenRequirements = new Set<string>()
  const seenLevels = new Set<string>()
  let level: TImpactLevel | undefined = library.impactLevels.get(levelId)
  while (level && !seenLevels.has(level.urn)) {
    seenLevels.add(level.urn)
    for (const safeguard of level.mandatorySafeguards) {
      if (seenRequirements.has(safeguard.requirement)) continue
      seenRequirements.add(safeguard.requirement)
      out.push({ requirement: safeguard.requirement, text: safeguard.text, level: level.level })
    }
    level = level.inherits ? byUrn.get(level.inherits) : undefined
  }
  return out
}

/**
 * Governance values for the deployment: for each indicator, the WEAKEST estimate among its countries
 * (null or absent when unknown — an unknown value never fires a rule, it is reported elsewhere).
 */
export type TGovernanceFacts = Partial<Record<(typeof GOVERNANCE_INDICATORS)[number], number | null>>

/** The likelihood context rules that hold for a deployment, in method order. */
export const likelihoodRulesFor = (
  method: TRiskMethod,
  deployment: TDeploymentFacts,
  governance: TGovernanceFacts,
): TLikelihoodRule[] =>
  method.likelihoodRules.rules.filter((rule) => {
    if (rule.governance) {
      const value = governance[rule.governance.indicator]
      return typeof value === 'number' && value < rule.governance.below
    }
    return evaluateCondition(rule.when, { deployment, answers: {} })
  })

/** Likelihood raised by the rules that hold, never above the method's cap. */
export const adjustedLikelihood = (
  method: TRiskMethod,
  base: number,
  rules: readonly TLikelihoodRule[],
): number => {
  const raised = clampLevel(base) + rules.reduce((sum, rule) => sum + rule.adjustment, 0)
  return Math.min(method.likelihoodRules.cap, raised)
}

export { IMPACT_LEVELS, PRIORITIES }
