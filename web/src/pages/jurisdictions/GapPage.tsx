/**
 * The gap analysis page: pick technologies and countries → matrix (colour and words), gaps with
 * explanations, restrictions, the baseline for the whole deployment, and a CSV export. The choices
 * live in the address (?technologies=…&countries=…), so an analysis can be bookmarked or shared.
 */
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { renderGapCsv } from '../../../../src/modules/jurisdictions/format.ts'
import type { TGapResult } from '../../../../src/modules/jurisdictions/gap.ts'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi } from './api.ts'
import { gapPath } from './links.ts'
import { tj } from './messages.ts'
import { EnforcementBadge, LevelBadge } from './parts.tsx'
import './jurisdictions.css'

const listOf = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)

export function GapPage() {
  useDocumentTitle(tj('gap.title'))
  const [params] = useSearchParams()
  const technologies = listOf(params.get('technologies'))
  const countries = listOf(params.get('countries'))
  const isReady = technologies.length > 0 && countries.length > 0
  const gap = useQuery({
    queryKey: jurisdictionKeys.gap(technologies, countries),
    queryFn: ({ signal }) => jurisdictionsApi.gap(technologies, countries, signal),
    enabled: isReady,
    retry: false,
  })
  return (
    <div className="page jurisdictions">
      <header className="page-header">
        <h1>{tj('gap.title')}</h1>
        <p className="muted">{tj('gap.intro')}</p>
      </header>
      <GapForm
        key={`${technologies.join(',')}|${countries.join(',')}`}
        technologies={technologies}
        countries={countries}
      />
      <QueryView query={gap} isActive={isReady}>
        {(data) => <GapReport result={data} />}
      </QueryView>
    </div>
  )
}

