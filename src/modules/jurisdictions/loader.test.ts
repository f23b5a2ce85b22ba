import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { stringify } from 'yaml'
import { cacheFileFor } from '../../content/cache.ts'
import { loadLibrary } from '../../content/index.ts'
import type { TTechnology } from '../../content/schemas.ts'
import { JURISDICTIONS_CACHE, loadJurisdictions } from './loader.ts'
import { TOPIC_IDS } from './schemas.ts'
import { checkJurisdictions } from './service.ts'
import { parseWgiCsv, splitCsvLine } from './wgi.ts'

const dirs: string[] = []
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const WGI = [
  'iso2,iso3,country,year,control_of_corruption,government_effectiveness,political_stability,regulatory_quality,rule_of_law,voice_accountability',
  'DE,DEU,Germany,2023,1.66,1.19,0.59,1.46,1.55,1.46',
  'CD,COD,"Congo, Dem. Rep.",2023,-1.4,-1.6,-1.9,-1.3,-1.6,',
].join('\n')

const fact = (status: string, extra: Record<string, unknown> = {}) => ({
  status,
  ...(status === 'yes' || status === 'partial'
    ? { instrument: { title: 'An Act', adopted: 2020, inForce: '2021-01-01' } }
    : {}),
  ...(status === 'unknown' ? { note: 'searched the gazette' } : {}),
  source: 'src-a',
  asOf: '2026-11-29',
  ...extra,
})

const jurisdictionFile = (code: string, iso3: string, overrides: Record<string, unknown> = {}) => ({
  code,
  iso3,
  name: { en: `Country ${code}` },
  unMember: true,
  memberships: Object.fromEntries(
    ['eu', 'eea', 'iccpr', 'montreux', 'vpi', 'icoca'].map((m) => [
      m,
      { value: false, source: 'src-a', asOf: '2026-11-29' },
    ]),
  ),
  topics: Object.fromEntries(TOPIC_IDS.map((t) => [t, fact('unknown')])),
  restrictions: [],
  ...overrides,
})

/** A content folder with the given jurisdiction files (name → data) and the WGI file. */
const contentWith = (files: Record<string, unknown>, wgi = WGI) => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-jur-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'jurisdictions'))
  mkdirSync(join(dir, 'governance'))
  writeFileSync(join(dir, 'governance/wgi-2023.csv'), wgi)
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(join(dir, 'jurisdictions', name), typeof data === 'string' ? data : stringify(data))
  }
  const { library } = loadLibrary({ contentDir: dir })
  library.sources.set('src-a', { id: 'src-a', publisher: 'P', title: 'T' })
  library.sources.set('wb-wgi-2024', {
    id: 'wb-wgi-2024',
    publisher: 'World Bank',
    title: 'WGI',
    licence: 'CC BY 4.0',
  })
  library.technologies.set('cctv', { id: 'cctv' } as TTechnology)
  return loadJurisdictions({ contentDir: dir, library })
}

