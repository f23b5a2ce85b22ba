/**
 * Loads every YAML file of the library under content/ (except jurisdictions/, which has its own
 * format and loader), checks each object against its schema, and builds the typed index. Problems are
 * collected, not thrown, so `custos library validate` can list them all at once; the objects that
 * pass are still indexed so a typo in one question does not hide the rest of the library.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { paths } from '../core/paths.ts'
import { checkWithCache, type TCacheSpec } from './cache.ts'
import { inverseRelationship, type TFrameworkEntry, type TLibrary, type TProblem } from './library.ts'
import {
  FILE_SHAPES,
  FILE_SINGLES,
  type TArea,
  type TFileKind,
  type TFramework,
  type TGroup,
  type TImpactLevel,
  type TProvision,
  type TQuestion,
  type TQuestionnaireHeader,
  type TRequirement,
  type TRight,
  type TRiskMethod,
  type TRiskTemplate,
  type TSource,
  type TTechnology,
  type TTopic,
  ZRiskTemplate,
} from './schemas.ts'
import type { TText } from './text.ts'
import { type TObjectKind, urnKindMismatch } from './urn.ts'

/** content/ at the root of the package, whatever the working directory (and under tsx or bundled). */
export const defaultContentDir = (): string => paths.content()

/** Folders under content/ that belong to other loaders (jurisdiction facts, WGI governance data). */
const FOREIGN_DIRS = new Set(['jurisdictions', 'governance'])

/** Which kind of file a path under content/ is, from its place (the format's fixed layout). */
export const fileKindOf = (relativePath: string): TFileKind | null => {
  const parts = relativePath.split(sep).join('/').split('/')
  const [first, second] = parts
  if (parts.length === 1) {
    if (first === 'sources.yaml') return 'sources'
    if (first === 'technologies.yaml') return 'technologies'
    if (first === 'topics.yaml') return 'topics'
    if (first === 'affected-groups.yaml') return 'groups'
    if (first === 'risk-method.yaml') return 'riskMethod'
    return null
  }
  if (parts.length === 2 && second !== undefined) {
    if (first === 'sources') return 'sources'
    if (first === 'frameworks') return 'framework'
    if (first === 'questionnaires') return 'questionnaire'
  }
  return null
}

const listYamlFiles = (dir: string, root: string = dir): string[] => {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) {
      if (dir === root && FOREIGN_DIRS.has(name)) continue
      out.push(...listYamlFiles(full, root))
    } else if (name.endsWith('.yaml') || name.endsWith('.yml')) {
      out.push(full)
    }
  }
  return out
}

/** `requirements[3].links[0].target` from a zod issue path. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('')

const urnOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined
  const urn = (value as Record<string, unknown>).urn
  return typeof urn === 'string' ? urn : undefined
}

type TSourceFile = { file: string; kind: TFileKind; text: string }

/** A file after YAML parsing and schema checks: what the cache keeps. */
type TCheckedFile = {
  singles: Record<string, unknown>
  lists: Record<string, unknown[]>
  problems: TProblem[]
}

export type TLoadResult = { library: TLibrary; problems: TProblem[] }

/** `content` when run from the package root; otherwise the shortest honest path to the folder. */
export const displayDirOf = (contentDir: string): string => {
  const rel = relative(process.cwd(), contentDir).split(sep).join('/')
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? contentDir.split(sep).join('/') : rel
}

const emptyLibrary = (contentDir: string): TLibrary => ({
  contentDir,
  displayDir: displayDirOf(contentDir),
  files: [],
  sources: new Map(),
  frameworks: new Map(),
  areas: new Map(),
  requirements: new Map(),
  provisions: new Map(),
  technologies: new Map(),
  risks: new Map(),
  topics: new Map(),
  groups: new Map(),
  rights: new Map(),
  riskMethod: null,
  impactLevels: new Map(),
  questionnaires: new Map(),
  questions: new Map(),
  objects: new Map(),
  crosswalk: new Map(),
})

