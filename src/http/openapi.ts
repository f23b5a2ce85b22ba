/** Helpers for declaring routes so the OpenAPI document stays complete without repetition. */
import { z } from '@hono/zod-openapi'

/** The body of every error answer: a stable `code`, a message for people, the request id on a 500. */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string().optional(),
      /** Validation failures only: which field and why. */
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error')
export type TErrorBody = z.infer<typeof ZErrorBody>

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

/** A required JSON request body (other media types → 415, malformed JSON → 400). */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Not signed in',
  403: 'Not allowed, or CSRF token missing',
  404: 'Not found (also for objects of another organisation)',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body is not application/json',
  422: 'Validation failed',
  429: 'Too many attempts',
}

/** Error responses of a route, all with the `Error` body. */
export const errorResponses = (...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, jsonContent(ZErrorBody, ERROR_DESCRIPTIONS[s] ?? 'Error')]),
  ) as Record<number, ReturnType<typeof jsonContent<typeof ZErrorBody>>>

/** The session cookie as an OpenAPI security requirement: signed-out requests get 401 first. */
export const SESSION_SECURITY: Record<string, string[]>[] = [{ session: [] }]

/** The session is used when present but not required (`{}` is OpenAPI's "no credentials"). */
export const OPTIONAL_SESSION_SECURITY: Record<string, string[]>[] = [{ session: [] }, {}]

/**
 * Whether an operation requires a session: it declares security requirements and none of them is
 * the empty one. The app checks this before validating the request (see app.ts).
 */
export const requiresSession = (route: { security?: readonly Record<string, unknown>[] }): boolean =>
  route.security !== undefined &&
  route.security.length > 0 &&
  route.security.every((requirement) => Object.keys(requirement).length > 0)
