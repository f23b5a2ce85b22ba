/**
 * The jurisdiction browser: every country with governance and a summary of its facts, searchable
 * and sortable by column; the search and the sort live in the address so a view can be shared.
 */
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { QueryView } from '../../components/QueryView.tsx'
import { nextSort, searchOfView, type TTableView, viewFromSearch, viewRows } from '../../lib/table-view.ts'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi, type TJurisdictionSummary } from './api.ts'
import { jurisdictionPath, matchesSearch } from './links.ts'
import { type TJurisdictionMessageKey, tj } from './messages.ts'
import { EnforcementBadge } from './parts.tsx'
import './jurisdictions.css'

const COLUMNS = ['code', 'name', 'ruleOfLaw', 'enforcement', 'covered'] as const
type TColumn = (typeof COLUMNS)[number]

const HEADINGS: Record<TColumn, TJurisdictionMessageKey> = {
  code: 'jur.code',
  name: 'jur.name',
  ruleOfLaw: 'jur.ruleOfLaw',
  enforcement: 'jur.enforcement',
  covered: 'jur.covered',
}

/** Strong enforcement sorts above weak; unknown has no rank, so it comes last either way. */
const ENFORCEMENT_RANK = { strong: 3, moderate: 2, weak: 1, unknown: null } as const

const rowOptions = {
  // The search is matchesSearch (exact codes, part of the name), applied before sorting.
  searchable: () => [],
  value: (item: TJurisdictionSummary, column: TColumn): string | number | null => {
    if (column === 'ruleOfLaw') return item.governance.ruleOfLaw
    if (column === 'enforcement') return ENFORCEMENT_RANK[item.governance.enforcement]
    if (column === 'covered') return item.topics.total === 0 ? null : item.topics.covered / item.topics.total
    return item[column]
  },
}

function useTableView(): [TTableView<TColumn>, (next: TTableView<TColumn>) => void] {
  const location = useLocation()
  const navigate = useNavigate()
  const view = viewFromSearch(location.search, COLUMNS)
  const setView = (next: TTableView<TColumn>) => {
    const search = searchOfView({ ...next, page: 1 }).toString()
    void navigate(`${location.pathname}${search ? `?${search}` : ''}`, { replace: true })
  }
  return [view, setView]
}

export function JurisdictionsPage() {
  useDocumentTitle(tj('jur.title'))
  const searchId = useId()
  const [view, setView] = useTableView()
  const list = useQuery({
    queryKey: jurisdictionKeys.list,
    queryFn: ({ signal }) => jurisdictionsApi.list(signal),
  })
  const items = list.data?.items ?? []
  const found = items.filter((item) => matchesSearch(item, view.q))
  const shown = viewRows(
    found,
    { ...view, q: '' },
    { ...rowOptions, locale: document.documentElement.lang || undefined },
  )

  return (
    <div className="page jurisdictions">
      <header className="page-header">
        <h1>{tj('jur.title')}</h1>
        <p className="muted">{tj('jur.intro')}</p>
      </header>
      <search className="field jur-search">
        <label htmlFor={searchId}>{tj('jur.search')}</label>
        <input
          id={searchId}
          type="search"
          value={view.q}
          autoComplete="off"
          onChange={(event) => setView({ ...view, q: event.target.value })}
        />
      </search>
      <QueryView query={list}>
        {() => (
          <>
            <p className="muted" role="status">
              {shown.length === 0
                ? tj('jur.noMatch', { q: view.q.trim() })
                : tj('jur.shown', { count: shown.length, total: items.length })}
            </p>
            <div className="table-scroll">
              <table className="data-table jurisdictions-table">
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <SortHeading key={column} column={column} view={view} setView={setView} />
                    ))}
                    <th scope="col" className="facts-heading facts-column">
                      {tj('jur.facts')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((item) => (
                    <tr key={item.code}>
                      <td>
                        <code>{item.code}</code>
                      </td>
                      <td className="name-cell">
                        <Link to={jurisdictionPath(item.code)}>{item.name}</Link>
                        {item.isEuMember ? <span className="badge">{tj('jur.eu')}</span> : null}
                        {item.unMember ? null : <span className="badge">{tj('jur.observer')}</span>}
                      </td>
                      <td className="number" data-label={tj('jur.ruleOfLaw')}>
                        {item.governance.ruleOfLaw === null
                          ? tj('jur.noValue')
                          : item.governance.ruleOfLaw.toFixed(2)}
                      </td>
                      <td data-label={tj('jur.enforcement')}>
                        <EnforcementBadge enforcement={item.governance.enforcement} />
                      </td>
                      <td className="number" data-label={tj('jur.covered')}>
                        {item.topics.covered} / {item.topics.total}
                      </td>
                      <td className="nowrap facts-column">
                        {item.topics.yes} / {item.topics.partial} / {item.topics.no} / {item.topics.unknown}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryView>
    </div>
  )
}

function SortHeading({
  column,
  view,
  setView,
}: {
  column: TColumn
  view: TTableView<TColumn>
  setView: (next: TTableView<TColumn>) => void
}) {
  const isSorted = view.sort === column
  const isNumber = column === 'ruleOfLaw' || column === 'covered'
  return (
    <th scope="col" aria-sort={isSorted ? view.dir : undefined} className={isNumber ? 'number' : undefined}>
      <button
        type="button"
        className="sort-button"
        onClick={() => setView({ ...view, ...nextSort(view, column) })}
      >
        {tj(HEADINGS[column])}
        <span aria-hidden="true" className="sort-mark">
          {isSorted ? (view.dir === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  )
}
