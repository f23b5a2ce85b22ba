/**
 * One field the server (or the page) found wrong: its path in the request and why, and in `details`
 * whatever else the server said of it (an unknown value as typed and the values meant).
 */
export type TFieldIssue = { path: string; message: string; details?: Readonly<Record<string, unknown>> }

/**
 * The error every API call rejects with: the stable `code` and the user-safe `message` the server
 * sent in `{"error":{"code","message","issues"}}`, or a generic one when the body is not that shape.
 * A page's own checks reject with it too (status 0, code `invalid_input`), so every error shows
 * the same way.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly requestId: string | undefined
  /** Validation failures: which field and why (empty otherwise). */
  readonly issues: readonly TFieldIssue[]

  constructor(
    status: number,
    code: string,
    message: string,
    requestId?: string,
    issues: readonly TFieldIssue[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.requestId = requestId
    this.issues = issues
  }
}

/** A mistake the page itself found before asking the server, shown like the server's own. */
export const inputError = (message: string, issues: readonly TFieldIssue[] = []): ApiError =>
  new ApiError(0, 'invalid_input', message, undefined, issues)

/** The message about `path` in `error`, for the field that shows it; undefined when none. */
export function fieldIssue(error: unknown, path: string): string | undefined {
  if (!isApiError(error)) return undefined
  return error.issues.find((i) => i.path === path)?.message
}

const issueOf = (value: unknown): TFieldIssue[] => {
  if (typeof value !== 'object' || value === null) return []
  const { path, message, ...details } = value as Record<string, unknown>
  if (typeof path !== 'string' || typeof message !== 'string') return []
  return [{ path, message, ...(Object.keys(details).length > 0 ? { details } : {}) }]
}

const issuesOf = (value: unknown): TFieldIssue[] => (Array.isArray(value) ? value.flatMap(issueOf) : [])

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError

/** Fallback codes by status, for bodies that are not the error envelope (a proxy's HTML page). */
function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 413) return 'payload_too_large'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'internal_error'
  return 'bad_request'
}

/** Builds an ApiError from a response status and its (already parsed, possibly absent) body. */
export function toApiError(status: number, body: unknown, fallbackMessage: string): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const envelope = (body as { error: unknown }).error
    if (typeof envelope === 'object' && envelope !== null) {
      const { code, message, requestId, issues } = envelope as Record<string, unknown>
      if (typeof code === 'string' && typeof message === 'string' && message.length > 0) {
        return new ApiError(
          status,
          code,
          message,
          typeof requestId === 'string' ? requestId : undefined,
          issuesOf(issues),
        )
      }
    }
  }
  return new ApiError(status, codeForStatus(status), fallbackMessage)
}

/**
 * The same error in a form's own words when it has `code` (the server's message was written for
 * another form: "email or password" where only a current password was typed); anything else as it is.
 */
export function rephrased(error: unknown, code: string, message: string): unknown {
  if (!isApiError(error) || error.code !== code) return error
  return new ApiError(error.status, error.code, message, error.requestId, error.issues)
}
