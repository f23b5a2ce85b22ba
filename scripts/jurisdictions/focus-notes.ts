/**
 * Writes scripts/jurisdictions/research/39-focus-unknown-notes.yaml: for every focus jurisdiction
 * (./focus.ts) and every topic that no batch has settled, an `unknown` fact whose note says what
 * the Custos team searched (or that the topic has not been searched yet). Researched facts in
 * other batches always win over these notes (see build.ts), so this never hides a finding.
 * Run after the other batches: npx tsx scripts/jurisdictions/focus-notes.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { FOCUS } from './focus.ts'

const DIR = new URL('./research/', import.meta.url).pathname
const OUT = '39-focus-unknown-notes.yaml'
const TOPICS = [
  'biometric_data_rules',
  'cctv_rules',
  'drone_rules',
  'workplace_monitoring_rules',
  'ai_rules',
  'psc_regulation',
  'surveillance_interception_law',
] as const
type TTopic = (typeof TOPICS)[number]

const AFRICA = new Set(['NG', 'GH', 'CD', 'ZM', 'TZ', 'MZ', 'KE', 'AO', 'GN', 'ZA'])

const LATAM = new Set(['AR', 'CO', 'CL', 'MX', 'EC', 'GT'])

/** Binding AI laws were searched country by country in the third 2026-11 round; what was found. */
function aiNote(code: string): string {
  if (AFRICA.has(code))
    return 'Searched (2026-11 pass): overviews of AI regulation in Africa (2024–2025) report national AI strategies and draft bills but no enacted AI statute; no page dated 2025 or later confirmed the position for this country, so neither yes nor no is asserted.'
  if (LATAM.has(code))
    return 'Searched (2026-11 pass): overviews of AI regulation in Latin America (2023–2025) report AI bills and policies (e.g. Colombia’s CONPES 4144 of 2025, bills in Chile and Mexico) but only Peru with binding AI rules; the position for this country after 2025 was not confirmed.'
  if (code === 'IN')
    return 'Searched (2026-11 pass): draft amendments to the IT Rules 2021 on labelling synthetically generated content were published in October 2025; we found no page confirming their final notification, and there is no AI statute.'
  if (code === 'ID')
    return 'Searched (2026-11 pass): a presidential regulation on AI was reported as expected, alongside the 2020–2045 national AI strategy; we found no page confirming that a binding AI instrument was issued.'
  return 'AI-specific legislation for this country was not searched in the 2026-11 pass; none recorded here. Absence not confirmed.'
}

/** What was actually searched for a topic in the Nov 2026 pass, by jurisdiction group. */
function searched(code: string, topic: TTopic): string {
  switch (topic) {
    case 'psc_regulation':
      return code === 'ZM'
        ? 'Searched the Private Security Governance Observatory and the DCAF baseline study on private security regulation in southern Africa; no Zambian statute was confirmed.'
        : 'Searched for the national private security law and its regulator; none confirmed from a source we could read.'
    case 'surveillance_interception_law':
      return AFRICA.has(code)
        ? 'Searched comparative studies of African communications-surveillance law (e.g. Hunter & Mare 2020, Abdulrauf 2018); the national interception statute was not confirmed from a source we could read.'
        : 'Not yet searched in this pass; the national interception statute is a candidate to look up in the official legal database.'
    case 'drone_rules':
      return AFRICA.has(code)
        ? 'Searched press and legal reports on African drone rules (2018–2020); the civil aviation authority’s current rules for this country were not confirmed.'
        : 'Not yet searched in this pass; the civil aviation authority’s drone rules are the place to check.'
    case 'ai_rules':
      return aiNote(code)
    case 'biometric_data_rules':
      return 'The data protection law was checked for its existence, not yet for a biometric or sensitive-data category; not settled.'
    case 'cctv_rules':
      return 'Not yet searched in this pass; CCTV rules may sit in the data protection law, the private security law or municipal rules.'
    case 'workplace_monitoring_rules':
      return 'Not yet searched in this pass; labour code and data protection law are the places to check.'
  }
}

const settled = new Map<string, Set<string>>()
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== OUT)) {
  const doc = (parse(readFileSync(join(DIR, file), 'utf8')) ?? {}) as Record<
    string,
    Record<string, { status?: string }>
  >
  for (const [code, entry] of Object.entries(doc)) {
    for (const [topic, fact] of Object.entries(entry)) {
      // A researched status, or a topic-specific unknown note written by hand in a focus batch,
      // is kept; only the EU batch's generic notes may be replaced.
      const isNoted = file !== '10-eu.yaml'
      if (fact && typeof fact === 'object' && 'status' in fact && (fact.status !== 'unknown' || isNoted)) {
        const s = settled.get(code) ?? new Set<string>()
        s.add(topic)
        settled.set(code, s)
      }
    }
  }
}

const out: Record<string, Record<string, unknown>> = {}
for (const { code } of FOCUS) {
  for (const topic of TOPICS) {
    if (settled.get(code)?.has(topic)) continue
    out[code] ??= {}
    out[code][topic] = { status: 'unknown', source: 'custos-research', note: searched(code, topic) }
  }
}
writeFileSync(
  join(DIR, OUT),
  `# Generated by scripts/jurisdictions/focus-notes.ts: what was searched for unsettled focus topics.\n${stringify(out, { lineWidth: 0 })}`,
)
process.stdout.write(
  `${Object.values(out).reduce((n, e) => n + Object.keys(e).length, 0)} unknown notes written\n`,
)
