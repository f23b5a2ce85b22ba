import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { checkLibrary, formatProblem } from './index.ts'
import type { TLibrary } from './library.ts'
import { defaultContentDir, displayDirOf, formatPath, loadLibrary } from './loader.ts'
import { checkLock, readLock, updatedLock, writeLock } from './lock.ts'
import type { TCondition } from './schemas.ts'
import { validateLibrary } from './validate.ts'

const BROKEN = join(import.meta.dirname, '../../test/fixtures/library/broken')

describe('the broken fixture', () => {
  const lines = checkLibrary({ contentDir: BROKEN }).problems.map(formatProblem)
  const has = (suffix: string) =>
    assert.ok(
      lines.some((line) => line.includes(suffix)),
      `expected a problem containing:\n  ${suffix}\ngot:\n  ${lines.join('\n  ')}`,
    )

  it('names the file, the URN and the field of an unknown crosswalk target', () => {
    has(
      'frameworks/toolkit.yaml: urn:custos:toolkit:requirement:T2.03 links[0].target: unknown URN urn:custos:icoc:provision:p999',
    )
  })
  it('reports a condition on a later question as a possible cycle', () => {
    has('deployment-assessment.T2.q01 when: answers.T2.q02 must refer to an earlier question')
  })
  it('reports a compared value the earlier question cannot take', () => {
    has('deployment-assessment.T2.q02 when.all[0]: answers.T2.q01 cannot be "perhaps"')
  })
  it('reports equals on a list field and unknown fields', () => {
    has('when.all[1]: deployment.technologies is a list; use includes')
    has('when.all[2]: unknown field "deployment.colour"')
  })
  it('reports an effect keyed on an answer the question does not have', () => {
    has('effects.maybe: "maybe" is not an answer of this yes_no question')
  })
  it('refuses credit for an answer of unknown', () => {
    has('effects.unknown[0]: an answer of "unknown" never mitigates a risk or satisfies a requirement')
  })
  it('reports an effect that names no existing risk template', () => {
    has('effects.yes[1].mitigates: unknown URN urn:custos:catalogue:risk:cctv.nothing')
  })
  it('reports a section area that does not exist', () => {
    has('sections[1].area: unknown URN urn:custos:toolkit:area:T9')
  })
  it('reports a URN whose kind does not match the object', () => {
    has('urn:custos:icoc:requirement:p2 urn: URN kind "requirement" does not match a provision')
  })
  it('catches a misspelt field name', () => {
    has('deployment-assessment.T2.q03: Unrecognized key: "requried"')
  })
  it('explains the unquoted-comma trap in text maps', () => {
    has('T2.04 title: Unrecognized key: "they are recorded" (an unquoted comma')
  })
  it('requires the fixed topic, technology and group ids (docs/contracts.md)', () => {
    has('technologies.yaml: missing technology "facial-recognition"')
    has('topics.yaml: missing topic "cctv_rules"')
    has('affected-groups.yaml: missing affected group "human-rights-defenders"')
  })
})

