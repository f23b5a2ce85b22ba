/**
 * Calling the API from the test itself (not through the page), to prepare data faster than clicking:
 * sign in, then send requests with the session cookie and its CSRF token, as the web app does.
 */
import type { TMe } from '../../../src/modules/platform/schemas.ts'

export type TApiSession = {
  me: TMe
  /** POSTs JSON and resolves with the response; throws on anything but 2xx, with the error body. */
  post: (path: string, body: unknown) => Promise<Response>
  /** GETs with the session cookie and resolves with the response, whatever its status. */
  get: (path: string) => Promise<Response>
}

/** POSTs JSON without a session (public routes) and resolves with the response; throws on non-2xx. */
export async function postPublic(baseUrl: string, path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`POST ${path} failed: ${response.status} ${await response.text()}`)
  return response
}

export async function signInThroughApi(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<TApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  })
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`)
  const me = (await login.json()) as TMe
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ')
  return {
    me,
    post: async (path, body) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(body),
      })
      if (!response.ok) throw new Error(`POST ${path} failed: ${response.status} ${await response.text()}`)
      return response
    },
    get: (path) => fetch(`${baseUrl}${path}`, { headers: { accept: 'application/json', cookie } }),
  }
}
