/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fragmentToken, isPublicPath, loginPathFor, safeNextPath } from './paths.ts'

describe('safeNextPath', () => {
  const cases: [string | null, string][] = [
    [null, '/'],
    ['', '/'],
    ['/audit', '/audit'],
    ['/settings/organisation?tab=members#invites', '/settings/organisation?tab=members#invites'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['audit', '/'],
    ['/audit\nSet-Cookie', '/'],
    ['/login', '/'],
    ['/login?next=/audit', '/'],
    ['/invite/abc', '/'],
    ['/invitations/accept', '/'],
    ['/password-reset#token=abc', '/'],
    ['/account', '/account'],
  ]
  for (const [raw, expected] of cases) {
    it(`sends ${JSON.stringify(raw)} to ${expected}`, () => assert.equal(safeNextPath(raw), expected))
  }
})

describe('loginPathFor', () => {
  it('remembers an in-app destination', () => {
    assert.equal(loginPathFor('/audit?x=1'), '/login?next=%2Faudit%3Fx%3D1')
  })
  it('adds nothing when the destination is the overview or unsafe', () => {
    assert.equal(loginPathFor('/'), '/login')
    assert.equal(loginPathFor('//evil.example'), '/login')
  })
})

describe('isPublicPath', () => {
  it('treats sign-in, invitation and password reset pages as public and everything else as private', () => {
    assert.equal(isPublicPath('/login'), true)
    assert.equal(isPublicPath('/invite/token-123'), true)
    assert.equal(isPublicPath('/invitations/accept'), true)
    assert.equal(isPublicPath('/password-reset'), true)
    assert.equal(isPublicPath('/account'), false)
    assert.equal(isPublicPath('/'), false)
    assert.equal(isPublicPath('/audit'), false)
    assert.equal(isPublicPath('/login-help'), false)
  })
})

describe('fragmentToken', () => {
  it('reads the token of a #token= fragment, with or without the #', () => {
    assert.equal(fragmentToken('#token=xyz_-1'), 'xyz_-1')
    assert.equal(fragmentToken('token=xyz'), 'xyz')
    assert.equal(fragmentToken('#other=1&token=abc'), 'abc')
  })
  it('gives null when the fragment carries no token', () => {
    assert.equal(fragmentToken(''), null)
    assert.equal(fragmentToken('#token='), null)
    assert.equal(fragmentToken('#other=1'), null)
  })
})
