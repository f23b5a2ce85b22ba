/**
 * One error type for the whole application. `code` is stable and public (clients match on it);
 * `message` is internal (logs only); `userMessage` is safe to show to anyone.
 */

/** Stable error codes and the HTTP status each maps to. Add codes; never rename one. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  unknown_value: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  header_too_large: 431,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const

export type TErrorCode = keyof typeof ERROR_STATUS

export type TErrorDetails = Record<string, unknown>

export class AppError extends Error {
  readonly code: TErrorCode
  readonly userMessage: string
  readonly details: TErrorDetails | undefined

  constructor(
    code: TErrorCode,
    userMessage: string,
    options: { message?: string; details?: TErrorDetails; cause?: unknown } = {},
  ) {
    super(options.message ?? userMessage, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.userMessage = userMessage
    this.details = options.details
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError

/** Factories for the common cases, so call sites read as intent. */
export const errors = {
  notFound: (what = 'Resource') => new AppError('not_found', `${what} not found.`),
  forbidden: (userMessage = 'You are not allowed to do this.') => new AppError('forbidden', userMessage),
  unauthenticated: () => new AppError('unauthenticated', 'Sign in to continue.'),
  conflict: (userMessage: string) => new AppError('conflict', userMessage),
  validation: (userMessage: string, details?: TErrorDetails) =>
    new AppError('validation_failed', userMessage, details ? { details } : {}),
  unknownValue: (userMessage: string, details?: TErrorDetails) =>
    new AppError('unknown_value', userMessage, details ? { details } : {}),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('rate_limited', 'Too many attempts. Try again later.', { details: { retryAfterSeconds } }),
}
