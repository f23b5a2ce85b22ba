/** The group limit's message, shared by one counter and by two threads' added-up counts. */
import { AppError } from '../../../core/errors.ts'
import { type TOptionNaming, withValue } from '../option-names.ts'

/** Which group limit was passed: combinations of the group columns, or their values one by one. */
export type TGroupLimitKind = 'combinations' | 'values'

/** 1234567 → "1,234,567", the same on every locale. */
export const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/**
 * The message for too many groups, naming the group columns and how many distinct values each had.
 * `distinct` and `combinations` are exact after two threads' counts are added up; while counting,
 * the run stops at the first group past the limit, so `combinations` is null ("more than").
 */
export function groupLimitError(input: {
  naming: TOptionNaming
  columns: string[]
  distinct: number[]
  limit: number
  kind: TGroupLimitKind
  combinations: number | null
}): AppError {
  const { naming, columns, distinct, limit, kind, combinations } = input
  const L = formatCount(limit)
  const given = `${naming.names.group}${naming.assign}${columns.join(',')}`
  const raise = `raise the limit with ${withValue(naming, 'maxGroups', 'n')}`
  if (columns.length === 1) {
    const seen = combinations === null ? `more than ${L}` : formatCount(combinations)
    return new AppError(
      'validation_failed',
      `More than ${L} distinct groups in ${given} (group limit ${L}): column "${columns[0]}" has ${seen} distinct values. Choose a column with fewer groups (an identifier is not a group), or ${raise}.`,
    )
  }
  const soFar = combinations === null ? ' so far' : ''
  const perColumn = columns
    .map((col, i) =>
      i === 0
        ? `column "${col}" has ${formatCount(distinct[i]!)} distinct values${soFar}`
        : `"${col}" ${formatCount(distinct[i]!)}`,
    )
    .join(', ')
  const what =
    kind === 'combinations'
      ? `More than ${L} distinct groups in ${given} (group limit ${L}): their combinations number ${combinations === null ? `more than ${L}` : formatCount(combinations)} (${perColumn})`
      : `More than ${L} single-column groups in ${given} (group limit ${L}, the columns' distinct values added up): ${perColumn}`
  return new AppError(
    'validation_failed',
    `${what}. Choose fewer columns or columns with fewer groups (an identifier is not a group), or ${raise}.`,
  )
}
