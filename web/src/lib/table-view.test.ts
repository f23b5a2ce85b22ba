/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchesWords, nextSort, pageOf, searchOfView, viewFromSearch, viewRows } from './table-view.ts'

const COLUMNS = ['title', 'facts'] as const
type TRow = { title: string; facts: number; note: string | null }
const rows: TRow[] = [
  { title: 'Loi Informatique', facts: 3, note: null },
  { title: 'Data Act', facts: 12, note: 'EU' },
  { title: 'Ação civil', facts: 1, note: 'BR' },
  { title: 'data protection', facts: 12, note: null },
]
const options = {
  searchable: (row: TRow) => [row.title, row.note],
  value: (row: TRow, column: (typeof COLUMNS)[number]) => row[column],
  locale: 'en',
}

describe('table view in the address', () => {
  it('reads and writes the search, sort, direction and page, leaving defaults out', () => {
    const view = viewFromSearch('?q=data&sort=facts&dir=descending&page=3', COLUMNS)
    assert.deepEqual(view, { q: 'data', sort: 'facts', dir: 'descending', page: 3 })
    assert.equal(searchOfView(view).toString(), 'q=data&sort=facts&dir=descending&page=3')
    assert.equal(searchOfView({ q: '', sort: null, dir: 'ascending', page: 1 }).toString(), '')
  })

  it('ignores an unknown column and a bad page', () => {
    assert.deepEqual(viewFromSearch('?sort=id&page=-2', COLUMNS), {
      q: '',
      sort: null,
      dir: 'ascending',
      page: 1,
    })
    assert.equal(viewFromSearch('?page=1.5', COLUMNS).page, 1)
  })
})

describe('search, sort and pages', () => {
  it('every word must appear, ignoring case and accents', () => {
    assert.ok(matchesWords(['Ação civil', 'BR'], 'acao br'))
    assert.ok(!matchesWords(['Ação civil'], 'acao eu'))
    assert.ok(matchesWords(['x'], '   '))
  })

  it('sorts text in language order and numbers as numbers, stably, both ways', () => {
    const byTitle = viewRows(rows, { q: '', sort: 'title', dir: 'ascending', page: 1 }, options)
    assert.deepEqual(
      byTitle.map((row) => row.title),
      ['Ação civil', 'Data Act', 'data protection', 'Loi Informatique'],
    )
    const byFacts = viewRows(rows, { q: '', sort: 'facts', dir: 'descending', page: 1 }, options)
    assert.deepEqual(
      byFacts.map((row) => row.title),
      ['Data Act', 'data protection', 'Loi Informatique', 'Ação civil'],
    )
    const found = viewRows(rows, { q: 'data', sort: null, dir: 'ascending', page: 1 }, options)
    assert.deepEqual(
      found.map((row) => row.title),
      ['Data Act', 'data protection'],
    )
  })

  it('cuts pages and clamps a page past the end to the last one', () => {
    const items = Array.from({ length: 120 }, (_, i) => i)
    assert.deepEqual(pageOf(items, 3, 50), {
      rows: items.slice(100),
      page: 3,
      pages: 3,
      first: 101,
      last: 120,
    })
    assert.equal(pageOf(items, 9, 50).page, 3)
    assert.deepEqual(pageOf([], 2, 50), { rows: [], page: 1, pages: 1, first: 0, last: 0 })
  })

  it('a column sorts ascending first, then flips', () => {
    const view = { q: '', sort: null, dir: 'ascending', page: 1 } as const
    assert.deepEqual(nextSort(view, 'title'), { sort: 'title', dir: 'ascending' })
    assert.deepEqual(nextSort({ ...view, sort: 'title' }, 'title'), { sort: 'title', dir: 'descending' })
  })
})
