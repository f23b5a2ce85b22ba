/** Library home: search, the frameworks with their counts, the technology catalogue, the questionnaires. */
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { useSearchParams } from 'react-router'
import { libraryApi, libraryKeys, type TLibraryLocale } from '../../api/library.ts'
import { QueryView } from '../../components/QueryView.tsx'
import { ErrorNotice } from '../../components/Status.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { libraryPaths, pathOfUrn } from './links.ts'
import { lt } from './messages.ts'
import { kindLabel, LibLink, LibraryPage, LocaleSwitch, useLibraryLocale } from './parts.tsx'

/** Wait this long after the last keystroke before asking the server. */
export const SEARCH_DEBOUNCE_MS = 250
const SEARCH_MAX = 200

export function LibraryHomePage() {
  useDocumentTitle(lt('library.title'))
  const locale = useLibraryLocale()
  return (
    <LibraryPage>
      <header className="page-header">
        <h1>{lt('library.title')}</h1>
        <p className="muted">{lt('library.intro')}</p>
        <LocaleSwitch locale={locale} />
      </header>
      <Search locale={locale} />
      <Frameworks locale={locale} />
      <Technologies locale={locale} />
      <Questionnaires locale={locale} />
    </LibraryPage>
  )
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

function Search({ locale }: { locale: TLibraryLocale }) {
  const inputId = useId()
  const hintId = useId()
  // The query lives in `?q=` too, so Back from a result returns to the same results.
  const [params, setParams] = useSearchParams()
  const [text, setText] = useState(() => params.get('q') ?? '')
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS)
  const isTooLong = q.length > SEARCH_MAX
  useEffect(() => {
    if ((params.get('q') ?? '') === q) return
    const next = new URLSearchParams(params)
    if (q) next.set('q', q)
    else next.delete('q')
    setParams(next, { replace: true })
  }, [q, params, setParams])
  const search = useQuery({
    queryKey: libraryKeys.search(q, locale),
    queryFn: ({ signal }) => libraryApi.search(q, locale, signal),
    enabled: q.length > 0 && !isTooLong,
  })
  return (
    <section className="card lib-search" aria-labelledby="library-search">
      <h2 id="library-search">{lt('search.heading')}</h2>
      <search className="field">
        <label htmlFor={inputId}>{lt('search.label')}</label>
        <input
          id={inputId}
          type="search"
          value={text}
          maxLength={SEARCH_MAX}
          aria-describedby={hintId}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
        <p className="field-hint" id={hintId}>
          {isTooLong ? lt('search.tooLong', { max: SEARCH_MAX }) : lt('search.hint')}
        </p>
      </search>
      <div aria-live="polite" className="lib-search-status">
        {search.isFetching ? <p className="muted">{lt('search.searching')}</p> : null}
        {search.data && !search.isFetching ? (
          <p className="muted" data-testid="search-summary">
            {search.data.hits.length === 0
              ? lt('search.none', { q: search.data.query })
              : lt('search.results', { count: search.data.hits.length, q: search.data.query })}
          </p>
        ) : null}
      </div>
      {search.isError ? <ErrorNotice error={search.error} /> : null}
      {search.data && search.data.hits.length > 0 ? (
        <ol className="lib-hits" data-testid="search-hits">
          {search.data.hits.map((hit) => (
            <li key={hit.urn}>
              <span className="badge lib-kind">{kindLabel(hit.kind)}</span>{' '}
              <LibLink to={pathOfUrn(hit.urn)} locale={locale}>
                {hit.title}
              </LibLink>
              {hit.excerpt && !hit.excerpt.startsWith('urn:') ? (
                <p className="muted small lib-excerpt">{hit.excerpt}</p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}

function Frameworks({ locale }: { locale: TLibraryLocale }) {
  const frameworks = useQuery({
    queryKey: libraryKeys.frameworks(locale),
    queryFn: ({ signal }) => libraryApi.frameworks(locale, signal),
  })
  // The toolkit first: it is what providers are assessed against; the others follow in content order.
  const items = [...(frameworks.data?.items ?? [])].sort(
    (a, b) => Number(b.id === 'toolkit') - Number(a.id === 'toolkit'),
  )
  return (
    <section aria-labelledby="library-frameworks" className="lib-section">
      <h2 id="library-frameworks">{lt('library.frameworksHeading')}</h2>
      <QueryView query={frameworks} />
      <ul className="link-cards lib-cards" data-testid="frameworks">
        {items.map((framework) => (
          <li key={framework.id}>
            <LibLink to={libraryPaths.framework(framework.id)} locale={locale} className="link-card">
              <span className="link-card-title">{framework.short ?? framework.title}</span>
              <span className="lib-card-sub">{framework.title}</span>
              <span className="lib-counts">
                {framework.areas > 0 ? (
                  <span>{lt('library.countAreas', { count: framework.areas })}</span>
                ) : null}
                {framework.requirements > 0 ? (
                  <span>{lt('library.countRequirements', { count: framework.requirements })}</span>
                ) : null}
                {framework.provisions > 0 ? (
                  <span>{lt('library.countProvisions', { count: framework.provisions })}</span>
                ) : null}
              </span>
            </LibLink>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Technologies({ locale }: { locale: TLibraryLocale }) {
  const technologies = useQuery({
    queryKey: libraryKeys.technologies(locale),
    queryFn: ({ signal }) => libraryApi.technologies(locale, signal),
  })
  return (
    <section aria-labelledby="library-technologies" className="lib-section">
      <h2 id="library-technologies">{lt('library.technologiesHeading')}</h2>
      <p className="muted">{lt('library.technologiesIntro')}</p>
      <QueryView query={technologies} />
      <ul className="lib-tech-list" data-testid="technologies">
        {(technologies.data?.items ?? []).map((technology) => (
          <li key={technology.id}>
            <LibLink to={libraryPaths.technology(technology.id)} locale={locale}>
              {technology.title}
            </LibLink>
            <span className="muted small">
              {' '}
              · {lt('library.countRisks', { count: technology.risks.length })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Questionnaires({ locale }: { locale: TLibraryLocale }) {
  const questionnaires = useQuery({
    queryKey: libraryKeys.questionnaires(locale),
    queryFn: ({ signal }) => libraryApi.questionnaires(locale, signal),
  })
  return (
    <section aria-labelledby="library-questionnaires" className="lib-section">
      <h2 id="library-questionnaires">{lt('library.questionnairesHeading')}</h2>
      <QueryView query={questionnaires} />
      <ul className="link-cards lib-cards" data-testid="questionnaires">
        {(questionnaires.data?.items ?? []).map((questionnaire) => (
          <li key={questionnaire.id}>
            <LibLink to={libraryPaths.questionnaire(questionnaire.id)} locale={locale} className="link-card">
              <span className="link-card-title">{questionnaire.title}</span>
              <span className="lib-card-sub">{lt(`q.kind.${questionnaire.kind}`)}</span>
              <span className="lib-counts">
                <span>{lt('library.countSections', { count: questionnaire.sections })}</span>
                <span>{lt('library.countQuestions', { count: questionnaire.questions })}</span>
              </span>
            </LibLink>
          </li>
        ))}
      </ul>
    </section>
  )
}
