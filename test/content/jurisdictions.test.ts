// Data-quality checks for the shipped jurisdiction dataset (content/jurisdictions/*.yaml), the
// jurisdiction sources and the WGI file. They read the files as they are in the tree, so a bad
// edit fails here (format contract: docs/gap-analysis.md, docs/library.md).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'

const ROOT = new URL('../../', import.meta.url).pathname
const DIR = join(ROOT, 'content/jurisdictions')
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
]
const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ')
const DATE = /^\d{4}(-\d{2}-\d{2})?$/

type TFact = Record<string, unknown>
type TJurisdiction = {
  code: string
  iso3: string
  name: Record<string, string>
  unMember: boolean
  memberships: Record<string, TFact>
  topics: Record<string, TFact>
  restrictions: TFact[]
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'))
const all: TJurisdiction[] = files.map((f) => parse(readFileSync(join(DIR, f), 'utf8')) as TJurisdiction)
const sourceIds = new Set(
  readdirSync(join(ROOT, 'content/sources'))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap(
      (f) =>
        (parse(readFileSync(join(ROOT, 'content/sources', f), 'utf8')) as { sources: Array<{ id: string }> })
          .sources,
    )
    .map((s) => s.id),
)
const technologyIds = new Set(
  [...readFileSync(join(ROOT, 'content/technologies.yaml'), 'utf8').matchAll(/^ {4}id: ([a-z0-9-]+)$/gm)].map(
    (m) => m[1],
  ),
)
const byCode = new Map(all.map((j) => [j.code, j]))

describe('jurisdiction dataset', () => {
  it('has the 193 UN member states plus the two observer states', () => {
    assert.equal(all.filter((j) => j.unMember).length, 193)
    assert.deepEqual(
      all
        .filter((j) => !j.unMember)
        .map((j) => j.code)
        .sort(),
      ['PS', 'VA'],
    )
  })

  it('names each file after its alpha-2 code and gives names in four languages', () => {
    for (const [i, j] of all.entries()) {
      assert.equal(`${j.code}.yaml`, files[i])
      assert.match(j.code, /^[A-Z]{2}$/)
      assert.match(j.iso3, /^[A-Z]{3}$/)
      for (const lang of ['en', 'fr', 'es', 'ar']) assert.ok(j.name[lang], `${j.code} lacks a ${lang} name`)
    }
  })

  it('gives every fact a known source and an as-of date', () => {
    for (const j of all) {
      const facts = [...Object.values(j.memberships), ...Object.values(j.topics), ...j.restrictions]
      for (const f of facts) {
        assert.ok(
          sourceIds.has(String(f.source)),
          `${j.code}: source ${String(f.source)} is not in content/sources`,
        )
        assert.match(String(f.asOf), DATE, `${j.code}: bad asOf ${String(f.asOf)}`)
      }
    }
  })

  it('has every topic, with a valid status, and never a yes or partial without an instrument', () => {
    for (const j of all) {
      assert.deepEqual(Object.keys(j.topics).sort(), [...TOPICS].sort(), j.code)
      for (const [t, f] of Object.entries(j.topics)) {
        assert.ok(['yes', 'partial', 'no', 'unknown'].includes(String(f.status)), `${j.code}.${t}`)
        if (f.status === 'yes' || f.status === 'partial') {
          const instrument = f.instrument as { title?: string; adopted?: number } | undefined
          assert.ok(instrument?.title, `${j.code}.${t} is ${String(f.status)} without an instrument title`)
          assert.equal(typeof instrument?.adopted, 'number', `${j.code}.${t} instrument lacks a year`)
        }
        if (f.status === 'unknown')
          assert.ok(f.note, `${j.code}.${t} is unknown without a note on what was searched`)
      }
    }
  })

  it('uses only true, false or unknown for memberships, and EU membership implies EEA', () => {
    for (const j of all) {
      for (const m of ['eu', 'eea', 'iccpr', 'montreux', 'vpi', 'icoca']) {
        assert.ok(
          [true, false, 'unknown'].includes(j.memberships[m]?.value as boolean | string),
          `${j.code}.${m}`,
        )
      }
      if (j.memberships.eu?.value === true) assert.equal(j.memberships.eea?.value, true, j.code)
    }
    assert.deepEqual(
      all
        .filter((j) => j.memberships.eu?.value === true)
        .map((j) => j.code)
        .sort(),
      [...EU].sort(),
    )
  })

  it('records China and Cuba as ICCPR signatories that are not parties', () => {
    assert.equal(byCode.get('CN')?.memberships.iccpr?.value, false)
    assert.equal(byCode.get('CU')?.memberships.iccpr?.value, false)
    assert.equal(byCode.get('DE')?.memberships.iccpr?.value, true)
  })

  it('gives every EU state the AI Act, GDPR coverage and the emotion-recognition restriction', () => {
    for (const code of EU) {
      const j = byCode.get(code)
      assert.ok(j, code)
      assert.equal(j.topics.ai_rules?.status, 'yes', code)
      assert.equal(j.topics.data_protection_law?.status, 'yes', code)
      const r = j.restrictions.find((x) => x.id === 'eu-ai-act-emotion-recognition-workplace')
      assert.ok(r, `${code} lacks the workplace emotion-recognition restriction`)
      assert.equal(r.kind, 'prohibited')
    }
  })

  it('refers only to catalogue technologies and valid kinds in restrictions', () => {
    for (const j of all) {
      for (const r of j.restrictions) {
        for (const t of r.technologies as string[])
          assert.ok(technologyIds.has(t), `${j.code} ${String(r.id)}: ${t}`)
        assert.ok(['prohibited', 'conditional', 'licence_required'].includes(String(r.kind)))
        assert.ok([1, 2, 3].includes(r.strictness as number))
      }
    }
  })

  it('uses source ids that are unique across all source files', () => {
    const ids = readdirSync(join(ROOT, 'content/sources'))
      .filter((f) => f.endsWith('.yaml'))
      .flatMap(
        (f) =>
          (
            parse(readFileSync(join(ROOT, 'content/sources', f), 'utf8')) as {
              sources: Array<{ id: string }>
            }
          ).sources,
      )
      .map((s) => s.id)
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    )
  })

  it('meets the data protection coverage target of 150 jurisdictions', () => {
    const known = (f: TFact | undefined) => f !== undefined && f.status !== 'unknown'
    const n = all.filter(
      (j) => known(j.topics.data_protection_law) && known(j.topics.data_protection_authority),
    ).length
    assert.ok(n >= 150, `only ${n} jurisdictions have both data protection topics established`)
  })

  it('a "no" rests on a cited page, not on the placeholder source', () => {
    for (const j of all) {
      for (const [topic, f] of Object.entries(j.topics)) {
        if (f.status === 'no') assert.notEqual(f.source, 'custos-research', `${j.code}.${topic}`)
      }
    }
  })

  // The content files are the single source of truth; scripts/jurisdictions/build.ts only refreshes
  // names and memberships from i18n-iso-countries and lists.ts, so it must find nothing to change.
  it('agrees with the names and membership lists that build.ts refreshes', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/jurisdictions/build.ts'), '--check'],
      { encoding: 'utf8', cwd: ROOT },
    )
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /195 jurisdictions, 0 would change/)
  })
})

describe('WGI governance file', () => {
  const rows = readFileSync(join(ROOT, 'content/governance/wgi-2023.csv'), 'utf8').trim().split('\n')

  it('keys rows by alpha-2 and keeps iso3, for year 2023', () => {
    assert.equal(
      rows[0],
      'iso2,iso3,country,year,control_of_corruption,government_effectiveness,political_stability,regulatory_quality,rule_of_law,voice_accountability',
    )
    assert.ok(rows.some((r) => r.startsWith('DE,DEU,Germany,2023,')))
    assert.ok(rows.some((r) => r.startsWith('XK,XKX,Kosovo,2023,')))
    for (const r of rows.slice(1)) assert.match(r, /^[A-Z]{2},[A-Z]{3},/)
  })

  it('covers every jurisdiction except the Holy See', () => {
    const keys = new Set(rows.slice(1).map((r) => r.slice(0, 2)))
    assert.deepEqual(
      all.filter((j) => !keys.has(j.code)).map((j) => j.code),
      ['VA'],
    )
  })
})
