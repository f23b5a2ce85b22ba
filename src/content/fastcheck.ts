/**
 * A fast path for the library's zod schemas, for cold loads. Most library values are valid, and zod's
 * general machinery (a payload and an issue list per node, memoisation, generated object parsers)
 * costs more than the check itself on a fresh process. `fastParser(schema)` walks the schema's
 * definition once and returns a plain function that either returns exactly what zod would return
 * for a valid value, or `REJECT`. On `REJECT` the caller runs zod itself, so every problem is still
 * found and worded by the schema: this path never decides that a value is wrong, only that it is
 * certainly right.
 *
 * Only constructs whose zod semantics are simple are done here (strict objects, strings with
 * length, pattern and trim checks, numbers with bounds and safe-integer checks, booleans, enums,
 * literals, arrays, records, optional, nullable, default, unknown). Anything else (unions, URLs,
 * refinements, custom schemas, a check it does not know) is handed to zod for that node alone:
 * zod runs it on the value, and any issue there rejects the whole value.
 */
import type { z } from 'zod'

/** The fast path could not accept the value: ask zod (which gives the problems, if any). */
export const REJECT: unique symbol = Symbol('library.fastcheck.reject')

type TParser = (value: unknown) => unknown

type TDef = {
  type: string
  checks?: TCheck[]
  coerce?: boolean
  format?: string
  shape?: Record<string, TSchema>
  catchall?: TSchema
  innerType?: TSchema
  element?: TSchema
  keyType?: TSchema
  valueType?: TSchema
  entries?: Record<string, unknown>
  values?: unknown[]
  defaultValue?: unknown
}
type TCheckDef = {
  check: string
  format?: string
  pattern?: RegExp
  minimum?: number
  maximum?: number
  length?: number
  value?: number
  inclusive?: boolean
  tx?: (value: unknown) => unknown
}
type TSchema = {
  _zod: { def: TDef; run: (payload: { value: unknown; issues: unknown[] }, ctx: object) => unknown }
}

const isRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** zod itself on one node: its output when it finds no issue, REJECT otherwise. */
const island =
  (schema: TSchema): TParser =>
  (value) => {
    const result = schema._zod.run({ value, issues: [] }, { async: false, jitless: true }) as {
      value: unknown
      issues: unknown[]
    }
    if (result instanceof Promise) return REJECT
    return result.issues.length === 0 ? result.value : REJECT
  }

/** One check as a function (the value after the check, or REJECT), or null when it is not known. */
const checkStep = (def: TCheckDef, kind: 'string' | 'number' | 'array'): TParser | null => {
  switch (def.check) {
    case 'min_length': {
      const min = def.minimum as number
      return kind === 'number' ? null : (v) => ((v as string).length >= min ? v : REJECT)
    }
    case 'max_length': {
      const max = def.maximum as number
      return kind === 'number' ? null : (v) => ((v as string).length <= max ? v : REJECT)
    }
    case 'length_equals': {
      const length = def.length as number
      return kind === 'number' ? null : (v) => ((v as string).length === length ? v : REJECT)
    }
    case 'string_format': {
      if (kind !== 'string' || def.format !== 'regex' || !(def.pattern instanceof RegExp)) return null
      const pattern = def.pattern
      return (v) => {
        pattern.lastIndex = 0
        return pattern.test(v as string) ? v : REJECT
      }
    }
    case 'overwrite': {
      const tx = def.tx
      return kind === 'string' && tx ? (v) => tx(v) : null
    }
    case 'number_format':
      return kind === 'number' && def.format === 'safeint'
        ? (v) => (Number.isSafeInteger(v) ? v : REJECT)
        : null
    case 'greater_than': {
      const bound = def.value as number
      if (kind !== 'number' || typeof bound !== 'number') return null
      return def.inclusive
        ? (v) => ((v as number) >= bound ? v : REJECT)
        : (v) => ((v as number) > bound ? v : REJECT)
    }
    case 'less_than': {
      const bound = def.value as number
      if (kind !== 'number' || typeof bound !== 'number') return null
      return def.inclusive
        ? (v) => ((v as number) <= bound ? v : REJECT)
        : (v) => ((v as number) < bound ? v : REJECT)
    }
    default:
      return null
  }
}

/** The checks of a node chained after its type test, or null when one of them is not known. */
const withChecks = (def: TDef, kind: 'string' | 'number' | 'array', base: TParser): TParser | null => {
  const steps: TParser[] = []
  for (const check of def.checks ?? []) {
    const step = checkStep(check._zod.def, kind)
    if (!step) return null
    steps.push(step)
  }
  const [first, second] = steps
  if (!first) return base
  // The usual shapes (one or two checks) without a loop: a cold process runs this in the interpreter.
  if (steps.length === 1)
    return (value) => {
      const out = base(value)
      return out === REJECT ? REJECT : first(out)
    }
  if (steps.length === 2 && second)
    return (value) => {
      const out = base(value)
      if (out === REJECT) return REJECT
      const next = first(out)
      return next === REJECT ? REJECT : second(next)
    }
  return (value) => {
    let out = base(value)
    for (const step of steps) {
      if (out === REJECT) return REJECT
      out = step(out)
    }
    return out
  }
}

type TField = { key: string; parse: TParser; mode: 'required' | 'optional' | 'defaulted' }

const REFUSE: TParser = () => REJECT
type TCheck = { _zod: { def: TCheckDef; check?: unknown } }

/**
 * Refinements (`superRefine`, `z.custom`) run on a node's output as zod runs them, in order: any
 * issue rejects. REFUSE when one of the checks is not a refinement.
 */
