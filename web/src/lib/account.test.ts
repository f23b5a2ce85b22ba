/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TSessionInfo } from '../../../src/modules/platform/schemas.ts'
import { currentFirst } from './account.ts'

const session = (id: string, isCurrent = false): TSessionInfo => ({
  id,
  createdAt: '2026-06-01T12:00:00Z',
  lastSeenAt: '2026-06-01T12:00:00Z',
  expiresAt: '2026-07-01T12:00:00Z',
  isCurrent,
})

describe('currentFirst', () => {
  it('puts this session on top and keeps the order of the others', () => {
    const listed = currentFirst([session('newest'), session('mine', true), session('older')])
    assert.deepEqual(
      listed.map((s) => s.id),
      ['mine', 'newest', 'older'],
    )
  })

  it('lists every session once, also when none is this one', () => {
    assert.deepEqual(
      currentFirst([session('a'), session('b')]).map((s) => s.id),
      ['a', 'b'],
    )
    assert.deepEqual(currentFirst([]), [])
  })
})
