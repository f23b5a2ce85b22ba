/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ApiError, fieldIssue, inputError, rephrased, toApiError } from './errors.ts'

describe('toApiError', () => {
  it('keeps the code, message and request id of the error envelope', () => {
    const error = toApiError(
      401,
      { error: { code: 'invalid_credentials', message: 'Wrong email or password.', requestId: 'r1' } },
      'fallback',
    )
    assert.equal(error.status, 401)
    assert.equal(error.code, 'invalid_credentials')
    assert.equal(error.message, 'Wrong email or password.')
    assert.equal(error.requestId, 'r1')
  })

  const fallbacks: [number, unknown, string][] = [
    [502, undefined, 'internal_error'],
    [404, '<html>', 'not_found'],
    [401, { error: 'nope' }, 'unauthenticated'],
    [403, { error: { code: 'forbidden' } }, 'forbidden'],
    [429, null, 'rate_limited'],
    [400, { error: { code: 1, message: 'x' } }, 'bad_request'],
  ]
  for (const [status, body, code] of fallbacks) {
    it(`maps a ${status} with a body that is not the envelope to ${code} and the fallback message`, () => {
      const error = toApiError(status, body, 'fallback')
      assert.equal(error.code, code)
      assert.equal(error.message, 'fallback')
    })
  }
})

describe('field issues', () => {
  it('keeps the issues of a validation failure, dropping entries of the wrong shape', () => {
    const error = toApiError(
      422,
      {
        error: {
          code: 'validation_failed',
          message: 'Invalid input: email: Invalid email.',
          issues: [{ path: 'email', message: 'Invalid email.' }, { path: 3 }, 'role', null],
        },
      },
      'fallback',
    )
    assert.deepEqual(error.issues, [{ path: 'email', message: 'Invalid email.' }])
    assert.equal(fieldIssue(error, 'email'), 'Invalid email.')
    assert.equal(fieldIssue(error, 'role'), undefined)
  })

  it('keeps what else the server said of an issue in its details', () => {
    const suggested = [{ code: 'DE', name: 'Germany' }]
    const error = toApiError(
      422,
      {
        error: {
          code: 'unknown_value',
          message: "Unknown country code 'XX'.",
          issues: [{ path: 'countries', message: "Unknown country code 'XX'.", value: 'XX', suggested }],
        },
      },
      'fallback',
    )
    assert.deepEqual(error.issues, [
      { path: 'countries', message: "Unknown country code 'XX'.", details: { value: 'XX', suggested } },
    ])
  })

  it('gives no issues when the server sent none, and none for an error that is not an ApiError', () => {
    assert.deepEqual(toApiError(403, { error: { code: 'forbidden', message: 'No.' } }, 'x').issues, [])
    assert.equal(fieldIssue(new Error('email'), 'email'), undefined)
  })

  it("makes the page's own checks an ApiError with code invalid_input", () => {
    const error = inputError('Pick the columns.', [{ path: 'label', message: 'Choose the outcome column.' }])
    assert.equal(error.code, 'invalid_input')
    assert.equal(error.status, 0)
    assert.equal(fieldIssue(error, 'label'), 'Choose the outcome column.')
  })
})

describe('rephrased', () => {
  const wrong = new ApiError(401, 'invalid_credentials', 'The email or password is incorrect.', 'r2')

  it("puts the form's words on an error with that code, keeping status, code and request id", () => {
    const error = rephrased(wrong, 'invalid_credentials', 'The current password is not right.')
    assert.ok(error instanceof ApiError)
    assert.deepEqual(
      [error.status, error.code, error.message, error.requestId],
      [401, 'invalid_credentials', 'The current password is not right.', 'r2'],
    )
  })

  it('leaves other codes and other errors as they are', () => {
    const limited = new ApiError(429, 'rate_limited', 'Too many attempts. Try again later.')
    assert.equal(rephrased(limited, 'invalid_credentials', 'x'), limited)
    const plain = new Error('boom')
    assert.equal(rephrased(plain, 'invalid_credentials', 'x'), plain)
  })
})
