/**
 * Text renderings of a gap analysis for the CLI: a table for people (colour only on a terminal, and
 * every level also spelt out with a symbol so nothing relies on colour) and CSV, one row per
 * (topic, jurisdiction). Pure functions of the engine's result.
 */
import type { TGapLevel, TGapResult } from './gap.ts'

/** A symbol and a word per level: readable without colour, in a screen reader and in a pipe. */
export const LEVEL_MARKS: Record<TGapLevel, string> = {
  covered: '[+] covered',
  partial: '[~] partial',
  absent: '[-] absent',
  unknown: '[?] unknown',
}

const ANSI: Record<TGapLevel, string> = {
  covered: '\x1b[32m',
  partial: '\x1b[33m',
  absent: '\x1b[31m',
  unknown: '\x1b[90m',
}
const RESET = '\x1b[0m'
const BOLD = '\x1b[1m'

const percent = (value: number): string => `${Math.round(value * 100)}%`
const signed = (value: number | null): string =>
  value === null ? 'n/a' : `${value >= 0 ? ' ' : ''}${value.toFixed(2)}`

/** Pads to a width measured without ANSI codes. */
const pad = (text: string, width: number, visible = text.length): string =>
  text + ' '.repeat(Math.max(0, width - visible))

/** The gap analysis as a terminal table; `isColour` only when stdout is a TTY and NO_COLOR is unset. */
export const renderGapTable = (result: TGapResult, options: { isColour: boolean }): string => {
  const paint = (level: TGapLevel, text: string) =>
    options.isColour ? `${ANSI[level]}${text}${RESET}` : text
  const bold = (text: string) => (options.isColour ? `${BOLD}${text}${RESET}` : text)
  const codes = result.jurisdictions.map((j) => j.code)
  const lines: string[] = []

  lines.push(
    bold(
      `Gap analysis: ${result.technologies.join(', ')} in ${result.jurisdictions.map((j) => `${j.code} (${j.name})`).join(', ')}`,
    ),
  )
  lines.push('')
  lines.push(bold('Enforcement context (WGI rule of law: strong >= 0.5, weak < -0.5)'))
  for (const j of result.jurisdictions) {
    lines.push(
      `  ${j.code}  ${pad(j.name, 28)} rule of law ${signed(j.governance.ruleOfLaw)}  ${j.governance.enforcement}`,
    )
  }
  lines.push('')

  const topicWidth = Math.max(5, ...result.matrix.map((row) => row.topic.length))
  const cellWidth = Math.max(
    ...Object.values(LEVEL_MARKS).map((mark) => mark.length),
    ...codes.map((c) => c.length),
  )
  lines.push(
    bold(
      `${pad('TOPIC', topicWidth)}  ${pad('IMPORTANCE', 10)}  ${codes.map((c) => pad(c, cellWidth)).join('  ')}  ACROSS`,
    ),
  )
  for (const row of result.matrix) {
    const cells = codes.map((code) => {
      const level = row.cells[code]?.level ?? 'unknown'
      return paint(level, pad(LEVEL_MARKS[level], cellWidth))
    })
    const across = row.inconsistent ? '[!] inconsistent' : 'consistent'
    lines.push(`${pad(row.topic, topicWidth)}  ${pad(row.importance, 10)}  ${cells.join('  ')}  ${across}`)
  }
  if (result.matrix.length === 0) lines.push('  (these technologies trigger no regulatory topic)')
  const basis =
    result.coverageBasis === 'essential'
      ? 'essential topics covered'
      : result.coverageBasis === 'triggered'
        ? 'no essential topic triggered: all triggered topics covered'
        : 'no topic triggered'
  lines.push('')
  lines.push(
    `Coverage (${basis}): ${codes.map((code) => `${code} ${percent(result.coverage[code] ?? 0)}`).join('  ')}`,
  )

  lines.push('')
  lines.push(bold(`Gaps (${result.gaps.length})`))
  for (const gap of result.gaps)
    lines.push(
      `  ${gap.jurisdiction}  ${paint(gap.level, pad(LEVEL_MARKS[gap.level], cellWidth))}  ${gap.topic}: ${gap.explanation}`,
    )
  if (result.gaps.length === 0) lines.push('  none: every triggered topic is covered in every jurisdiction')

  lines.push('')
  lines.push(bold(`Restrictions (${result.restrictions.length})`))
  for (const r of result.restrictions) {
    lines.push(
      `  ${r.isProposed ? '[PROPOSED] ' : ''}${r.kind} (strictness ${r.strictness}) ${r.id} in ${r.jurisdictions.join(', ')}: ${r.summary}`,
    )
    lines.push(`      ${r.instrument.title}${r.locator ? `, ${r.locator}` : ''}; ${r.reason}`)
  }
  if (result.restrictions.length === 0)
    lines.push('  none recorded for these technologies in these jurisdictions')

  lines.push('')
  lines.push(bold(`Baseline safeguards for the whole deployment (${result.baseline.length})`))
  for (const item of result.baseline) {
    lines.push(`  ${item.urn}  ${item.title}`)
    lines.push(`      because ${item.reason}`)
  }
  if (result.baseline.length === 0) lines.push('  none: every triggered topic is covered everywhere')
  lines.push('')
  lines.push(`Governance data: ${result.attribution}`)
  return `${lines.join('\n')}\n`
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export const csvField = (value: string | number | boolean | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const GAP_CSV_HEADER = [
  'topic',
  'importance',
  'inconsistent',
  'jurisdiction',
  'name',
  'level',
  'status',
  'enforcement',
  'rule_of_law',
  'instrument',
  'adopted',
  'in_force',
  'source',
  'locator',
  'as_of',
  'coverage',
] as const

/** The matrix as CSV with a header: one row per (topic, jurisdiction). */
export const renderGapCsv = (result: TGapResult): string => {
  const rows: string[] = [GAP_CSV_HEADER.join(',')]
  for (const row of result.matrix) {
    for (const j of result.jurisdictions) {
      const cell = row.cells[j.code]
      const source = cell?.sources[0]
      rows.push(
        [
          row.topic,
          row.importance,
          row.inconsistent,
          j.code,
          j.name,
          cell?.level ?? 'unknown',
          cell?.status ?? 'unknown',
          j.governance.enforcement,
          j.governance.ruleOfLaw,
          cell?.instrument?.title,
          cell?.instrument?.adopted,
          cell?.instrument?.inForce,
          source?.id,
          source?.locator,
          source?.asOf,
          result.coverage[j.code],
        ]
          .map(csvField)
          .join(','),
      )
    }
  }
  return `${rows.join('\n')}\n`
}
