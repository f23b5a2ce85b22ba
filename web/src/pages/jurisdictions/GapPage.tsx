/**
 * The gap analysis page: pick technologies and countries → matrix (colour and words; one card per
 * country on a phone), gaps with explanations, restrictions, the baseline for the whole deployment,
 * and a CSV export. The choices live in the address (?technologies=…&countries=…), so an analysis
 * can be bookmarked or shared. Unknown values are answered beside the field, with the server's
 * suggestions as buttons that put the code meant in place of the one typed.
 */
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useId, useRef, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { renderGapCsv } from '../../../../src/modules/jurisdictions/format.ts'
import type { TGapResult } from '../../../../src/modules/jurisdictions/gap.ts'
import { ApiError, inputError, isApiError, type TFieldIssue } from '../../api/errors.ts'
import { Field } from '../../components/Field.tsx'
import { QueryView } from '../../components/QueryView.tsx'
import { ErrorNotice, Loading } from '../../components/Status.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi, type TUnknownValue, UnknownValuesError } from './api.ts'
import { gapPath, isTyped, replaceTyped, splitCodes } from './links.ts'
import { tj } from './messages.ts'
import {
  EnforcementBadge,
  isolated,
  LevelBadge,
  restrictionKindLabel,
  useTechnologyTitles,
} from './parts.tsx'
import './jurisdictions.css'

type TPath = 'technologies' | 'countries'

/** Technology ids are read case-insensitively by the server, so `Drones` is `drones`. */
const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

export function GapPage() {
  useDocumentTitle(tj('gap.title'))
  const [params] = useSearchParams()
  const technologies = splitCodes(params.get('technologies'))
  const countries = splitCodes(params.get('countries'))
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
        serverError={gap.isError ? gap.error : null}
      />
      {isReady && gap.isPending ? <Loading /> : null}
      {gap.data ? <GapReport result={gap.data} /> : null}
    </div>
  )
}

/**
 * The server's answer to unknown values in the form's words, each issue's (English) sentence kept in
 * its own direction so an Arabic page does not move its quotes and full stop; others as they are.
 */
const asShown = (error: unknown): unknown =>
  isApiError(error) && error.code === 'unknown_value'
    ? new ApiError(
        error.status,
        error.code,
        tj('gap.unknownValues'),
        error.requestId,
        error.issues.map((issue) => ({ path: issue.path, message: isolated(issue.message) })),
      )
    : error

/** The issues of `error` about one field, one a line, for the error shown under it. */
const issuesAbout = (error: unknown, path: TPath): string | undefined => {
  if (!isApiError(error)) return undefined
  const messages = error.issues.filter((i) => i.path === path).map((i) => i.message)
  return messages.length > 0 ? messages.join('\n') : undefined
}

