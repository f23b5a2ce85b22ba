/**
 * A long table shown a page at a time: a text search over some columns, sorting by one column and
 * the page number, all read from and written to the address (`?q=&sort=&dir=&page=`) so a view can
 * be shared. Pure functions, tested in table-view.test.ts.
 */

export type TSortDirection = 'ascending' | 'descending'
export type TTableView<TColumn extends string> = {
  q: string
  sort: TColumn | null
  dir: TSortDirection
  /** 1-based; clamped to the pages there are when rows are cut. */
  page: number
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** The view in `search`; an unknown column or a bad page number falls back to the default. */
export function viewFromSearch<TColumn extends string>(
  search: string,
  columns: readonly TColumn[],
): TTableView<TColumn> {
  const params = new URLSearchParams(search)
  const sort = params.get('sort')
  const page = Number(params.get('page') ?? '1')
  return {
    q: params.get('q') ?? '',
    sort: sort !== null && (columns as readonly string[]).includes(sort) ? (sort as TColumn) : null,
    dir: params.get('dir') === 'descending' ? 'descending' : 'ascending',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** The view as query parameters, leaving out the defaults. */
export function searchOfView<TColumn extends string>(view: TTableView<TColumn>): URLSearchParams {
  const params = new URLSearchParams()
  if (view.q) params.set('q', view.q)
  if (view.sort) {
    params.set('sort', view.sort)
    if (view.dir === 'descending') params.set('dir', 'descending')
  }
  if (view.page > 1) params.set('page', String(view.page))
  return params
}

/** Every word of `q` appears (case- and accent-insensitive) in one of the row's texts. */
export function matchesWords(texts: readonly (string | null | undefined)[], q: string): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = fold(texts.filter(Boolean).join(' '))
  return words.every((word) => haystack.includes(word))
}

/** Rows matching the search, sorted (stably; numbers as numbers, text in the reader's language order). */
export function viewRows<TRow, TColumn extends string>(
  rows: readonly TRow[],
  view: TTableView<TColumn>,
  options: {
    searchable: (row: TRow) => readonly (string | null | undefined)[]
    value: (row: TRow, column: TColumn) => string | number | null
    locale?: string
  },
): TRow[] {
  const found = rows.filter((row) => matchesWords(options.searchable(row), view.q))
  const { sort } = view
  if (!sort) return found
  const collator = new Intl.Collator(options.locale, { sensitivity: 'base', numeric: true })
  const sign = view.dir === 'descending' ? -1 : 1
  return found
    .map((row, index) => ({ row, index, value: options.value(row, sort) }))
    .sort((a, b) => {
      // Empty cells last whichever the direction, so the sorted-by values lead.
      if (a.value === null || b.value === null) {
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1
      }
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value))
      return order === 0 ? a.index - b.index : sign * order
    })
    .map((entry) => entry.row)
}

/** One page of `rows` and where it lies: the page number clamped to those there are. */
export function pageOf<TRow>(
  rows: readonly TRow[],
  page: number,
  size: number,
): { rows: TRow[]; page: number; pages: number; first: number; last: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size))
  const current = Math.min(Math.max(1, page), pages)
  const start = (current - 1) * size
  const slice = rows.slice(start, start + size)
  return {
    rows: slice,
    page: current,
    pages,
    first: slice.length ? start + 1 : 0,
    last: start + slice.length,
  }
}

/** The next direction when a column's sort button is pressed: ascending first, then it flips. */
export function nextSort<TColumn extends string>(
  view: TTableView<TColumn>,
  column: TColumn,
): Pick<TTableView<TColumn>, 'sort' | 'dir'> {
  if (view.sort !== column) return { sort: column, dir: 'ascending' }
  return { sort: column, dir: view.dir === 'ascending' ? 'descending' : 'ascending' }
}
