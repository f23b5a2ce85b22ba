/**
 * Reads the technologies and countries a person typed (CLI flags, query parameters, the UI) into
 * catalogue ids and jurisdiction codes, case-insensitively. Anything unknown becomes one
 * `unknown_value` error that names each unknown value and suggests the nearest ones, e.g.
 * "'DEU' is a three-letter code; countries are given by their two-letter code. Did you mean DE
 * (Germany)?" — the API answers 422 with it, the CLI exits 2 with it and the valid values.
 */
import countries from 'i18n-iso-countries'
import { AppError } from '../../core/errors.ts'
import { closest } from '../../core/suggest.ts'
import type { TDataset } from './schemas.ts'

/**
 * The most technologies and countries one analysis takes, counted after duplicates are removed:
 * enough for the whole catalogue and every jurisdiction of the dataset (all 195 at once is a fair
 * question), small enough to refuse a runaway list.
 */
export const MAX_TECHNOLOGIES = 100
export const MAX_COUNTRIES = 300

/**
 * Codes people use that ISO 3166-1 does not: the United Kingdom as UK and Greece as EL (the EU's own
 * codes). They are refused like any unknown value, but with the ISO code meant.
 */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' }

/** A value meant instead of an unknown one: the id or code to use and what it names. */
export type TSuggestion = { code: string; name: string }

/**
 * One unknown value: a short sentence for people (no list of every valid value: the API and the
 * UI answer with suggestions; the CLI adds the valid values itself, `withValidValues`), the value as
 * typed, and the values meant — as ids (`suggestions`) and with their names (`suggested`).
 */
export type TInputIssue = {
  path: 'technologies' | 'countries'
  message: string
  value: string
  suggestions: string[]
  suggested: TSuggestion[]
}

