import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import {
  describeDatabase,
  loadConfig,
  parseDatabaseUrl,
  parseFlag,
  parseLogLevel,
  parsePort,
  parsePublicUrl,
  parseSqliteSynchronous,
} from './config.ts'

describe('configuration', () => {
  it('defaults to ./data/custos.db, 127.0.0.1:8080, info', () => {
    const config = loadConfig({})
    assert.deepEqual(config.database, {
      kind: 'sqlite',
      path: resolve('data', 'custos.db'),
      synchronous: 'NORMAL',
    })
    assert.equal(config.publicUrl, 'http://localhost:8080')
    assert.equal(config.host, '127.0.0.1')
    assert.equal(config.port, 8080)
    assert.equal(config.logLevel, 'info')
    assert.equal(config.secretKeyFile, resolve('data', 'secret.key'))
  })
  const urls: [string, ReturnType<typeof parseDatabaseUrl>][] = [
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['sqlite:/tmp/x.db', { kind: 'sqlite', path: '/tmp/x.db' }],
    ['postgres://u@h/db', { kind: 'postgres', url: 'postgres://u@h/db' }],
    ['postgresql://u@h/db', { kind: 'postgres', url: 'postgresql://u@h/db' }],
  ]
  for (const [url, expected] of urls)
    it(`reads DATABASE_URL=${url}`, () => assert.deepEqual(parseDatabaseUrl(url), expected))
  it('rejects unknown database schemes and bad values with a readable error', () => {
    assert.throws(() => parseDatabaseUrl('mysql://x'), { code: 'bad_request' })
    assert.throws(() => parseDatabaseUrl('sqlite:'), { code: 'bad_request' })
    assert.throws(() => parsePort('80x'), /port must be an integer/)
    assert.throws(() => parsePort('70000'), /port/)
    assert.throws(() => parseLogLevel('loud'), /LOG_LEVEL/)
  })
  it('reads CUSTOS_PUBLIC_URL as an origin with an optional path, without a trailing slash', () => {
    assert.equal(parsePublicUrl(undefined, 9000), 'http://localhost:9000')
    assert.equal(parsePublicUrl(' https://custos.example.org/ ', 8080), 'https://custos.example.org')
    assert.equal(parsePublicUrl('https://example.org/custos/', 8080), 'https://example.org/custos')
    assert.equal(loadConfig({ PORT: '9100' }).publicUrl, 'http://localhost:9100')
    for (const bad of [
      'custos.example.org',
      'ftp://x.example',
      'https://x.example/?a=1',
      'https://u:p@x.example',
    ])
      assert.throws(() => parsePublicUrl(bad, 8080), /CUSTOS_PUBLIC_URL/, bad)
  })
  it('reads CUSTOS_SQLITE_SYNCHRONOUS (NORMAL by default, FULL on request)', () => {
    assert.equal(parseSqliteSynchronous(undefined), 'NORMAL')
    assert.equal(parseSqliteSynchronous('full'), 'FULL')
    assert.throws(() => parseSqliteSynchronous('OFF'), /NORMAL or FULL/)
    assert.deepEqual(
      loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db', CUSTOS_SQLITE_SYNCHRONOUS: 'FULL' }).database,
      {
        kind: 'sqlite',
        path: '/tmp/x.db',
        synchronous: 'FULL',
      },
    )
  })
  it('never shows a database password', () => {
    assert.doesNotMatch(describeDatabase({ kind: 'postgres', url: 'postgres://u:hunter2@h/db' }), /hunter2/)
  })
  it('reads every variable when all are set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://custos:secret@db.internal:5432/custos',
      PORT: '9000',
      HOST: ' 0.0.0.0 ',
      CUSTOS_SECRET_KEY_FILE: ' /srv/custos/secret.key ',
      LOG_LEVEL: ' WARN ',
      CUSTOS_TRUST_PROXY: 'yes',
      CUSTOS_PUBLIC_URL: 'https://custos.example.org',
      CUSTOS_SQLITE_SYNCHRONOUS: 'FULL',
    })
    assert.deepEqual(config, {
      // A PostgreSQL database has no SQLite setting, even when one is given.
      database: { kind: 'postgres', url: 'postgres://custos:secret@db.internal:5432/custos' },
      port: 9000,
      host: '0.0.0.0',
      secretKeyFile: '/srv/custos/secret.key',
      logLevel: 'warn',
      trustProxy: true,
      publicUrl: 'https://custos.example.org',
    })
  })
  it('reads a flag as 1/true/yes or 0/false/no/empty, and refuses anything else', () => {
    for (const on of ['1', 'true', 'YES', ' yes ']) assert.equal(parseFlag('X', on), true, on)
    for (const off of [undefined, '', '0', 'false', 'No'])
      assert.equal(parseFlag('X', off), false, String(off))
    assert.throws(
      () => parseFlag('CUSTOS_TRUST_PROXY', 'maybe'),
      /CUSTOS_TRUST_PROXY must be 1 or 0, got "maybe"/,
    )
  })
  it('reads every log level in any case, info when unset', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const)
      assert.equal(parseLogLevel(level.toUpperCase()), level)
    assert.equal(parseLogLevel('  '), 'info')
  })
  it('describes a SQLite file by its path and an unreadable PostgreSQL address by its kind alone', () => {
    assert.equal(describeDatabase({ kind: 'sqlite', path: '/tmp/x.db' }), 'SQLite /tmp/x.db')
    assert.equal(
      describeDatabase({ kind: 'postgres', url: 'postgres://u@h:5432/db' }),
      'PostgreSQL postgres://u@h:5432/db',
    )
    assert.equal(describeDatabase({ kind: 'postgres', url: 'not a url:secret@' }), 'PostgreSQL')
  })
})
