/**
 * `custos gap` (the contract of docs/contracts.md) and `custos jurisdictions validate|list|show`. Thin edges:
 * parse flags, call the service, print. Bad input throws AppError `unknown_value` /
 * `validation_failed`, which src/cli/main.ts prints without a stack and turns into exit code 2.
 */
import { type Command, InvalidArgumentError, Option } from 'commander'
import { formatProblem, isLocale, LOCALES, type TLocale } from '../../content/index.ts'
import { AppError } from '../../core/errors.ts'
import { LEVEL_MARKS, renderGapCsv, renderGapTable } from './format.ts'
import { withValidValues } from './input.ts'
import { MEMBERSHIP_IDS, TOPIC_IDS } from './schemas.ts'
import {
  analyseGapRequest,
  checkJurisdictions,
  getJurisdictionContext,
  jurisdictionDetail,
  listJurisdictions,
} from './service.ts'

const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
}

export const GAP_FORMATS = ['table', 'json', 'csv'] as const
export type TGapFormat = (typeof GAP_FORMATS)[number]

/** `--format` of `custos gap`, any case (`JSON`); anything else exits 2 naming the valid formats. */
export const parseGapFormat = (value: string): TGapFormat => {
  const format = value.trim().toLowerCase()
  const known = GAP_FORMATS.find((candidate) => candidate === format)
  if (!known)
    throw new InvalidArgumentError(
      `unknown format '${value}'. Allowed choices are ${GAP_FORMATS.join(', ')}.`,
    )
  return known
}

/** Colour only for a person at a terminal who has not asked for none (https://no-color.org). */
const isColourTerminal = (): boolean =>
  process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb'

const localeOf = (value: string | undefined): TLocale => {
  if (value === undefined) return 'en'
  if (!isLocale(value))
    throw new AppError('unknown_value', `unknown locale '${value}': use one of ${LOCALES.join(', ')}.`)
  return value
}

