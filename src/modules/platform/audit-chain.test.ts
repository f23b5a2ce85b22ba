import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalJson,
  chainHash,
  checkChainSegment,
  findSecretLikeKeys,
  GENESIS_HASH,
  type TStoredEvent,
} from './audit-chain.ts'

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
    const hash = chainHash(prev, e)
    out.push({ ...e, prevHash: prev, hash })
    prev = hash
  }
  return out
}

describe('audit chain', () => {
  it('hashes differently when any covered field changes', () => {
    const base = event(1)
    const h = chainHash(GENESIS_HASH, base)
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
      assert.notEqual(chainHash(GENESIS_HASH, { ...base, ...change }), h, JSON.stringify(change))
    }
    assert.notEqual(chainHash('1'.repeat(64), base), h)
  })

  it('accepts an intact chain and returns its head', () => {
    const chain = buildChain(3)
    const result = checkChainSegment({ seq: 0, hash: GENESIS_HASH }, chain)
    assert.equal(result.broken, null)
    assert.deepEqual(result.head, { seq: 3, hash: chain[2]!.hash })
  })

  it('names the first altered event', () => {
    const chain = buildChain(4)
    chain[1] = { ...chain[1]!, summary: { from: 'viewer', to: 'owner' } }
    const result = checkChainSegment({ seq: 0, hash: GENESIS_HASH }, chain)
    assert.equal(result.broken?.seq, 2)
    assert.equal(result.broken?.id, 'e2')
    assert.match(result.broken?.reason ?? '', /altered/)
  })

  it('detects a deleted event and a relinked prev_hash', () => {
    const chain = buildChain(3)
    const gap = checkChainSegment({ seq: 0, hash: GENESIS_HASH }, [chain[0]!, chain[2]!])
    assert.equal(gap.broken?.seq, 3)
    assert.match(gap.broken?.reason ?? '', /missing/)
    const relinked = [chain[0]!, { ...chain[1]!, prevHash: GENESIS_HASH }]
    assert.match(
      checkChainSegment({ seq: 0, hash: GENESIS_HASH }, relinked).broken?.reason ?? '',
      /prev_hash/,
    )
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