function GapForm({
  technologies,
  countries,
  serverError,
}: {
  technologies: string[]
  countries: string[]
  serverError: unknown
}) {
  const navigate = useNavigate()
  const countriesInput = useRef<HTMLInputElement>(null)
  const technologyErrorId = useId()
  const [chosen, setChosen] = useState<string[]>(technologies)
  const [countryText, setCountryText] = useState(countries.join(', '))
  const [ownError, setOwnError] = useState<unknown>(null)
  const catalogue = useQuery({
    queryKey: jurisdictionKeys.technologies,
    queryFn: ({ signal }) => jurisdictionsApi.technologies(signal),
  })
  // The page's own check first (it is about what is typed now), else the server's answer.
  const error = ownError ?? asShown(serverError)
  const unknown: readonly TUnknownValue[] =
    !ownError && serverError instanceof UnknownValuesError ? serverError.unknown : []
  const fieldLabels: Record<TPath, string> = {
    technologies: tj('gap.technologies'),
    countries: tj('gap.countries'),
  }
  const technologyError = issuesAbout(error, 'technologies')

  const toggle = (id: string) =>
    setChosen((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const typed = splitCodes(countryText)
    const issues: TFieldIssue[] = [
      ...(chosen.length === 0 ? [{ path: 'technologies', message: tj('gap.pickTechnology') }] : []),
      ...(typed.length === 0 ? [{ path: 'countries', message: tj('gap.pickCountry') }] : []),
    ]
    if (issues.length > 0) {
      setOwnError(inputError(tj('gap.incomplete'), issues))
      return
    }
    setOwnError(null)
    // The server reads codes case-insensitively and answers unknown ones with suggestions.
    void navigate(gapPath(chosen, typed))
  }
  const take = (value: string, code: string) => {
    setCountryText((text) => replaceTyped(text, value, code))
    countriesInput.current?.focus()
  }
  // An unknown technology comes from an address typed by hand: its suggestion ticks the box meant.
  const takeTechnology = (value: string, id: string) =>
    setChosen((current) => [...current.filter((x) => !sameId(x, value) && x !== id), id])
  // Suggestions for the values still typed or chosen: one taken disappears, the others stay.
  const offers = unknown.filter(
    (issue) => issue.path === 'countries' && issue.suggested.length > 0 && isTyped(countryText, issue.value),
  )
  const technologyOffers = unknown.filter(
    (issue) =>
      issue.path === 'technologies' &&
      issue.suggested.length > 0 &&
      chosen.some((x) => sameId(x, issue.value)),
  )

  return (
    <form className="card gap-form" onSubmit={submit} noValidate>
      <fieldset
        className="technology-picker"
        aria-describedby={technologyError ? technologyErrorId : undefined}
      >
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
        {technologyError ? (
          <p className="field-error" id={technologyErrorId}>
            {technologyError}
          </p>
        ) : null}
        {technologyOffers.length > 0 ? (
          <ul className="suggestions" aria-label={tj('gap.suggestions')}>
            {technologyOffers.flatMap((issue) =>
              issue.suggested.map((s) => (
                <li key={`${issue.value}:${s.code}`}>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => takeTechnology(issue.value, s.code)}
                  >
                    {tj('gap.useTechnology', { name: s.name })}
                  </button>
                </li>
              )),
            )}
          </ul>
        ) : null}
      </fieldset>
      <Field
        label={tj('gap.countries')}
        hint={tj('gap.countriesHint')}
        error={issuesAbout(error, 'countries')}
      >
        <input
          ref={countriesInput}
          value={countryText}
          onChange={(event) => setCountryText(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      {offers.length > 0 ? (
        <ul className="suggestions" aria-label={tj('gap.suggestions')}>
          {offers.flatMap((issue) =>
            issue.suggested.map((s) => (
              <li key={`${issue.value}:${s.code}`}>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => take(issue.value, s.code)}
                >
                  {tj('gap.use', { code: s.code, name: s.name })}
                </button>
              </li>
            )),
          )}
        </ul>
      ) : null}
      {error ? <ErrorNotice error={error} fieldLabels={fieldLabels} /> : null}
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

type TGapEntry = TGapResult['gaps'][number]

/**
 * Why a gap is one, in the reader's language, from the cell it comes from (the server's
 * `explanation` says the same in English, with the fact's raw status).
 */
function explanationOf(result: TGapResult, gap: TGapEntry): string {
  const cell = result.matrix.find((row) => row.topic === gap.topic)?.cells[gap.jurisdiction]
  const instrument = cell?.instrument?.title
  if (gap.level === 'absent') return tj('explain.absent')
  if (gap.level === 'unknown') return tj('explain.unknown')
  if (cell?.status === 'yes') {
    const ruleOfLaw = result.jurisdictions.find((j) => j.code === gap.jurisdiction)?.governance.ruleOfLaw
    const value = ruleOfLaw === null || ruleOfLaw === undefined ? tj('jur.noValue') : ruleOfLaw.toFixed(2)
    return instrument ? tj('explain.weak', { instrument, value }) : tj('explain.weakNoInstrument', { value })
  }
  return instrument ? tj('explain.partialIn', { instrument }) : tj('explain.partial')
}

function GapReport({ result }: { result: TGapResult }) {
  const nameOf = (code: string) => result.jurisdictions.find((j) => j.code === code)?.name ?? code
  const topicOf = (topic: string) => result.matrix.find((row) => row.topic === topic)?.title ?? topic
  const technologyTitle = useTechnologyTitles()
  const technologyList = (ids: readonly string[]) => ids.map(technologyTitle).join(', ')
  const countryList = (codes: readonly string[]) => codes.map(nameOf).join(', ')
  return (
    <>
      <section className="card" aria-labelledby="matrix-heading">
        <div className="section-head">
          <h2 id="matrix-heading">{tj('gap.matrixHeading')}</h2>
          <button type="button" className="button button-secondary" onClick={() => exportCsv(result)}>
            {tj('gap.exportCsv')}
          </button>
        </div>
        <GapMatrix result={result} />
        <GapCards result={result} />
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
              <strong>{nameOf(gap.jurisdiction)}</strong> · {topicOf(gap.topic)}:{' '}
              <LevelBadge level={gap.level} /> {explanationOf(result, gap)}
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
              <strong>{restrictionKindLabel(r.kind)}</strong>{' '}
              <span className="muted">({tj('gap.strictness', { value: r.strictness })})</span> — {r.summary}
              <div className="small muted">
                {r.instrument.title}
                {r.locator ? `, ${r.locator}` : ''} ·{' '}
                {tj('restriction.where', { countries: countryList(r.jurisdictions) })} ·{' '}
                {r.isProposed
                  ? tj('restriction.proposedFor', { technologies: technologyList(r.technologies) })
                  : tj('restriction.stricterElsewhere', { technologies: technologyList(r.technologies) })}
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
              <strong>{item.title}</strong>
              {item.reasons.map((reason) => (
                <div key={reason.topic} className="small muted">
                  {reason.title}:{' '}
                  {reason.jurisdictions
                    .map(({ code, level }) =>
                      tj('baseline.levelIn', { level: tj(`level.${level}`), country: nameOf(code) }),
                    )
                    .join(', ')}
                  {reason.inconsistent ? ` (${tj('baseline.inconsistent')})` : ''}
                </div>
              ))}
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

/** The matrix as a table: topics down, countries across (wide screens). */
function GapMatrix({ result }: { result: TGapResult }) {
  const codes = result.jurisdictions.map((j) => j.code)
  return (
    <div className="table-scroll gap-matrix-wrap">
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
  )
}

/** The same matrix as one card per country, for a phone, where a table of countries across cannot fit. */
function GapCards({ result }: { result: TGapResult }) {
  return (
    <ul className="gap-cards" aria-label={tj('gap.countryCards')}>
      {result.jurisdictions.map((j) => (
        <li key={j.code} className="gap-card">
          <h3>
            {j.name} <span className="muted small">{j.code}</span>
          </h3>
          <p className="small">
            {tj('gap.governance')}: <EnforcementBadge enforcement={j.governance.enforcement} />
            {j.governance.ruleOfLaw === null
              ? null
              : ` (${tj('gap.ruleOfLaw', { value: j.governance.ruleOfLaw.toFixed(2) })})`}
            {' · '}
            {tj('gap.coverage')}: <strong>{Math.round((result.coverage[j.code] ?? 0) * 100)}%</strong>
          </p>
          <dl className="gap-card-topics">
            {result.matrix.map((row) => {
              const cell = row.cells[j.code]
              return (
                <div key={row.topic} className={cell ? `cell cell-${cell.level}` : 'cell'}>
                  <dt>
                    {row.title} <span className="muted small">({tj(`importance.${row.importance}`)})</span>
                  </dt>
                  <dd>
                    {cell ? <LevelBadge level={cell.level} /> : null}
                    {cell?.instrument ? (
                      <span className="cell-instrument small">{cell.instrument.title}</span>
                    ) : null}
                    {row.inconsistent ? (
                      <span className="inconsistent small"> ≠ {tj('gap.inconsistent')}</span>
                    ) : null}
                  </dd>
                </div>
              )
            })}
          </dl>
        </li>
      ))}
    </ul>
  )
}
