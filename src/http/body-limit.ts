/**
 * Request body limits for /api. The default covers every JSON route; a module that accepts large
 * uploads adds one line for its path prefix (longest prefix wins).
 */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024

export const BODY_LIMITS: readonly { prefix: string; maxBytes: number }[] = [
  { prefix: '/api/bias-audits', maxBytes: 2 * 1024 ** 3 },
]

export const bodyLimitFor = (path: string, limits = BODY_LIMITS): number => {
  let best: { prefix: string; maxBytes: number } | undefined
  for (const limit of limits) {
    if (path.startsWith(limit.prefix) && (!best || limit.prefix.length > best.prefix.length)) best = limit
  }
  return best?.maxBytes ?? DEFAULT_BODY_LIMIT_BYTES
}
