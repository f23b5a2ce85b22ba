import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isUuid, newId } from './ids.ts'

describe('UUID v7 ids', () => {
  it('are version 7, variant 10, and carry the millisecond time', () => {
    const id = newId(Date.UTC(2026, 0, 1))
    assert.ok(isUuid(id))
    assert.equal(id[14], '7')
    assert.ok(['8', '9', 'a', 'b'].includes(id[19]!))
    assert.equal(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16), Date.UTC(2026, 0, 1))
  })
  it('increase within one millisecond and never repeat', () => {
    const ids = Array.from({ length: 2000 }, () => newId(Date.UTC(2030, 0, 1)))
    assert.deepEqual([...ids].sort(), ids)
    assert.equal(new Set(ids).size, ids.length)
  })
  it('move on to the next millisecond when 4,096 ids share one, and keep order when the clock goes back', () => {
    const at = Date.UTC(2031, 0, 1)
    const ids = Array.from({ length: 5000 }, () => newId(at))
    const times = ids.map((id) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16))
    assert.ok(
      times.some((time) => time === at + 1),
      'the counter ran over into the next millisecond',
    )
    assert.ok(times.every((time) => time === at || time === at + 1))
    const earlier = newId(at - 60_000)
    ids.push(earlier)
    assert.deepEqual([...ids].sort(), ids, 'an id made after a clock step back still sorts last')
  })
})