function GapForm({ technologies, countries }: { technologies: string[]; countries: string[] }) {
  const navigate = useNavigate()
  const countriesId = useId()
  const hintId = useId()
  const [chosen, setChosen] = useState<string[]>(technologies)
  const [countryText, setCountryText] = useState(countries.join(', '))
  const [problem, setProblem] = useState<string | null>(null)
  const catalogue = useQuery({
    queryKey: jurisdictionKeys.technologies,
    queryFn: ({ signal }) => jurisdictionsApi.technologies(signal),
  })

  const toggle = (id: string) =>
    setChosen((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (chosen.length === 0) {
      setProblem(tj('gap.pickTechnology'))
      return
    }
    setProblem(null)
    // The server reads codes case-insensitively and answers unknown ones with suggestions.
    void navigate(gapPath(chosen, listOf(countryText.replace(/\s+/g, ','))))
  }

  return (
    <form className="card gap-form" onSubmit={submit} noValidate>
      <fieldset className="technology-picker">
        <legend>{tj('gap.technologies')}</legend>
        <QueryView query={catalogue} />
        {catalogue.data?.items.map((technology) => (
          <label key={technology.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(technology.id)}
              onChange={() => toggle(technology.id)}
              value={technology.id}
            />
            {technology.title}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={countriesId}>{tj('gap.countries')}</label>
        <input
          id={countriesId}
          aria-describedby={hintId}
          value={countryText}
          onChange={(event) => setCountryText(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <p id={hintId} className="field-hint">
          {tj('gap.countriesHint')}
        </p>
      </div>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button button-primary">
        {tj('gap.run')}
      </button>
    </form>
  )
}

/** Offers the CSV (same columns as `custos gap --format csv`) as a file download. */
function exportCsv(result: TGapResult) {
  const blob = new Blob([renderGapCsv(result)], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `custos-gap-${result.technologies.join('+')}-${result.jurisdictions.map((j) => j.code).join('-')}.csv`
  document.body.append(link)
  link.click()
  link.remove()
  URL.revokeObjectURL(url)
}

function GapReport({ result }: { result: TGapResult }) {
  const codes = result.jurisdictions.map((j) => j.code)
  return (
    <>
      <section className="card" aria-labelledby="matrix-heading">
        <div className="section-head">
          <h2 id="matrix-heading">{tj('gap.matrixHeading')}</h2>
          <button type="button" className="button button-secondary" onClick={() => exportCsv(result)}>
            {tj('gap.exportCsv')}
          </button>
        </div>
        <div className="table-scroll">
          <table className="data-table gap-matrix">
            <caption className="muted small">{tj('gap.matrixCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tj('jur.topic')}</th>
                <th scope="col">{tj('gap.importance')}</th>
                {result.jurisdictions.map((j) => (
                  <th scope="col" key={j.code}>
                    <abbr title={j.name}>{j.code}</abbr>
                  </th>
                ))}
                <th scope="col">{tj('gap.across')}</th>
              </tr>
            </thead>
            <tbody>
              <tr className="governance-row">
                <th scope="row">{tj('gap.governance')}</th>
                <td />
                {result.jurisdictions.map((j) => (
                  <td key={j.code}>
                    <EnforcementBadge enforcement={j.governance.enforcement} />
                    <span className="muted small">
                      {' '}
                      {j.governance.ruleOfLaw === null ? '' : j.governance.ruleOfLaw.toFixed(2)}
                    </span>
                  </td>
                ))}
                <td />
              </tr>
              {result.matrix.map((row) => (
                <tr key={row.topic}>
                  <th scope="row">{row.title}</th>
                  <td>{tj(`importance.${row.importance}`)}</td>
                  {codes.map((code) => {
                    const cell = row.cells[code]
                    return (
                      <td key={code} className={cell ? `cell cell-${cell.level}` : 'cell'}>
                        {cell ? <LevelBadge level={cell.level} /> : null}
                        {cell?.instrument ? (
                          <span className="cell-instrument small">{cell.instrument.title}</span>
                        ) : null}
                      </td>
                    )
                  })}
                  <td>
                    {row.inconsistent ? (
                      <strong className="inconsistent">≠ {tj('gap.inconsistent')}</strong>
                    ) : (
                      <span className="muted">{tj('gap.consistent')}</span>
                    )}
                  </td>
                </tr>
              ))}
              <tr className="coverage-row">
                <th scope="row">{tj('gap.coverage')}</th>
                <td />
                {codes.map((code) => (
                  <td key={code} className="number">
                    <strong>{Math.round((result.coverage[code] ?? 0) * 100)}%</strong>
                  </td>
                ))}
                <td />
              </tr>
            </tbody>
          </table>
        </div>
        <p className="muted small">
          {result.coverageBasis === 'essential' ? tj('gap.coverageIntro') : tj('gap.coverageTriggered')}
        </p>
      </section>

      <section className="card" aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">{tj('gap.gapsHeading', { count: result.gaps.length })}</h2>
        {result.gaps.length === 0 ? <p>{tj('gap.noGaps')}</p> : null}
        <ul className="gap-list">
          {result.gaps.map((gap) => (
            <li key={`${gap.jurisdiction}-${gap.topic}`}>
              <code>{gap.jurisdiction}</code> <LevelBadge level={gap.level} /> {gap.explanation}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="restrictions-heading">
        <h2 id="restrictions-heading">
          {tj('gap.restrictionsHeading', { count: result.restrictions.length })}
        </h2>
        {result.restrictions.length === 0 ? <p>{tj('gap.noRestrictions')}</p> : null}
        <ul className="restrictions">
          {result.restrictions.map((r) => (
            <li key={r.id} className={r.isProposed ? 'proposed' : undefined}>
              {r.isProposed ? <span className="badge badge-proposed">{tj('gap.proposed')}</span> : null}{' '}
              <strong>{r.kind}</strong>{' '}
              <span className="muted">({tj('gap.strictness', { value: r.strictness })})</span> — {r.summary}
              <div className="small muted">
                {r.instrument.title}
                {r.locator ? `, ${r.locator}` : ''} · {r.jurisdictions.join(', ')} · {r.reason}
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="baseline-heading">
        <h2 id="baseline-heading">{tj('gap.baselineHeading', { count: result.baseline.length })}</h2>
        <p className="muted">
          {result.baseline.length === 0 ? tj('gap.noBaseline') : tj('gap.baselineIntro')}
        </p>
        <ol className="baseline-list">
          {result.baseline.map((item) => (
            <li key={item.urn}>
              <strong>{item.title}</strong> <code className="small">{item.urn}</code>
              <div className="small muted">{item.reason}</div>
            </li>
          ))}
        </ol>
      </section>
      <p className="muted small">
        {tj('gap.attribution')}: {result.attribution}
      </p>
    </>
  )
}
