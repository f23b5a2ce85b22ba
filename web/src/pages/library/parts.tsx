/**
 * Building blocks shared by the library pages: the locale from `?locale=`, lookups (titles of any
 * URN, source titles, rights), the URN and version block, references, crosswalk lists, links.
 */
import { useQueries, useQuery } from '@tanstack/react-query'
import { type ReactNode, useMemo, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import {
  LIBRARY_LOCALES,
  libraryApi,
  libraryKeys,
  type TCrosswalkLinkView,
  type TFrameworkDetail,
  type TIndexEntry,
  type TLibraryLocale,
  type TReferenceView,
  type TRightView,
  type TSourceView,
} from '../../api/library.ts'
import { currentLocale } from '../../i18n/i18n.ts'
import { LOCALE_NAMES } from '../../i18n/locales.ts'
import { englishFallback, libraryPaths, localeFromSearch, withLocale } from './links.ts'
import { lt, type TLibraryMessageKey } from './messages.ts'
import { nameOfUrn, type TNameSources } from './names.ts'
import './library.css'

/** The text locale of the library pages, from `?locale=` (the interface language by default). */
export function useLibraryLocale(): TLibraryLocale {
  return localeFromSearch(useLocation().search)
}

export type TLookups = TNameSources & {
  entryOf: (urn: string) => TIndexEntry | undefined
  source: (id: string) => TSourceView | undefined
  right: (id: string) => TRightView | undefined
  /** Whether the titles have arrived (until then a missing title is not yet known, not unknown). */
  isLoaded: boolean
}

/** What stands for a title that is not there: an ellipsis while loading, then "Title not found". */
export const missingTitle = (lookups: Pick<TLookups, 'isLoaded'>): string =>
  lookups.isLoaded ? lt('library.unknownTitle') : '…'

type TProvisionRef = { ref: string; part?: string }

/** Each provision's own reference, from the frameworks loaded so far. */
function provisionRefsOf(results: { data?: TFrameworkDetail }[]): Map<string, TProvisionRef> {
  const refs = new Map<string, TProvisionRef>()
  for (const provision of results.flatMap((result) => result.data?.provisions ?? [])) {
    refs.set(provision.urn, { ref: provision.ref, ...(provision.part ? { part: provision.part } : {}) })
  }
  return refs
}

/** Titles of every URN, the frameworks' short names, the sources and the rights, loaded once per locale and cached. */
export function useLookups(locale: TLibraryLocale): TLookups {
  const index = useQuery({
    queryKey: libraryKeys.index(locale),
    queryFn: ({ signal }) => libraryApi.index(locale, signal),
    staleTime: Infinity,
  })
  const sources = useQuery({
    queryKey: libraryKeys.sources(locale),
    queryFn: ({ signal }) => libraryApi.sources(locale, signal),
    staleTime: Infinity,
  })
  const rights = useQuery({
    queryKey: libraryKeys.rights(locale),
    queryFn: ({ signal }) => libraryApi.rights(locale, signal),
    staleTime: Infinity,
  })
  const frameworks = useQuery({
    queryKey: libraryKeys.frameworks(locale),
    queryFn: ({ signal }) => libraryApi.frameworks(locale, signal),
    staleTime: Infinity,
  })
  // Provisions are cited by their own reference (¶35, GDPR Art. 9), which only their framework carries;
  // the frameworks of provisions are small (the toolkit, with its areas, is not fetched for this).
  const provisionFrameworks = (frameworks.data?.items ?? []).filter((item) => item.provisions > 0)
  const provisionRefs = useQueries({
    queries: provisionFrameworks.map((item) => ({
      queryKey: libraryKeys.framework(item.id, locale),
      queryFn: ({ signal }: { signal: AbortSignal }) => libraryApi.framework(item.id, locale, signal),
      staleTime: Infinity,
    })),
    // A function of the module, not of the render: combine then runs again only when a framework arrives.
    combine: provisionRefsOf,
  })
  return useMemo(() => {
    const entries = new Map((index.data?.items ?? []).map((entry) => [entry.urn, entry]))
    const sourceMap = new Map((sources.data?.items ?? []).map((source) => [source.id, source]))
    const rightMap = new Map((rights.data?.items ?? []).map((right) => [right.id, right]))
    const shorts = new Map((frameworks.data?.items ?? []).map((item) => [item.urn, item.short ?? item.title]))
    return {
      titleOf: (urn) => entries.get(urn)?.title,
      parentOf: (urn) => entries.get(urn)?.parent,
      shortOf: (frameworkUrn) => shorts.get(frameworkUrn),
      provisionRefOf: (urn) => provisionRefs.get(urn),
      entryOf: (urn) => entries.get(urn),
      source: (id) => sourceMap.get(id),
      right: (id) => rightMap.get(id),
      isLoaded: index.isSuccess && frameworks.isSuccess,
    }
  }, [
    index.data,
    index.isSuccess,
    sources.data,
    rights.data,
    frameworks.data,
    frameworks.isSuccess,
    provisionRefs,
  ])
}

/** A link inside the library that keeps the current text locale. */
export function LibLink({
  to,
  locale,
  children,
  className,
}: {
  to: string
  locale: TLibraryLocale
  children: ReactNode
  className?: string
}) {
  return (
    <Link to={withLocale(to, locale)} className={className}>
      {children}
    </Link>
  )
}

/** A link to whatever page shows `urn`, named by its title (and its number, where it is cited by one). */
export function UrnLink({
  urn,
  locale,
  lookups,
  title,
}: {
  urn: string
  locale: TLibraryLocale
  lookups: TLookups
  title?: string | null
}) {
  const name = nameOfUrn(urn, lookups, title)
  return (
    <LibLink to={name.path} locale={locale}>
      {name.ref ? <span className={name.isNumber ? 'lib-ref-id' : 'lib-ref-cite'}>{name.ref}</span> : null}
      {name.ref ? ' ' : null}
      <span className="lib-ref-title">{name.title ?? missingTitle(lookups)}</span>
    </LibLink>
  )
}

/**
 * The frame of a library page. The page chrome stays in the app's language; library text may be in
 * the chosen locale or fall back to English (the API says which languages an answer holds, not which
 * text is in which), so no `lang` is claimed for it: library.css lets each paragraph take its
 * direction from its own text, and LocaleSwitch says when text is shown in English.
 */
export function LibraryPage({ children }: { children: ReactNode }) {
  return <div className="page lib-page">{children}</div>
}

export type TCrumb = { label: string; to?: string }

export function Breadcrumbs({ crumbs, locale }: { crumbs: TCrumb[]; locale: TLibraryLocale }) {
  return (
    <nav aria-label={lt('library.breadcrumb')} className="lib-breadcrumbs">
      <ol>
        {crumbs.map((crumb) => (
          <li key={crumb.label}>
            {crumb.to ? (
              <LibLink to={crumb.to} locale={locale}>
                {crumb.label}
              </LibLink>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  )
}

/**
 * Chooses the language of the library text; the choice lives in `?locale=` so links can share it.
 * Given the languages the page's answer holds, it says when some or all of the text is in English.
 */
export function LocaleSwitch({
  locale,
  textLanguages,
}: {
  locale: TLibraryLocale
  textLanguages?: readonly string[]
}) {
  const fallback = textLanguages ? englishFallback(locale, textLanguages) : 'none'
  const navigate = useNavigate()
  const location = useLocation()
  const change = (next: TLibraryLocale) => {
    const params = new URLSearchParams(location.search)
    if (next === currentLocale()) params.delete('locale')
    else params.set('locale', next)
    const search = params.toString()
    void navigate(`${location.pathname}${search ? `?${search}` : ''}${location.hash}`, { replace: true })
  }
  return (
    <div className="field lib-locale">
      <label htmlFor="library-locale">{lt('library.locale')}</label>
      <select
        id="library-locale"
        value={locale}
        onChange={(event) => change(event.target.value as TLibraryLocale)}
      >
        {LIBRARY_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      {fallback === 'none' ? (
        <p className="field-hint">{lt('library.localeNote')}</p>
      ) : (
        <p className="notice notice-info lib-fallback" data-fallback={fallback}>
          {lt(fallback === 'all' ? 'library.shownInEnglishAll' : 'library.shownInEnglishSome')}
        </p>
      )}
    </div>
  )
}

type TCopyState = 'idle' | 'copied' | 'failed'

export type THeadingLevel = 2 | 3 | 4
export const HEADINGS = { 2: 'h2', 3: 'h3', 4: 'h4' } as const

/** The URN (selectable, with a copy button) and the version of an object. */
export function UrnBlock({
  urn,
  version,
  isOfficial = true,
}: {
  urn: string
  version: number
  isOfficial?: boolean
}) {
  const [state, setState] = useState<TCopyState>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(urn)
      setState('copied')
    } catch {
      setState('failed')
    }
  }
  // The URN is for citing and for the API, not for reading: it stays folded away until asked for.
  return (
    <div className="lib-urn">
      <span className="lib-urn-version">
        {lt('library.version')} <span data-testid="version">{version}</span>
      </span>
      {isOfficial ? null : <span className="badge lib-badge-addition">{lt('library.notOfficial')}</span>}
      <details className="lib-urn-cite">
        <summary className="lib-urn-cite-toggle">{lt('library.citeAs')}</summary>
        <p className="field-hint">{lt('library.citeHint')}</p>
        <code className="lib-urn-value" data-testid="urn">
          {urn}
        </code>
        <button type="button" className="button button-secondary lib-copy" onClick={() => void copy()}>
          {lt('library.copyUrn')}
        </button>
        <p className="field-hint lib-copy-status" aria-live="polite">
          {state === 'copied' ? lt('library.copied') : null}
          {state === 'failed' ? lt('library.copyFailed') : null}
        </p>
      </details>
    </div>
  )
}

/** How a source is named in a reference: its title, publisher and edition. */
export function sourceLabel(source: TSourceView | undefined, lookups: Pick<TLookups, 'isLoaded'>): string {
  if (!source) return missingTitle(lookups)
  const edition = source.edition ?? source.date
  return `${source.title} (${source.publisher}${edition !== undefined ? `, ${edition}` : ''})`
}

export function References({ references, lookups }: { references: TReferenceView[]; lookups: TLookups }) {
  if (references.length === 0) return null
  return (
    <ul className="lib-references">
      {references.map((reference) => {
        const source = lookups.source(reference.source)
        return (
          <li key={`${reference.source}-${reference.locator ?? ''}-${reference.note ?? ''}`}>
            {source?.url ? (
              <a href={source.url} rel="noreferrer noopener" target="_blank">
                {sourceLabel(source, lookups)}
              </a>
            ) : (
              <span>{sourceLabel(source, lookups)}</span>
            )}
            {reference.locator ? <span className="lib-locator"> — {reference.locator}</span> : null}
            {reference.note ? <span className="muted"> ({reference.note})</span> : null}
          </li>
        )
      })}
    </ul>
  )
}

const REL_KEYS = {
  equal: ['crosswalk.rel.equal', 'crosswalk.relExplain.equal'],
  subset: ['crosswalk.rel.subset', 'crosswalk.relExplain.subset'],
  superset: ['crosswalk.rel.superset', 'crosswalk.relExplain.superset'],
  related: ['crosswalk.rel.related', 'crosswalk.relExplain.related'],
} as const satisfies Record<TCrosswalkLinkView['relationship'], [TLibraryMessageKey, TLibraryMessageKey]>

/** The relationship as a word in a badge (never colour alone), its meaning in the tooltip and for screen readers. */
export function RelationshipBadge({ relationship }: { relationship: TCrosswalkLinkView['relationship'] }) {
  const [label, explain] = REL_KEYS[relationship]
  // One whole sentence per relationship: a kind spliced in would need its gender and case in French or Arabic.
  const explanation = lt(explain)
  return (
    <span
      className={`badge lib-rel lib-rel-${relationship}`}
      title={explanation}
      data-relationship={relationship}
    >
      {lt(label)}
      <span className="visually-hidden">: {explanation}</span>
    </span>
  )
}

/** Crosswalk links of one object: what it links to, and (for provisions) which requirements point here. */
export function Crosswalk({
  links,
  locale,
  lookups,
  headingLevel = 3,
}: {
  links: TCrosswalkLinkView[]
  locale: TLibraryLocale
  lookups: TLookups
  headingLevel?: THeadingLevel
}) {
  const outgoing = links.filter((link) => link.direction === 'outgoing')
  const incoming = links.filter((link) => link.direction === 'incoming')
  const Heading = HEADINGS[headingLevel]
  const list = (items: TCrosswalkLinkView[], testId: string) => (
    <ul className="lib-crosswalk" data-testid={testId}>
      {items.map((link) => (
        <li key={`${link.direction}-${link.other}`}>
          <RelationshipBadge relationship={link.relationship} />
          <UrnLink urn={link.other} locale={locale} lookups={lookups} title={link.otherTitle} />
          {link.note ? <span className="muted small"> — {link.note}</span> : null}
        </li>
      ))}
    </ul>
  )
  if (links.length === 0) return <p className="muted small">{lt('crosswalk.none')}</p>
  const isIncomingFromRequirements = incoming.every((link) => link.otherKind === 'requirement')
  return (
    <>
      {outgoing.length > 0 ? (
        <>
          <Heading>{lt('crosswalk.outgoing')}</Heading>
          {list(outgoing, 'crosswalk-outgoing')}
        </>
      ) : null}
      {incoming.length > 0 ? (
        <>
          <Heading>
            {isIncomingFromRequirements ? lt('crosswalk.incoming') : lt('crosswalk.incomingOther')}
          </Heading>
          {list(incoming, 'crosswalk-incoming')}
        </>
      ) : null}
    </>
  )
}

const KIND_KEYS: Record<string, TLibraryMessageKey> = {
  requirement: 'kind.requirement',
  provision: 'kind.provision',
  question: 'kind.question',
  technology: 'kind.technology',
  framework: 'kind.framework',
  area: 'kind.area',
  risk: 'kind.risk',
  topic: 'kind.topic',
  group: 'kind.group',
  'risk-method': 'kind.risk-method',
  'impact-level': 'kind.impact-level',
  questionnaire: 'kind.questionnaire',
}

/** The label of an object kind (`Requirement`, `Provision`, …); a kind without one is a "Library object". */
export function kindLabel(kind: string): string {
  return lt(KIND_KEYS[kind] ?? 'object.title')
}

export { libraryPaths }
