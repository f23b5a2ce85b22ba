import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  isCrossSiteRequest,
  isCsrfValid,
  isMutation,
  SESSION_IDLE_MS,
  sessionCookieOptions,
  sessionState,
  sessionTokenFrom,
  shouldTouch,
} from './session-rules.ts'

const at = (iso: string) => new Date(iso)

describe('session lifetime', () => {
  const session = { lastSeenAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-08T00:00:00.000Z' }
  it('is active within the idle window', () =>
    assert.equal(sessionState(session, at('2026-01-01T11:59:59.000Z')), 'active'))
  it('expires after 12 idle hours', () => {
    assert.equal(SESSION_IDLE_MS, 12 * 3600_000)
    assert.equal(sessionState(session, at('2026-01-01T12:00:00.000Z')), 'idle_expired')
  })
  it('expires at the absolute limit even when busy', () => {
    assert.equal(
      sessionState({ ...session, lastSeenAt: '2026-01-07T23:59:00.000Z' }, at('2026-01-08T00:00:00.000Z')),
      'expired',
    )
  })
  it('touches last_seen at most once a minute', () => {
    assert.equal(shouldTouch(session, at('2026-01-01T00:00:59.000Z')), false)
    assert.equal(shouldTouch(session, at('2026-01-01T00:01:00.000Z')), true)
  })
})

describe('CSRF helpers', () => {
  it('treats only GET, HEAD and OPTIONS as safe', () => {
    for (const m of ['GET', 'head', 'OPTIONS']) assert.equal(isMutation(m), false)
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) assert.equal(isMutation(m), true)
  })
  it('accepts only the exact session token', () => {
    assert.equal(isCsrfValid('abc', 'abc'), true)
    assert.equal(isCsrfValid('abc', 'abd'), false)
    assert.equal(isCsrfValid('abc', 'abcd'), false)
    assert.equal(isCsrfValid('abc', ''), false)
    assert.equal(isCsrfValid('abc', undefined), false)
  })
  const cases: [string, Parameters<typeof isCrossSiteRequest>[0], boolean][] = [
    ['no browser hints (curl)', { host: 'custos.example' }, false],
    ['same origin', { origin: 'https://custos.example', host: 'custos.example' }, false],
    ['other origin', { origin: 'https://evil.example', host: 'custos.example' }, true],
    ['opaque origin', { origin: 'null', host: 'custos.example' }, true],
    ['sec-fetch-site cross-site', { secFetchSite: 'cross-site', host: 'custos.example' }, true],
    [
      'sec-fetch-site same-site (a sibling subdomain)',
      { secFetchSite: 'same-site', host: 'custos.example' },
      true,
    ],
    ['sec-fetch-site same-origin', { secFetchSite: 'same-origin', host: 'custos.example' }, false],
  ]
  for (const [name, headers, expected] of cases) {
    it(`login from ${name} is ${expected ? 'refused' : 'allowed'}`, () =>
      assert.equal(isCrossSiteRequest(headers), expected))
  }
  it('sets Secure only under https', () => {
    assert.equal(sessionCookieOptions(true, 10).secure, true)
    assert.equal(sessionCookieOptions(false, 10).secure, false)
    assert.equal(sessionCookieOptions(false, 10).httpOnly, true)
    assert.equal(sessionCookieOptions(false, 10).sameSite, 'Lax')
  })
})

describe('reading the session cookie', () => {
  const token = 'aB3dEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde'
  const cases: [string, string | undefined, string | undefined][] = [
    ['the only cookie', `custos_session=${token}`, token],
    ['among others, with spaces', `theme=dark;  custos_session=${token} ; lang=en`, token],
    ['quoted', `custos_session="${token}"`, token],
    ['the first of two', `custos_session=${token}; custos_session=other`, token],
    ['not a longer name that ends with it', `xcustos_session=${token}`, undefined],
    ['not a longer name that starts with it', `custos_session2=${token}`, undefined],
    ['after a longer name that contains it', `xcustos_session=evil; custos_session=${token}`, token],
    ['absent', 'theme=dark', undefined],
    ['no header', undefined, undefined],
    ['empty value', 'custos_session=', undefined],
    ['characters a token never has', 'custos_session=%00%FF', undefined],
    ['too long to be a token', `custos_session=${'A'.repeat(201)}`, undefined],
  ]
  for (const [name, header, expected] of cases)
    it(`${name} → ${expected === undefined ? 'no token' : 'the token'}`, () =>
      assert.equal(sessionTokenFrom(header), expected))
})
