import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import { createLogger } from './logger.ts'

const capture = () => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { lines, stream }
}

describe('logger redaction', () => {
  it('never writes passwords, tokens, cookies or authorization headers', () => {
    const { lines, stream } = capture()
    const logger = createLogger('info', stream)
    logger.info(
      {
        password: 'hunter2-password',
        token: 'invite-token-value',
        csrfToken: 'csrf-token-value',
        input: { password: 'nested-password' },
        req: {
          headers: {
            cookie: 'custos_session=abc123',
            authorization: 'Bearer secret-bearer',
            'x-csrf-token': 'hdr-csrf',
          },
        },
        harmless: 'visible-value',
      },
      'event',
    )
    const text = lines.join('')
    for (const secret of [
      'hunter2-password',
      'invite-token-value',
      'csrf-token-value',
      'nested-password',
      'abc123',
      'secret-bearer',
      'hdr-csrf',
    ]) {
      assert.ok(!text.includes(secret), `${secret} leaked`)
    }
    assert.match(text, /visible-value/)
    assert.match(text, /\[redacted\]/)
  })
})
