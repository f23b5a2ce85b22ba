/**
 * One framework. The toolkit shows its areas with their requirements (statement, guidance, evidence,
 * references, crosswalk links); the other frameworks show their provisions with the requirements
 * that point to them. `#<id>` in the address opens and scrolls to that requirement or provision.
 */
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useLocation, useParams } from 'react-router'
import {
  libraryApi,
  libraryKeys,
  type TFrameworkDetail,
  type TLibraryLocale,
  type TProvisionView,
  type TRequirementView,
} from '../../api/library.ts'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { anchorOf } from './links.ts'
import { lt } from './messages.ts'
import {
  Breadcrumbs,
  Crosswalk,
  HEADINGS,
  LibraryPage,
  LocaleSwitch,
  libraryPaths,
  References,
  sourceLabel,
  type THeadingLevel,
  type TLookups,
  UrnBlock,
  useLibraryLocale,
  useLookups,
} from './parts.tsx'

export function FrameworkPage() {
  const { id = '' } = useParams()
  const locale = useLibraryLocale()
  const lookups = useLookups(locale)
  const framework = useQuery({
    queryKey: libraryKeys.framework(id, locale),
    queryFn: ({ signal }) => libraryApi.framework(id, locale, signal),
  })
  useDocumentTitle(framework.data ? (framework.data.short ?? framework.data.title) : lt('library.title'))
  return (
    <LibraryPage>
      <Breadcrumbs
        locale={locale}
        crumbs={[
          { label: lt('library.title'), to: libraryPaths.home },
          { label: framework.data ? (framework.data.short ?? framework.data.title) : '…' },
        ]}
      />
      <QueryView query={framework}>
        {(data) => <Framework framework={data} locale={locale} lookups={lookups} />}
      </QueryView>
    </LibraryPage>
  )
}

/** Opens the `<details>` the address points at (and scrolls to it) once the content is there. */
function useOpenHashTarget(isReady: boolean) {
  const { hash } = useLocation()
  useEffect(() => {
    if (!isReady || hash.length < 2) return
    const target = document.getElementById(decodeURIComponent(hash.slice(1)))
    if (!target) return
    if (target instanceof HTMLDetailsElement) target.open = true
    target.scrollIntoView({ block: 'start' })
  }, [isReady, hash])
}