describe('loading jurisdiction files', () => {
  it('loads a valid file and merges its WGI indicators', () => {
    const { dataset, problems } = contentWith({
      'DE.yaml': jurisdictionFile('DE', 'DEU'),
      'CD.yaml': jurisdictionFile('CD', 'COD'),
    })
    assert.deepEqual(problems, [])
    assert.equal(dataset.jurisdictions.get('DE')?.governance.ruleOfLaw, 1.55)
    assert.equal(dataset.jurisdictions.get('CD')?.governance.voiceAccountability, null)
    assert.equal(dataset.jurisdictions.get('CD')?.governance.controlOfCorruption, -1.4)
    assert.match(dataset.governance.attribution, /World Bank, WGI, CC BY 4\.0/)
  })

  it('gives a jurisdiction without a WGI row empty indicators, not zeros', () => {
    const { dataset } = contentWith({ 'VA.yaml': { ...jurisdictionFile('VA', 'VAT'), unMember: false } })
    assert.equal(dataset.jurisdictions.get('VA')?.governance.ruleOfLaw, null)
    assert.equal(dataset.jurisdictions.get('VA')?.governance.year, null)
  })

  const bad: [string, string, unknown, RegExp][] = [
    [
      'a code that is not the file name',
      'FR.yaml',
      jurisdictionFile('DE', 'DEU'),
      /does not match the file name FR\.yaml/,
    ],
    [
      'a code that is not ISO 3166-1',
      'QQ.yaml',
      jurisdictionFile('QQ', 'QQQ'),
      /QQ is not an ISO 3166-1 alpha-2 code/,
    ],
    [
      'an alpha-3 code of another country',
      'DE.yaml',
      jurisdictionFile('DE', 'FRA'),
      /FRA is not the alpha-3 code of DE/,
    ],
    ['a lower-case code', 'de.yaml', jurisdictionFile('de', 'DEU'), /upper-case ISO 3166-1 alpha-2/],
    [
      'a missing topic',
      'DE.yaml',
      jurisdictionFile('DE', 'DEU', { topics: { data_protection_law: fact('no') } }),
      /ai_rules/,
    ],
    [
      'a yes without an instrument',
      'DE.yaml',
      jurisdictionFile('DE', 'DEU', {
        topics: Object.fromEntries(
          TOPIC_IDS.map((t) => [t, { status: 'yes', source: 'src-a', asOf: '2026-11-29' }]),
        ),
      }),
      /needs an instrument/,
    ],
    [
      'a fact without an as-of date',
      'DE.yaml',
      jurisdictionFile('DE', 'DEU', {
        topics: Object.fromEntries(TOPIC_IDS.map((t) => [t, { status: 'no', source: 'src-a' }])),
      }),
      /asOf/,
    ],
    [
      'a fact citing a source that does not exist',
      'DE.yaml',
      jurisdictionFile('DE', 'DEU', {
        topics: Object.fromEntries(TOPIC_IDS.map((t) => [t, fact('no', { source: 'nowhere' })])),
      }),
      /source "nowhere" is not in content\/sources/,
    ],
    [
      'an unknown status',
      'DE.yaml',
      jurisdictionFile('DE', 'DEU', { topics: Object.fromEntries(TOPIC_IDS.map((t) => [t, fact('maybe')])) }),
      /status/,
    ],
    [
      'a restriction naming a technology outside the catalogue',
      'DE.yaml',
      jurisdictionFile('DE', 'DEU', {
        restrictions: [
          {
            id: 'r-1',
            technologies: ['teleporter'],
            kind: 'prohibited',
            strictness: 3,
            summary: { en: 'x' },
            instrument: { title: 'A', adopted: 2024 },
            source: 'src-a',
            asOf: '2026-11-29',
          },
        ],
      }),
      /"teleporter" is not a technology of the catalogue/,
    ],
    ['a YAML syntax error', 'DE.yaml', 'code: [DE\n', /YAML syntax error/],
  ]
  for (const [name, file, data, message] of bad) {
    it(`reports ${name}`, () => {
      const { problems } = contentWith({ [file]: data })
      assert.ok(problems.length > 0, 'a problem is reported')
      assert.ok(
        problems.some((p) => message.test(`${p.field ?? ''} ${p.message}`)),
        JSON.stringify(problems),
      )
    })
  }

  it('reports a WGI file without its columns', () => {
    const { problems } = contentWith({}, 'iso2,year\nDE,2023\n')
    assert.match(problems[0]?.message ?? '', /missing column/)
  })
})

