import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { browserSkipReason, unexpectedProblems } from './browser.ts'

describe('browserSkipReason', () => {
  const absent = '/nonexistent/custos-test/chromium'

  it('lets the tests run when the browser exists', () => {
    assert.equal(browserSkipReason({}, process.execPath), null)
    assert.equal(browserSkipReason({ REQUIRE_BROWSER: '1' }, process.execPath), null)
  })

  it('skips with the reason when the browser is missing', () => {
    assert.match(browserSkipReason({}, absent) ?? '', /is not installed.*skipped/)
  })

  it('fails instead of skipping when REQUIRE_BROWSER=1', () => {
    assert.throws(() => browserSkipReason({ REQUIRE_BROWSER: '1' }, absent), /REQUIRE_BROWSER=1/)
  })
})

describe('unexpectedProblems', () => {
  it('lets through only the 401s the browser logs for "who am I?" and a wrong password', () => {
    const expected401 =
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)'
    const problems = [
      expected401,
      'console: Failed to load resource: the server responded with a status of 500 (Internal Server Error)',
      'console: Refused to apply inline style because it violates the following Content Security Policy directive: "style-src \'self\'".',
      'exception: boom',
    ]
    assert.deepEqual(unexpectedProblems(problems), problems.slice(1))
  })
})
