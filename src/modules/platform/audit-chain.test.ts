import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ephemeralSecrets } from '../../core/secrets.ts'
import {
  auditKeyOf,
  canonicalJson,
  chainHash,
  checkChainSegment,
  checkHead,
  findSecretLikeKeys,
  GENESIS_HASH,
  headMac,
  legacyChainHash,
  type TStoredEvent,
} from './audit-chain.ts'

const KEY = auditKeyOf(ephemeralSecrets())

describe('canonicalJson', () => {
  const cases: [string, unknown, string][] = [
    [
      'sorts keys at every depth',
      { b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } },
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    ],
    ['escapes strings like JSON', { s: 'é"\n' }, '{"s":"é\\"\\n"}'],
    ['drops undefined object values', { a: undefined, b: true }, '{"b":true}'],
    ['keeps integers and decimals', [1, 1.5, -0.25], '[1,1.5,-0.25]'],
    ['handles the empty object', {}, '{}'],
  ]
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(canonicalJson(input), expected))
  }
  it('gives the same text whatever the key order', () => {
    assert.equal(canonicalJson({ x: 1, y: { b: 2, a: 1 } }), canonicalJson({ y: { a: 1, b: 2 }, x: 1 }))
  })
  it('rejects values JSON cannot carry', () => {
    assert.throws(() => canonicalJson({ n: Number.NaN }))
    assert.throws(() => canonicalJson({ f: () => 1 }))
    assert.throws(() => canonicalJson({ n: 10n }))
  })
})

const event = (
  seq: number,
  overrides: Partial<TStoredEvent> = {},
): Omit<TStoredEvent, 'prevHash' | 'hash'> => ({
  id: `e${seq}`,
  seq,
  orgId: 'org-1',
  actorId: 'user-1',
  action: 'member.role_changed',
  entityType: 'user',
  entityId: 'user-2',
  summary: { from: 'viewer', to: 'admin' },
  createdAt: `2026-01-01T00:00:0${seq}.000Z`,
  ...overrides,
})

const buildChain = (n: number): TStoredEvent[] => {
  const out: TStoredEvent[] = []
  let prev = GENESIS_HASH
  for (let seq = 1; seq <= n; seq++) {
    const e = event(seq)
    const hash = chainHash(KEY, prev, e)
    out.push({ ...e, prevHash: prev, hash })
    prev = hash
  }
  return out
}

describe('audit chain', () => {
  it('hashes differently when any covered field changes', () => {
    const base = event(1)
    const h = chainHash(KEY, GENESIS_HASH, base)
    assert.match(h, /^[0-9a-f]{64}$/)
    for (const change of [
      { seq: 2 },
      { orgId: 'org-2' },
      { actorId: null },
      { action: 'x' },
      { entityType: 'y' },
      { entityId: null },
      { summary: { from: 'viewer', to: 'owner' } },
      { createdAt: '2027-01-01T00:00:00.000Z' },
    ]) {
      assert.notEqual(chainHash(KEY, GENESIS_HASH, { ...base, ...change }), h, JSON.stringify(change))
    }
    assert.notEqual(chainHash(KEY, '1'.repeat(64), base), h)
  })

  it('accepts an intact chain and returns its head', () => {
    const chain = buildChain(3)
    const result = checkChainSegment(KEY, { seq: 0, hash: GENESIS_HASH }, chain)
    assert.equal(result.broken, null)
    assert.deepEqual(result.head, { seq: 3, hash: chain[2]!.hash })
  })

  it('names the first altered event', () => {
    const chain = buildChain(4)
    chain[1] = { ...chain[1]!, summary: { from: 'viewer', to: 'owner' } }
    const result = checkChainSegment(KEY, { seq: 0, hash: GENESIS_HASH }, chain)
    assert.equal(result.broken?.seq, 2)
    assert.equal(result.broken?.id, 'e2')
    assert.match(result.broken?.reason ?? '', /altered/)
  })

  it('detects a deleted event and a relinked prev_hash', () => {
    const chain = buildChain(3)
    const gap = checkChainSegment(KEY, { seq: 0, hash: GENESIS_HASH }, [chain[0]!, chain[2]!])
    assert.equal(gap.broken?.seq, 3)
    assert.match(gap.broken?.reason ?? '', /missing/)
    const relinked = [chain[0]!, { ...chain[1]!, prevHash: GENESIS_HASH }]
    assert.match(
      checkChainSegment(KEY, { seq: 0, hash: GENESIS_HASH }, relinked).broken?.reason ?? '',
      /prev_hash/,
    )
  })
})