function Framework({
  framework,
  locale,
  lookups,
}: {
  framework: TFrameworkDetail & { textLanguages: string[] }
  locale: TLibraryLocale
  lookups: TLookups
}) {
  const body = useRef<HTMLDivElement>(null)
  useOpenHashTarget(true)
  const setAll = (isOpen: boolean) => {
    // The items only: a URN's own fold stays shut unless asked for.
    for (const details of body.current?.querySelectorAll<HTMLDetailsElement>('details.lib-item') ?? [])
      details.open = isOpen
  }
  const hasAreas = framework.areas.length > 0
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">{lt('kind.framework')}</p>
        <h1>{framework.title}</h1>
        {framework.description ? <p>{framework.description}</p> : null}
        <p className="lib-counts">
          {framework.counts.areas > 0 ? (
            <span>{lt('library.countAreas', { count: framework.counts.areas })}</span>
          ) : null}
          {framework.counts.requirements > 0 ? (
            <span>{lt('library.countRequirements', { count: framework.counts.requirements })}</span>
          ) : null}
          {framework.counts.provisions > 0 ? (
            <span>{lt('library.countProvisions', { count: framework.counts.provisions })}</span>
          ) : null}
        </p>
        <UrnBlock urn={framework.urn} version={framework.version} />
        <LocaleSwitch locale={locale} textLanguages={framework.textLanguages} />
        {framework.sources.length > 0 ? (
          <details className="lib-sources">
            <summary>{lt('framework.sources')}</summary>
            <ul>
              {framework.sources.map((sourceId) => (
                <li key={sourceId}>{sourceLabel(lookups.source(sourceId), lookups)}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </header>

      {hasAreas ? (
        <nav aria-labelledby="framework-contents" className="card lib-toc">
          <h2 id="framework-contents">{lt('framework.contents')}</h2>
          <ol>
            {framework.areas.map((area) => (
              <li key={area.urn}>
                <a href={`#${anchorOf(area.urn)}`}>
                  <span className="lib-ref-id">{area.code}</span> {area.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}

      <div className="lib-toolbar">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setAll(true)}
          data-testid="open-all"
        >
          {lt('framework.expandAll')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setAll(false)}>
          {lt('framework.collapseAll')}
        </button>
      </div>

      <div ref={body}>
        {framework.areas.map((area) => (
          <section
            key={area.urn}
            id={anchorOf(area.urn)}
            className="lib-area"
            aria-labelledby={`${anchorOf(area.urn)}-h`}
          >
            <h2 id={`${anchorOf(area.urn)}-h`}>
              <span className="lib-ref-id">{area.code}</span> {area.title}
            </h2>
            <p>{area.purpose}</p>
            {area.description ? <p className="muted">{area.description}</p> : null}
            <References references={area.references} lookups={lookups} />
            <div className="lib-items" data-testid={`requirements-${area.code}`}>
              {area.requirements.map((requirement) => (
                <Requirement
                  key={requirement.urn}
                  requirement={requirement}
                  locale={locale}
                  lookups={lookups}
                />
              ))}
            </div>
          </section>
        ))}

        {framework.provisions.length > 0 ? (
          <section aria-labelledby="framework-provisions" className="lib-section">
            <h2 id="framework-provisions">{lt('framework.provisions')}</h2>
            <div className="lib-items">
              {framework.provisions.map((provision) => (
                <Provision key={provision.urn} provision={provision} locale={locale} lookups={lookups} />
              ))}
            </div>
          </section>
        ) : null}
      </div>
    </>
  )
}

/** A requirement's full content (used on the framework page and on its own object page). */
export function RequirementBody({
  requirement,
  locale,
  lookups,
  headingLevel,
}: {
  requirement: TRequirementView
  locale: TLibraryLocale
  lookups: TLookups
  headingLevel: THeadingLevel
}) {
  const H = HEADINGS[headingLevel]
  return (
    <div className="lib-body">
      <H>{lt('req.statement')}</H>
      <p>{requirement.statement}</p>
      <H>{lt('req.guidance')}</H>
      <p>{requirement.guidance}</p>
      <H>{lt('req.evidence')}</H>
      <ul>
        {requirement.evidence.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <H>{lt('req.references')}</H>
      <References references={requirement.references} lookups={lookups} />
      <Crosswalk
        links={requirement.crosswalk}
        locale={locale}
        lookups={lookups}
        headingLevel={headingLevel}
      />
    </div>
  )
}

function Requirement({
  requirement,
  locale,
  lookups,
}: {
  requirement: TRequirementView
  locale: TLibraryLocale
  lookups: TLookups
}) {
  const anchor = anchorOf(requirement.urn)
  return (
    <details id={anchor} className="lib-item" data-testid="requirement">
      <summary>
        <h3 className="lib-item-title">
          <span className="lib-ref-id">{anchor}</span> {requirement.title}
        </h3>
      </summary>
      <UrnBlock urn={requirement.urn} version={requirement.version} isOfficial={requirement.official} />
      <RequirementBody requirement={requirement} locale={locale} lookups={lookups} headingLevel={4} />
    </details>
  )
}

/** A provision's content (used on the framework page and on its own object page). */
export function ProvisionBody({
  provision,
  locale,
  lookups,
  headingLevel,
}: {
  provision: TProvisionView
  locale: TLibraryLocale
  lookups: TLookups
  headingLevel: THeadingLevel
}) {
  const H = HEADINGS[headingLevel]
  return (
    <div className="lib-body">
      <p>{provision.summary}</p>
      {provision.note ? <p className="muted">{provision.note}</p> : null}
      {provision.inForce !== undefined ? (
        <p className="small">
          {lt('req.inForce')}: {provision.inForce}
        </p>
      ) : null}
      <H>{lt('req.references')}</H>
      <References references={provision.references} lookups={lookups} />
      <Crosswalk links={provision.crosswalk} locale={locale} lookups={lookups} headingLevel={headingLevel} />
    </div>
  )
}

function Provision({
  provision,
  locale,
  lookups,
}: {
  provision: TProvisionView
  locale: TLibraryLocale
  lookups: TLookups
}) {
  return (
    <article id={anchorOf(provision.urn)} className="lib-item lib-provision" data-testid="provision">
      <h3 className="lib-item-title">
        <span className="lib-ref-id">{provision.ref}</span> {provision.title}
      </h3>
      <UrnBlock urn={provision.urn} version={provision.version} isOfficial={provision.official ?? true} />
      <ProvisionBody provision={provision} locale={locale} lookups={lookups} headingLevel={4} />
    </article>
  )
}
