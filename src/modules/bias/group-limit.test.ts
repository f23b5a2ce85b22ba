/**
 * The group limits (docs/bias-audit.md, "Limits"): counting stops at the first group past the limit,
 * on one thread and on two, with a message naming the columns and what was seen, in the words of
 * the surface that asked (command-line flags, or the API's query fields).
 */
import assert from 'node:assert/strict'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isAppError } from '../../core/errors.ts'
import { CsvCounter, DEFAULT_MAX_GROUPS, type TCounterOptions, type TCountResult } from './counting/index.ts'
import { countInParallel } from './counting/parallel.ts'
import { MAX_UPLOAD_BOOTSTRAP_DRAWS, MAX_UPLOAD_GROUPS } from './limits.ts'
import { API_NAMING } from './option-names.ts'
import {
  API_SURFACE,
  MAX_GROUP_COLUMNS,
  MAX_GROUPS_LIMIT,
  parseFlags,
  runBiasAudit,
  type TBiasAuditFlags,
} from './service.ts'

const tmp = mkdtempSync(join(tmpdir(), 'custos-bias-limit-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

/** The user message of the AppError `run` throws (fails when it throws anything else, or nothing). */
function refusal(run: () => unknown): string {
  try {
    run()
  } catch (err) {
    assert.ok(isAppError(err), `an AppError, not ${String(err)}`)
    assert.equal(err.code, 'validation_failed')
    return err.userMessage
  }
  assert.fail('expected a refusal')
}

const count = (options: TCounterOptions, text: string): TCountResult => {
  const c = new CsvCounter(options)
  c.push(Buffer.from(text))
  return c.end()
}
const log = (header: string, rows: string[]): string =>
  `${header}\n${rows.map((r) => `${r},1,1`).join('\n')}\n`
const oneColumn = (maxGroups?: number): TCounterOptions => ({
  groupColumns: ['g'],
  labelColumn: 'label',
  predColumn: 'pred',
  maxGroups,
})
const twoColumns = (maxGroups: number): TCounterOptions => ({
  groupColumns: ['g', 'h'],
  labelColumn: 'label',
  predColumn: 'pred',
  maxGroups,
})

describe('the group limit while counting', () => {
  it('is 1,000 by default, a number a reader can still compare', () => {
    assert.equal(DEFAULT_MAX_GROUPS, 1_000)
  })

  // [what, options, header, group values per row, cells counted or the refusal expected]
  const cases: [string, TCounterOptions, string, string[], number | RegExp][] = [
    ['one column at the limit is counted', oneColumn(3), 'g,label,pred', ['a', 'b', 'c', 'a', 'c'], 3],
    [
      'one column past the limit is refused, naming it',
      oneColumn(3),
      'g,label,pred',
      ['a', 'b', 'c', 'd'],
      /^More than 3 distinct groups in --group g \(group limit 3\): column "g" has more than 3 distinct values\. Choose a column with fewer groups \(an identifier is not a group\), or raise the limit with --max-groups <n>\.$/,
    ],
    [
      'quoted values (the general reader) are held to the same limit',
      oneColumn(2),
      'g,label,pred',
      ['"a"', '"b ""x"""', '"c"'],
      /column "g" has more than 2 distinct values/,
    ],
    [
      'the header spelling of the column is the one named',
      { ...oneColumn(1), groupColumns: ['REGION'] },
      'Region,label,pred',
      ['north', 'south'],
      /--group Region \(group limit 1\): column "Region" has more than 1 distinct values/,
    ],
    [
      'rows of groups already seen never count against the limit',
      oneColumn(2),
      'g,label,pred',
      Array.from({ length: 5_000 }, (_, i) => (i % 2 ? 'a' : 'b')),
      2,
    ],
    [
      // 3 × 3 values: the seventh combination passes 6 while the columns add up to 3 + 3 = 6.
      'two columns whose combinations pass the limit',
      twoColumns(6),
      'g,h,label,pred',
      ['a,x', 'b,y', 'c,z', 'a,y', 'b,z', 'c,x', 'a,z'],
      /^More than 6 distinct groups in --group g,h \(group limit 6\): their combinations number more than 6 \(column "g" has 3 distinct values so far, "h" 3\)\. Choose fewer columns or columns with fewer groups/,
    ],
    [
      // Four combinations, but 4 + 4 single-column groups (the marginals) would be reported.
      'two columns whose values added up pass the limit',
      twoColumns(6),
      'g,h,label,pred',
      ['a,x', 'b,y', 'c,z', 'd,w'],
      /^More than 6 single-column groups in --group g,h \(group limit 6, the columns' distinct values added up\): column "g" has 3 distinct values so far, "h" 3\./,
    ],
    ['two columns within both limits', twoColumns(6), 'g,h,label,pred', ['a,x', 'b,x', 'a,y', 'b,y'], 4],
  ]
  for (const [what, options, header, rows, expected] of cases) {
    it(what, () => {
      const text = log(header, rows)
      if (typeof expected === 'number') assert.equal(count(options, text).cells.length, expected)
      else
        assert.match(
          refusal(() => count(options, text)),
          expected,
        )
    })
  }

  it('stops at the first group past the limit, long before the end of a 50,000-group log', () => {
    const text = Buffer.from(
      log(
        'region,label,pred',
        Array.from({ length: 50_000 }, (_, i) => `region-${i}`),
      ),
    )
    const c = new CsvCounter({ ...oneColumn(), groupColumns: ['region'] })
    let fed = 0
    const message = refusal(() => {
      for (; fed < text.length; fed += 4096) c.push(text.subarray(fed, fed + 4096))
    })
    assert.match(
      message,
      /column "region" has more than 1,000 distinct values \(group limit 1,000\)|column "region" has more than 1,000 distinct values/,
    )
    assert.ok(fed < text.length / 20, `stopped after ${fed} of ${text.length} bytes`)
  })

  it("words the refusal in the API's terms when asked to", () => {
    const message = refusal(() =>
      count({ ...oneColumn(1), naming: API_NAMING }, log('g,label,pred', ['a', 'b'])),
    )
    assert.equal(
      message,
      'More than 1 distinct groups in group=g (group limit 1): column "g" has more than 1 distinct values. Choose a column with fewer groups (an identifier is not a group), or raise the limit with maxGroups=<n>.',
    )
  })
})

describe('the group limit on two threads', () => {
  let files = 0
  async function twoThreads(text: string, options: TCounterOptions): Promise<TCountResult | null> {
    const path = join(tmp, `p${files++}.csv`)
    writeFileSync(path, text)
    const fd = openSync(path, 'r')
    try {
      return await countInParallel(path, fd, statSync(path).size, options)
    } finally {
      closeSync(fd)
    }
  }
  const rows = (value: (i: number) => string, n: number): string =>
    Array.from({ length: n }, (_, i) => `${value(i)},1,1\n`).join('')
  const rejects = async (work: Promise<unknown>, expected: RegExp): Promise<string> => {
    try {
      await work
    } catch (err) {
      assert.ok(isAppError(err), String(err))
      assert.equal(err.code, 'validation_failed')
      assert.match(err.userMessage, expected)
      return err.userMessage
    }
    assert.fail('expected a refusal')
  }

  it("stops the worker at the first group past the limit in its half (the main thread's has one group)", async () => {
    // 100,000 rows of a (600 kB, past the 64 KiB header probe and past the middle), then 50,000
    // distinct regions, all in the worker's half. Refused by the worker's own counter: "more than",
    // not the exact count that adding up both halves would give.
    const text = `region,label,pred\n${rows(() => 'a', 100_000)}${rows((i) => `r${i}`, 50_000)}`
    await rejects(
      twoThreads(text, { ...oneColumn(), groupColumns: ['region'] }),
      /^More than 1,000 distinct groups in --group region \(group limit 1,000\): column "region" has more than 1,000 distinct values\./,
    )
  })

  it('refuses halves within the limit that pass it added up, with the exact count', async () => {
    // 601 groups in each half (a and 600 of its own); a long run of a around the middle holds the cut.
    const text =
      'g,label,pred\n' +
      rows(() => 'a', 15_000) +
      rows((i) => `p${i}`, 600) +
      rows(() => 'a', 4_000) +
      rows((i) => `q${i}`, 600) +
      rows(() => 'a', 15_000)
    await rejects(
      twoThreads(text, oneColumn()),
      /^More than 1,000 distinct groups in --group g \(group limit 1,000\): column "g" has 1,201 distinct values\./,
    )
  })

  it("counts the columns' values of both halves together", async () => {
    // Each half: 3 combinations and 1 + 3 = 4 single-column groups (limit 5); together 5
    // combinations (within the limit) but 1 + 5 = 6 single-column groups.
    const half = (ids: string[]): string => rows((i) => `x,${ids[i % 3]}`, 12_000)
    const text = `g,h,label,pred\n${half(['a', 'b', 'c'])}${half(['c', 'd', 'e'])}`
    const message = await rejects(
      twoThreads(text, { ...twoColumns(5), naming: API_NAMING }),
      /^More than 5 single-column groups in group=g,h \(group limit 5, the columns' distinct values added up\): column "g" has 1 distinct values, "h" 5\./,
    )
    assert.doesNotMatch(message, /--/, 'the naming travels to the worker and the merge')
  })

  it("words the worker's refusal in the API's terms when asked to", async () => {
    const text = `g,label,pred\n${rows(() => 'a', 100_000)}${rows((i) => `r${i}`, 5_000)}`
    const message = await rejects(
      twoThreads(text, { ...oneColumn(), naming: API_NAMING }),
      /in group=g \(group limit 1,000\): column "g" has more than 1,000 distinct values.*maxGroups=<n>/,
    )
    assert.doesNotMatch(message, /--/)
  })
})

describe('group options', () => {
  const flags = (more: Partial<TBiasAuditFlags> = {}): TBiasAuditFlags => ({
    group: 'sex',
    label: 'label',
    pred: 'pred',
    ...more,
  })

  it('passes --max-groups to the counter, and leaves the default when it is not given', () => {
    assert.equal(parseFlags(flags({ maxGroups: '25' })).counter.maxGroups, 25)
    assert.equal(parseFlags(flags()).counter.maxGroups, undefined)
    assert.equal(parseFlags(flags({ maxGroups: String(MAX_GROUPS_LIMIT) })).counter.maxGroups, 100_000)
  })

  // [flags, surface, the message]
  const refused: [Partial<TBiasAuditFlags>, 'cli' | 'api', string][] = [
    [{ maxGroups: '0' }, 'cli', '--max-groups must be a whole number from 1 to 100000 (got "0").'],
    [{ maxGroups: '100001' }, 'cli', '--max-groups must be a whole number from 1 to 100000 (got "100001").'],
    [{ maxGroups: '1.5' }, 'cli', '--max-groups must be a whole number from 1 to 100000 (got "1.5").'],
    [{ maxGroups: '' }, 'cli', '--max-groups must be a whole number from 1 to 100000 (got "").'],
    [
      { maxGroups: String(MAX_UPLOAD_GROUPS + 1) },
      'api',
      'maxGroups must be a whole number from 1 to 2000 (got "2001").',
    ],
    [
      { group: Array.from({ length: MAX_GROUP_COLUMNS + 1 }, (_, i) => `c${i}`).join(',') },
      'cli',
      '--group takes at most 10 columns (got 11): groups of more attributes at once are too small to compare.',
    ],
  ]
  for (const [more, surface, message] of refused) {
    it(`refuses ${JSON.stringify(more)} on the ${surface === 'cli' ? 'command line' : 'API'}`, () => {
      assert.equal(
        refusal(() => parseFlags(flags(more), surface === 'api' ? API_SURFACE : undefined)),
        message,
      )
    })
  }
})

describe('option messages name what each surface calls the option', () => {
  // [flags, command-line message (unchanged), API message]
  const cases: [Partial<TBiasAuditFlags>, string, string][] = [
    [{ group: ' , ' }, '--group needs at least one column name.', 'group needs at least one column name.'],
    [
      { pred: undefined },
      'Give either --pred <column> or --score <column> with --threshold <x>.',
      'Give either pred=<column> or score=<column> with threshold=<x>.',
    ],
    [{ pred: undefined, score: 's' }, '--score needs --threshold <x>.', 'score needs threshold=<x>.'],
    [
      { pred: undefined, score: 's', threshold: 'high' },
      '--threshold must be a number (got "high").',
      'threshold must be a number (got "high").',
    ],
    [{ threshold: '0.5' }, '--threshold only applies with --score.', 'threshold only applies with score.'],
    [{ positive: ' ' }, '--positive must not be empty.', 'positive must not be empty.'],
    [
      { bootstrap: '0' },
      '--bootstrap must be a whole number from 1 to 100000 (got "0").',
      'bootstrap must be a whole number from 1 to 100000 (got "0").',
    ],
    [{ seed: '3' }, '--seed only applies with --bootstrap <n>.', 'seed only applies with bootstrap=<n>.'],
    [
      { minGroupSize: '-1' },
      '--min-group-size must be a whole number from 0 to 9007199254740991 (got "-1").',
      'minGroupSize must be a whole number from 0 to 9007199254740991 (got "-1").',
    ],
  ]
  for (const [more, cli, api] of cases) {
    it(`${JSON.stringify(more)}: "${cli}"`, () => {
      const all = { group: 'sex', label: 'label', pred: 'pred', ...more } as TBiasAuditFlags
      assert.equal(
        refusal(() => parseFlags(all)),
        cli,
      )
      assert.equal(
        refusal(() => parseFlags(all, API_SURFACE)),
        api,
      )
    })
  }
})

describe('the bootstrap on the server', () => {
  it('refuses more replicates × groups than an upload may ask for, saying how many would do', async () => {
    const path = join(tmp, 'twenty-groups.csv')
    writeFileSync(
      path,
      log(
        'g,label,pred',
        Array.from({ length: 200 }, (_, i) => `g${i % 20}`),
      ),
    )
    const replicates = Math.floor(MAX_UPLOAD_BOOTSTRAP_DRAWS / 20) + 1
    const flags: TBiasAuditFlags = { group: 'g', label: 'label', pred: 'pred', bootstrap: String(replicates) }
    await assert.rejects(runBiasAudit(path, flags, undefined, undefined, 1, API_SURFACE), (err: unknown) => {
      assert.ok(isAppError(err))
      assert.equal(
        err.userMessage,
        'bootstrap 50,001 over 20 groups is 1,000,020 draws, more than the 1,000,000 an upload may ask for: ask for at most 50,000 replicates for these groups.',
      )
      return true
    })
  })
})
