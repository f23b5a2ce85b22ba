/**
 * Refreshes the generated parts of content/jurisdictions/<ISO2>.yaml: names (en/fr/es/ar from
 * i18n-iso-countries), the alpha-3 code, UN membership and the memberships block (./lists.ts).
 *
 * The YAML files are the single source of truth for research: topic facts and restrictions are
 * edited in those files by hand and this script never touches them (it rewrites only the keys
 * above, in place, keeping the rest of the document as written). A jurisdiction in scope without a
 * file gets a new file whose topics are all `unknown`. Source ids, instruments and the schema are
 * checked by `custos jurisdictions validate`. Not needed at run time.
 *
 *   npx tsx scripts/jurisdictions/build.ts            # write the refreshed files
 *   npx tsx scripts/jurisdictions/build.ts --check    # report what would change, write nothing
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Document, isScalar, type Node, parseDocument, visit } from 'yaml'
import {
  EEA_EFTA,
  EU,
  ICCPR_NO_ACTION,
  ICCPR_SIGNED_NOT_RATIFIED,
  ICCPR_UNCONFIRMED,
  ICOCA,
  ICOCA_UNCONFIRMED,
  MONTREUX,
  UN_MEMBERS,
  UN_OBSERVERS,
  VPI,
  VPI_ENGAGED,
  VPI_UNCONFIRMED,
} from './lists.ts'

const require = createRequire(import.meta.url)
const ROOT = new URL('../../', import.meta.url).pathname
const OUT_DIR = join(ROOT, 'content/jurisdictions')
const AS_OF = '2026-11-29'

const TOPICS = [
  'data_protection_law',
  'data_protection_authority',
  'biometric_data_rules',
  'cctv_rules',
  'drone_rules',
  'workplace_monitoring_rules',
  'ai_rules',
  'psc_regulation',
  'surveillance_interception_law',
] as const
type TFact = Record<string, unknown> & { status?: string; value?: unknown }
type TJurisdiction = {
  code: string
  iso3: string
  name: Record<string, string>
  unMember: boolean
  memberships: Record<string, TFact>
  topics: Record<string, TFact>
  restrictions: Array<Record<string, unknown> & { id: string }>
}

const countries = require('i18n-iso-countries') as {
  registerLocale: (l: unknown) => void
  getName: (code: string, lang: string) => string | undefined
  alpha2ToAlpha3: (code: string) => string | undefined
}
for (const lang of ['en', 'fr', 'es', 'ar'])
  countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`))

function membership(code: string): Record<string, TFact> {
  const isEu = EU.includes(code)
  const isEea = isEu || EEA_EFTA.includes(code)
  const iccpr: TFact = ICCPR_UNCONFIRMED.includes(code)
    ? {
        value: 'unknown',
        source: 'untc-iccpr',
        locator: 'IV-4 status',
        asOf: AS_OF,
        note: 'Reported as a recent accession but not confirmed against the depositary page; check UNTC IV-4.',
      }
    : ICCPR_SIGNED_NOT_RATIFIED.includes(code)
      ? {
          value: false,
          source: 'untc-iccpr',
          locator: 'IV-4 status',
          asOf: AS_OF,
          note: 'Signatory; not ratified.',
        }
      : ICCPR_NO_ACTION.includes(code)
        ? {
            value: false,
            source: 'untc-iccpr',
            locator: 'IV-4 status',
            asOf: AS_OF,
            note: 'Neither signed nor ratified.',
          }
        : { value: true, source: 'untc-iccpr', locator: 'IV-4 status', asOf: AS_OF }
  const montreuxDate = MONTREUX[code]
  const montreux: TFact =
    montreuxDate !== undefined
      ? {
          value: true,
          source: 'montreux-participants',
          locator:
            montreuxDate === 'unknown'
              ? 'participants list (55th state; date not confirmed)'
              : `participant since ${montreuxDate}`,
          asOf: AS_OF,
        }
      : {
          value: false,
          source: 'montreux-participants',
          locator: 'participants list',
          asOf: '2023-09-21',
          note: 'Not among the 59 participating states identified up to Romania (21 Sep 2023). The Forum counted 61 states in 2026; the two latest were not identified.',
        }
  const vpiEngaged = VPI_ENGAGED[code]
  const vpi: TFact = VPI.includes(code)
    ? { value: true, source: 'vpi-participants', locator: 'government pillar', asOf: '2020-12-01' }
    : vpiEngaged
      ? {
          value: true,
          source: 'vpi-plenary-2024',
          locator: 'new members: governments',
          asOf: vpiEngaged,
          note: 'Admitted to the government pillar as an Engaged Member (not yet a full member) at the 2024 annual plenary.',
        }
      : VPI_UNCONFIRMED.includes(code)
        ? {
            value: 'unknown',
            source: 'vpi-participants',
            locator: 'government pillar',
            asOf: AS_OF,
            note: 'Reported as joining as an engaged government in May 2024; not confirmed against the VPI list.',
          }
        : {
            value: false,
            source: 'vpi-participants',
            locator: 'government pillar',
            asOf: '2020-12-01',
            note: 'Not among the ten government participants counted in 2020; later joiners may be missing.',
          }
  const icoca: TFact = ICOCA.includes(code)
    ? { value: true, source: 'icoca-members', locator: 'government members, April 2014', asOf: '2014-04-08' }
    : ICOCA_UNCONFIRMED.includes(code)
      ? {
          value: 'unknown',
          source: 'icoca-members',
          locator: 'government members',
          asOf: AS_OF,
          note: 'Commonly cited as a government member; not confirmed from a source we read (icoca.ch membership page not consulted).',
        }
      : {
          value: false,
          source: 'icoca-members',
          locator: 'government members, April 2014',
          asOf: '2014-04-08',
          note: 'Not among the six government members of April 2014 (secondary source); later joiners may be missing.',
        }
  return {
    eu: { value: isEu, source: 'eu-member-states', asOf: AS_OF },
    eea: { value: isEea, source: 'efta-eea-states', asOf: AS_OF },
    iccpr,
    montreux,
    vpi,
    icoca,
  }
}

function unknownTopic(): TFact {
  return {
    status: 'unknown',
    source: 'custos-research',
    asOf: AS_OF,
    note: 'Not yet researched by the Custos team.',
  }
}

function skeleton(code: string): TJurisdiction {
  const name: Record<string, string> = {}
  for (const lang of ['en', 'fr', 'es', 'ar']) {
    const n = countries.getName(code, lang)
    if (n === undefined) throw new Error(`no ${lang} name for ${code}`)
    name[lang] = n
  }
  const iso3 = countries.alpha2ToAlpha3(code)
  if (iso3 === undefined) throw new Error(`no alpha-3 code for ${code}`)
  const topics: Record<string, TFact> = {}
  for (const t of TOPICS) topics[t] = unknownTopic()
  return {
    code,
    iso3,
    name,
    unMember: UN_MEMBERS.includes(code),
    memberships: membership(code),
    topics,
    restrictions: [],
  }
}

/** Dates are written quoted so that YAML 1.1 readers do not turn them into timestamps. */
function quoteDates(doc: Document | Node): void {
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}(-\d{2}){0,2}$/.test(node.value)) {
        node.type = 'QUOTE_DOUBLE'
      }
    },
  })
}

