/**
 * The library module's entry point for the engines: `getLibrary()` loads content/ once per process
 * and returns the typed index; `checkLibrary()` runs every check (schemas, references, lock).
 */
import type { TLibrary, TProblem } from './library.ts'
import { defaultContentDir, loadLibrary } from './loader.ts'
import { checkLock, readLock } from './lock.ts'
import { validateLibrary } from './validate.ts'

export { checkWithCache, type TCacheSpec } from './cache.ts'
export {
  applicableQuestions,
  evaluateCondition,
  type TAnswers,
  type TAnswerValue,
  type TDeploymentFacts,
} from './conditions.ts'
export { crosswalkCoverage, type TFrameworkCoverage } from './coverage.ts'
export type { TCrosswalkLink, TLibrary, TLibraryObject, TProblem } from './library.ts'
export { crosswalkOf, formatProblem, objectsOfKind } from './library.ts'
export { defaultContentDir, formatPath, loadLibrary } from './loader.ts'
export { readLock, updatedLock, writeLock } from './lock.ts'
export {
  adjustedLikelihood,
  higherPriority,
  impactLevelFor,
  likelihoodRulesFor,
  mandatorySafeguardsOf,
  priorityOf,
  severityOf,
  type TGovernanceFacts,
} from './method.ts'
export {
  type TArea,
  TOPIC_IDS,
  type TProvision,
  type TQuestionnaire,
  type TRequirement,
  type TSource,
  type TTopic,
} from './schemas.ts'
export {
  contentLanguage,
  isLocale,
  LOCALES,
  localise,
  localiseDeep,
  localised,
  type TLocale,
  type TText,
  ZText,
} from './text.ts'
export { OBJECT_KIND_IDS, type TObjectKind } from './urn.ts'

/** Loads and checks the library: schema problems, semantic problems and lock problems together. */
export const checkLibrary = (
  options: { contentDir?: string } = {},
): { library: TLibrary; problems: TProblem[] } => {
  const contentDir = options.contentDir ?? defaultContentDir()
  const { library, problems } = loadLibrary({ contentDir })
  const { lock, problems: lockProblems } = readLock(contentDir)
  return {
    library,
    problems: [...problems, ...validateLibrary(library), ...lockProblems, ...checkLock(library, lock)],
  }
}

let cached: { dir: string; library: TLibrary; problems: TProblem[] } | null = null

/**
 * The library, loaded once per process (read-only at run time). Content problems do not stop it:
 * objects that fail their schema are left out (see `loadProblems()`), and `custos library validate`
 * (part of `npm test`) is where problems are caught.
 */
export const getLibrary = (options: { contentDir?: string } = {}): TLibrary => {
  const dir = options.contentDir ?? defaultContentDir()
  if (cached?.dir !== dir) {
    const { library, problems } = loadLibrary({ contentDir: dir })
    cached = { dir, library, problems }
  }
  return cached.library
}

/** Problems found when `getLibrary()` loaded the library (schema and file problems only). */
export const loadProblems = (): readonly TProblem[] => cached?.problems ?? []
