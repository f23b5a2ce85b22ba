/**
 * The counting machinery of the bias audit: a streaming CSV reader that adds up per-group confusion
 * counts (counter.ts, with the generated row loop in fast-path.ts), optionally on two threads
 * (parallel.ts, worker.ts), fed from a file, a gzip file or standard input (source.ts).
 * The rest of the module uses it through this file.
 */
export { CsvCounter } from './counter.ts'
export { formatCount } from './group-limit.ts'
export { countSource } from './source.ts'
export {
  DEFAULT_MAX_GROUPS,
  type TCountedCell,
  type TCounterOptions,
  type TCountResult,
  type TProgress,
  type TSkipReason,
} from './types.ts'
