/** What the counter takes and gives back, and its fixed limits (docs/bias-audit.md). */
import type { TCellCounts } from '../metrics.ts'
import type { TOptionNaming } from '../option-names.ts'

export type TCounterOptions = {
  groupColumns: string[]
  labelColumn: string
  /** Predicted label column; exactly one of predColumn or scoreColumn (with threshold) is set. */
  predColumn?: string | undefined
  scoreColumn?: string | undefined
  threshold?: number | undefined
  /** The value naming the positive class in label and prediction; others are negative. */
  positive?: string | undefined
  weightColumn?: string | undefined
  /**
   * Groups allowed before counting stops (DEFAULT_MAX_GROUPS): distinct combinations of the group
   * columns, and distinct values of the group columns one by one (the marginals).
   */
  maxGroups?: number | undefined
  /** How messages name the options (the command line's flags by default). */
  naming?: TOptionNaming | undefined
}

export type TSkipReason = { reason: string; count: number; firstRows: number[]; firstLines: number[] }

export type TCountedCell = { values: string[]; counts: TCellCounts }

export type TCountResult = {
  /** Header names of the group columns as written in the file, in --group order. */
  groupColumns: string[]
  delimiter: string
  /** Data rows read (header and blank lines excluded). */
  rows: number
  skipped: number
  skippedReasons: TSkipReason[]
  isWeighted: boolean
  cells: TCountedCell[]
}

/**
 * The most groups counted by default, each way: combinations of the group columns, and single-column
 * values summed over the group columns (the marginals). A fairness audit compares groups with each
 * other; past a thousand, no reader can take in the comparison, and most groups are too small to
 * say anything (under --min-group-size). Far more groups almost always mean an identifier column
 * passed as a group — which would also make the stored result hundreds of times the size of the
 * upload (about 3.4 kB of JSON per group). The limit can be raised per run (--max-groups, maxGroups).
 */
export const DEFAULT_MAX_GROUPS = 1_000
/** A header longer than this is not a CSV header (binary data, or no line breaks). */
export const MAX_HEADER_BYTES = 1 << 20
/** A row longer than this almost always means an unterminated quote. */
export const MAX_ROW_BYTES = 64 << 20
/** How many row numbers are kept per skip reason. */

/** Called as bytes are read: bytes so far and the total when known (compressed bytes for gzip). */
export type TProgress = (bytesRead: number, totalBytes: number | null) => void
