/**
 * Copies the WGI 2023 estimates (../shared/data/wgi/wgi-latest.csv) into
 * content/governance/wgi-2023.csv with an ISO 3166-1 alpha-2 key in front (iso3 kept).
 * Rows without an alpha-2 code are dropped and listed on stdout (documented in the README).
 *
 *   npx tsx scripts/jurisdictions/wgi.ts [path/to/wgi-latest.csv]
 */

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const countries = require('i18n-iso-countries') as { alpha3ToAlpha2: (c: string) => string | undefined }
const ROOT = new URL('../../', import.meta.url).pathname
const input = process.argv[2] ?? join(ROOT, '../shared/data/wgi/wgi-latest.csv')
const output = join(ROOT, 'content/governance/wgi-2023.csv')

/** World Bank codes that are not ISO alpha-3 codes. Kosovo uses the user-assigned XK. */
const WB_TO_ISO2: Readonly<Record<string, string>> = { XKX: 'XK' }

const lines = readFileSync(input, 'utf8').trim().split('\n')
const header = lines[0]
if (header === undefined || !header.startsWith('iso3,country,year,'))
  throw new Error(`unexpected header in ${input}`)
const out = [`iso2,${header}`]
const dropped: string[] = []
for (const line of lines.slice(1)) {
  const iso3 = line.slice(0, line.indexOf(','))
  const iso2 = WB_TO_ISO2[iso3] ?? countries.alpha3ToAlpha2(iso3)
  if (iso2 === undefined) {
    dropped.push(iso3)
    continue
  }
  if (!line.split(',').includes('2023')) throw new Error(`row ${iso3} is not a 2023 row`)
  out.push(`${iso2},${line}`)
}
writeFileSync(output, `${out.join('\n')}\n`)
process.stdout.write(
  `${out.length - 1} rows written to content/governance/wgi-2023.csv; dropped: ${dropped.join(' ') || 'none'}\n`,
)