/** Lists and reads the library files; unreadable files and unknown places become problems. */
const readFiles = (contentDir: string, displayDir: string, problems: TProblem[]): TSourceFile[] => {
  const out: TSourceFile[] = []
  for (const full of listYamlFiles(contentDir)) {
    const rel = relative(contentDir, full)
    const file = `${displayDir}/${rel.split(sep).join('/')}`
    const kind = fileKindOf(rel)
    if (!kind) {
      problems.push({
        file,
        message:
          'not a known library file (see the content format: frameworks/, questionnaires/, sources/, …)',
      })
      continue
    }
    try {
      out.push({ file, kind, text: readFileSync(full, 'utf8') })
    } catch (error) {
      problems.push({ file, message: `cannot read: ${(error as Error).message}` })
    }
  }
  return out
}

type TChecker = {
  problems: TProblem[]
  check: <T>(schema: z.ZodType<T>, value: unknown, file: string, at: string) => T | null
}

const makeChecker = (problems: TProblem[]): TChecker => ({
  problems,
  check: <T>(schema: z.ZodType<T>, value: unknown, file: string, at: string): T | null => {
    const result = schema.safeParse(value)
    if (result.success) return result.data
    const urn = urnOf(value)
    for (const issue of result.error.issues) {
      const inner = formatPath(issue.path)
      const field = urn
        ? inner || undefined
        : [at, inner].filter(Boolean).join(inner.startsWith('[') ? '' : '.')
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
      const hint = keys.some((key) => /\s/.test(key))
        ? ' (an unquoted comma inside a { en: … } map splits the text: quote it)'
        : ''
      problems.push({
        file,
        ...(urn ? { urn } : {}),
        ...(field ? { field } : {}),
        message: `${issue.message}${hint}`,
      })
    }
    return null
  },
})

/** Splits a file into its singles and list items, checking top-level keys against the file kind. */
const checkFile = (
  raw: { file: string; kind: TFileKind; data: Record<string, unknown> },
  checker: TChecker,
): { singles: Record<string, unknown>; lists: Record<string, unknown[]> } => {
  const shapes = FILE_SHAPES[raw.kind] as Record<string, z.ZodType<unknown>>
  const singleShapes = FILE_SINGLES[raw.kind] as Record<string, z.ZodType<unknown>>
  const singles: Record<string, unknown> = {}
  const lists: Record<string, unknown[]> = {}
  for (const [key, value] of Object.entries(raw.data)) {
    const single = singleShapes[key]
    const item = shapes[key]
    if (single) {
      const parsed = checker.check(single, value, raw.file, key)
      if (parsed) singles[key] = parsed
    } else if (item) {
      if (!Array.isArray(value)) {
        checker.problems.push({ file: raw.file, field: key, message: 'must be a list' })
        continue
      }
      lists[key] = []
      value.forEach((entry, index) => {
        const parsed = checker.check(item, entry, raw.file, `${key}[${index}]`)
        if (parsed) (lists[key] as unknown[]).push(parsed)
      })
    } else {
      const allowed = [...Object.keys(singleShapes), ...Object.keys(shapes)].join(', ')
      checker.problems.push({
        file: raw.file,
        field: key,
        message: `unknown top-level key (expected ${allowed})`,
      })
    }
  }
  for (const key of Object.keys(singleShapes)) {
    if (!(key in raw.data)) checker.problems.push({ file: raw.file, field: key, message: 'missing' })
  }
  return { singles, lists }
}

