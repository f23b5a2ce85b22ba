/** Where the jurisdiction data comes from, with the World Bank WGI attribution (CC BY 4.0). */
import { useQuery } from '@tanstack/react-query'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi } from './api.ts'
import { tj } from './messages.ts'
import './jurisdictions.css'

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
            <section className="card" aria-labelledby="sources-heading">
              <h2 id="sources-heading">{tj('sources.listHeading')}</h2>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{tj('sources.titleColumn')}</th>
                      <th scope="col">{tj('sources.publisher')}</th>
                      <th scope="col">{tj('sources.edition')}</th>
                      <th scope="col">{tj('sources.licenceColumn')}</th>
                      <th scope="col">{tj('sources.facts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.sources.map((source) => (
                      <tr key={source.id}>
                        <td>
                          {source.url ? (
                            <a href={source.url} rel="noreferrer noopener" target="_blank">
                              {source.title}
                            </a>
                          ) : (
                            source.title
                          )}
                          <div className="muted small">
                            <code>{source.id}</code>
                          </div>
                        </td>
                        <td>{source.publisher}</td>
                        <td>{[source.edition, source.date].filter(Boolean).join(' · ')}</td>
                        <td>{source.licence ?? '—'}</td>
                        <td className="number">{source.facts}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
      </QueryView>
    </div>
  )
}
