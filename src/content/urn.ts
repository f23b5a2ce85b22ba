/**
 * Library URNs: `urn:custos:<library>:<kind>:<id>` (docs/library.md). Published URNs never change
 * meaning and never disappear (content/urns.lock.json), so every reference in content is by URN.
 */

export const URN_PATTERN = /^urn:custos:([a-z0-9-]+):([a-z0-9-]+):([A-Za-z0-9._-]+)$/

export type TParsedUrn = { library: string; kind: string; id: string }

/** Splits a URN into its parts, or returns null when it is not a Custos URN. */
export const parseUrn = (urn: string): TParsedUrn | null => {
  const match = URN_PATTERN.exec(urn)
  if (!match) return null
  return { library: match[1] as string, kind: match[2] as string, id: match[3] as string }
}

export const isUrn = (value: string): boolean => URN_PATTERN.test(value)

/**
 * The kinds of library object and what a URN of that kind looks like. `libraries: null` means any
 * library may own the kind (framework provisions come from the ICoC, the VPs, the UNGPs, GDPR, …).
 */
export const OBJECT_KINDS = {
  framework: { urnKinds: ['framework'], libraries: null },
  area: { urnKinds: ['area'], libraries: ['toolkit'] },
  requirement: { urnKinds: ['requirement'], libraries: null },
  provision: { urnKinds: ['provision', 'principle', 'element'], libraries: null },
  technology: { urnKinds: ['technology'], libraries: ['catalogue'] },
  risk: { urnKinds: ['risk'], libraries: ['catalogue'] },
  topic: { urnKinds: ['topic'], libraries: ['method'] },
  group: { urnKinds: ['group'], libraries: ['method'] },
  'risk-method': { urnKinds: ['risk-method'], libraries: ['method'] },
  'impact-level': { urnKinds: ['impact-level'], libraries: ['method'] },
  questionnaire: { urnKinds: ['questionnaire'], libraries: ['questionnaire'] },
  question: { urnKinds: ['question'], libraries: ['questionnaire'] },
} as const satisfies Record<string, { urnKinds: readonly string[]; libraries: readonly string[] | null }>

export type TObjectKind = keyof typeof OBJECT_KINDS

export const OBJECT_KIND_IDS = Object.keys(OBJECT_KINDS) as TObjectKind[]

/** Why a URN does not fit the kind of object that carries it, or null when it does. */
export const urnKindMismatch = (urn: string, kind: TObjectKind): string | null => {
  const parsed = parseUrn(urn)
  if (!parsed) return `not a Custos URN (expected urn:custos:<library>:<kind>:<id>): ${urn}`
  const rule = OBJECT_KINDS[kind]
  const urnKinds: readonly string[] = rule.urnKinds
  if (!urnKinds.includes(parsed.kind)) {
    return `URN kind "${parsed.kind}" does not match a ${kind} (expected ${urnKinds.join(' or ')})`
  }
  const libraries: readonly string[] | null = rule.libraries
  if (libraries && !libraries.includes(parsed.library)) {
    return `URN library "${parsed.library}" does not match a ${kind} (expected ${libraries.join(' or ')})`
  }
  return null
}
