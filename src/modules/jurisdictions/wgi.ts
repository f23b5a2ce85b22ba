/**
 * Reads the World Bank WGI extract (content/governance/wgi-2023.csv; see its README): one row per
 * economy, ISO2-keyed, point estimates on a standard-normal scale. Empty cells stay null — nothing
 * is gap-filled — and the enforcement context derives from rule of law only (docs/gap-analysis.md).
 */
import type { TEnforcement } from './schemas.ts'

export type TWgiRow = {
  iso2: string
  year: number | null
  ruleOfLaw: number | null
  voiceAccountability: number | null
  governmentEffectiveness: number | null
  politicalStability: number | null
  controlOfCorruption: number | null
  regulatoryQuality: number | null
}

/** CSV column → field of TWgiRow, for the six indicators. */
const INDICATOR_COLUMNS = {
  rule_of_law: 'ruleOfLaw',
  voice_accountability: 'voiceAccountability',
  government_effectiveness: 'governmentEffectiveness',
  political_stability: 'politicalStability',
  control_of_corruption: 'controlOfCorruption',
  regulatory_quality: 'regulatoryQuality',
} as const

/** Splits one CSV line, honouring double quotes ("Congo, Dem. Rep.") and doubled quotes inside them. */
export const splitCsvLine = (line: string): string[] => {
  const cells: string[] = []
  let cell = ''
  let isQuoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]
    if (isQuoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') isQuoted = false
      else cell += char
    } else if (char === '"') isQuoted = true
    else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else cell += char
  }
  cells.push(cell)
  return cells
}

/** Parses the file; malformed rows become problems (with their line number) and are skipped. */
export const parseWgiCsv = (text: string): { rows: TWgiRow[]; problems: string[] } => {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  const problems: string[] = []
  const header = splitCsvLine(lines[0] ?? '').map((cell) => cell.trim())
  const indexOf = (column: string) => header.indexOf(column)
  const required = ['iso2', 'year', ...Object.keys(INDICATOR_COLUMNS)]
  const missing = required.filter((column) => indexOf(column) < 0)
  if (missing.length > 0) return { rows: [], problems: [`missing column(s): ${missing.join(', ')}`] }

  const rows: TWgiRow[] = []
  lines.slice(1).forEach((line, index) => {
    const lineNumber = index + 2
    const cells = splitCsvLine(line).map((cell) => cell.trim())
    const cell = (column: string) => cells[indexOf(column)] ?? ''
    const number = (column: string): number | null => {
      const raw = cell(column)
      if (raw === '') return null
      const value = Number(raw)
      if (!Number.isFinite(value)) {
        problems.push(`line ${lineNumber}: ${column} "${raw}" is not a number`)
        return null
      }
      return value
    }
    const iso2 = cell('iso2')
    if (!/^[A-Z]{2}$/.test(iso2)) {
      problems.push(`line ${lineNumber}: iso2 "${iso2}" is not an alpha-2 code`)
      return
    }
    const row: TWgiRow = {
      iso2,
      year: number('year'),
      ruleOfLaw: null,
      voiceAccountability: null,
      governmentEffectiveness: null,
      politicalStability: null,
      controlOfCorruption: null,
      regulatoryQuality: null,
    }
    for (const [column, field] of Object.entries(INDICATOR_COLUMNS)) row[field] = number(column)
    rows.push(row)
  })
  return { rows, problems }
}

/** Rule-of-law thresholds of docs/gap-analysis.md: strong ≥ 0.5, weak < −0.5, moderate in between. */
export const STRONG_RULE_OF_LAW = 0.5
export const WEAK_RULE_OF_LAW = -0.5

/** The enforcement context from the WGI rule-of-law estimate; `unknown` when there is no value. */
export const enforcementOf = (ruleOfLaw: number | null | undefined): TEnforcement => {
  if (ruleOfLaw === null || ruleOfLaw === undefined || !Number.isFinite(ruleOfLaw)) return 'unknown'
  if (ruleOfLaw >= STRONG_RULE_OF_LAW) return 'strong'
  if (ruleOfLaw < WEAK_RULE_OF_LAW) return 'weak'
  return 'moderate'
}