/** The generated keys, in file order; everything else in a file is research and is left alone. */
const GENERATED_KEYS = ['code', 'iso3', 'name', 'unMember', 'memberships'] as const

function refreshed(code: string, before: string | undefined): string {
  const fresh = skeleton(code)
  if (before === undefined) {
    const doc = new Document(fresh, { aliasDuplicateObjects: false })
    quoteDates(doc)
    return doc.toString({ lineWidth: 0 })
  }
  const doc = parseDocument(before)
  for (const key of GENERATED_KEYS) {
    const node = doc.createNode(fresh[key], { aliasDuplicateObjects: false })
    quoteDates(node)
    doc.set(key, node)
  }
  return doc.toString({ lineWidth: 0 })
}

function main(): void {
  const isCheck = process.argv.includes('--check')
  const scope = [...UN_MEMBERS, ...UN_OBSERVERS]
  if (UN_MEMBERS.length !== 193 || new Set(scope).size !== 195)
    throw new Error('scope list is not 193 + 2 distinct codes')
  const problems: string[] = []
  for (const file of readdirSync(OUT_DIR).filter((f) => f.endsWith('.yaml'))) {
    if (!scope.includes(file.slice(0, -5))) problems.push(`${file}: not in scope (193 UN members + VA, PS)`)
  }
  const changed: string[] = []
  for (const code of scope) {
    const file = join(OUT_DIR, `${code}.yaml`)
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined
    const text = refreshed(code, before)
    if (text !== before) {
      changed.push(code)
      if (!isCheck) writeFileSync(file, text)
    }
  }
  const verb = isCheck ? 'would change' : 'written'
  process.stdout.write(
    `${scope.length} jurisdictions, ${changed.length} ${verb}${changed.length ? `: ${changed.join(' ')}` : ''}\n`,
  )
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`)
    process.exitCode = 1
  }
}

main()