/** Parses one file and checks it against its schemas (technologies: each risk template too). */
const parseAndCheck = (source: TSourceFile): TCheckedFile => {
  const problems: TProblem[] = []
  const empty = { singles: {}, lists: {}, problems }
  let data: unknown
  try {
    data = parseYaml(source.text)
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    problems.push({ file: source.file, message: `YAML syntax error: ${message}` })
    return empty
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ file: source.file, message: 'the file must hold a YAML mapping at the top level' })
    return empty
  }
  const checker = makeChecker(problems)
  const { singles, lists } = checkFile(
    { file: source.file, kind: source.kind, data: data as Record<string, unknown> },
    checker,
  )
  if (source.kind === 'technologies') {
    for (const technology of (lists.technologies ?? []) as { urn: string; risks: unknown[] }[]) {
      const risks: TRiskTemplate[] = []
      technology.risks.forEach((rawRisk, index) => {
        const risk = checker.check(ZRiskTemplate, rawRisk, source.file, `${technology.urn} risks[${index}]`)
        if (risk) risks.push(risk)
      })
      technology.risks = risks
    }
  }
  return { singles, lists, problems }
}

/** The library's check cache: what decides a checked file is this loader, its schemas and their parts. */
export const LIBRARY_CACHE: TCacheSpec = {
  name: 'library',
  code: ['loader.ts', 'schemas.ts', 'text.ts', 'urn.ts'].map((name) => new URL(`./${name}`, import.meta.url)),
}

