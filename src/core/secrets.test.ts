/** The server key file: made once with mode 0600, reused, refused when it is not 32 bytes of hex. */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ephemeralSecrets, keyedHash, loadOrCreateSecrets } from './secrets.ts'

describe('server secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custos-secrets-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the key file (and its folder) readable by its owner only, then reads the same key', () => {
    const file = join(dir, 'nested', 'secret.key')
    const first = loadOrCreateSecrets(file)
    assert.equal(first.key.length, 32)
    assert.match(readFileSync(file, 'utf8'), /^[0-9a-f]{64}\n$/)
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.deepEqual(loadOrCreateSecrets(file).key, first.key)
  })

  it('refuses a key file that does not hold 64 hex characters', () => {
    const file = join(dir, 'short.key')
    writeFileSync(file, 'abc123\n')
    assert.throws(() => loadOrCreateSecrets(file), {
      code: 'bad_request',
      message: `The secret key file ${file} must hold 64 hex characters (32 bytes).`,
    })
  })

  it('keys hashes by purpose and by key, so one value hashes differently in each', () => {
    const secrets = { key: Buffer.alloc(32, 1) }
    // HMAC-SHA-256 of "login\nada@example.org" under 32 bytes of 0x01, from Python's hmac module:
    // hmac.new(bytes([1] * 32), b'login\nada@example.org', hashlib.sha256).hexdigest()
    const expected = '12105fc05ef81eba35246ba0d5cb6566a2be3dc59f5d961a8ad3057be39c14db'
    assert.equal(keyedHash(secrets, 'login', 'ada@example.org'), expected)
    assert.notEqual(keyedHash(secrets, 'address', 'ada@example.org'), expected)
    assert.notEqual(keyedHash(ephemeralSecrets(), 'login', 'ada@example.org'), expected)
  })
})