describe('loading a content folder that is incomplete', () => {
  const restriction = (id: string) => ({
    id,
    technologies: ['cctv'],
    kind: 'conditional',
    strictness: 1,
    summary: { en: 'x' },
    instrument: { title: 'A', adopted: 2024 },
    source: 'src-a',
    asOf: '2026-11-29',
  })
  const messages = (problems: { field?: string; message: string }[]) =>
    problems.map((p) => `${p.field ?? ''} ${p.message}`.trim())

  it('reports a restriction id used twice in one file', () => {
    const { problems } = contentWith({
      'DE.yaml': jurisdictionFile('DE', 'DEU', { restrictions: [restriction('r-1'), restriction('r-1')] }),
    })
    assert.deepEqual(messages(problems), ['restrictions[1].id duplicate restriction id r-1'])
  })

  it('keeps the first of two files for one jurisdiction and reports the second', () => {
    const { dataset, problems } = contentWith({
      'DE.yaml': jurisdictionFile('DE', 'DEU', { name: { en: 'First' } }),
      'DE.yml': jurisdictionFile('DE', 'DEU', { name: { en: 'Second' } }),
    })
    assert.equal(dataset.jurisdictions.get('DE')?.name.en, 'First')
    assert.deepEqual(messages(problems), [
      'code code DE does not match the file name DE.yml',
      'code jurisdiction DE is defined twice',
    ])
  })

  it('says when the governance file, the jurisdiction folder or the WGI source entry is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-jur-'))
    dirs.push(dir)
    const { library } = loadLibrary({ contentDir: dir })
    library.sources.set('src-a', { id: 'src-a', publisher: 'P', title: 'T' })
    const { dataset, problems } = loadJurisdictions({ contentDir: dir, displayDir: 'content', library })
    assert.equal(dataset.jurisdictions.size, 0)
    assert.equal(dataset.governance.year, null)
    assert.equal(dataset.governance.attribution, 'Source: wb-wgi-2024 (source entry missing)')
    assert.deepEqual(
      problems.map((p) => `${p.file}: ${p.message}`),
      [
        'content/governance/wgi-2023.csv: governance file not found; every enforcement context will be unknown',
        'content/governance/wgi-2023.csv: source "wb-wgi-2024" is not in content/sources/',
        'content/jurisdictions: jurisdiction directory not found',
      ],
    )
  })

  it('words the attribution from the source entry, with or without a URL and licence', () => {
    const { dataset } = contentWith({})
    assert.equal(dataset.governance.attribution, 'Source: World Bank, WGI, CC BY 4.0')
    assert.equal(dataset.governance.year, 2023)
  })
})

describe('reading the WGI file', () => {
  it('keeps quoted commas inside a field', () => {
    assert.deepEqual(splitCsvLine('CD,COD,"Congo, Dem. Rep.",2023'), [
      'CD',
      'COD',
      'Congo, Dem. Rep.',
      '2023',
    ])
    assert.deepEqual(splitCsvLine('a,"say ""hi""",'), ['a', 'say "hi"', ''])
  })
  it('reports a value that is not a number and keeps the row', () => {
    const { rows, problems } = parseWgiCsv(`${WGI.split('\n')[0]}\nDE,DEU,Germany,2023,x,1,1,1,1,1\n`)
    assert.equal(rows[0]?.controlOfCorruption, null)
    assert.match(problems[0] ?? '', /line 2: control_of_corruption "x" is not a number/)
  })
})

describe('the shipped jurisdiction data', () => {
  it('passes every check (custos jurisdictions validate)', () => {
    const { dataset, problems } = checkJurisdictions()
    assert.deepEqual(
      problems.map((p) => `${p.file} ${p.field ?? ''}: ${p.message}`),
      [],
    )
    assert.ok(dataset.jurisdictions.size >= 195)
  })
})

describe('the jurisdictions check cache', () => {
  it('a cached load gives exactly what a fresh load gives, for the shipped dataset', () => {
    const { library } = loadLibrary()
    const fresh = loadJurisdictions({ contentDir: library.contentDir, library, cache: false })
    loadJurisdictions({ contentDir: library.contentDir, library }) // fills the cache if needed
    const cached = loadJurisdictions({ contentDir: library.contentDir, library })
    assert.equal(fresh.dataset.jurisdictions.size, 195)
    assert.deepStrictEqual(cached, fresh)
  })

  it('a changed file is checked again, never served stale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-jur-cache-'))
    dirs.push(dir)
    after(() => rmSync(cacheFileFor(JURISDICTIONS_CACHE, dir), { force: true }))
    mkdirSync(join(dir, 'jurisdictions'))
    mkdirSync(join(dir, 'governance'))
    writeFileSync(join(dir, 'governance/wgi-2023.csv'), WGI)
    const file = join(dir, 'jurisdictions', 'DE.yaml')
    writeFileSync(file, stringify(jurisdictionFile('DE', 'DEU')))
    const { library } = loadLibrary({ contentDir: dir })
    library.sources.set('src-a', { id: 'src-a', publisher: 'P', title: 'T' })
    assert.equal(loadJurisdictions({ contentDir: dir, library }).dataset.jurisdictions.size, 1)
    writeFileSync(file, stringify(jurisdictionFile('DE', 'DEU', { unMember: 'yes' })))
    const after2 = loadJurisdictions({ contentDir: dir, library })
    assert.equal(after2.dataset.jurisdictions.size, 0)
    assert.ok(after2.problems.some((p) => p.file.endsWith('DE.yaml') && p.field === 'unMember'))
  })
})