describe('semantic checks on a modified copy of the real library', () => {
  const base = loadLibrary().library
  const messages = (mutate: (library: TLibrary) => void): string[] => {
    const library = structuredClone(base)
    mutate(library)
    return validateLibrary(library).map(formatProblem)
  }
  const first = <T>(map: Map<string, T>): T => {
    const value = map.values().next().value
    assert.ok(value, 'the real library should have content for this test')
    return value
  }

  it('a requirement without a crosswalk link or reference is reported', () => {
    const lines = messages((library) => {
      const requirement = first(library.requirements)
      requirement.links = []
      requirement.references = []
    })
    assert.ok(lines.some((line) => line.endsWith('links: needs at least one crosswalk link')))
    assert.ok(lines.some((line) => line.endsWith('references: needs at least one reference')))
  })
  it('a technology with one risk template and no topic is reported', () => {
    const lines = messages((library) => {
      const technology = first(library.technologies)
      technology.risks = technology.risks.slice(0, 1)
      technology.topics = []
    })
    assert.ok(lines.some((line) => line.endsWith('risks: needs at least 2 risk templates')))
    assert.ok(lines.some((line) => line.endsWith('topics: must trigger at least one regulatory topic')))
  })
  it('a right or group id that does not exist is reported', () => {
    const lines = messages((library) => {
      const technology = first(library.technologies)
      technology.rights = ['privacy', 'right-to-be-watched']
      technology.affectedGroups = ['aliens']
    })
    assert.ok(lines.some((line) => line.endsWith('rights[1]: unknown right "right-to-be-watched"')))
    assert.ok(lines.some((line) => line.endsWith('affectedGroups[0]: unknown affected group "aliens"')))
  })
  it('a topic baseline must name requirements', () => {
    const lines = messages((library) => {
      first(library.topics).baseline = ['urn:custos:method:group:workers']
    })
    assert.ok(
      lines.some((line) =>
        line.includes('baseline[0]: urn:custos:method:group:workers is a group, expected a requirement'),
      ),
    )
  })
  it('a severity-4 row below high is rejected (UNGP 24)', () => {
    const lines = messages((library) => {
      const row = library.riskMethod?.priority.matrix.find((r) => r.severity === 4)
      assert.ok(row)
      row.byLikelihood = ['medium', 'high', 'critical', 'critical']
    })
    assert.ok(lines.some((line) => line.includes('severity 4 is never below high')))
  })
  it('severity thresholds that leave a sum uncovered are rejected', () => {
    const lines = messages((library) => {
      library.riskMethod?.severity.thresholds.pop()
    })
    assert.ok(lines.some((line) => line.includes('the sum 12 is covered 0 times')))
  })
  it('impact levels that inherit in a circle are reported as a cycle', () => {
    const lines = messages((library) => {
      const one = library.impactLevels.get('I')
      assert.ok(one)
      one.inherits = 'urn:custos:method:impact-level:IV'
    })
    assert.ok(lines.some((line) => line.includes('inherits: cycle through')))
  })
  it('a question whose condition reads its own answer is a cycle', () => {
    const lines = messages((library) => {
      const questionnaire = first(library.questionnaires)
      const question = questionnaire.questions[0]
      assert.ok(question)
      question.when = { field: `answers.${question.id}`, equals: 'yes' }
    })
    assert.ok(
      lines.some((line) => line.includes("cycle: the question's condition depends on its own answer")),
    )
  })
  it('a cited source that does not exist is reported', () => {
    const lines = messages((library) => {
      library.sources.clear()
    })
    assert.ok(lines.some((line) => /references\[0\]\.source: unknown source id/.test(line)))
  })
})