/** Loads content/ and returns the index plus every problem found while reading and parsing. */
export const loadLibrary = (options: { contentDir?: string; cache?: boolean } = {}): TLoadResult => {
  const contentDir = options.contentDir ?? defaultContentDir()
  const problems: TProblem[] = []
  const library = emptyLibrary(contentDir)
  try {
    if (!statSync(contentDir).isDirectory()) throw new Error('not a directory')
  } catch {
    problems.push({ file: library.displayDir, message: 'content directory not found' })
    return { library, problems }
  }
  const sources = readFiles(contentDir, library.displayDir, problems)
  library.files = sources.map((source) => source.file)
  const checked =
    options.cache === false
      ? sources.map(parseAndCheck)
      : checkWithCache(LIBRARY_CACHE, contentDir, sources, parseAndCheck)

  const sourceFiles = new Map<string, string>()
  const register = (
    kind: TObjectKind,
    object: { urn: string; version: number; title: TText },
    file: string,
    value: unknown,
    parent?: string,
  ): boolean => {
    const mismatch = urnKindMismatch(object.urn, kind)
    if (mismatch) problems.push({ file, urn: object.urn, field: 'urn', message: mismatch })
    const existing = library.objects.get(object.urn)
    if (existing) {
      problems.push({
        file,
        urn: object.urn,
        field: 'urn',
        message: `duplicate URN (also in ${existing.file})`,
      })
      return false
    }
    library.objects.set(object.urn, {
      urn: object.urn,
      kind,
      version: object.version,
      title: object.title,
      file,
      ...(parent ? { parent } : {}),
      value,
    })
    return true
  }

  sources.forEach((source, index) => {
    const { singles, lists, problems: fileProblems } = checked[index] as TCheckedFile
    problems.push(...fileProblems)
    const file = source.file
    switch (source.kind) {
      case 'sources':
        for (const source of (lists.sources ?? []) as TSource[]) {
          const previous = sourceFiles.get(source.id)
          if (previous) {
            problems.push({
              file,
              field: `sources.${source.id}`,
              message: `duplicate source id (also in ${previous})`,
            })
            continue
          }
          sourceFiles.set(source.id, file)
          library.sources.set(source.id, source)
        }
        break
      case 'framework': {
        const framework = singles.framework as TFramework | undefined
        if (!framework) break
        const entry: TFrameworkEntry = {
          id: framework.urn.split(':').at(-1) ?? framework.urn,
          file,
          framework,
          areas: [],
          requirements: [],
          provisions: [],
        }
        if (!register('framework', framework, file, framework)) break
        library.frameworks.set(entry.id, entry)
        for (const area of (lists.areas ?? []) as TArea[]) {
          if (!register('area', area, file, area, framework.urn)) continue
          entry.areas.push(area)
          library.areas.set(area.urn, area)
        }
        for (const requirement of (lists.requirements ?? []) as TRequirement[]) {
          if (!register('requirement', requirement, file, requirement, framework.urn)) continue
          entry.requirements.push(requirement)
          library.requirements.set(requirement.urn, requirement)
        }
        for (const provision of (lists.provisions ?? []) as TProvision[]) {
          if (!register('provision', provision, file, provision, framework.urn)) continue
          entry.provisions.push(provision)
          library.provisions.set(provision.urn, provision)
        }
        if (!lists.provisions && !lists.requirements) {
          problems.push({
            file,
            urn: framework.urn,
            message: 'a framework file needs `provisions` or `areas` + `requirements`',
          })
        }
        break
      }
      case 'technologies':
        for (const candidate of (lists.technologies ?? []) as TTechnology[]) {
          const technology: TTechnology = { ...candidate, risks: [] }
          if (!register('technology', technology, file, technology)) continue
          library.technologies.set(technology.id, technology)
          for (const risk of candidate.risks) {
            if (!register('risk', risk, file, risk, technology.urn)) continue
            technology.risks.push(risk)
            library.risks.set(risk.urn, { ...risk, technology: technology.id })
          }
        }
        break
      case 'topics':
        for (const topic of (lists.topics ?? []) as TTopic[]) {
          if (register('topic', topic, file, topic)) library.topics.set(topic.id, topic)
        }
        break
      case 'groups':
        for (const group of (lists.groups ?? []) as TGroup[]) {
          if (register('group', group, file, group)) library.groups.set(group.id, group)
        }
        break
      case 'riskMethod': {
        const method = singles.riskMethod as TRiskMethod | undefined
        if (method && register('risk-method', method, file, method)) library.riskMethod = method
        for (const right of (lists.rights ?? []) as TRight[]) {
          if (library.rights.has(right.id)) {
            problems.push({ file, field: `rights.${right.id}`, message: 'duplicate right id' })
            continue
          }
          library.rights.set(right.id, right)
        }
        for (const level of (lists.impactLevels ?? []) as TImpactLevel[]) {
          if (!register('impact-level', level, file, level, method?.urn)) continue
          if (library.impactLevels.has(level.level)) {
            problems.push({
              file,
              urn: level.urn,
              field: 'level',
              message: `impact level ${level.level} is defined twice`,
            })
            continue
          }
          library.impactLevels.set(level.level, level)
        }
        break
      }
      case 'questionnaire': {
        const header = singles.questionnaire as TQuestionnaireHeader | undefined
        if (!header) break
        if (!register('questionnaire', header, file, header)) break
        const questionnaire = { ...header, questions: [] as TQuestion[] }
        library.questionnaires.set(header.id, questionnaire)
        for (const question of (lists.questions ?? []) as TQuestion[]) {
          const indexed = { urn: question.urn, version: question.version, title: question.text }
          if (!register('question', indexed, file, question, header.urn)) continue
          questionnaire.questions.push(question)
          library.questions.set(question.urn, { ...question, questionnaire: header.id })
        }
        break
      }
    }
  })
  buildCrosswalk(library)
  return { library, problems }
}

/** Indexes every crosswalk link under both of its ends, so each side can show the other. */
const buildCrosswalk = (library: TLibrary): void => {
  const add = (urn: string, link: TLibrary['crosswalk'] extends Map<string, (infer L)[]> ? L : never) => {
    const list = library.crosswalk.get(urn)
    if (list) list.push(link)
    else library.crosswalk.set(urn, [link])
  }
  const linkSources: { urn: string; links: TRequirement['links'] }[] = [
    ...[...library.requirements.values()].map((r) => ({ urn: r.urn, links: r.links })),
    ...[...library.provisions.values()].map((p) => ({ urn: p.urn, links: p.links ?? [] })),
  ]
  for (const { urn, links } of linkSources) {
    for (const link of links) {
      const note = link.note ? { note: link.note } : {}
      add(urn, {
        from: urn,
        to: link.target,
        relationship: link.relationship,
        direction: 'outgoing',
        other: link.target,
        ...note,
      })
      add(link.target, {
        from: urn,
        to: link.target,
        relationship: inverseRelationship(link.relationship),
        direction: 'incoming',
        other: urn,
        ...note,
      })
    }
  }
}
