/** The server logger: pino, JSON lines, with secrets redacted wherever they appear. */
import { type Logger, pino } from 'pino'
import type { TLogLevel } from './config.ts'

export type TLogger = Logger

/** Paths whose values never reach a log line (passwords, tokens, cookies, authorization). */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'secret',
  '*.secret',
  'cookie',
  '*.cookie',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
]

export const createLogger = (level: TLogLevel = 'info', destination?: pino.DestinationStream): TLogger =>
  pino(
    {
      level,
      base: { service: 'custos' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  )

/** A logger that writes nothing (tests, CLI commands that print their own output). */
export const silentLogger = (): TLogger => pino({ level: 'silent' })
