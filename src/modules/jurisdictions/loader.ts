/**
 * Loads content/jurisdictions/*.yaml and merges the World Bank governance indicators from
 * content/governance/wgi-2023.csv. Problems are collected, not thrown, so `custos jurisdictions
 * validate` lists them all at once; jurisdictions that pass are still loaded.
 *
 * Checks beyond the schema: the code is a real ISO 3166-1 alpha-2 code equal to the file name, the
 * alpha-3 code matches it, every fact cites a source that exists in content/sources/, and every
 * restriction names technologies of the catalogue.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import countries from 'i18n-iso-countries'
import { parse as parseYaml } from 'yaml'
import {
  checkWithCache,
  formatPath,
  type TCacheSpec,
  type TLibrary,
  type TProblem,
} from '../../content/index.ts'
import {
  type TDataset,
  type TGovernance,
  type TJurisdiction,
  type TJurisdictionFile,
  ZJurisdictionFile,
} from './schemas.ts'
import { parseWgiCsv, type TWgiRow } from './wgi.ts'

export const JURISDICTIONS_DIR = 'jurisdictions'
export const WGI_FILE = 'governance/wgi-2023.csv'
/** The source entry (content/sources/jurisdictions.yaml) of the WGI file, per its README. */
export const WGI_SOURCE_ID = 'wb-wgi-2024'

/**
 * Codes outside ISO 3166-1 that the dataset may use: Kosovo's user-assigned code, as the EU and
 * the World Bank use it (the format allows XK as an optional jurisdiction).
 */
const EXTRA_CODES: Record<string, string> = { XK: 'XKX' }

/** True for an ISO 3166-1 alpha-2 code (or one of the accepted user-assigned codes). */
export const isKnownAlpha2 = (code: string): boolean => code in EXTRA_CODES || countries.isValid(code)

const alpha3Of = (code: string): string | undefined => EXTRA_CODES[code] ?? countries.alpha2ToAlpha3(code)

export type TJurisdictionLoad = { dataset: TDataset; problems: TProblem[] }

const emptyGovernance = (source: string): TGovernance => ({
  ruleOfLaw: null,
  voiceAccountability: null,
  governmentEffectiveness: null,
  politicalStability: null,
  controlOfCorruption: null,
  regulatoryQuality: null,
  year: null,
  source,
})

const governanceOf = (row: TWgiRow | undefined): TGovernance =>
  row
    ? {
        ruleOfLaw: row.ruleOfLaw,
        voiceAccountability: row.voiceAccountability,
        governmentEffectiveness: row.governmentEffectiveness,
        politicalStability: row.politicalStability,
        controlOfCorruption: row.controlOfCorruption,
        regulatoryQuality: row.regulatoryQuality,
        year: row.year,
        source: WGI_SOURCE_ID,
      }
    : emptyGovernance(WGI_SOURCE_ID)

/** `Source: World Bank, Worldwide Governance Indicators (url), CC BY 4.0` from the source entry. */
const attributionOf = (library: TLibrary): string => {
  const source = library.sources.get(WGI_SOURCE_ID)
  if (!source) return `Source: ${WGI_SOURCE_ID} (source entry missing)`
  const where = source.url ? ` (${source.url})` : ''
  return `Source: ${source.publisher}, ${source.title}${where}${source.licence ? `, ${source.licence}` : ''}`
}

const readWgi = (contentDir: string, displayDir: string, problems: TProblem[]): Map<string, TWgiRow> => {
  const file = `${displayDir}/${WGI_FILE}`
  let text: string
  try {
    text = readFileSync(join(contentDir, WGI_FILE), 'utf8')
  } catch {
    problems.push({ file, message: 'governance file not found; every enforcement context will be unknown' })
    return new Map()
  }
  const { rows, problems: csvProblems } = parseWgiCsv(text)
  for (const problem of csvProblems) problems.push({ file, message: problem })
  return new Map(rows.map((row) => [row.iso2, row]))
}

