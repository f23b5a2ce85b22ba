/**
 * The error contract every API answer keeps (docs/contracts.md, docs/quality.md; issue 2 "Done when"): an error is
 * exactly `{"error":{"code","message",…}}` with a code of ERROR_STATUS and that code's status, and
 * no answer — error or not — carries a stack trace, a source path, SQL or a raw `Error:` string.
 */
import assert from 'node:assert/strict'
import { ERROR_STATUS } from '../../src/core/errors.ts'

/** What a leaked internal looks like; each pattern names what it catches. */
export const INTERNAL_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  {
    name: 'stack frame',
    pattern:
      /\bat (?:async )?[\w.$<>[\]]+ \((?:file:\/\/|node:|\/|[A-Za-z]:\\)[^)]*:\d+:\d+\)|\bat (?:file:\/\/)?\/[\w./-]+:\d+:\d+/,
  },
  { name: 'dependency path', pattern: /node_modules/ },
  { name: 'source position', pattern: /\.[cm]?[jt]s:\d+/ },
  { name: 'error text', pattern: /\b[A-Z]?\w*Error: / },
  {
    name: 'SQL',
    pattern:
      /\bselect\s.{1,200}?\sfrom\s+["`]?\w+["`]?\s+where\s|\binsert\s+into\s+["`]?\w+["`]?\s*\(|\bupdate\s+["`]?\w+["`]?\s+set\s+["`]?\w+["`]?\s*=|\bdelete\s+from\s+["`]?\w+["`]?\s+where\s/i,
  },
  {
    name: 'database error',
    pattern: /SQLITE_|violates [\w -]*constraint|constraint failed|syntax error at or near/i,
  },
]

/** The first internal a body leaks, or null. */
export const findInternal = (body: string): string | null => {
  // Inside a JSON string, quotes are escaped: look at the text as it would read unescaped.
  const text = body.replaceAll('\\"', '"')
  for (const { name, pattern } of INTERNAL_PATTERNS) {
    const match = pattern.exec(text)
    if (match) return `${name}: …${text.slice(Math.max(0, match.index - 40), match.index + 80)}…`
  }
  return null
}

export const isErrorCode = (code: unknown): code is keyof typeof ERROR_STATUS =>
  typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code)

/**
 * Checks one answer against the contract and returns the error code (or null for a success).
 * `label` names the request in failure messages.
 */
export const checkAnswer = (label: string, status: number, text: string): string | null => {
  assert.ok(status < 500, `${label}: status ${status} (must never be 5xx): ${text.slice(0, 300)}`)
  const leak = findInternal(text)
  assert.equal(leak, null, `${label}: the body leaks internals (${leak})`)
  if (status < 400) return null
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    assert.fail(`${label}: ${status} with a body that is not JSON: ${text.slice(0, 200)}`)
  }
  assert.ok(
    body !== null && typeof body === 'object' && !Array.isArray(body),
    `${label}: error body is an object`,
  )
  assert.deepEqual(
    Object.keys(body),
    ['error'],
    `${label}: the error body has exactly one key, "error": ${text}`,
  )
  const error = (body as { error: unknown }).error
  assert.ok(
    error !== null && typeof error === 'object' && !Array.isArray(error),
    `${label}: "error" is an object`,
  )
  const { code, message } = error as { code?: unknown; message?: unknown }
  assert.ok(isErrorCode(code), `${label}: code ${JSON.stringify(code)} is not in ERROR_STATUS`)
  assert.equal(typeof message, 'string', `${label}: message is a string`)
  assert.ok((message as string).length > 0, `${label}: message is not empty`)
  assert.equal(
    ERROR_STATUS[code],
    status,
    `${label}: code ${code} maps to ${ERROR_STATUS[code]}, answered ${status}`,
  )
  return code
}
