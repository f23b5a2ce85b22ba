/**
 * One technology of the catalogue: what it is, how private security uses it, the rights and groups
 * it touches, the regulatory topics it triggers, key safeguards, and its inherent risk templates.
 */
import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useLocation, useParams } from 'react-router'
import {
  libraryApi,
  libraryKeys,
  type TLibraryLocale,
  type TRiskTemplateView,
  type TTechnologyView,
} from '../../api/library.ts'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { riskAnchor } from './links.ts'
import { lt, type TLibraryMessageKey } from './messages.ts'
import {
  Breadcrumbs,
  LibraryPage,
  LocaleSwitch,
  libraryPaths,
  missingTitle,
  type TLookups,
  UrnBlock,
  UrnLink,
  useLibraryLocale,
  useLookups,
} from './parts.tsx'

export function TechnologyPage() {
  const { id = '' } = useParams()
  const locale = useLibraryLocale()
  const lookups = useLookups(locale)
  const technology = useQuery({
    queryKey: libraryKeys.technology(id, locale),
    queryFn: ({ signal }) => libraryApi.technology(id, locale, signal),
  })
  useDocumentTitle(technology.data?.title ?? lt('library.title'))
  return (
    <LibraryPage>
      <Breadcrumbs
        locale={locale}
        crumbs={[
          { label: lt('library.title'), to: libraryPaths.home },
          { label: lt('library.technologiesHeading'), to: libraryPaths.home },
          { label: technology.data?.title ?? '…' },
        ]}
      />
      <QueryView query={technology}>
        {(data) => <Technology technology={data} locale={locale} lookups={lookups} />}
      </QueryView>
    </LibraryPage>
  )
}

