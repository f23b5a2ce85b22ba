/**
 * Builds or updates content/jurisdictions/<ISO2>.yaml (format: /work/jurisdiction-format.md).
 *
 * The YAML files are the source of truth. Re-running this script never overwrites a researched
 * fact: an existing topic whose status is not `unknown`, an existing membership whose value is not
 * `unknown`, and an existing restriction (same id) are kept as they are. Only missing keys and
 * `unknown` facts are filled, from the membership lists (./lists.ts) and the research batches
 * (./research/*.yaml). Not needed at run time.
 *
 *   npx tsx scripts/jurisdictions/build.ts            # merge
 *   npx tsx scripts/jurisdictions/build.ts --check    # report what would change, write nothing
 *   npx tsx scripts/jurisdictions/build.ts --fresh    # rebuild from lists and batches only; this
 *     DISCARDS edits made directly in the YAML files, so use it only while every fact lives in a batch
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Document, isScalar, parse, visit } from 'yaml'
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
const RESEARCH_DIR = join(ROOT, 'scripts/jurisdictions/research')
const SOURCES_FILE = join(ROOT, 'content/sources/jurisdictions.yaml')
const AS_OF = '2026-11-29'

export const TOPICS = [
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
type TTopic = (typeof TOPICS)[number]
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
type TResearchEntry = Partial<Record<TTopic, TFact>> & { restrictions?: TJurisdiction['restrictions'] }

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

function loadResearch(): Map<string, TResearchEntry[]> {
  const byCode = new Map<string, TResearchEntry[]>()
  if (!existsSync(RESEARCH_DIR)) return byCode
  for (const file of readdirSync(RESEARCH_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const doc = parse(readFileSync(join(RESEARCH_DIR, file), 'utf8')) as Record<string, TResearchEntry> | null
    for (const [code, entry] of Object.entries(doc ?? {})) {
      const list = byCode.get(code) ?? []
      list.push(entry)
      byCode.set(code, list)
    }
  }
  return byCode
}

function withDefaults(fact: TFact): TFact {
  return { ...fact, asOf: fact.asOf ?? AS_OF }
}

/** Merge rule: researched facts already in the file win; unknowns are filled from research. */
function merge(
  existing: TJurisdiction | undefined,
  base: TJurisdiction,
  research: TResearchEntry[],
): TJurisdiction {
  const out: TJurisdiction = existing
    ? { ...base, ...existing, name: base.name, iso3: base.iso3, unMember: base.unMember }
    : base
  out.memberships = { ...base.memberships }
  for (const [key, fact] of Object.entries(existing?.memberships ?? {})) {
    if (fact.value !== 'unknown') out.memberships[key] = fact
  }
  const topics: Record<string, TFact> = {}
  for (const t of TOPICS) {
    const current = existing?.topics?.[t]
    if (current && current.status !== 'unknown') {
      topics[t] = current
      continue
    }
    // A researched status (yes/partial/no) wins over an `unknown` note from another batch.
    const candidates = research.map((r) => r[t]).filter((f): f is TFact => f !== undefined)
    // Later batches refine earlier ones (files are read in name order: 10-eu, 20-dp, 30-focus…).
    const found = candidates.findLast((f) => f.status !== 'unknown') ?? candidates.at(-1)
    topics[t] = found ? withDefaults(found) : (current ?? unknownTopic())
  }
  out.topics = topics
  const restrictions = [...(existing?.restrictions ?? [])]
  for (const r of research.flatMap((e) => e.restrictions ?? [])) {
    if (!restrictions.some((x) => x.id === r.id)) restrictions.push({ ...r, asOf: r.asOf ?? AS_OF })
  }
  out.restrictions = restrictions
  return {
    code: out.code,
    iso3: out.iso3,
    name: out.name,
    unMember: out.unMember,
    memberships: out.memberships,
    topics: out.topics,
    restrictions: out.restrictions,
  }
}

/** Facts may cite a source from any file of content/sources/ (EU law is listed with the frameworks). */
function knownSourceIds(): Set<string> {
  const dir = dirname(SOURCES_FILE)
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')) as { sources: Array<{ id: string }> })
  return new Set(docs.flatMap((d) => d.sources.map((s) => s.id)))
}

function checkSources(j: TJurisdiction, ids: Set<string>): string[] {
  const problems: string[] = []
  const facts = [...Object.values(j.memberships), ...Object.values(j.topics), ...j.restrictions]
  for (const f of facts) {
    if (typeof f.source !== 'string' || !ids.has(f.source))
      problems.push(`${j.code}: unknown source ${String(f.source)}`)
  }
  for (const [t, f] of Object.entries(j.topics)) {
    if ((f.status === 'yes' || f.status === 'partial') && !f.instrument)
      problems.push(`${j.code}.${t}: ${f.status} without instrument`)
    if (!['yes', 'partial', 'no', 'unknown'].includes(String(f.status)))
      problems.push(`${j.code}.${t}: bad status`)
  }
  return problems
}

/** Dates are written quoted so that YAML 1.1 readers do not turn them into timestamps. */
function toYaml(j: TJurisdiction): string {
  const doc = new Document(j, { aliasDuplicateObjects: false })
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}(-\d{2}){0,2}$/.test(node.value)) {
        node.type = 'QUOTE_DOUBLE'
      }
    },
  })
  return doc.toString({ lineWidth: 0 })
}

function main(): void {
  const isCheck = process.argv.includes('--check')
  const isFresh = process.argv.includes('--fresh')
  const research = loadResearch()
  const ids = knownSourceIds()
  const scope = [...UN_MEMBERS, ...UN_OBSERVERS]
  if (UN_MEMBERS.length !== 193 || new Set(scope).size !== 195)
    throw new Error('scope list is not 193 + 2 distinct codes')
  for (const code of research.keys()) {
    if (!scope.includes(code)) throw new Error(`research entry for ${code}, which is not in scope`)
  }
  const problems: string[] = []
  let changed = 0
  for (const code of scope) {
    const file = join(OUT_DIR, `${code}.yaml`)
    const existing =
      !isFresh && existsSync(file) ? (parse(readFileSync(file, 'utf8')) as TJurisdiction) : undefined
    const merged = merge(existing, skeleton(code), research.get(code) ?? [])
    problems.push(...checkSources(merged, ids))
    const text = toYaml(merged)
    const before = existsSync(file) ? readFileSync(file, 'utf8') : ''
    if (text !== before) {
      changed++
      if (!isCheck) writeFileSync(file, text)
    }
  }
  process.stdout.write(`${scope.length} jurisdictions, ${changed} ${isCheck ? 'would change' : 'written'}\n`)
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`)
    process.exitCode = 1
  }
}

main()
