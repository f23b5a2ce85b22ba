/** @jsxRuntime automatic @jsxImportSource react */
/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderToStaticMarkup } from 'react-dom/server'
import { ApiError, inputError } from '../api/errors.ts'
import { en } from '../i18n/messages.ts'
import { ErrorNotice } from './Status.tsx'

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

describe('ErrorNotice', () => {
  it("shows the server's message, each field by the form's label, and what to do next", () => {
    const error = new ApiError(422, 'validation_failed', 'Invalid input: email: Invalid email.', 'req-7', [
      { path: 'email', message: 'Invalid email.' },
      { path: 'note', message: 'Too long.' },
    ])
    const shown = text(
      renderToStaticMarkup(<ErrorNotice error={error} fieldLabels={{ email: 'Email address' }} />),
    )
    assert.match(shown, /Invalid input: email: Invalid email\./)
    assert.match(shown, /Email address : Invalid email\./)
    // A field the form did not name keeps its path rather than disappearing.
    assert.match(shown, /note : Too long\./)
    assert.ok(shown.includes(en['error.next.fields']))
    assert.ok(shown.includes('Reference: req-7'))
  })

  const steps: [string, keyof typeof en][] = [
    ['forbidden', 'error.next.forbidden'],
    ['rate_limited', 'error.next.rate_limited'],
    ['payload_too_large', 'error.next.payload_too_large'],
    ['internal_error', 'error.next.internal_error'],
    ['not_found', 'error.next.not_found'],
    ['conflict', 'error.next.conflict'],
  ]
  for (const [code, key] of steps) {
    it(`says what to do after ${code}`, () => {
      const shown = text(
        renderToStaticMarkup(<ErrorNotice error={new ApiError(400, code, 'The server said.')} />),
      )
      assert.match(shown, /The server said\./)
      assert.ok(shown.includes(en[key]), shown)
    })
  }

  it("shows the page's own check like the server's, and a generic sentence for anything else", () => {
    assert.match(
      text(renderToStaticMarkup(<ErrorNotice error={inputError('Pick the columns.')} />)),
      /Pick the columns\./,
    )
    const other = text(renderToStaticMarkup(<ErrorNotice error={new TypeError('x is undefined')} />))
    assert.ok(other.includes(en['error.unexpected']))
    assert.doesNotMatch(other, /undefined|TypeError/)
  })
})