/** `A`, `A or B`, `A, B or C`. */
const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`

const didYouMean = (suggested: readonly TSuggestion[]): string =>
  suggested.length === 0 ? '' : ` Did you mean ${orList(suggested.map((s) => `${s.code} (${s.name})`))}?`

/** `a, b,,C`, `a b;c` or ['a', 'b,c'] → ['a', 'b', 'c'], trimmed, without empties, first occurrence kept. */
export const splitList = (
  raw: string | readonly string[] | undefined,
  normalise: (value: string) => string,
): string[] => {
  const parts = (typeof raw === 'string' ? [raw] : (raw ?? [])).flatMap((item) => item.split(/[\s,;]+/))
  const out: string[] = []
  for (const part of parts) {
    const value = normalise(part.trim())
    if (value !== '' && !out.includes(value)) out.push(value)
  }
  return out
}

/** Candidates that contain the value, or else are within a third of its length in edits. */
export const nearest = (value: string, candidates: readonly string[], count = 3): string[] => {
  const containing = candidates.filter((candidate) => candidate.includes(value) || value.includes(candidate))
  if (containing.length > 0 && value.length >= 3) return containing.slice(0, count)
  return closest(value, candidates, count, Math.max(2, Math.ceil(value.length / 3)))
}

/** The title of a technology id, for suggestions; the id itself when no title is known. */
export type TTechnologyTitle = (id: string) => string

export const technologyIssue = (
  value: string,
  valid: readonly string[],
  titleOf: TTechnologyTitle = (id) => id,
): TInputIssue => {
  const suggestions = nearest(value, valid)
  const suggested = suggestions.map((code) => ({ code, name: titleOf(code) }))
  return {
    path: 'technologies',
    value,
    suggestions,
    suggested,
    message:
      suggested.length > 0
        ? `Unknown technology '${value}'.${didYouMean(suggested)}`
        : `Unknown technology '${value}': it is not in the technology catalogue.`,
  }
}

const normalisedName = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

export const countryIssue = (raw: string, dataset: TDataset): TInputIssue => {
  const value = raw.toUpperCase()
  const issue = (message: string, codes: string[] = []): TInputIssue => {
    const suggested = codes.map((code) => ({ code, name: dataset.jurisdictions.get(code)?.name.en ?? code }))
    return {
      path: 'countries',
      value: raw,
      suggestions: codes,
      suggested,
      message: `${message}${didYouMean(suggested)}`,
    }
  }
  const alias = COUNTRY_ALIASES[value]
  if (alias && dataset.jurisdictions.has(alias)) {
    return issue(`'${raw}' is not an ISO 3166-1 alpha-2 country code.`, [alias])
  }
  if (/^[A-Z]{3}$/.test(value)) {
    const alpha2 = value === 'XKX' ? 'XK' : countries.alpha3ToAlpha2(value)
    if (alpha2 && dataset.jurisdictions.has(alpha2)) {
      return issue(`'${raw}' is a three-letter code; countries are given by their two-letter code.`, [alpha2])
    }
  }
  if (/^[A-Z]{2}$/.test(value) && countries.isValid(value)) {
    const name = countries.getName(value, 'en')
    return issue(
      `No jurisdiction data for '${raw}'${name ? ` (${name})` : ''}: the dataset covers the UN member and observer states.`,
    )
  }
  // A country name ("Germany", "allemagne", "Côte d'Ivoire") in any of the dataset's languages.
  const name = normalisedName(raw)
  if (name.length >= 3) {
    const byName = [...dataset.jurisdictions.values()].filter((j) =>
      Object.values(j.name).some((n) => typeof n === 'string' && normalisedName(n).startsWith(name)),
    )
    if (byName.length > 0) {
      return issue(
        `'${raw}' is a country name; countries are given by their two-letter ISO code.`,
        byName.slice(0, 3).map((j) => j.code),
      )
    }
  }
  return issue(`Unknown country code '${raw}'.`)
}

/** The one error for every unknown value of a request, so a person fixes them all at once. */
const unknownValues = (issues: TInputIssue[]): AppError =>
  new AppError('unknown_value', issues.map((i) => i.message).join('\n'), { details: { issues } })

/**
 * The CLI's version of an input error: each issue followed by the valid values (every technology
 * id; every country code when nothing near was found), as a terminal user has no picker.
 */
export const withValidValues = (
  error: unknown,
  context: { technologyIds: readonly string[]; dataset: TDataset },
): unknown => {
  if (!(error instanceof AppError) || !['unknown_value', 'validation_failed'].includes(error.code))
    return error
  const issues = error.details?.issues
  if (!Array.isArray(issues)) return error
  const codes = [...context.dataset.jurisdictions.keys()].sort().join(', ')
  const lines = (issues as TInputIssue[]).map((issue) => {
    if (issue.path === 'technologies' && !issue.message.startsWith('At most'))
      return `${issue.message} Valid technologies: ${context.technologyIds.join(', ')}.`
    if (issue.path === 'countries' && issue.suggestions.length === 0 && !issue.message.startsWith('At most'))
      return `${issue.message} Valid codes: ${codes}.`
    return issue.message
  })
  return new AppError(error.code, lines.join('\n'), { details: { issues } })
}

export type TGapRequest = { technologies: string[]; countries: string[] }

/**
 * Technologies (catalogue ids, lower-cased) and countries (alpha-2, upper-cased) from raw input;
 * throws `validation_failed` when a list is empty or too long, `unknown_value` for unknown values.
 */
export const resolveGapRequest = (
  raw: {
    technologies: string | readonly string[] | undefined
    countries: string | readonly string[] | undefined
  },
  context: { technologyIds: readonly string[]; dataset: TDataset; technologyTitle?: TTechnologyTitle },
): TGapRequest => {
  const technologies = splitList(raw.technologies, (value) => value.toLowerCase())
  // Codes keep their spelling for the messages ('Germany'), but `de` and `DE` are one country.
  const codes = splitList(raw.countries, (value) => value).filter(
    (code, index, all) => all.findIndex((other) => other.toUpperCase() === code.toUpperCase()) === index,
  )
  const empty: TInputIssue[] = []
  const valid = context.technologyIds
  if (technologies.length === 0) {
    empty.push({
      path: 'technologies',
      value: '',
      suggestions: [],
      suggested: [],
      message: 'Choose at least one technology.',
    })
  }
  if (codes.length === 0) {
    empty.push({
      path: 'countries',
      value: '',
      suggestions: [],
      suggested: [],
      message: 'Add at least one country, by its two-letter ISO 3166-1 code (e.g. DE, NG, BR).',
    })
  }
  if (technologies.length > MAX_TECHNOLOGIES) {
    empty.push({
      path: 'technologies',
      value: '',
      suggestions: [],
      suggested: [],
      message: `At most ${MAX_TECHNOLOGIES} technologies per analysis.`,
    })
  }
  if (codes.length > MAX_COUNTRIES) {
    empty.push({
      path: 'countries',
      value: '',
      suggestions: [],
      suggested: [],
      message: `At most ${MAX_COUNTRIES} countries per analysis.`,
    })
  }
  if (empty.length > 0)
    throw new AppError('validation_failed', empty.map((i) => i.message).join('\n'), {
      details: { issues: empty },
    })

  const issues: TInputIssue[] = []
  for (const id of technologies)
    if (!valid.includes(id)) issues.push(technologyIssue(id, valid, context.technologyTitle))
  const resolved: string[] = []
  for (const code of codes) {
    const upper = code.toUpperCase()
    if (context.dataset.jurisdictions.has(upper)) {
      if (!resolved.includes(upper)) resolved.push(upper)
    } else issues.push(countryIssue(code, context.dataset))
  }
  if (issues.length > 0) throw unknownValues(issues)
  return { technologies, countries: resolved }
}

/** One technology id (case-insensitive), or `unknown_value` with the nearest ids and the valid ones. */
export const resolveTechnology = (
  raw: string,
  technologyIds: readonly string[],
  technologyTitle?: TTechnologyTitle,
): string => {
  const id = raw.trim().toLowerCase()
  if (technologyIds.includes(id)) return id
  throw unknownValues([technologyIssue(id, technologyIds, technologyTitle)])
}

/** One jurisdiction code from a path or argument, or `unknown_value` with the same suggestions. */
export const resolveCountry = (raw: string, dataset: TDataset): string => {
  const upper = raw.trim().toUpperCase()
  if (dataset.jurisdictions.has(upper)) return upper
  throw unknownValues([countryIssue(raw.trim(), dataset)])
}
