/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TAuditEvent } from '../../../src/modules/platform/schemas.ts'
import { en } from '../i18n/messages.ts'
import { AUDIT_ACTIONS, actionLabel, eventSentence, summaryItems } from './audit.ts'

const event = (action: string, entityName: string | null, summary: Record<string, unknown>): TAuditEvent => ({
  id: 'e1',
  seq: 1,
  actor: { id: 'u1', email: 'a@example.org', name: 'Ada' },
  action,
  entityType: 'user',
  entityId: 'u2',
  entityName,
  summary,
  createdAt: '2026-12-07T10:00:00.000Z',
  hash: 'h',
})

describe('summaryItems', () => {
  it('keeps the order, labels known fields in words, roles by their names', () => {
    assert.deepEqual(summaryItems({ from: 'viewer', to: 'admin', count: 2, isOwner: false, gone: null }), [
      { label: 'From', value: 'Viewer' },
      { label: 'To', value: 'Administrator' },
      { label: 'Count', value: '2' },
      { label: 'Is owner', value: 'false' },
      { label: 'Gone', value: '—' },
    ])
  })

  it('names an organisation kind in words, only in the kind field', () => {
    assert.deepEqual(summaryItems({ kind: 'provider', name: 'provider' }), [
      { label: 'Kind', value: 'Security provider' },
      { label: 'Name', value: 'provider' },
    ])
  })

  it('joins lists and writes objects as JSON', () => {
    assert.deepEqual(summaryItems({ roles: ['owner', 'admin'], other: { from: 'A', to: 'B' } }), [
      { label: 'Roles', value: 'Owner, Administrator' },
      { label: 'Other', value: '{"from":"A","to":"B"}' },
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

describe('eventSentence', () => {
  it('says what happened with the entity by name', () => {
    assert.equal(eventSentence(event('auth.login', 'Ada', {})), 'Signed in')
    assert.equal(
      eventSentence(
        event('invitation.created', 'x@example.org', { email: 'x@example.org', role: 'assessor' }),
      ),
      'Invited x@example.org as Assessor',
    )
    assert.equal(
      eventSentence(event('member.role_changed', 'Bo', { from: 'viewer', to: 'admin' })),
      'Changed the role of Bo from Viewer to Administrator',
    )
    assert.equal(eventSentence(event('bias_audit.created', 'loans.csv', {})), 'Ran a bias audit of loans.csv')
  })

  it('an action without a sentence of its own still reads as words', () => {
    assert.equal(eventSentence(event('deployment.risk_accepted', null, {})), 'Deployment risk accepted')
    assert.equal(actionLabel('deployment.risk_accepted'), 'Deployment risk accepted')
  })

  it('every known action has a sentence and a filter label with no dotted code in them', () => {
    for (const [action, [sentence, label]] of Object.entries(AUDIT_ACTIONS)) {
      for (const text of [en[sentence], en[label]]) {
        assert.ok(text.length > 0, action)
        assert.doesNotMatch(text, /[a-z]\.[a-z]|_/, `${action}: "${text}"`)
      }
    }
  })
})