describe('every semantic rule, one change to the real library at a time', () => {
  const base = loadLibrary().library
  const toolkit = (library: TLibrary) => {
    const entry = [...library.frameworks.values()].find((f) => f.framework.urn.endsWith(':toolkit'))
    assert.ok(entry)
    return entry
  }
  const icoc = (library: TLibrary) => {
    const entry = [...library.frameworks.values()].find((f) => f.framework.urn.endsWith(':icoc'))
    assert.ok(entry?.provisions[0])
    return { entry, provision: entry.provisions[0] }
  }
  const technology = (library: TLibrary) => library.technologies.get('cctv')!
  const assessment = (library: TLibrary) => library.questionnaires.get('deployment-assessment')!
  const question = (library: TLibrary, id: string) => {
    const found = assessment(library).questions.find((q) => q.id === id)
    assert.ok(found, id)
    return found
  }
  /** A condition on the question after `T3.q07` (a number question), so every earlier answer may be read. */
  const whenOnLater = (library: TLibrary, when: TCondition) => {
    const questions = assessment(library).questions
    const later = questions[questions.findIndex((q) => q.id === 'T3.q07') + 1]
    assert.ok(later)
    later.when = when
  }

  // [what changes, the change, the end of the problem line it must give]
  const cases: [string, (library: TLibrary) => void, string][] = [
    [
      'an area code unlike its URN',
      (l) => (toolkit(l).areas[0]!.code = 'T99'),
      'code: code T99 does not match the URN',
    ],
    [
      'a requirement in an area that does not exist',
      (l) => (toolkit(l).requirements[0]!.area = 'T99'),
      'area: unknown area "T99" in content/frameworks/toolkit.yaml',
    ],
    [
      'a requirement whose URN is of another area',
      (l) => (toolkit(l).requirements[0]!.area = 'T12'),
      'area: the URN id should start with the area code T12.',
    ],
    [
      'a requirement linking to itself',
      (l) => {
        const requirement = toolkit(l).requirements[0]!
        requirement.links[0]!.target = requirement.urn
      },
      'links[0].target: a requirement cannot link to itself',
    ],
    [
      'a provision without references',
      (l) => (icoc(l).provision.references = []),
      'references: needs at least one reference',
    ],
    [
      'a provision linking to itself',
      (l) => {
        const { provision } = icoc(l)
        provision.links = [{ target: provision.urn, relationship: 'equal' }]
      },
      'links[0].target: a provision cannot link to itself',
    ],
    [
      'a framework citing an unknown source',
      (l) => (icoc(l).entry.framework.sources = ['no-such-source']),
      'sources[0]: unknown source id "no-such-source"',
    ],
    ['a technology id unlike its URN', (l) => (technology(l).id = 'camera'), 'id: id does not match the URN'],
    [
      'a technology triggering an unknown topic',
      (l) => (technology(l).topics = [{ topic: 'weather_rules', importance: 'essential' }]),
      'topics[0].topic: unknown topic "weather_rules"',
    ],
    [
      'a risk template on an unknown right',
      (l) => (technology(l).risks[0]!.right = 'right-to-be-watched'),
      'right: unknown right "right-to-be-watched"',
    ],
    [
      'a risk template for an unknown group',
      (l) => (technology(l).risks[0]!.affectedGroups = ['aliens']),
      'affectedGroups[0]: unknown affected group "aliens"',
    ],
    [
      'a risk template whose URN is not its technology and id',
      (l) => (technology(l).risks[0]!.id = 'renamed'),
      'urn: expected urn:custos:catalogue:risk:cctv.renamed',
    ],
    [
      'a topic outside the nine of docs/gap-analysis.md',
      (l) => (l.topics.get('cctv_rules')!.id = 'camera_rules'),
      'id: "camera_rules" is not one of the nine regulatory topic ids (docs/gap-analysis.md)',
    ],
    [
      'a group id unlike its URN',
      (l) => (l.groups.get('workers')!.id = 'staff'),
      'id: id does not match the URN',
    ],
    [
      'a right citing an unknown source',
      (l) => (l.rights.get('privacy')!.references![0]!.source = 'no-such-source'),
      'rights.privacy.references[0].source: unknown source id "no-such-source"',
    ],
    [
      'a priority matrix without a row',
      (l) => (l.riskMethod!.priority.matrix = l.riskMethod!.priority.matrix.filter((r) => r.severity !== 2)),
      'priority.matrix: no row for severity 2',
    ],
    [
      'a priority that falls as likelihood rises',
      (l) => (l.riskMethod!.priority.matrix[0]!.byLikelihood = ['medium', 'low', 'low', 'medium']),
      'priority.matrix[severity 1]: priority must not fall as likelihood rises',
    ],
    [
      'a priority that falls as severity rises',
      (l) => (l.riskMethod!.priority.matrix[1]!.byLikelihood = ['low', 'low', 'low', 'low']),
      'priority.matrix[severity 2]: priority must not fall as severity rises',
    ],
    [
      'a likelihood rule reading an answer',
      (l) => (l.riskMethod!.likelihoodRules.rules[0]!.when = { field: 'answers.T1.q01', equals: 'yes' }),
      'likelihoodRules.rules[0].when: answers are not available here (answers.T1.q01)',
    ],
    [
      'a missing impact level',
      (l) => l.impactLevels.delete('II'),
      'impactLevels: impact level II is missing',
    ],
    [
      'an impact level unlike its URN, from the wrong priority',
      (l) => {
        const level = l.impactLevels.get('III')!
        level.level = 'IV'
        level.fromPriority = 'low'
      },
      'fromPriority: priority low maps to level I',
    ],
    [
      'an impact level whose level is not its URN',
      (l) => (l.impactLevels.get('III')!.level = 'IV'),
      'level: level does not match the URN',
    ],
    [
      'a questionnaire id unlike its URN',
      (l) => (assessment(l).id = 'assessment'),
      'id: id does not match the URN',
    ],
    [
      'two sections with one id',
      (l) => (assessment(l).sections[1]!.id = assessment(l).sections[0]!.id),
      'sections[1].id: duplicate section id T1',
    ],
    [
      'a question URN that is not its questionnaire and id',
      (l) => (question(l, 'T1.q01').urn = 'urn:custos:questionnaire:question:other.T1.q01'),
      'urn: expected urn:custos:questionnaire:question:deployment-assessment.T1.q01',
    ],
    [
      'two questions with one id',
      (l) => (question(l, 'T1.q06').id = 'T1.q01'),
      'id: duplicate question id T1.q01',
    ],
    [
      'a question in no section',
      (l) => (question(l, 'T1.q01').section = 'T99'),
      'section: unknown section "T99"',
    ],
    [
      'a choice question with one option',
      (l) => (question(l, 'T1.q06').options = question(l, 'T1.q06').options!.slice(0, 1)),
      'options: a choice question needs at least 2 options',
    ],
    [
      'a yes/no question with options',
      (l) => (question(l, 'T1.q01').options = [{ value: 'yes', label: { en: 'Yes' } }]),
      'options: a yes_no question has no options',
    ],
    [
      'a repeated option',
      (l) => {
        const options = question(l, 'T1.q06').options!
        options[1]!.value = options[0]!.value
      },
      `options[1].value: duplicate option ${base.questionnaires.get('deployment-assessment')!.questions.find((q) => q.id === 'T1.q06')!.options![0]!.value}`,
    ],
    [
      'a condition on no question of the questionnaire',
      (l) => whenOnLater(l, { field: 'answers.T9.q99', equals: 'yes' }),
      'when: answers.T9.q99 refers to no question of this questionnaire',
    ],
    [
      'equals on a multiple choice',
      (l) => whenOnLater(l, { field: 'answers.T2.q01', equals: 'x' }),
      'answers.T2.q01 is a multiple choice; use includes',
    ],
    [
      'includes on a number',
      (l) => whenOnLater(l, { field: 'answers.T3.q07', includes: 'x' }),
      'answers.T3.q07 is a number; use equals, notEquals, gte or lte',
    ],
    [
      'a number compared with text',
      (l) => whenOnLater(l, { field: 'answers.T3.q07', equals: 'ten' }),
      'answers.T3.q07 is a number; compare it with a number',
    ],
    [
      'gte on a yes/no answer',
      (l) => whenOnLater(l, { field: 'answers.T1.q01', gte: 1 }),
      'answers.T1.q01 is a yes_no question; use equals or notEquals',
    ],
    [
      'an unknown technology in a condition',
      (l) => whenOnLater(l, { field: 'deployment.technologies', includes: 'teleporter' }),
      'when: unknown technology "teleporter"',
    ],
    [
      'an unknown group in a condition',
      (l) => whenOnLater(l, { field: 'deployment.affected', includes: 'aliens' }),
      'when: unknown affected group "aliens"',
    ],
    [
      'a country name where a code belongs',
      (l) => whenOnLater(l, { field: 'deployment.countries', includes: 'Germany' }),
      'when: "Germany" is not an ISO 3166-1 alpha-2 code',
    ],
    [
      'includes on a number field of the deployment',
      (l) => whenOnLater(l, { field: 'deployment.scale', includes: 'many' }),
      'when: deployment.scale is a number; use equals, gte or lte with a number',
    ],
    [
      'gte on a true-or-false field of the deployment',
      (l) => whenOnLater(l, { field: 'deployment.context.humanReview', gte: 1 }),
      'when: deployment.context.humanReview is true or false; use equals or notEquals with true or false',
    ],
  ]
  for (const [name, change, expected] of cases) {
    it(`reports ${name}`, () => {
      const library = structuredClone(base)
      change(library)
      const lines = validateLibrary(library).map(formatProblem)
      assert.ok(
        lines.some((line) => line.endsWith(expected)),
        `expected a problem ending with:\n  ${expected}\ngot:\n  ${lines.join('\n  ')}`,
      )
    })
  }
  it('reports nothing on the library as shipped', () => {
    assert.deepEqual(validateLibrary(structuredClone(base)).map(formatProblem), [])
  })
})

