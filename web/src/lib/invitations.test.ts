/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LIMITS } from '../../../src/modules/platform/limits.ts'
import type { TMe } from '../../../src/modules/platform/schemas.ts'
import { ApiError } from '../api/errors.ts'
import { en } from '../i18n/messages.ts'
import {
  absoluteLink,
  acceptAndJoin,
  acceptProblem,
  invitationStatus,
  invitationTokenFrom,
  passwordProblem,
  type TJoinCalls,
} from './invitations.ts'

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

describe('acceptProblem', () => {
  const long = 'a'.repeat(LIMITS.passwordMin)
  it('asks for a name before looking at the password', () => {
    assert.equal(acceptProblem('  ', 'short', 'other'), en['invite.nameMissing'])
  })
  it('then applies the password rules', () => {
    assert.equal(acceptProblem('Noor', long, `${long}x`), en['password.mismatch'])
    assert.equal(acceptProblem('Noor', long, long), null)
  })
})

describe('acceptAndJoin', () => {
  const token = 't'.repeat(32)
  const joined = { user: { email: 'noor@example.org' } } as TMe
  const input = { token, name: 'Noor', password: 'a long enough passphrase', acceptedEmail: null }

  /** Fake API calls that record what was asked, in order; `login` answers as it is told. */
  function fakeCalls(login: () => Promise<TMe> = async () => joined) {
    const log: string[] = []
    const calls: TJoinCalls = {
      accept: async (body) => {
        log.push(`accept ${body.token.length} ${body.name} ${body.password}`)
        return { email: 'noor@example.org' }
      },
      login: async (body) => {
        log.push(`login ${body.email} ${body.password}`)
        return login()
      },
      join: async (joinToken) => {
        log.push(`join ${joinToken === token}`)
        return joined
      },
    }
    return { calls, log }
  }

  it('accepts, signs in with the address accept answered and the typed password, then joins', async () => {
    const { calls, log } = fakeCalls()
    const accepted: string[] = []
    assert.equal(await acceptAndJoin(calls, input, (email) => accepted.push(email)), joined)
    assert.deepEqual(log, [
      'accept 32 Noor a long enough passphrase',
      'login noor@example.org a long enough passphrase',
      'join true',
    ])
    assert.deepEqual(accepted, ['noor@example.org'])
  })

  it('says a refused sign-in is the wrong password of the existing account, and does not join', async () => {
    const refused = new ApiError(401, 'invalid_credentials', 'The email or password is incorrect.', 'r1')
    const { calls, log } = fakeCalls(async () => Promise.reject(refused))
    await assert.rejects(
      acceptAndJoin(calls, input, () => {}),
      (error: unknown) =>
        error instanceof ApiError &&
        error.status === 401 &&
        error.requestId === 'r1' &&
        error.message === en['invite.wrongPassword'].replace('{email}', 'noor@example.org'),
    )
    assert.equal(log.at(-1), 'login noor@example.org a long enough passphrase')
  })

  it("passes any other failure of sign-in on with the server's message", async () => {
    const limited = new ApiError(429, 'rate_limited', 'Too many attempts. Try again later.')
    const { calls } = fakeCalls(async () => Promise.reject(limited))
    await assert.rejects(
      acceptAndJoin(calls, input, () => {}),
      (error: unknown) => error === limited,
    )
  })

  it('signs in straight away on a retry after an accepted invitation', async () => {
    const { calls, log } = fakeCalls()
    const accepted: string[] = []
    await acceptAndJoin(calls, { ...input, acceptedEmail: 'noor@example.org' }, (email) =>
      accepted.push(email),
    )
    assert.deepEqual(log, ['login noor@example.org a long enough passphrase', 'join true'])
    assert.deepEqual(accepted, [])
  })
})
