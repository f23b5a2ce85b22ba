/**
 * The one place errors become HTTP responses: `{"error":{"code","message"}}` with the status of
 * ERROR_STATUS. Anything unexpected is logged with its stack and answered as `internal_error` with
 * the request id — never the stack, never internal messages.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import { AppError, ERROR_STATUS, isAppError, type TErrorCode } from '../core/errors.ts'
import type { TLogger } from '../core/logger.ts'
import type { TAppEnv } from './context.ts'

export type TIssue = { path: string; message: string }

/** Turns zod issues into a short readable sentence plus a list (no internals, no input echo). */
export const describeIssues = (error: ZodError): { message: string; issues: TIssue[] } => {
  const issues = error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }))
  const message = `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`
  return { message, issues }
}

export const validationError = (error: ZodError): AppError => {
  const { message, issues } = describeIssues(error)
  return new AppError('validation_failed', message, { details: { issues } })
}

const STATUS_CODES: Partial<Record<number, TErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'unavailable',
}

const USER_MESSAGES: Partial<Record<TErrorCode, string>> = {
  bad_request: 'The request is not valid.',
  invalid_json: 'The request body is not valid JSON.',
  unauthenticated: 'Sign in to continue.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'Not found.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'Send the request body as application/json.',
  unavailable: 'The service is unavailable. Try again shortly.',
}

/** Maps framework exceptions (malformed JSON, media type, body limit) to our codes. */
const fromHttpException = (err: HTTPException): AppError => {
  if (err.status === 400 && /json/i.test(err.message))
    return new AppError('invalid_json', USER_MESSAGES.invalid_json!)
  const code = STATUS_CODES[err.status] ?? 'bad_request'
  return new AppError(code, USER_MESSAGES[code] ?? 'The request could not be processed.')
}

export const errorBody = (code: TErrorCode, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
})

export const createErrorHandler =
  (logger: TLogger) =>
  (err: Error, c: Context<TAppEnv>): Response => {
    const requestId = c.get('requestId') ?? 'unknown'
    const appError = isAppError(err) ? err : err instanceof HTTPException ? fromHttpException(err) : null
    if (!appError || appError.code === 'internal_error') {
      logger.error({ err, requestId, method: c.req.method, path: c.req.path }, 'request failed')
      return c.json(errorBody('internal_error', 'Something went wrong on our side.', { requestId }), 500)
    }
    if (appError.status >= 500) logger.warn({ err, requestId }, appError.message)
    const extra: Record<string, unknown> = {}
    const issues = appError.details?.issues
    if (Array.isArray(issues)) extra.issues = issues
    // The unread rest of an oversized body would be taken for the next request on this connection.
    if (appError.code === 'payload_too_large') c.header('Connection', 'close')
    if (appError.code === 'rate_limited') {
      const retry = Number(appError.details?.retryAfterSeconds ?? 60)
      c.header('Retry-After', String(retry))
    }
    return c.json(
      errorBody(appError.code, appError.userMessage, extra),
      ERROR_STATUS[appError.code] as ContentfulStatusCode,
    )
  }