describe('loader and lock', () => {
  const dirs: string[] = []
  const tempCopy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-library-'))
    dirs.push(dir)
    cpSync(BROKEN, dir, { recursive: true })
    return dir
  }
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('duplicate source ids across source files are reported', () => {
    const dir = tempCopy()
    writeFileSync(
      join(dir, 'sources', 'other.yaml'),
      'sources:\n  - { id: fixture-source, publisher: X, title: Y }\n',
    )
    const lines = loadLibrary({ contentDir: dir }).problems.map(formatProblem)
    assert.ok(
      lines.some((line) => line.includes('sources/other.yaml: sources.fixture-source: duplicate source id')),
    )
  })
  it('a duplicate URN names both files', () => {
    const dir = tempCopy()
    mkdirSync(join(dir, 'frameworks'), { recursive: true })
    writeFileSync(
      join(dir, 'frameworks', 'copy.yaml'),
      'framework: { urn: "urn:custos:icoc:framework:icoc", version: 1, title: { en: Copy } }\nprovisions: []\n',
    )
    const lines = loadLibrary({ contentDir: dir }).problems.map(formatProblem)
    assert.ok(
      lines.some(
        (line) =>
          /frameworks\/icoc\.yaml: urn:custos:icoc:framework:icoc urn: duplicate URN \(also in .*copy\.yaml\)/.test(
            line,
          ) ||
          /copy\.yaml: urn:custos:icoc:framework:icoc urn: duplicate URN \(also in .*icoc\.yaml\)/.test(line),
      ),
    )
  })
  it('a YAML syntax error is a problem, not a crash', () => {
    const dir = tempCopy()
    writeFileSync(join(dir, 'topics.yaml'), 'topics: [\n  - oops: : :\n')
    const lines = loadLibrary({ contentDir: dir }).problems.map(formatProblem)
    assert.ok(lines.some((line) => line.includes('topics.yaml: YAML syntax error')))
  })
  it('a file outside the known layout is reported', () => {
    const dir = tempCopy()
    writeFileSync(join(dir, 'stray.yaml'), 'x: 1\n')
    const lines = loadLibrary({ contentDir: dir }).problems.map(formatProblem)
    assert.ok(lines.some((line) => line.includes('stray.yaml: not a known library file')))
  })
  it('a locked URN that disappears is reported; the lock only grows', () => {
    const dir = tempCopy()
    const { library } = loadLibrary({ contentDir: dir })
    const first = updatedLock(library, readLock(dir).lock)
    assert.equal(first.added, library.objects.size)
    writeLock(dir, first.lock)
    assert.deepEqual(checkLock(library, readLock(dir).lock), [])
    rmSync(join(dir, 'frameworks', 'icoc.yaml'))
    const shrunk = loadLibrary({ contentDir: dir }).library
    const lines = checkLock(shrunk, readLock(dir).lock).map(formatProblem)
    assert.ok(
      lines.some((line) =>
        line.endsWith(
          'urns.lock.json: urn:custos:icoc:provision:p1: published URN no longer exists (published URNs never disappear)',
        ),
      ),
    )
    const again = updatedLock(shrunk, readLock(dir).lock)
    assert.ok('urn:custos:icoc:provision:p1' in again.lock.urns, 'a removed URN stays in the lock')
  })
  it('a version below the published one is reported', () => {
    const dir = tempCopy()
    const { library } = loadLibrary({ contentDir: dir })
    const lock = updatedLock(library, { urns: {} }).lock
    lock.urns['urn:custos:icoc:provision:p1'] = 3
    const lines = checkLock(library, lock).map(formatProblem)
    assert.ok(
      lines.some((line) =>
        line.endsWith('urn:custos:icoc:provision:p1 version: version 1 is below the published 3'),
      ),
    )
  })
  /** A copy of the real content (the library's files only) with one YAML file rewritten by `change`. */
  const realCopy = (file: string, change: (data: Record<string, unknown>) => void): string => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-library-'))
    dirs.push(dir)
    cpSync(defaultContentDir(), dir, {
      recursive: true,
      filter: (path) => !/[\\/](jurisdictions|governance)$/.test(path),
    })
    const data = parseYaml(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>
    change(data)
    writeFileSync(join(dir, file), stringifyYaml(data))
    return dir
  }
  const problemsOf = (dir: string) =>
    loadLibrary({ contentDir: dir, cache: false }).problems.map(formatProblem)
  const hasLine = (lines: string[], expected: string) =>
    assert.ok(
      lines.some((line) => line.endsWith(expected)),
      `expected a problem ending with:\n  ${expected}\ngot:\n  ${lines.join('\n  ')}`,
    )

  it('files of the wrong shape: not a mapping, a list that is not a list, an unknown key, a missing header', () => {
    const dir = tempCopy()
    writeFileSync(join(dir, 'topics.yaml'), '- just\n- a list\n')
    writeFileSync(join(dir, 'frameworks', 'odd.yaml'), 'provisions: not a list\ncolour: blue\n')
    writeFileSync(
      join(dir, 'frameworks', 'strings.yaml'),
      `framework: { urn: "urn:custos:odd:framework:odd", version: 1, title: { en: Odd } }\nprovisions: [just a string]\n`,
    )
    writeFileSync(
      join(dir, 'frameworks', 'bare.yaml'),
      `framework: { urn: "urn:custos:bare:framework:bare", version: 1, title: { en: Bare } }\n`,
    )
    writeFileSync(join(dir, 'questionnaires', 'headless.yaml'), 'questions: []\n')
    const lines = problemsOf(dir)
    hasLine(lines, 'topics.yaml: the file must hold a YAML mapping at the top level')
    hasLine(lines, 'frameworks/odd.yaml: provisions: must be a list')
    hasLine(
      lines,
      'frameworks/odd.yaml: colour: unknown top-level key (expected framework, areas, requirements, provisions)',
    )
    hasLine(lines, 'frameworks/odd.yaml: framework: missing')
    assert.ok(
      lines.some((line) => /frameworks\/strings\.yaml: provisions\[0\]: /.test(line)),
      lines.join('\n'),
    )
    hasLine(
      lines,
      'urn:custos:bare:framework:bare: a framework file needs `provisions` or `areas` + `requirements`',
    )
    hasLine(lines, 'questionnaires/headless.yaml: questionnaire: missing')
  })

  it('empty files of every kind load as empty, each missing part named', () => {
    const dir = tempCopy()
    for (const file of [
      'sources.yaml',
      'technologies.yaml',
      'topics.yaml',
      'affected-groups.yaml',
      'risk-method.yaml',
    ])
      writeFileSync(join(dir, file), '{}\n')
    const { library, problems } = loadLibrary({ contentDir: dir, cache: false })
    assert.equal(library.technologies.size, 0)
    assert.equal(library.riskMethod ?? null, null)
    hasLine(problems.map(formatProblem), 'risk-method.yaml: riskMethod: missing')
    assert.ok(library.sources.has('fixture-source'), 'sources/ still loads beside an empty sources.yaml')
  })

  it('a right or impact level defined twice, and a technology or risk template URN used twice', () => {
    const method = realCopy('risk-method.yaml', (data) => {
      const rights = data.rights as { id: string }[]
      rights.push(rights[0]!)
      const levels = data.impactLevels as { urn: string }[]
      levels.push(levels[0]!, { ...levels[0]!, urn: 'urn:custos:method:impact-level:V' })
    })
    const lines = problemsOf(method)
    hasLine(lines, 'risk-method.yaml: rights.privacy: duplicate right id')
    hasLine(
      lines,
      'risk-method.yaml: urn:custos:method:impact-level:V level: impact level I is defined twice',
    )
    assert.ok(lines.some((line) => line.includes('urn:custos:method:impact-level:I urn: duplicate URN')))
    const technologies = realCopy('technologies.yaml', (data) => {
      const list = data.technologies as { risks: unknown[] }[]
      list[1]!.risks.push(list[1]!.risks[0])
      list.push(list[0]!)
    })
    const twice = problemsOf(technologies).filter((line) => line.includes('duplicate URN'))
    assert.equal(twice.length, 2, twice.join('\n'))
  })

  it('a questionnaire or question URN used twice is reported, the first kept', () => {
    const dir = realCopy('questionnaires/vendor-profile.yaml', (data) => {
      const questions = data.questions as unknown[]
      questions.push(questions[0])
    })
    cpSync(join(dir, 'questionnaires', 'vendor-profile.yaml'), join(dir, 'questionnaires', 'copy.yaml'))
    const { library, problems } = loadLibrary({ contentDir: dir, cache: false })
    const twice = problems.map(formatProblem).filter((line) => line.includes('duplicate URN'))
    // The repeated question in the file, then the whole copy's header (its questions are not read).
    assert.equal(twice.length, 2, twice.join('\n'))
    assert.equal(
      library.questionnaires.get('vendor-profile')?.questions.length,
      loadLibrary().library.questionnaires.get('vendor-profile')?.questions.length,
    )
  })

  it('names a content folder by the shortest honest path', () => {
    assert.equal(displayDirOf(process.cwd()), '.')
    assert.equal(displayDirOf(join(process.cwd(), 'content')), 'content')
    assert.equal(displayDirOf(tmpdir()), tmpdir())
    assert.equal(formatPath([0, 'links', 2, 'target']), '[0].links[2].target')
  })

  it('a missing content directory is one clear problem', () => {
    const { problems } = loadLibrary({ contentDir: join(tmpdir(), 'custos-no-such-dir') })
    assert.equal(problems.length, 1)
    assert.match(problems[0]?.message ?? '', /content directory not found/)
  })
})