type TGapOptions = {
  technology?: string[]
  technologies?: string[]
  countries?: string[]
  country?: string[]
  format: string
  locale?: string
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** Runs `fn`; an input error comes back with the valid values listed (a terminal has no picker). */
const listingValidValues = <T>(fn: () => T): T => {
  try {
    return fn()
  } catch (error) {
    const { library, dataset } = getJurisdictionContext()
    throw withValidValues(error, { technologyIds: [...library.technologies.keys()], dataset })
  }
}

const gap = (options: TGapOptions): void => {
  const locale = localeOf(options.locale)
  const result = listingValidValues(() =>
    analyseGapRequest(
      {
        technologies: [...(options.technology ?? []), ...(options.technologies ?? [])],
        countries: [...(options.countries ?? []), ...(options.country ?? [])],
      },
      { locale },
    ),
  )
  if (options.format === 'json') out(JSON.stringify(result, null, 2))
  else if (options.format === 'csv') out(renderGapCsv(result))
  else out(renderGapTable(result, { isColour: isColourTerminal() }))
}

const validate = (): void => {
  const { dataset, problems } = checkJurisdictions()
  if (problems.length > 0) {
    for (const problem of problems) out(formatProblem(problem))
    process.stderr.write(`${problems.length} problem(s) in the jurisdiction data\n`)
    process.exitCode = 1
    return
  }
  const facts = [...dataset.jurisdictions.values()].reduce(
    (sum, j) => sum + TOPIC_IDS.length + MEMBERSHIP_IDS.length + j.restrictions.length,
    0,
  )
  out(
    `jurisdictions valid: ${dataset.jurisdictions.size} jurisdictions, ${facts} facts, governance ${dataset.governance.attribution}`,
  )
}

const list = (options: { format: string; locale?: string }): void => {
  const rows = listJurisdictions({ locale: localeOf(options.locale) })
  if (options.format === 'json') {
    out(JSON.stringify(rows, null, 2))
    return
  }
  const header = ['CODE', 'NAME', 'RULE OF LAW', 'ENFORCEMENT', 'YES', 'PARTIAL', 'NO', 'UNKNOWN', 'COVERED']
  const body = rows.map((r) => [
    r.code,
    r.name,
    r.governance.ruleOfLaw === null ? 'n/a' : r.governance.ruleOfLaw.toFixed(2),
    r.governance.enforcement,
    String(r.topics.yes),
    String(r.topics.partial),
    String(r.topics.no),
    String(r.topics.unknown),
    `${r.topics.covered}/${r.topics.total}`,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  out([line(header), ...body.map(line)].join('\n'))
}

const show = (code: string, options: { format: string; locale?: string }): void => {
  const locale = localeOf(options.locale)
  const detail = listingValidValues(() => jurisdictionDetail(code, { locale }))
  if (options.format === 'json') {
    out(JSON.stringify(detail, null, 2))
    return
  }
  const g = detail.governance
  const lines = [
    `${detail.code} ${detail.name} (${detail.iso3})${detail.unMember ? '' : ', UN observer state'}`,
    '',
    `Governance (WGI ${g.year ?? 'n/a'}): rule of law ${g.ruleOfLaw ?? 'n/a'} (enforcement ${g.enforcement}), voice and accountability ${g.voiceAccountability ?? 'n/a'}, government effectiveness ${g.governmentEffectiveness ?? 'n/a'}, political stability ${g.politicalStability ?? 'n/a'}, control of corruption ${g.controlOfCorruption ?? 'n/a'}, regulatory quality ${g.regulatoryQuality ?? 'n/a'}`,
    `  ${detail.attribution}`,
    '',
    'Memberships:',
    ...detail.memberships.map(
      (m) =>
        `  ${m.id.padEnd(9)} ${String(m.value).padEnd(7)} source ${m.source.id}, as of ${m.source.asOf ?? 'n/a'}`,
    ),
    '',
    'Topics:',
    ...detail.facts.flatMap((f) => [
      `  ${f.topic.padEnd(30)} ${f.status.padEnd(8)} ${LEVEL_MARKS[f.level]}${f.instrument ? `  ${f.instrument.title} (${f.instrument.adopted})` : ''}`,
      `      source ${f.source.id}${f.source.locator ? `, ${f.source.locator}` : ''}, as of ${f.source.asOf ?? 'n/a'}${f.note ? `; ${f.note}` : ''}`,
    ]),
    '',
    `Restrictions (${detail.restrictions.length}):`,
    ...detail.restrictions.map(
      (r) => `  ${r.kind} (strictness ${r.strictness}) ${r.id} [${r.technologies.join(', ')}]: ${r.summary}`,
    ),
  ]
  out(lines.join('\n'))
}

/** Adds `custos gap` and `custos jurisdictions …` to the program. */
export const registerJurisdictionCommands = (program: Command): void => {
  program
    .command('gap')
    .description(
      'jurisdiction gap analysis: where law is absent, weak or inconsistent, and the baseline that applies',
    )
    .addOption(
      new Option(
        '--technology <ids>',
        'technology ids of the catalogue, comma-separated (e.g. facial-recognition,cctv)',
      ).argParser(collect),
    )
    .addOption(new Option('--technologies <ids>').argParser(collect).hideHelp())
    .addOption(
      new Option(
        '--countries <codes>',
        'ISO 3166-1 alpha-2 codes, comma-separated (e.g. DE,NG,BR)',
      ).argParser(collect),
    )
    .addOption(new Option('--country <codes>').argParser(collect).hideHelp())
    .addOption(
      new Option('--format <format>', `output format: ${GAP_FORMATS.join(', ')}`)
        .argParser(parseGapFormat)
        .default('table'),
    )
    .option('--locale <locale>', `language of names and titles: ${LOCALES.join(', ')} (default en)`)
    .action((options: TGapOptions) => gap(options))

  const jurisdictions = program
    .command('jurisdictions')
    .description('the jurisdiction dataset: facts, governance, restrictions')
  jurisdictions
    .command('validate')
    .description('check every jurisdiction file and the WGI file; exit 1 with the list of problems')
    .action(() => validate())
  jurisdictions
    .command('list')
    .description('list jurisdictions with governance and a summary of their facts')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--locale <locale>', `language of names: ${LOCALES.join(', ')}`)
    .action((options: { format: string; locale?: string }) => list(options))
  jurisdictions
    .command('show')
    .description('one jurisdiction: facts with sources and dates, memberships, governance, restrictions')
    .argument('<code>', 'ISO 3166-1 alpha-2 code, e.g. DE')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--locale <locale>', `language of names and titles: ${LOCALES.join(', ')}`)
    .action((code: string, options: { format: string; locale?: string }) => show(code, options))
}
