/** The jurisdiction browser: every country with governance and a summary of its facts, searchable. */
import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Link } from 'react-router'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi } from './api.ts'
import { jurisdictionPath, matchesSearch } from './links.ts'
import { tj } from './messages.ts'
import { EnforcementBadge } from './parts.tsx'
import './jurisdictions.css'

export function JurisdictionsPage() {
  useDocumentTitle(tj('jur.title'))
  const searchId = useId()
  const [query, setQuery] = useState('')
  const list = useQuery({
    queryKey: jurisdictionKeys.list,
    queryFn: ({ signal }) => jurisdictionsApi.list(signal),
  })
  const items = list.data?.items ?? []
  const shown = items.filter((item) => matchesSearch(item, query))

  return (
    <div className="page jurisdictions">
      <header className="page-header">
        <h1>{tj('jur.title')}</h1>
        <p className="muted">{tj('jur.intro')}</p>
      </header>
      <div className="field jur-search">
        <label htmlFor={searchId}>{tj('jur.search')}</label>
        <input id={searchId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
      </div>
      <QueryView query={list}>
        {() => (
          <>
            <p className="muted" role="status">
              {tj('jur.shown', { count: shown.length, total: items.length })}
            </p>
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{tj('jur.code')}</th>
                    <th scope="col">{tj('jur.name')}</th>
                    <th scope="col">{tj('jur.ruleOfLaw')}</th>
                    <th scope="col">{tj('jur.enforcement')}</th>
                    <th scope="col">{tj('jur.facts')}</th>
                    <th scope="col">{tj('jur.covered')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((item) => (
                    <tr key={item.code}>
                      <td>
                        <code>{item.code}</code>
                      </td>
                      <td>
                        <Link to={jurisdictionPath(item.code)}>{item.name}</Link>
                        {item.isEuMember ? <span className="badge">{tj('jur.eu')}</span> : null}
                        {item.unMember ? null : <span className="badge">{tj('jur.observer')}</span>}
                      </td>
                      <td className="number">
                        {item.governance.ruleOfLaw === null
                          ? tj('jur.noValue')
                          : item.governance.ruleOfLaw.toFixed(2)}
                      </td>
                      <td>
                        <EnforcementBadge enforcement={item.governance.enforcement} />
                      </td>
                      <td className="nowrap">
                        {item.topics.yes} / {item.topics.partial} / {item.topics.no} / {item.topics.unknown}
                      </td>
                      <td className="number">
                        {item.topics.covered} / {item.topics.total}
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