function Technology({
  technology,
  locale,
  lookups,
}: {
  technology: TTechnologyView & { textLanguages: string[] }
  locale: TLibraryLocale
  lookups: TLookups
}) {
  const topics = useQuery({
    queryKey: libraryKeys.topics(locale),
    queryFn: ({ signal }) => libraryApi.topics(locale, signal),
    staleTime: Infinity,
  })
  const groups = useQuery({
    queryKey: libraryKeys.groups(locale),
    queryFn: ({ signal }) => libraryApi.groups(locale, signal),
    staleTime: Infinity,
  })
  // Titles only, never the ids they are stored under: an ellipsis until they arrive.
  const pending = (isDone: boolean) => (isDone ? lt('library.unknownTitle') : '…')
  const topicTitle = (id: string) =>
    topics.data?.items.find((topic) => topic.id === id)?.title ?? pending(topics.isSuccess)
  const groupTitle = (id: string) =>
    groups.data?.items.find((group) => group.id === id)?.title ?? pending(groups.isSuccess)
  const rightTitle = (id: string) => lookups.right(id)?.title ?? missingTitle(lookups)
  const { hash } = useLocation()
  useEffect(() => {
    if (hash.length > 1)
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' })
  }, [hash])

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">{lt('kind.technology')}</p>
        <h1>{technology.title}</h1>
        <UrnBlock urn={technology.urn} version={technology.version} />
        <LocaleSwitch locale={locale} textLanguages={technology.textLanguages} />
      </header>

      <section aria-labelledby="tech-description" className="card">
        <h2 id="tech-description">{lt('tech.description')}</h2>
        <p>{technology.description}</p>
        <h3>{lt('tech.uses')}</h3>
        <ul>
          {technology.uses.map((use) => (
            <li key={use}>{use}</li>
          ))}
        </ul>
      </section>

      <div className="lib-columns">
        <section aria-labelledby="tech-rights" className="card">
          <h2 id="tech-rights">{lt('tech.rights')}</h2>
          <ul data-testid="rights">
            {technology.rights.map((right) => (
              <li key={right}>{rightTitle(right)}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="tech-groups" className="card">
          <h2 id="tech-groups">{lt('tech.groups')}</h2>
          <ul data-testid="groups">
            {technology.affectedGroups.map((group) => (
              <li key={group}>
                <UrnLink
                  urn={`urn:custos:method:group:${group}`}
                  locale={locale}
                  lookups={lookups}
                  title={groupTitle(group)}
                />
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section aria-labelledby="tech-topics" className="card">
        <h2 id="tech-topics">{lt('tech.topics')}</h2>
        <ul className="lib-topics" data-testid="topics">
          {technology.topics.map((entry) => (
            <li key={entry.topic}>
              <span className={`badge lib-importance lib-importance-${entry.importance}`}>
                {lt(entry.importance === 'essential' ? 'tech.essential' : 'tech.relevant')}
              </span>{' '}
              <UrnLink
                urn={`urn:custos:method:topic:${entry.topic}`}
                locale={locale}
                lookups={lookups}
                title={topicTitle(entry.topic)}
              />
              <span className="muted small">
                {' '}
                — {lt(entry.importance === 'essential' ? 'tech.essentialHint' : 'tech.relevantHint')}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="tech-safeguards" className="card">
        <h2 id="tech-safeguards">{lt('tech.safeguards')}</h2>
        <ul data-testid="safeguards">
          {technology.safeguards.map((urn) => (
            <li key={urn}>
              <UrnLink urn={urn} locale={locale} lookups={lookups} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="tech-risks" className="lib-section">
        <h2 id="tech-risks">{lt('tech.risks')}</h2>
        <p className="muted">{lt('tech.risksIntro')}</p>
        {technology.risks.map((risk) => (
          <Risk
            key={risk.urn}
            risk={risk}
            locale={locale}
            lookups={lookups}
            rightTitle={rightTitle}
            groupTitle={groupTitle}
          />
        ))}
      </section>
    </>
  )
}

const DIMENSIONS = ['scale', 'scope', 'irremediability', 'likelihood'] as const

function Risk({
  risk,
  locale,
  lookups,
  rightTitle,
  groupTitle,
}: {
  risk: TRiskTemplateView
  locale: TLibraryLocale
  lookups: TLookups
  rightTitle: (id: string) => string
  groupTitle: (id: string) => string
}) {
  const anchor = riskAnchor(risk.id)
  return (
    <article id={anchor} className="card lib-risk" aria-labelledby={`${anchor}-h`} data-testid="risk">
      <h3 id={`${anchor}-h`}>{risk.title}</h3>
      {risk.description ? <p>{risk.description}</p> : null}
      <dl className="lib-risk-facts">
        <dt>{lt('tech.right')}</dt>
        <dd>{rightTitle(risk.right)}</dd>
        <dt>{lt('tech.involvement')}</dt>
        <dd>{lt(`tech.involvement.${risk.involvement}` as TLibraryMessageKey)}</dd>
        {risk.affectedGroups && risk.affectedGroups.length > 0 ? (
          <>
            <dt>{lt('tech.groups')}</dt>
            <dd>{risk.affectedGroups.map(groupTitle).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <div className="table-scroll">
        <table className="lib-risk-table">
          <thead>
            <tr>
              <th scope="col">{lt('tech.dimension')}</th>
              <th scope="col">{lt('tech.rating')}</th>
              <th scope="col">{lt('tech.rationale')}</th>
            </tr>
          </thead>
          <tbody>
            {DIMENSIONS.map((dimension) => (
              <tr key={dimension}>
                <th scope="row">{lt(`tech.${dimension}`)}</th>
                <td className="nowrap">
                  <span className={`lib-level lib-level-${risk[dimension]}`}>
                    {lt('tech.ratingOf', { value: risk[dimension] })}
                  </span>
                </td>
                <td>{risk.rationale[dimension]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <UrnBlock urn={risk.urn} version={risk.version} />
      {risk.safeguards && risk.safeguards.length > 0 ? (
        <>
          <h4>{lt('tech.riskSafeguards')}</h4>
          <ul>
            {risk.safeguards.map((urn) => (
              <li key={urn}>
                <UrnLink urn={urn} locale={locale} lookups={lookups} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  )
}
