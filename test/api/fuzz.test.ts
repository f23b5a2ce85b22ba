/**
 * Property-based fuzzing of every API operation (docs/quality.md): the operations come from the app's own
 * OpenAPI document, so a new route is fuzzed the day it is added. For each, fast-check generates
 * path parameters, query strings and bodies — near the declared shapes, wrong-typed, huge, unicode,
 * prototype-pollution keys, nulls, deep nesting, numbers at the edges — sent signed out, signed in
 * without a CSRF token, with a forged one, and with the right one. Properties: never a 5xx; every
 * error is the contract body (contract.ts); no body leaks internals; a refused mutation writes
 * nothing; nothing pollutes Object.prototype.
 *
 * FUZZ_RUNS (runs per operation, default 30) and FUZZ_SEED (default fixed) reproduce a failure;
 * fast-check prints the seed and the counterexample path when a property fails. FUZZ_DEBUG=<text>
 * prints every request and answer of the operations whose "METHOD /path" contains the text.
 */
import assert from 'node:assert/strict'
import { before, it } from 'node:test'
import fc from 'fast-check'
import {
  buildOrg,
  buildUser,
  createTestApp,
  login,
  request,
  type TResponse,
  type TSession,
  type TTestApp,
  type TTestUser,
} from '../helpers/app.ts'
import { countRows, forEachDatabase } from '../helpers/db.ts'
import { checkAnswer } from './contract.ts'
import { fetchOperations, MUTATIONS, type TOperation, type TParameter, type TSchema } from './operations.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 30)
const SEED = Number(process.env.FUZZ_SEED ?? 20261129)

// ---------------------------------------------------------------------------------------------
// Generators.

/** Strings that have broken parsers, validators, queries and renderers before. */
const EDGE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '../../../../etc/passwd',
  '..',
  '.',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202emirrored\u202c',
  'مرحبا بالعالم',
  '👩🏽‍⚖️🏳️‍🌈',
  'ǅ ß İ ﬁ',
  '\r\n\t',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  'urn:custos:toolkit:requirement:T2.01',
]

const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.EPSILON,
]

const hugeString = fc
  .tuple(fc.constantFrom('x', 'é', '😀', '\u0645'), fc.integer({ min: 5_000, max: 120_000 }))
  .map(([unit, n]) => unit.repeat(n))

/**
 * Deeply nested JSON as text: as a value, fast-check could not even print it when reporting a
 * failure (its printer recurses), so it travels as a raw body.
 */