/** Checks that go beyond one file's schema: ISO codes, file name, sources, technologies. */
const checkJurisdiction = (
  jurisdiction: TJurisdiction,
  fileName: string,
  file: string,
  library: TLibrary,
  problems: TProblem[],
): void => {
  const { code } = jurisdiction
  const problem = (field: string, message: string) => problems.push({ file, field, message })
  if (`${code}.yaml` !== fileName) problem('code', `code ${code} does not match the file name ${fileName}`)
  if (!isKnownAlpha2(code)) problem('code', `${code} is not an ISO 3166-1 alpha-2 code`)
  else if (alpha3Of(code) !== jurisdiction.iso3) {
    problem('iso3', `${jurisdiction.iso3} is not the alpha-3 code of ${code} (expected ${alpha3Of(code)})`)
  }
  const cites = (field: string, source: string) => {
    if (library.sources.size > 0 && !library.sources.has(source)) {
      problem(field, `source "${source}" is not in content/sources/`)
    }
  }
  for (const [id, fact] of Object.entries(jurisdiction.memberships))
    cites(`memberships.${id}.source`, fact.source)
  for (const [id, fact] of Object.entries(jurisdiction.topics)) cites(`topics.${id}.source`, fact.source)
  const seen = new Set<string>()
  jurisdiction.restrictions.forEach((restriction, index) => {
    const at = `restrictions[${index}]`
    if (seen.has(restriction.id)) problem(`${at}.id`, `duplicate restriction id ${restriction.id}`)
    seen.add(restriction.id)
    cites(`${at}.source`, restriction.source)
    for (const technology of restriction.technologies) {
      if (library.technologies.size > 0 && !library.technologies.has(technology)) {
        problem(`${at}.technologies`, `"${technology}" is not a technology of the catalogue`)
      }
    }
  })
}

/** The check cache of the jurisdiction files: what decides a checked file is this loader and its schemas. */
export const JURISDICTIONS_CACHE: TCacheSpec = {
  name: 'jurisdictions',
  code: ['loader.ts', 'schemas.ts'].map((name) => new URL(`./${name}`, import.meta.url)),
}

type TParsedFile = { data: TJurisdictionFile | null; problems: TProblem[] }

/**
 * YAML and schema checks of one file: the part that depends on the file alone, so it can be cached
 * (the checks against the library and the governance data run on every load).
 */
const parseJurisdictionFile = (source: { file: string; text: string }): TParsedFile => {
  const { file } = source
  let data: unknown
  try {
    data = parseYaml(source.text)
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)
    return { data: null, problems: [{ file, message: `YAML syntax error: ${message}` }] }
  }
  const parsed = ZJurisdictionFile.safeParse(data)
  if (parsed.success) return { data: parsed.data, problems: [] }
  return {
    data: null,
    problems: parsed.error.issues.map((issue) => {
      const field = formatPath(issue.path)
      return { file, ...(field ? { field } : {}), message: issue.message }
    }),
  }
}

/** Loads every jurisdiction file with its governance indicators; problems are listed, not thrown. */
export const loadJurisdictions = (options: {
  contentDir: string
  displayDir?: string
  library: TLibrary
  /** False: parse and check every file afresh (the check cache is neither read nor written). */
  cache?: boolean
}): TJurisdictionLoad => {
  const { contentDir, library } = options
  const displayDir = options.displayDir ?? library.displayDir
  const problems: TProblem[] = []
  const jurisdictions = new Map<string, TJurisdiction>()
  const wgi = readWgi(contentDir, displayDir, problems)
  const years = [...wgi.values()].map((row) => row.year).filter((year): year is number => year !== null)
  const dataset: TDataset = {
    jurisdictions,
    governance: {
      source: WGI_SOURCE_ID,
      attribution: attributionOf(library),
      year: years.length > 0 ? Math.max(...years) : null,
    },
  }
  if (library.sources.size > 0 && !library.sources.has(WGI_SOURCE_ID)) {
    problems.push({
      file: `${displayDir}/${WGI_FILE}`,
      message: `source "${WGI_SOURCE_ID}" is not in content/sources/`,
    })
  }

  const dir = join(contentDir, JURISDICTIONS_DIR)
  let names: string[]
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory')
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort()
  } catch {
    problems.push({ file: `${displayDir}/${JURISDICTIONS_DIR}`, message: 'jurisdiction directory not found' })
    return { dataset, problems }
  }

  const sources = names.map((name) => ({
    file: `${displayDir}/${JURISDICTIONS_DIR}/${name}`,
    kind: 'jurisdiction',
    text: readFileSync(join(dir, name), 'utf8'),
  }))
  const checked =
    options.cache === false
      ? sources.map(parseJurisdictionFile)
      : checkWithCache(JURISDICTIONS_CACHE, contentDir, sources, parseJurisdictionFile)
  for (const [i, name] of names.entries()) {
    const file = sources[i]!.file
    const { data, problems: fileProblems } = checked[i]!
    if (!data) {
      problems.push(...fileProblems)
      continue
    }
    const jurisdiction: TJurisdiction = { ...data, governance: governanceOf(wgi.get(data.code)) }
    checkJurisdiction(jurisdiction, name, file, library, problems)
    if (jurisdictions.has(jurisdiction.code)) {
      problems.push({ file, field: 'code', message: `jurisdiction ${jurisdiction.code} is defined twice` })
      continue
    }
    jurisdictions.set(jurisdiction.code, jurisdiction)
  }
  return { dataset, problems }
}
