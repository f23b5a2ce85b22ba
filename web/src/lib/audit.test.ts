/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { actionLabel, summaryItems } from './audit.ts'

describe('summaryItems', () => {
  it('keeps the order and shows each kind of value as text', () => {
    assert.deepEqual(summaryItems({ from: 'viewer', to: 'admin', count: 2, isOwner: false, gone: null }), [
      { label: 'from', value: 'viewer' },
      { label: 'to', value: 'admin' },
      { label: 'count', value: '2' },
      { label: 'isOwner', value: 'false' },
      { label: 'gone', value: '—' },
    ])
  })

  it('joins lists and writes objects as JSON', () => {
    assert.deepEqual(summaryItems({ roles: ['owner', 'admin'], name: { from: 'A', to: 'B' } }), [
      { label: 'roles', value: 'owner, admin' },
      { label: 'name', value: '{"from":"A","to":"B"}' },
    ])
  })

  it('cuts long values to 120 characters with an ellipsis', () => {
    const [item] = summaryItems({ note: 'x'.repeat(500) })
    assert.equal(item?.value.length, 120)
    assert.ok(item?.value.endsWith('…'))
  })

  it('returns nothing for an empty summary', () => {
    assert.deepEqual(summaryItems({}), [])
  })
})

describe('actionLabel', () => {
  it('turns dots and underscores into spaces', () => {
    assert.equal(actionLabel('member.role_changed'), 'member role changed')
    assert.equal(actionLabel('auth.login'), 'auth login')
  })
})