const deepJsonText = fc
  .tuple(fc.constantFrom('array', 'object'), fc.integer({ min: 50, max: 150_000 }))
  .map(([kind, depth]) =>
    kind === 'array'
      ? `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  )

const edgeString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: hugeString },
)

/** Any hostile JSON value: edges of every type, and deep or polluted structures. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: edgeString },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], [''], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

/** Defines keys as own properties, so "__proto__" is sent as a key instead of setting a prototype. */
const withOwnKeys = (base: Record<string, unknown>, extra: [string, unknown][]): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of [...Object.entries(base), ...extra]) {
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true })
  }
  return out
}

const POLLUTION_KEYS = fc.constantFrom<[string, unknown][]>(
  [['__proto__', { polluted: 'yes', role: 'owner', isAdmin: true }]],
  [['constructor', { prototype: { polluted: 'yes' } }]],
  [['prototype', { polluted: 'yes' }]],
  [
    ['__proto__', { polluted: 'yes' }],
    ['constructor', { prototype: { polluted: 'yes' } }],
  ],
)

const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,20}$/),
    fc.constantFrom('example.org', 'example.com', 'xn--bcher-kva.example'),
  )
  .map(([local, domain]) => `${local}@${domain}`)

/** A field's valid value; a string field named like an email gets an address even without a format. */
const validField = (key: string, schema: TSchema, depth: number, isClean: boolean): fc.Arbitrary<unknown> =>
  /email/i.test(key) && schema.type === 'string' ? emailAddress : validOf(schema, depth, isClean)

/** Values that satisfy a schema, as far as the generator can tell (the validator may still refuse). */
const validOf = (schema: TSchema, depth = 0, isClean = false): fc.Arbitrary<unknown> => {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum?.length) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validOf(s, depth + 1, isClean)))
  if (schema.allOf?.length) return validOf(schema.allOf[0] ?? {}, depth + 1, isClean)
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type
  switch (type) {
    case 'string': {
      const minLength = schema.minLength ?? 0
      const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 80, 300))
      if (schema.format === 'email') return emailAddress
      return fc.string({ minLength, maxLength })
    }
    case 'integer':
    case 'number': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000)
      const max =
        schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000)
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) })
        : fc.double({ min, max: Math.max(min, max), noNaN: true })
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(validOf(schema.items ?? {}, depth + 1, isClean), { maxLength: 4 })
    case 'object':
      if (depth > 4) return fc.constant({})
      return isClean ? cleanObject(schema, depth + 1) : shapedObject(schema, depth + 1)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** An object with every required key and some optional ones, each valid for its schema. */
const cleanObject = (schema: TSchema, depth: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, inner]) => [
        key,
        validField(key, inner, depth, true),
      ]),
    ),
    { requiredKeys: (schema.required ?? []).filter((key) => schema.properties?.[key]) },
  ) as fc.Arbitrary<Record<string, unknown>>

/** An object with the schema's keys, each valid, wrong-typed, null or missing; sometimes polluted. */
const shapedObject = (schema: TSchema, depth: number): fc.Arbitrary<Record<string, unknown>> => {
  const fields = Object.entries(schema.properties ?? {})
  const fieldArbitraries = Object.fromEntries(
    fields.map(([key, inner]) => [
      key,
      fc.oneof(
        { weight: 5, arbitrary: validField(key, inner, depth, false) },
        { weight: 3, arbitrary: hostileValue },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
    ]),
  )
  return fc
    .tuple(
      fc.record(fieldArbitraries, { requiredKeys: [] }),
      fc.option(POLLUTION_KEYS, { freq: 4 }),
      fc.option(fc.tuple(fc.string({ maxLength: 20 }), hostileValue), { freq: 3 }),
    )
    .map(([record, pollution, unknownKey]) =>
      withOwnKeys(record as Record<string, unknown>, [
        ...(pollution ?? []),
        ...(unknownKey ? [unknownKey] : []),
      ]),
    )
}

const LONE_SURROGATES = /[\ud800-\udfff]/g

/** Percent-encodes text for a URL; lone surrogates become the bytes of a broken UTF-8 sequence. */
const encodeText = (text: string): string => {
  try {
    return encodeURIComponent(text)
  } catch {
    return `${encodeURIComponent(text.replace(LONE_SURROGATES, ''))}%ED%A0%80`
  }
}

/** Already-encoded URL text that is malformed or hostile on purpose. */
const RAW_URL_TEXT = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%FF%FE',
  '%00',
  '%C0%AF',
  '%2e%2e',
  '%2F',
  '..%2F..%2F',
  '%ED%A0%80',
]

const urlValue = (schema: TSchema | undefined, realValues: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: validOf(schema ?? { type: 'string' }).map((v) => encodeText(String(v))) },
    { weight: 3, arbitrary: edgeString.map(encodeText) },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_NUMBERS).map((n) => encodeText(String(n))) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_TEXT) },
    ...(realValues.length ? [{ weight: 3, arbitrary: fc.constantFrom(...realValues).map(encodeText) }] : []),
  )

/**
 * A well-formed value: the fixture values named for this parameter (most often, so requests reach
 * the services), one of the real ids, or a value valid for the schema.
 */
const cleanUrlValue = (
  param: TParameter,
  realValues: readonly string[],
  named: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<string> => {
  const forName = named[param.name] ?? []
  return fc.oneof(
    ...(forName.length ? [{ weight: 4, arbitrary: fc.constantFrom(...forName).map(encodeText) }] : []),
    {
      weight: 1,
      arbitrary: validOf(param.schema ?? { type: 'string' }, 0, true).map((v) => encodeText(String(v))),
    },
    ...(realValues.length ? [{ weight: 1, arbitrary: fc.constantFrom(...realValues).map(encodeText) }] : []),
  )
}

const EXTRA_QUERY = [
  '__proto__[polluted]=yes',
  'constructor[prototype][polluted]=yes',
  '__proto__=yes',
  '%zz=1',
  '&&&',
  '=',
  'a=%ZZ&a=1',
  'limit=1&limit=2&limit=x',
]

const cleanQueryOf = (
  op: TOperation,
  realValues: readonly string[],
  named: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<string> => {
  const pair = (p: TParameter) => cleanUrlValue(p, realValues, named).map((v) => `${p.name}=${v}`)
  // Optional parameters are often mutually exclusive (a prediction or a score), so a clean request
  // carries either none of them or a few.
  // A parameter the fixture names a value for is usually sent (it is what makes the request work).
  const optional = (p: TParameter) =>
    named[p.name]
      ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: pair(p) })
      : fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: pair(p) })
  return fc
    .tuple(fc.boolean(), fc.tuple(...op.queryParams.map((p) => (p.required ? pair(p) : optional(p)))))
    .map(([isRequiredOnly, parts]) => {
      const present = parts.filter(
        (part, i): part is string =>
          part !== null && (!isRequiredOnly || op.queryParams[i]?.required === true),
      )
      return present.length ? `?${present.join('&')}` : ''
    })
}

const queryOf = (op: TOperation, realValues: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.tuple(
        ...op.queryParams.map((p) =>
          fc.option(
            fc.oneof(
              { weight: 4, arbitrary: urlValue(p.schema, realValues).map((v) => [`${p.name}=${v}`]) },
              {
                weight: 1,
                arbitrary: fc
                  .tuple(urlValue(p.schema, []), urlValue(p.schema, []))
                  .map(([a, b]) => [`${p.name}=${a}`, `${p.name}=${b}`]),
              },
            ),
            { freq: 4 },
          ),
        ),
      ),
      fc.option(fc.constantFrom(...EXTRA_QUERY), { freq: 3 }),
    )
    .map(([params, extra]) => {
      const parts = params.flatMap((p) => p ?? [])
      if (extra) parts.push(extra)
      return parts.length ? `?${parts.join('&')}` : ''
    })

type TMode = 'signed-out' | 'no-csrf' | 'forged-csrf' | 'csrf'
type TBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string }

const CSV_HEADERS = ['sex,label,pred', 'group,label,score', 'a;b;c', '']

/** A decision log with the columns the real ids name, for upload routes. */
const csvLog = fc
  .array(
    fc.tuple(
      fc.constantFrom('f', 'm', 'x', ''),
      fc.constantFrom('1', '0', 'yes', '?'),
      fc.constantFrom('1', '0', 'no', ''),
    ),
    { maxLength: 30 },
  )
  .map(
    (rows): TBody => ({
      kind: 'raw',
      text: ['sex,label,pred', ...rows.map((r) => r.join(','))].join('\n'),
      contentType: 'text/csv',
    }),
  )

/** A broken upload: another file's header, binary lines, a content type that is not CSV. */
const brokenUpload = fc
  .tuple(
    fc.constantFrom(...CSV_HEADERS),
    fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 20 }),
    fc.constantFrom('text/csv', 'application/octet-stream', 'text/plain'),
  )
  .map(
    ([header, lines, contentType]): TBody => ({
      kind: 'raw',
      text: [header, ...lines].join('\n'),
      contentType,
    }),
  )

/** Bodies a careful client would send: valid JSON for the declared schema, or a decision log. */
const cleanBodyOf = (op: TOperation): fc.Arbitrary<TBody> => {
  if (!MUTATIONS.has(op.method)) return fc.constant({ kind: 'none' })
  if (op.jsonBody) return validOf(op.jsonBody, 0, true).map((value): TBody => ({ kind: 'json', value }))
  // A careful client may still upload the wrong file.
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<TBody>({ kind: 'none' }) },
    { weight: 3, arbitrary: csvLog },
    { weight: 2, arbitrary: brokenUpload },
  )
}

/** Deep nesting at the top of the body or under one of the schema's keys. */
const deepBody = (schema: TSchema): fc.Arbitrary<TBody> =>
  fc.tuple(fc.option(fc.constantFrom(...Object.keys(schema.properties ?? { value: {} }))), deepJsonText).map(
    ([key, text]): TBody => ({
      kind: 'raw',
      text: key === null ? text : `{${JSON.stringify(key)}:${text}}`,
      contentType: 'application/json',
    }),
  )

const bodyOf = (op: TOperation): fc.Arbitrary<TBody> => {
  if (!MUTATIONS.has(op.method)) return fc.constant({ kind: 'none' })
  const json = (value: fc.Arbitrary<unknown>) => value.map((v): TBody => ({ kind: 'json', value: v }))
  if (op.jsonBody) {
    return fc.oneof(
      { weight: 6, arbitrary: json(validOf(op.jsonBody)) },
      { weight: 2, arbitrary: json(hostileValue) },
      { weight: 1, arbitrary: json(fc.jsonValue()) },
      { weight: 1, arbitrary: fc.constant<TBody>({ kind: 'none' }) },
      { weight: 1, arbitrary: deepBody(op.jsonBody) },
    )
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<TBody>({ kind: 'none' }) },
    { weight: 2, arbitrary: brokenUpload },
    { weight: 1, arbitrary: json(hostileValue) },
    { weight: 1, arbitrary: deepBody({}) },
  )
}

// ---------------------------------------------------------------------------------------------
// The suite.

/**
 * Failed requests that write on purpose: a failed password check is counted in the database so the
 * rate limit holds across instances, and is a security event in the account's organisations; a
 * join with another account's invitation is recorded in the inviting organisation.
 */
const INTENDED_WRITES_ON_FAILURE: Record<string, readonly string[]> = {
  'POST /api/auth/login': ['login_failures', 'audit_events'],
  'POST /api/auth/password': ['login_failures', 'audit_events'],
  'POST /api/invitations/join': ['audit_events'],
}

/**
 * Operations that break a property today, each with what is wrong and where. Their subtests still
 * run the full property and are reported as TODO until the defect is fixed; then delete the line.
 */
/** Operations with a known defect, run as `todo` until fixed (name → what is wrong). */
const KNOWN_DEFECTS: Record<string, string> = {}

/** fc.assert, with the failed assertion's own message in the error (fast-check keeps it as the cause). */
const assertProperty = async <T>(
  property: fc.IAsyncProperty<T>,
  parameters: fc.Parameters<T>,
): Promise<void> => {
  try {
    await fc.assert(property, parameters)
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : ''
    throw new Error(
      `${err instanceof Error ? err.message.slice(0, 3_000) : String(err)}\nFailed because: ${cause}`,
    )
  }
}

const isPolluted = (): boolean => {
  const probe: Record<string, unknown> = {}
  return 'polluted' in probe || 'isAdmin' in probe || 'role' in probe
}

forEachDatabase('every API operation under generated input', (handle) => {
  let ctx: TTestApp
  let operations: TOperation[] = []
  let tables: string[] = []
  let owner: TTestUser
  let session: TSession
  let realValues: string[] = []
  let named: Record<string, string[]> = {}
  let address = 0

  /** Signs in again from a fresh client address (fuzzed sign-ins exhaust the per-address limit). */
  const signIn = async (): Promise<TSession> => {
    address += 1
    const res = await request(ctx, 'POST', '/api/auth/login', {
      body: { email: owner.email, password: owner.password },
      headers: { 'x-forwarded-for': `198.51.100.${address % 250}` },
    })
    assert.equal(res.status, 200, `re-login failed: ${res.text}`)
    const match = /custos_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')
    assert.ok(match)
    const me = res.body as TSession['me']
    return { cookie: `custos_session=${match[1]}`, csrf: me.csrfToken, me }
  }

  before(async () => {
    // trustProxy lets re-logins come from distinct addresses; fuzzed requests send no forwarding header.
    ctx = createTestApp(handle, { trustProxy: true })
    operations = await fetchOperations(ctx.app)
    const introspected = await handle.db.introspection.getTables()
    tables = introspected.map((t) => t.name).filter((name) => !name.startsWith('kysely_'))

    const org = await buildOrg(ctx, { kind: 'provider' })
    owner = await buildUser(ctx, org, 'owner')
    const victim = await buildUser(ctx, org, 'viewer')
    session = await login(ctx, owner)
    const invitation = await request(ctx, 'POST', '/api/org/invitations', {
      session,
      body: { email: 'fuzz-invitee@example.org', role: 'viewer' },
    })
    const invitationId = (invitation.body as { id?: string } | null)?.id ?? 'no-invitation'
    const foreignOrg = await buildOrg(ctx)
    const foreignUser = await buildUser(ctx, foreignOrg, 'owner')
    // Real ids in the generated paths reach the deeper code: a member, an invitation, another
    // organisation's user, and library/jurisdiction ids that exist.
    realValues = [
      victim.id,
      foreignUser.id,
      foreignOrg.id,
      org.id,
      invitationId,
      'toolkit',
      'facial-recognition',
      'deployment-assessment',
      'DE',
      'ZA',
      'cctv,facial-recognition',
      'DE,ZA,CD',
      'urn:custos:toolkit:requirement:T2.01',
    ]
    // Values for parameters by name; the upload columns match the generated decision logs.
    named = {
      userId: [victim.id, foreignUser.id],
      id: [invitationId, 'toolkit', 'facial-recognition', 'deployment-assessment'],
      urn: ['urn:custos:toolkit:requirement:T2.01', 'urn:custos:catalogue:technology:cctv'],
      code: ['DE', 'za', 'CD'],
      technologies: ['facial-recognition,cctv', 'drones'],
      technology: ['facial-recognition'],
      countries: ['DE,ZA,CD', 'fr'],
      q: ['facial', 'biometric'],
      group: ['sex'],
      label: ['label'],
      pred: ['pred'],
    }
  })

  it('finds the operations of every module in the OpenAPI document', () => {
    const paths = new Set(operations.map((op) => `${op.method} ${op.path}`))
    for (const expected of [
      'POST /api/auth/login',
      'GET /api/me',
      'PATCH /api/org/members/{userId}',
      'GET /api/library/frameworks/{id}',
      'GET /api/gap',
      'POST /api/bias-audits',
    ]) {
      assert.ok(paths.has(expected), `${expected} is in the OpenAPI document`)
    }
    assert.ok(tables.includes('audit_events') && tables.includes('organisations'), tables.join(','))
  })

  it('no operation answers 5xx, breaks the error contract, leaks internals or writes on failure', async (t) => {
    for (const [index, op] of operations.entries()) {
      const name = `${op.method} ${op.path}`
      const todo = KNOWN_DEFECTS[name]
      await t.test(name, todo ? { todo } : {}, async (sub) => {
        const seen = new Map<string, number>()
        const mode = fc.constantFrom<TMode>('signed-out', 'no-csrf', 'forged-csrf', 'csrf')
        // Clean requests (well-formed, signed in) reach the services; hostile ones attack the edges.
        const clean = fc.record({
          mode: fc.constantFrom<TMode>('csrf', 'csrf', 'csrf', 'signed-out'),
          pathValues: fc.tuple(...op.pathParams.map((p) => cleanUrlValue(p, realValues, named))),
          query: cleanQueryOf(op, realValues, named),
          body: cleanBodyOf(op),
        })
        const hostile = fc.record({
          mode,
          pathValues: fc.tuple(...op.pathParams.map((p) => urlValue(p.schema, realValues))),
          query: queryOf(op, realValues),
          body: bodyOf(op),
        })
        const input = fc.oneof({ weight: 2, arbitrary: clean }, { weight: 3, arbitrary: hostile })
        await assertProperty(
          fc.asyncProperty(input, async ({ mode, pathValues, query, body }) => {
            let path = op.path
            op.pathParams.forEach((p, i) => {
              path = path.replace(`{${p.name}}`, pathValues[i] || 'x')
            })
            const url = `${path}${query}`
            const isMutation = MUTATIONS.has(op.method)
            const counts = isMutation ? await countRows(handle.db, tables) : null
            const options: Parameters<typeof request>[3] = {}
            if (mode !== 'signed-out') {
              options.session = session
              if (mode === 'no-csrf') options.csrf = false
              if (mode === 'forged-csrf') options.csrf = `${session.csrf.slice(0, -2)}zz`
            }
            if (body.kind === 'json') options.rawBody = JSON.stringify(body.value)
            if (body.kind === 'raw') options.rawBody = body.text
            if (body.kind !== 'none') {
              options.headers = {
                'content-type': body.kind === 'json' ? 'application/json' : body.contentType,
              }
            }
            let res: TResponse
            try {
              res = await request(ctx, op.method, url, options)
            } catch (err) {
              assert.fail(
                `${mode} ${op.method} ${url.slice(0, 200)}: the app threw instead of answering: ${String(err)}`,
              )
            }
            const label = `${mode} ${op.method} ${url.slice(0, 200)}`
            const code = checkAnswer(label, res.status, res.text)
            if (process.env.FUZZ_DEBUG && name.includes(process.env.FUZZ_DEBUG))
              process.stderr.write(`${label} → ${res.status} ${res.text.slice(0, 200)}\n`)
            const key = `${mode} ${res.status}${code ? ` ${code}` : ''}`
            seen.set(key, (seen.get(key) ?? 0) + 1)
            assert.equal(isPolluted(), false, `${label}: Object.prototype was polluted`)
            if (counts && res.status >= 400) {
              const after = await countRows(handle.db, tables)
              for (const table of INTENDED_WRITES_ON_FAILURE[name] ?? []) {
                delete after[table]
                delete counts[table]
              }
              assert.deepEqual(
                after,
                counts,
                `${label} → ${res.status} changed row counts: ${JSON.stringify(counts)} → ${JSON.stringify(after)}`,
              )
            }
            if (isMutation && res.status < 400 && mode === 'csrf') {
              // Logout or switching organisation may end or move the session: sign in again.
              const me = await request(ctx, 'GET', '/api/me', { session })
              if (
                me.status !== 200 ||
                (me.body as TSession['me']).organisation.id !== session.me.organisation.id
              )
                session = await signIn()
            }
          }),
          { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
        )
        // What the runs reached, so a reader can see the fuzzing got past the front door.
        sub.diagnostic(
          [...seen]
            .sort()
            .map(([k, n]) => `${k}: ${n}`)
            .join(', '),
        )
      })
    }
  })
})
