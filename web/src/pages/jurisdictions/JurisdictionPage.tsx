/**
 * One country: facts with sources and dates, governance indicators (chart), memberships,
 * restrictions. A code the dataset does not know gets a page of its own: what is wrong, the
 * countries meant, and the way to the list.
 */
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi, type TJurisdictionDetail, UnknownValuesError } from './api.ts'
import { gapPath, JURISDICTION_PATHS, jurisdictionPath } from './links.ts'
import { tj } from './messages.ts'
import {
  EnforcementBadge,
  GovernanceBars,
  LevelBadge,
  restrictionKindLabel,
  SourceCite,
  statusLabel,
  useTechnologyTitles,
} from './parts.tsx'
import './jurisdictions.css'

export function JurisdictionPage() {
  const { code = '' } = useParams()
  const detail = useQuery({
    queryKey: jurisdictionKeys.detail(code.toUpperCase()),
    queryFn: ({ signal }) => jurisdictionsApi.detail(code, signal),
    retry: false,
  })
  const unknown = detail.error instanceof UnknownValuesError ? detail.error : null
  useDocumentTitle(detail.data?.name ?? (unknown ? tj('jur.unknownTitle', { code }) : tj('jur.title')))
  return (
    <div className="page jurisdictions">
      <p>
        <Link to={JURISDICTION_PATHS.list}>
          <span className="back-arrow" aria-hidden="true">
            ←
          </span>{' '}
          {tj('jur.back')}
        </Link>
      </p>
      {unknown ? (
        <UnknownCountry code={code} error={unknown} />
      ) : (
        <QueryView query={detail}>{(data) => <Detail detail={data} />}</QueryView>
      )}
    </div>
  )
}

/** /jurisdictions/XX for a code the dataset lacks: the server's sentence and the countries meant. */
function UnknownCountry({ code, error }: { code: string; error: UnknownValuesError }) {
  const suggested = error.unknown.flatMap((issue) => issue.suggested)
  const messages = error.unknown.length > 0 ? error.unknown.map((issue) => issue.message) : [error.message]
  return (
    <section className="unknown-country" aria-labelledby="unknown-heading">
      <header className="page-header">
        <h1 id="unknown-heading">{tj('jur.unknownTitle', { code })}</h1>
        <p className="muted">{tj('jur.unknownIntro')}</p>
      </header>
      <div className="card">
        {messages.map((message) => (
          <p key={message} dir="auto">
            {message}
          </p>
        ))}
        {suggested.length > 0 ? (
          <>
            <p>{tj('jur.didYouMean')}</p>
            <ul>
              {suggested.map((s) => (
                <li key={s.code}>
                  <Link to={jurisdictionPath(s.code)}>
                    {s.name} ({s.code})
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <Link to={JURISDICTION_PATHS.list}>{tj('jur.allCountries')}</Link>
        </p>
      </div>
    </section>
  )
}

function Detail({ detail }: { detail: TJurisdictionDetail }) {
  const technologyTitle = useTechnologyTitles()
  const g = detail.governance
  const indicators = [
    { label: tj('indicator.ruleOfLaw'), value: g.ruleOfLaw },
    { label: tj('indicator.voiceAccountability'), value: g.voiceAccountability },
    { label: tj('indicator.governmentEffectiveness'), value: g.governmentEffectiveness },
    { label: tj('indicator.politicalStability'), value: g.politicalStability },
    { label: tj('indicator.controlOfCorruption'), value: g.controlOfCorruption },
    { label: tj('indicator.regulatoryQuality'), value: g.regulatoryQuality },
  ]
  return (
    <>
      <header className="page-header">
        <h1>
          {detail.name} <code className="muted">{detail.code}</code>
        </h1>
        <p>
          {detail.isEuMember ? <span className="badge">{tj('jur.eu')}</span> : null}
          {detail.unMember ? null : <span className="badge">{tj('jur.observer')}</span>}{' '}
          <Link to={gapPath([], [detail.code])}>{tj('jur.openGap')}</Link>
        </p>
      </header>

      <section className="card" aria-labelledby="topics-heading">
        <h2 id="topics-heading">{tj('jur.topicsHeading')}</h2>
        <div className="table-scroll">
          <table className="data-table facts-table">
            <thead>
              <tr>
                <th scope="col">{tj('jur.topic')}</th>
                <th scope="col">{tj('jur.status')}</th>
                <th scope="col">{tj('jur.level')}</th>
                <th scope="col">{tj('jur.instrument')}</th>
                <th scope="col">{tj('jur.source')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.facts.map((fact) => (
                <tr key={fact.topic}>
                  <th scope="row">{fact.title}</th>
                  <td data-label={tj('jur.status')}>{statusLabel(fact.status)}</td>
                  <td data-label={tj('jur.level')}>
                    <LevelBadge level={fact.level} />
                  </td>
                  <td data-label={tj('jur.instrument')}>
                    {fact.instrument ? (
                      <>
                        {fact.instrument.title}
                        <span className="muted small">
                          {' '}
                          ({tj('jur.adopted', { year: fact.instrument.adopted })}
                          {fact.instrument.inForce !== undefined
                            ? `, ${tj('jur.inForce', { date: String(fact.instrument.inForce) })}`
                            : ''}
                          )
                        </span>
                      </>
                    ) : (
                      tj('jur.none')
                    )}
                    {fact.note ? (
                      // The notes are written in English only: their own direction keeps their punctuation in place.
                      <p className="muted small fact-note" dir="auto">
                        {fact.note}
                      </p>
                    ) : null}
                  </td>
                  <td data-label={tj('jur.source')}>
                    <SourceCite source={fact.source} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="governance-heading">
        <h2 id="governance-heading">{tj('jur.governanceHeading')}</h2>
        <p className="muted small">{tj('jur.governanceIntro', { year: g.year ?? tj('jur.noValue') })}</p>
        <p>
          {tj('jur.enforcement')}: <EnforcementBadge enforcement={g.enforcement} />
        </p>
        <GovernanceBars indicators={indicators} title={`${tj('jur.governanceHeading')}: ${detail.name}`} />
        <p className="muted small">{detail.attribution}</p>
      </section>

      <section className="card" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">{tj('jur.membershipsHeading')}</h2>
        <ul className="memberships">
          {detail.memberships.map((m) => (
            <li key={m.id}>
              <strong>{tj(`membership.${m.id}`)}</strong>:{' '}
              <span className={`membership membership-${String(m.value)}`}>
                {tj(`membership.${String(m.value) as 'true' | 'false' | 'unknown'}`)}
              </span>{' '}
              <span className="small">
                (<SourceCite source={m.source} />)
              </span>
              {m.note ? <span className="muted small"> {m.note}</span> : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="restrictions-heading">
        <h2 id="restrictions-heading">{tj('jur.restrictionsHeading')}</h2>
        {detail.restrictions.length === 0 ? <p>{tj('jur.noRestrictions')}</p> : null}
        <ul className="restrictions">
          {detail.restrictions.map((r) => (
            <li key={r.id}>
              <strong>{restrictionKindLabel(r.kind)}</strong>{' '}
              <span className="muted">({tj('gap.strictness', { value: r.strictness })})</span>: {r.summary}
              <div className="small">
                {r.technologies.map((id) => (
                  <span key={id} className="tag">
                    {technologyTitle(id)}
                  </span>
                ))}{' '}
                {r.instrument.title} — <SourceCite source={r.source} />
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}