describe('keyed chain', () => {
  it('cannot be recomputed without the server key', () => {
    const chain = buildChain(3)
    // An attacker edits event 2 and rehashes it and every later event with the published algorithm
    // (or with a key of their own): the chain hangs together, but not under the server's key.
    const forged: TStoredEvent[] = [chain[0]!]
    let prev = chain[0]!.hash
    for (const original of chain.slice(1)) {
      const edited = original.seq === 2 ? { ...original, summary: { from: 'viewer', to: 'owner' } } : original
      const hash = legacyChainHash(prev, edited)
      forged.push({ ...edited, prevHash: prev, hash })
      prev = hash
    }
    const result = checkChainSegment(KEY, { seq: 0, hash: GENESIS_HASH }, forged)
    assert.equal(result.broken?.seq, 2)
    assert.match(result.broken?.reason ?? '', /without the server key/)
    const otherKey = auditKeyOf(ephemeralSecrets())
    assert.notEqual(chainHash(otherKey, GENESIS_HASH, event(1)), chainHash(KEY, GENESIS_HASH, event(1)))
  })
})

describe('checkHead', () => {
  const chain = buildChain(5)
  const last = { seq: 5, hash: chain[4]!.hash }
  const headAt = (seq: number, hash: string) => ({
    seq,
    hash,
    mac: headMac(KEY, { orgId: 'org-1', seq, hash }),
  })
  const cases: [
    string,
    { seq: number; hash: string },
    ReturnType<typeof headAt> | undefined,
    RegExp | null,
  ][] = [
    ['a head naming the newest event holds', last, headAt(5, last.hash), null],
    ['no events and no head holds', { seq: 0, hash: GENESIS_HASH }, undefined, null],
    ['events without a head are reported', last, undefined, /checkpoint .* is missing/],
    [
      'the newest event deleted',
      { seq: 4, hash: chain[3]!.hash },
      headAt(5, last.hash),
      /truncated: .*event 5 is missing/,
    ],
    [
      'the newest three deleted',
      { seq: 2, hash: chain[1]!.hash },
      headAt(5, last.hash),
      /truncated: .*events 3–5 are missing/,
    ],
    [
      'a head moved back without the key',
      { seq: 4, hash: chain[3]!.hash },
      { ...headAt(5, last.hash), seq: 4, hash: chain[3]!.hash },
      /altered/,
    ],
    ['events appended behind the head', last, headAt(4, chain[3]!.hash), /added outside Custos/],
    ['a head of another chain', last, headAt(5, chain[3]!.hash), /does not match the newest event/],
  ]
  for (const [name, end, head, expected] of cases) {
    it(name, () => {
      const problem = checkHead(KEY, 'org-1', end, head)
      if (expected === null) assert.equal(problem, null)
      else assert.match(problem?.reason ?? '(no problem found)', expected)
    })
  }
  it('a head is bound to its organisation', () => {
    assert.match(checkHead(KEY, 'org-2', last, headAt(5, last.hash))?.reason ?? '', /altered/)
  })
})

describe('findSecretLikeKeys', () => {
  it('flags keys that look like secrets at any depth', () => {
    assert.deepEqual(findSecretLikeKeys({ email: 'a@b', nested: { password: 'x' }, apiToken: 't' }), [
      'nested.password',
      'apiToken',
    ])
    assert.deepEqual(findSecretLikeKeys({ from: 'viewer', to: 'admin' }), [])
  })
})