const refinements = (checks: readonly TCheck[]): TParser | null => {
  if (checks.length === 0) return null
  if (!checks.every((check) => check._zod.def.check === 'custom' && typeof check._zod.check === 'function'))
    return REFUSE
  return (value) => {
    const payload = { value, issues: [] as unknown[] }
    for (const check of checks) {
      if ((check._zod.check as (payload: object) => unknown)(payload) instanceof Promise) return REJECT
      if (payload.issues.length > 0) return REJECT
    }
    return payload.value
  }
}

const objectParser = (def: TDef, build: (schema: TSchema) => TParser): TParser | null => {
  if (!def.shape || def.catchall?._zod.def.type !== 'never') return null
  const refine = refinements(def.checks ?? [])
  if (refine === REFUSE) return null
  const fields: TField[] = []
  for (const [key, schema] of Object.entries(def.shape)) {
    if (key === '__proto__') return null
    const inner = schema._zod.def
    if (inner.type === 'optional' && !inner.checks?.length && inner.innerType)
      fields.push({ key, parse: build(inner.innerType), mode: 'optional' })
    else if (inner.type === 'default' && !inner.checks?.length)
      fields.push({ key, parse: build(schema), mode: 'defaulted' })
    else fields.push({ key, parse: build(schema), mode: 'required' })
  }
  const known = new Set(fields.map((field) => field.key))
  return (value) => {
    if (!isRecord(value)) return REJECT
    for (const key of Object.keys(value)) if (!known.has(key)) return REJECT
    const out: Record<string, unknown> = {}
    for (const field of fields) {
      const present = Object.hasOwn(value, field.key)
      const item = value[field.key]
      if (field.mode === 'optional') {
        if (!present) continue
        if (item === undefined) return REJECT
      } else if (field.mode === 'required' && !present) return REJECT
      const parsed = field.parse(item)
      if (parsed === REJECT) return REJECT
      out[field.key] = parsed
    }
    return refine ? refine(out) : out
  }
}

const nodeParser = (schema: TSchema, build: (schema: TSchema) => TParser): TParser | null => {
  const def = schema._zod.def
  switch (def.type) {
    case 'object':
      return objectParser(def, build)
    case 'string':
      if (def.coerce || def.format) return null
      return withChecks(def, 'string', (v) => (typeof v === 'string' ? v : REJECT))
    case 'number':
      if (def.coerce || def.format) return null
      return withChecks(def, 'number', (v) => (typeof v === 'number' && Number.isFinite(v) ? v : REJECT))
    case 'boolean':
      if (def.coerce || def.checks?.length) return null
      return (v) => (typeof v === 'boolean' ? v : REJECT)
    case 'enum': {
      const values = Object.values(def.entries ?? {})
      if (def.checks?.length || !values.every((v) => typeof v === 'string')) return null
      const allowed = new Set<unknown>(values)
      return (v) => (allowed.has(v) ? v : REJECT)
    }
    case 'literal': {
      if (def.checks?.length || !def.values) return null
      const allowed = new Set(def.values)
      return (v) => (allowed.has(v) ? v : REJECT)
    }
    case 'custom': {
      // z.custom(fn): its own test runs as the first check, then its refinements.
      const refine = refinements([schema as unknown as TCheck, ...(def.checks ?? [])])
      return refine === REFUSE ? null : refine
    }
    case 'unknown':
      return def.checks?.length ? null : (v) => v
    case 'optional': {
      if (def.checks?.length || !def.innerType) return null
      const inner = build(def.innerType)
      return (v) => (v === undefined ? v : inner(v))
    }
    case 'nullable': {
      if (def.checks?.length || !def.innerType) return null
      const inner = build(def.innerType)
      return (v) => (v === null ? v : inner(v))
    }
    case 'default': {
      if (def.checks?.length || !def.innerType) return null
      const inner = build(def.innerType)
      return (v) => {
        if (v === undefined) return def.defaultValue
        const out = inner(v)
        return out === undefined ? def.defaultValue : out
      }
    }
    case 'array': {
      if (!def.element) return null
      const element = build(def.element)
      return withChecks(def, 'array', (v) => {
        if (!Array.isArray(v)) return REJECT
        const out = new Array(v.length)
        for (let i = 0; i < v.length; i++) {
          const item = element(v[i])
          if (item === REJECT) return REJECT
          out[i] = item
        }
        return out
      })
    }
    case 'record': {
      const keyDef = def.keyType?._zod.def
      if (
        def.checks?.length ||
        !def.valueType ||
        keyDef?.type !== 'string' ||
        keyDef.checks?.length ||
        keyDef.coerce ||
        keyDef.format
      )
        return null
      const valueParser = build(def.valueType)
      return (v) => {
        if (!isRecord(v)) return REJECT
        const out: Record<string, unknown> = {}
        for (const key of Reflect.ownKeys(v)) {
          if (typeof key !== 'string' || key === '__proto__') return REJECT
          const item = valueParser(v[key])
          if (item === REJECT) return REJECT
          out[key] = item
        }
        return out
      }
    }
    default:
      return null
  }
}

const parsers = new WeakMap<object, TParser>()

/** The fast parser of a schema (built once per schema object): zod's output for a valid value, or REJECT. */
export const fastParser = (schema: z.ZodType<unknown>): TParser => {
  const build = (node: TSchema): TParser => {
    const known = parsers.get(node)
    if (known) return known
    // Filled in below; a placeholder keeps a schema that refers to itself from recursing forever.
    let parse: TParser = (value) => (parse === placeholder ? island(node)(value) : parse(value))
    const placeholder = parse
    parsers.set(node, placeholder)
    parse = nodeParser(node, build) ?? island(node)
    parsers.set(node, parse)
    return parse
  }
  return build(schema as unknown as TSchema)
}
