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
})
