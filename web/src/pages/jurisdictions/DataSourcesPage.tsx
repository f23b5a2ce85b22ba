/**
 * Where the jurisdiction data comes from, with the World Bank WGI attribution (CC BY 4.0). The
 * sources table is searched, sorted and paged in the browser (the API sends it whole); the search,
 * sort and page live in the address so a view can be shared.
 */
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { QueryView } from '../../components/QueryView.tsx'
import {
  nextSort,
  pageOf,
  searchOfView,
  type TTableView,
  viewFromSearch,
  viewRows,
} from '../../lib/table-view.ts'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi, type TDataSources } from './api.ts'
import { type TJurisdictionMessageKey, tj } from './messages.ts'
import './jurisdictions.css'

/** Rows per page: a screenful or two, not the 37,500 px the whole list takes. */
export const SOURCES_PAGE_SIZE = 50

const COLUMNS = ['title', 'publisher', 'edition', 'licence', 'facts'] as const
type TColumn = (typeof COLUMNS)[number]
type TSource = TDataSources['sources'][number]

const HEADINGS: Record<TColumn, TJurisdictionMessageKey> = {
  title: 'sources.titleColumn',
  publisher: 'sources.publisher',
  edition: 'sources.edition',
  licence: 'sources.licenceColumn',
  facts: 'sources.facts',
}

const editionOf = (source: TSource) => [source.edition, source.date].filter(Boolean).join(' · ')

const rowOptions = {
  searchable: (source: TSource) => [source.title, source.publisher, editionOf(source), source.licence],
  value: (source: TSource, column: TColumn): string | number | null => {
    if (column === 'facts') return source.facts
    if (column === 'edition') return editionOf(source) || null
    if (column === 'licence') return source.licence
    return source[column]
  },
}

export function DataSourcesPage() {
  useDocumentTitle(tj('sources.title'))
  const sources = useQuery({
    queryKey: jurisdictionKeys.dataSources,
    queryFn: ({ signal }) => jurisdictionsApi.dataSources(signal),
  })
  return (
    <div className="page jurisdictions">
      <header className="page-header">
        <h1>{tj('sources.title')}</h1>
        <p className="muted">{tj('sources.intro')}</p>
      </header>
      <QueryView query={sources}>
        {(data) => (
          <>
            <section className="card attribution" aria-labelledby="wgi-heading">
              <h2 id="wgi-heading">{tj('sources.governanceHeading')}</h2>
              <p data-testid="wgi-attribution">
                <strong>{data.governance.attribution}</strong>
              </p>
              {data.governance.licence ? (
                <p>{tj('sources.licence', { licence: data.governance.licence })}</p>
              ) : null}
              <p className="muted">{tj('sources.endorse')}</p>
            </section>
            <SourcesTable sources={data.sources} />
          </>
        )}
      </QueryView>
    </div>
  )
}

function useTableView(): [TTableView<TColumn>, (next: TTableView<TColumn>) => void] {
  const location = useLocation()
  const navigate = useNavigate()
  const view = viewFromSearch(location.search, COLUMNS)
  const setView = (next: TTableView<TColumn>) => {
    const search = searchOfView(next).toString()
    void navigate(`${location.pathname}${search ? `?${search}` : ''}`, { replace: true })
  }
  return [view, setView]
}

function SourcesTable({ sources }: { sources: TSource[] }) {
  const searchId = useId()
  const hintId = useId()
  const [view, setView] = useTableView()
  const found = viewRows(sources, view, { ...rowOptions, locale: document.documentElement.lang || undefined })
  const shown = pageOf(found, view.page, SOURCES_PAGE_SIZE)
  const goTo = (page: number) => setView({ ...view, page })
  return (
    <section className="card" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{tj('sources.listHeading')}</h2>
      <search className="field">
        <label htmlFor={searchId}>{tj('sources.search')}</label>
        <input
          id={searchId}
          type="search"
          value={view.q}
          aria-describedby={hintId}
          autoComplete="off"
          onChange={(event) => setView({ ...view, q: event.target.value, page: 1 })}
        />
        <p className="field-hint" id={hintId}>
          {tj('sources.searchHint')}
        </p>
      </search>
      <p className="muted" role="status" data-testid="sources-shown">
        {found.length === 0
          ? tj('sources.none', { q: view.q.trim() })
          : tj('sources.shown', { first: shown.first, last: shown.last, count: found.length })}
      </p>
      {found.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table sources-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const isSorted = view.sort === column
                  return (
                    <th
                      key={column}
                      scope="col"
                      aria-sort={isSorted ? view.dir : undefined}
                      className={column === 'facts' ? 'number' : undefined}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => setView({ ...view, ...nextSort(view, column), page: 1 })}
                      >
                        {tj(HEADINGS[column])}
                        <span aria-hidden="true" className="sort-mark">
                          {isSorted ? (view.dir === 'ascending' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((source) => (
                <tr key={source.id}>
                  <td>
                    {source.url ? (
                      <a href={source.url} rel="noreferrer noopener" target="_blank">
                        {source.title}
                      </a>
                    ) : (
                      source.title
                    )}
                  </td>
                  <td>{source.publisher}</td>
                  <td>{editionOf(source)}</td>
                  <td>{source.licence ?? '—'}</td>
                  <td className="number">{source.facts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {shown.pages > 1 ? (
        <nav className="pager" aria-label={tj('sources.pages')}>
          <button
            type="button"
            className="button button-secondary"
            disabled={shown.page <= 1}
            onClick={() => goTo(shown.page - 1)}
          >
            {tj('sources.previous')}
          </button>
          <span aria-current="page">{tj('sources.pageOf', { page: shown.page, pages: shown.pages })}</span>
          <button
            type="button"
            className="button button-secondary"
            disabled={shown.page >= shown.pages}
            onClick={() => goTo(shown.page + 1)}
          >
            {tj('sources.next')}
          </button>
        </nav>
      ) : null}
    </section>
  )
}
