/**
 * Any library object by URN: requirements, provisions, areas, topics, groups and the rest, with
 * their crosswalk links in both directions. Objects that have a page of their own (technologies,
 * questionnaires, frameworks, risk templates, questions) are sent there.
 */
import { useQuery } from '@tanstack/react-query'
import { Navigate, useSearchParams } from 'react-router'
import {
  libraryApi,
  libraryKeys,
  type TLibraryLocale,
  type TObjectView,
  type TProvisionView,
  type TReferenceView,
  type TRequirementView,
} from '../../api/library.ts'
import { QueryView } from '../../components/QueryView.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { NotFoundPage } from '../NotFoundPage.tsx'
import { ProvisionBody, RequirementBody } from './FrameworkPage.tsx'
import { libraryPaths, pathInFramework, pathOfUrn, urnId, urnParts, withLocale } from './links.ts'
import { lt } from './messages.ts'
import {
  Breadcrumbs,
  Crosswalk,
  kindLabel,
  LibLink,
  LibraryPage,
  LocaleSwitch,
  missingTitle,
  References,
  type TLookups,
  UrnBlock,
  UrnLink,
  useLibraryLocale,
  useLookups,
} from './parts.tsx'

const OWN_PAGES = new Set(['technology', 'questionnaire', 'framework', 'risk', 'question'])

export function ObjectPage() {
  const urn = useSearchParams()[0].get('urn') ?? ''
  const locale = useLibraryLocale()
  const lookups = useLookups(locale)
  const object = useQuery({
    queryKey: libraryKeys.object(urn, locale),
    queryFn: ({ signal }) => libraryApi.object(urn, locale, signal),
    enabled: urn !== '',
  })
  useDocumentTitle(object.data?.title ?? lt('object.title'))
  if (urn === '') return <NotFoundPage />
  if (object.data && OWN_PAGES.has(object.data.kind))
    return <Navigate to={withLocale(pathOfUrn(object.data.urn), locale)} replace />
  const parentUrn = object.data?.parent
  const parentTitle = parentUrn ? lookups.titleOf(parentUrn) : undefined
  return (
    <LibraryPage>
      <Breadcrumbs
        locale={locale}
        crumbs={[
          { label: lt('library.title'), to: libraryPaths.home },
          ...(parentUrn ? [{ label: parentTitle ?? missingTitle(lookups), to: pathOfUrn(parentUrn) }] : []),
          { label: object.data ? crumbOf(object.data) : '…' },
        ]}
      />
      <QueryView query={object}>
        {(data) => <LibraryObject object={data} locale={locale} lookups={lookups} />}
      </QueryView>
    </LibraryPage>
  )
}

const NUMBERED_KINDS = new Set(['requirement', 'provision', 'area'])

/** The last breadcrumb: a requirement's number (T7.04), a provision's reference, else the title. */
function crumbOf(object: TObjectView): string {
  if (!NUMBERED_KINDS.has(object.kind) || !isRecord(object.value)) return object.title
  return text(object.value.ref) ?? text(object.value.code) ?? urnId(object.urn)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined
const references = (value: Record<string, unknown>): TReferenceView[] =>
  Array.isArray(value.references) ? (value.references.filter(isRecord) as TReferenceView[]) : []

function LibraryObject({
  object,
  locale,
  lookups,
}: {
  object: TObjectView & { textLanguages: string[] }
  locale: TLibraryLocale
  lookups: TLookups
}) {
  const value = isRecord(object.value) ? object.value : {}
  const parts = urnParts(object.urn)
  const isInFramework = object.parent !== undefined && urnParts(object.parent)?.kind === 'framework'
  const isNumbered = NUMBERED_KINDS.has(object.kind)
  const ref = isNumbered ? (text(value.ref) ?? text(value.code) ?? parts?.id) : undefined
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">{kindLabel(object.kind)}</p>
        <h1>
          {ref ? <span className="lib-ref-id">{ref}</span> : null} {object.title}
        </h1>
        <UrnBlock urn={object.urn} version={object.version} isOfficial={value.official !== false} />
        {isInFramework && object.parent ? (
          <p>
            <LibLink to={pathInFramework(object.urn, object.parent)} locale={locale}>
              {lt('framework.showInFramework', {
                framework: lookups.titleOf(object.parent) ?? missingTitle(lookups),
              })}
            </LibLink>
          </p>
        ) : null}
        <LocaleSwitch locale={locale} textLanguages={object.textLanguages} />
      </header>
      <section className="card" aria-label={object.title}>
        <ObjectBody object={object} value={value} locale={locale} lookups={lookups} />
      </section>
    </>
  )
}

function ObjectBody({
  object,
  value,
  locale,
  lookups,
}: {
  object: TObjectView
  value: Record<string, unknown>
  locale: TLibraryLocale
  lookups: TLookups
}) {
  if (object.kind === 'requirement' && text(value.statement)) {
    const requirement = { ...(value as unknown as TRequirementView), crosswalk: object.crosswalk }
    return <RequirementBody requirement={requirement} locale={locale} lookups={lookups} headingLevel={2} />
  }
  if (object.kind === 'provision' && text(value.summary)) {
    const provision = { ...(value as unknown as TProvisionView), crosswalk: object.crosswalk }
    return <ProvisionBody provision={provision} locale={locale} lookups={lookups} headingLevel={2} />
  }
  const prose = [value.purpose, value.description, value.summary, value.whyItMatters]
    .map(text)
    .filter((item): item is string => item !== undefined)
  const statusMeaning = isRecord(value.statusMeaning) ? value.statusMeaning : null
  const baseline = Array.isArray(value.baseline)
    ? value.baseline.filter((item): item is string => typeof item === 'string')
    : []
  return (
    <>
      {prose.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {statusMeaning ? (
        <>
          <h2>{lt('object.statusMeaning')}</h2>
          <dl className="lib-pairs">
            {(['yes', 'partial', 'no', 'unknown'] as const).map((status) =>
              text(statusMeaning[status]) ? (
                <div key={status} className="lib-fact-row">
                  <dt>{lt(`answer.${status}`)}</dt>
                  <dd>{text(statusMeaning[status])}</dd>
                </div>
              ) : null,
            )}
          </dl>
        </>
      ) : null}
      {baseline.length > 0 ? (
        <>
          <h2>{lt('object.baseline')}</h2>
          <ul>
            {baseline.map((urn) => (
              <li key={urn}>
                <UrnLink urn={urn} locale={locale} lookups={lookups} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {references(value).length > 0 ? (
        <>
          <h2>{lt('req.references')}</h2>
          <References references={references(value)} lookups={lookups} />
        </>
      ) : null}
      {object.crosswalk.length > 0 ? (
        <Crosswalk links={object.crosswalk} locale={locale} lookups={lookups} headingLevel={2} />
      ) : null}
    </>
  )
}
