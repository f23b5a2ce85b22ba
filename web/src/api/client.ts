/**
 * The one way the web app talks to the server: same-origin JSON over fetch, the CSRF token of the
 * current session on every mutation, errors as ApiError, and a redirect to sign-in when the session
 * has ended.
 */
import { t } from '../i18n/i18n.ts'
import { ApiError, toApiError } from './errors.ts'

export type THttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

type TRequestOptions = {
  body?: unknown
  signal?: AbortSignal
  /** A 401 is an expected answer (asking whether anyone is signed in), not a lost session. */
  isSessionProbe?: boolean
}

const MUTATING_METHODS: ReadonlySet<THttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken: string | null = null
let onSessionLost: (() => void) | null = null

/** Remembers the CSRF token of the session that the server just described (TMe), or forgets it. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token
}

/** The CSRF token of the current session, for the few calls that cannot go through `request` (uploads). */
export const currentCsrfToken = (): string | null => csrfToken

/** Registers what to do when the server says the session is gone (the app redirects to sign-in). */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text.length === 0) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Sends one request and resolves with the parsed JSON body (undefined for 204). */
export async function request<T>(
  method: THttpMethod,
  path: string,
  options: TRequestOptions = {},
): Promise<T> {
  return (await send<T>(method, path, options)).body
}

/**
 * A GET of text in a chosen language: the body with `textLanguages`, the languages the server says
 * its texts are in (Content-Language, the asked one first; docs/contracts.md), so a page can mark
 * text that fell back to English.
 */
export async function requestText<T extends object>(
  path: string,
  options: TRequestOptions = {},
): Promise<T & { textLanguages: string[] }> {
  const { body, response } = await send<T>('GET', path, options)
  const header = response.headers.get('content-language') ?? ''
  const textLanguages = header
    .split(',')
    .map((language) => language.trim())
    .filter(Boolean)
  return { ...body, textLanguages }
}

async function send<T>(
  method: THttpMethod,
  path: string,
  options: TRequestOptions,
): Promise<{ body: T; response: Response }> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (MUTATING_METHODS.has(method) && csrfToken !== null) headers['x-csrf-token'] = csrfToken

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    })
  } catch (cause) {
    if (options.signal?.aborted) throw cause
    throw new ApiError(0, 'network_error', t('error.network'))
  }

  const body = await readBody(response)
  if (response.ok) return { body: body as T, response }

  const error = toApiError(response.status, body, t('error.unexpected'))
  if (response.status === 401 && error.code === 'unauthenticated') {
    csrfToken = null
    if (!options.isSessionProbe) onSessionLost?.()
  }
  throw error
}
