/**
 * Building blocks shared by the library pages: the locale from `?locale=`, lookups (titles of any
 * URN, source titles, rights), the URN and version block, references, crosswalk lists, links.
 */
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useMemo, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import {
  LIBRARY_LOCALES,
  libraryApi,
  libraryKeys,
  type TCrosswalkLinkView,
  type TIndexEntry,
  type TLibraryLocale,
  type TReferenceView,
  type TRightView,
  type TSourceView,
} from '../../api/library.ts'
import { currentLocale } from '../../i18n/i18n.ts'
import { LOCALE_NAMES } from '../../i18n/locales.ts'
import { libraryPaths, localeFromSearch, pathOfUrn, urnParts, withLocale } from './links.ts'
import { lt, type TLibraryMessageKey } from './messages.ts'
import './library.css'

/** The text locale of the library pages, from `?locale=` (the interface language by default). */
export function useLibraryLocale(): TLibraryLocale {
  return localeFromSearch(useLocation().search)
}

export type TLookups = {
  titleOf: (urn: string) => string | undefined
  entryOf: (urn: string) => TIndexEntry | undefined
  source: (id: string) => TSourceView | undefined
  right: (id: string) => TRightView | undefined
}

/** Titles of every URN, the sources and the rights, loaded once per locale and cached. */
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
  return useMemo(() => {
    const entries = new Map((index.data?.items ?? []).map((entry) => [entry.urn, entry]))
    const sourceMap = new Map((sources.data?.items ?? []).map((source) => [source.id, source]))
    const rightMap = new Map((rights.data?.items ?? []).map((right) => [right.id, right]))
    return {
      titleOf: (urn) => entries.get(urn)?.title,
      entryOf: (urn) => entries.get(urn),
      source: (id) => sourceMap.get(id),
      right: (id) => rightMap.get(id),
    }
  }, [index.data, sources.data, rights.data])
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

const REF_KINDS = new Set(['requirement', 'area', 'provision', 'principle', 'element'])

/** `T7.02` inside the toolkit; other frameworks' items carry their library (`icoc p42`, `gdpr art9`). */
export function refLabel(urn: string): string {
  const parts = urnParts(urn)
  if (!parts) return urn
  return parts.library === 'toolkit' ? parts.id : `${parts.library} ${parts.id}`
}

/** A link to whatever page shows `urn`, named by its title (or its id while titles load). */
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
  const name = title ?? lookups.titleOf(urn)
  // Requirements and provisions are known by their number (T2.01, ¶35, art9); other objects by title.
  const isNumbered = REF_KINDS.has(urnParts(urn)?.kind ?? '')
  return (
    <LibLink to={pathOfUrn(urn)} locale={locale}>
      {isNumbered || !name ? <span className="lib-ref-id">{refLabel(urn)}</span> : null}
      {isNumbered && name ? ' ' : null}
      {name ? <span className="lib-ref-title">{name}</span> : null}
    </LibLink>
  )
}

/**
 * The frame of a library page. The page chrome stays in the app's language; library text may be in
 * the chosen locale or fall back to English (the API does not say which), so no `lang` is claimed
 * for it: library.css lets each paragraph take its direction from its own text instead.
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

/** Chooses the language of the library text; the choice lives in `?locale=` so links can share it. */
export function LocaleSwitch({ locale }: { locale: TLibraryLocale }) {
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
      <p className="field-hint">{lt('library.localeNote')}</p>
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
  return (
    <div className="lib-urn">
      <dl className="lib-urn-facts">
        <div>
          <dt>{lt('library.urn')}</dt>
          <dd>
            <code className="lib-urn-value" data-testid="urn">
              {urn}
            </code>
          </dd>
        </div>
        <div>
          <dt>{lt('library.version')}</dt>
          <dd data-testid="version">{version}</dd>
        </div>
      </dl>
      <button type="button" className="button button-secondary lib-copy" onClick={() => void copy()}>
        {lt('library.copyUrn')}
      </button>
      {isOfficial ? null : <span className="badge lib-badge-addition">{lt('library.notOfficial')}</span>}
      <p className="field-hint lib-copy-status" aria-live="polite">
        {state === 'copied' ? lt('library.copied') : null}
        {state === 'failed' ? lt('library.copyFailed') : null}
      </p>
    </div>
  )
}

/** How a source is named in a reference: its title, publisher and edition. */
export function sourceLabel(source: TSourceView | undefined, id: string): string {
  if (!source) return id
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
                {sourceLabel(source, reference.source)}
              </a>
            ) : (
              <span>{sourceLabel(source, reference.source)}</span>
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
export function RelationshipBadge({
  relationship,
  kind,
}: {
  relationship: TCrosswalkLinkView['relationship']
  kind: string
}) {
  const [label, explain] = REL_KEYS[relationship]
  const explanation = lt(explain, { kind: kind.toLowerCase() })
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
  kindLabel,
  headingLevel = 3,
}: {
  links: TCrosswalkLinkView[]
  locale: TLibraryLocale
  lookups: TLookups
  kindLabel: string
  headingLevel?: THeadingLevel
}) {
  const outgoing = links.filter((link) => link.direction === 'outgoing')
  const incoming = links.filter((link) => link.direction === 'incoming')
  const Heading = HEADINGS[headingLevel]
  const list = (items: TCrosswalkLinkView[], testId: string) => (
    <ul className="lib-crosswalk" data-testid={testId}>
      {items.map((link) => (
        <li key={`${link.direction}-${link.other}`}>
          <RelationshipBadge relationship={link.relationship} kind={kindLabel} />
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

/** The label of an object kind (`Requirement`, `Provision`, …). */
export function kindLabel(kind: string): string {
  const key = `kind.${kind}` as TLibraryMessageKey
  return key in { ...KIND_KEYS } ? lt(key) : kind
}
const KIND_KEYS = Object.fromEntries(
  [
    'requirement',
    'provision',
    'question',
    'technology',
    'framework',
    'area',
    'risk',
    'topic',
    'group',
    'risk-method',
    'impact-level',
    'questionnaire',
  ].map((k) => [`kind.${k}`, true]),
)

export { libraryPaths }
