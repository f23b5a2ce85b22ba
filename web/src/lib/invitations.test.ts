/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import { absoluteLink, invitationStatus, invitationTokenFrom, passwordProblem } from './invitations.ts'

const now = new Date('2026-06-01T12:00:00Z')

describe('invitationStatus', () => {
  it('is open before expiry, expired at or after it', () => {
    assert.equal(invitationStatus({ acceptedAt: null, expiresAt: '2026-06-02T00:00:00Z' }, now), 'open')
    assert.equal(invitationStatus({ acceptedAt: null, expiresAt: '2026-06-01T12:00:00Z' }, now), 'expired')
    assert.equal(invitationStatus({ acceptedAt: null, expiresAt: '2026-05-01T00:00:00Z' }, now), 'expired')
  })

  it('stays accepted after the expiry date has passed', () => {
    assert.equal(
      invitationStatus({ acceptedAt: '2026-04-20T00:00:00Z', expiresAt: '2026-05-01T00:00:00Z' }, now),
      'accepted',
    )
  })
})

describe('absoluteLink', () => {
  it('makes a path absolute and keeps an absolute URL as it is', () => {
    assert.equal(absoluteLink('/invite/abc', 'http://127.0.0.1:8080'), 'http://127.0.0.1:8080/invite/abc')
    assert.equal(
      absoluteLink('https://custos.example/invite/abc', 'http://127.0.0.1:8080'),
      'https://custos.example/invite/abc',
    )
  })
})

describe('passwordProblem', () => {
  const long = 'a'.repeat(LIMITS.passwordMin)
  it('asks for the shared minimum length first', () => {
    assert.match(
      passwordProblem('a'.repeat(LIMITS.passwordMin - 1), 'x') ?? '',
      new RegExp(String(LIMITS.passwordMin)),
    )
  })
  it('reports two different passwords', () => {
    assert.match(passwordProblem(long, `${long}b`) ?? '', /not the same/)
  })
  it('accepts a long enough password typed twice', () => {
    assert.equal(passwordProblem(long, long), null)
  })
})

describe('invitationTokenFrom', () => {
  it('reads the token from the path or from the #token= fragment', () => {
    assert.equal(invitationTokenFrom('abc', ''), 'abc')
    assert.equal(invitationTokenFrom(undefined, '#token=xyz_-1'), 'xyz_-1')
    assert.equal(invitationTokenFrom(undefined, 'token=xyz'), 'xyz')
  })
  it('gives null when the link carries no token', () => {
    assert.equal(invitationTokenFrom(undefined, ''), null)
    assert.equal(invitationTokenFrom(undefined, '#token='), null)
    assert.equal(invitationTokenFrom(undefined, '#other=1'), null)
  })
})
