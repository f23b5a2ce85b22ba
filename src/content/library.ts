/**
 * The typed, indexed library the engines use: everything under content/ loaded once, checked, and
 * reachable by URN and by kind. Built by loader.ts; read-only at run time.
 */
import type {
  TArea,
  TFramework,
  TGroup,
  TImpactLevel,
  TImpactLevelId,
  TProvision,
  TQuestion,
  TQuestionnaire,
  TRelationship,
  TRequirement,
  TRight,
  TRiskMethod,
  TRiskTemplate,
  TSource,
  TTechnology,
  TTopic,
} from './schemas.ts'
import type { TText } from './text.ts'
import type { TObjectKind } from './urn.ts'

/** One finding of the loader or validator: which file, which object, which field, what is wrong. */
export type TProblem = { file: string; urn?: string; field?: string; message: string }

/** `content/x.yaml: urn:… field: message` — the form every problem is printed in. */
export const formatProblem = (problem: TProblem): string => {
  const where = [problem.urn, problem.field].filter(Boolean).join(' ')
  return `${problem.file}: ${where ? `${where}: ` : ''}${problem.message}`
}

/** Any object with a URN, as the generic index holds it. */
export type TLibraryObject = {
  urn: string
  kind: TObjectKind
  version: number
  title: TText
  file: string
  /** URN of the object this one belongs to (a requirement's framework, a question's questionnaire). */
  parent?: string
  value: unknown
}

export type TFrameworkEntry = {
  id: string
  file: string
  framework: TFramework
  areas: TArea[]
  requirements: TRequirement[]
  provisions: TProvision[]
}

/** A crosswalk link seen from one end: `other` is the object at the far end. */
export type TCrosswalkLink = {
  from: string
  to: string
  relationship: TRelationship
  direction: 'outgoing' | 'incoming'
  other: string
  note?: TText
}

export type TLibrary = {
  contentDir: string
  /** How problems name the content directory: relative to the working directory when inside it. */
  displayDir: string
  files: string[]
  sources: Map<string, TSource>
  frameworks: Map<string, TFrameworkEntry>
  areas: Map<string, TArea>
  requirements: Map<string, TRequirement>
  provisions: Map<string, TProvision>
  technologies: Map<string, TTechnology>
  risks: Map<string, TRiskTemplate & { technology: string }>
  topics: Map<string, TTopic>
  groups: Map<string, TGroup>
  rights: Map<string, TRight>
  riskMethod: TRiskMethod | null
  impactLevels: Map<TImpactLevelId, TImpactLevel>
  questionnaires: Map<string, TQuestionnaire>
  questions: Map<string, TQuestion & { questionnaire: string }>
  objects: Map<string, TLibraryObject>
  crosswalk: Map<string, TCrosswalkLink[]>
}

/** The inverse of a crosswalk relationship: if A is a subset of B, B is a superset of A. */
export const inverseRelationship = (relationship: TRelationship): TRelationship => {
  if (relationship === 'subset') return 'superset'
  if (relationship === 'superset') return 'subset'
  return relationship
}

/** Crosswalk links of an object in both directions (outgoing links it declares, incoming ones). */
export const crosswalkOf = (library: TLibrary, urn: string): TCrosswalkLink[] =>
  library.crosswalk.get(urn) ?? []

/** Objects of one kind, in content order. */
export const objectsOfKind = (library: TLibrary, kind: TObjectKind): TLibraryObject[] =>
  [...library.objects.values()].filter((object) => object.kind === kind)
