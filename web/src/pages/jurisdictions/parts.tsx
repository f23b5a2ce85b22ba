/**
 * Small pieces shared by the jurisdiction pages: level badges, the words for statuses, restriction
 * kinds and technologies (never their ids), source citations, governance bars.
 */
import { useQuery } from '@tanstack/react-query'
import type { TGapLevel } from '../../../../src/modules/jurisdictions/gap.ts'
import type {
  RESTRICTION_KINDS,
  TEnforcement,
  TFactStatus,
} from '../../../../src/modules/jurisdictions/schemas.ts'
import { jurisdictionKeys, jurisdictionsApi } from './api.ts'
import { type TJurisdictionMessageKey, tj } from './messages.ts'

/**
 * A sentence the server wrote (in English) set apart in its own direction (first-strong isolate …
 * pop directional isolate), so in a right-to-left page its quotes and full stop stay where they are.
 */
export const isolated = (text: string): string => `\u2068${text}\u2069`

/** What a fact's status means, in words: `yes` is "in place", `unknown` "not yet researched". */
export const statusLabel = (status: TFactStatus): string => tj(`status.${status}`)

/** Every kind of the content format has its words (the type fails when a kind is added). */
const KIND_LABEL: Record<(typeof RESTRICTION_KINDS)[number], TJurisdictionMessageKey> = {
  prohibited: 'restriction.prohibited',
  conditional: 'restriction.conditional',
  licence_required: 'restriction.licence_required',
}

/** A restriction's kind in words; a kind this page does not know yet is just "Restriction". */
export const restrictionKindLabel = (kind: string): string =>
  tj(KIND_LABEL[kind as keyof typeof KIND_LABEL] ?? 'restriction.other')

/**
 * The catalogue title of a technology id, from the library's list (the pickers load it too, so it
 * is usually cached); while it loads, or for an id it lacks, the id with its hyphens as spaces.
 */
export function useTechnologyTitles(): (id: string) => string {
  const catalogue = useQuery({
    queryKey: jurisdictionKeys.technologies,
    queryFn: ({ signal }) => jurisdictionsApi.technologies(signal),
  })
  const titles = new Map(catalogue.data?.items.map((item) => [item.id, item.title]))
  return (id) => titles.get(id) ?? id.replace(/[-_]+/g, ' ')
}

/** The same symbols as the CLI table, so a level reads without colour. */
export const LEVEL_SYMBOL: Record<TGapLevel, string> = {
  covered: '+',
  partial: '~',
  absent: '−',
  unknown: '?',
}

/** A gap level in colour AND in words, with a symbol (colour alone would fail colour-blind readers). */
export function LevelBadge({ level }: { level: TGapLevel }) {
  return (
    <span className={`level level-${level}`}>
      <span aria-hidden="true" className="level-symbol">
        {LEVEL_SYMBOL[level]}
      </span>
      {tj(`level.${level}`)}
    </span>
  )
}

export function EnforcementBadge({ enforcement }: { enforcement: TEnforcement }) {
  return <span className={`enforcement enforcement-${enforcement}`}>{tj(`enforcement.${enforcement}`)}</span>
}

export type TSourceRef = {
  id: string
  title: string | null
  publisher: string | null
  url: string | null
  locator: string | null
  asOf: string | null
}

/** "Publisher, Title, locator — as of date", linked to the source when it has an address. */
export function SourceCite({ source }: { source: TSourceRef }) {
  const label = [source.publisher, source.title ?? source.id].filter(Boolean).join(', ')
  return (
    <span className="source-cite">
      {source.url ? (
        <a href={source.url} rel="noreferrer noopener" target="_blank">
          {label}
        </a>
      ) : (
        label
      )}
      {source.locator ? <span className="muted">, {source.locator}</span> : null}
      {source.asOf ? <span className="muted"> — {tj('jur.asOf', { date: source.asOf })}</span> : null}
    </span>
  )
}

export type TIndicator = { label: string; value: number | null }

const SCALE = 2.5

/** Where `value` (clamped to ±SCALE) falls on a 0–100 axis whose middle is zero. */
const axisAt = (value: number) => 50 + (Math.max(-SCALE, Math.min(SCALE, value)) / SCALE) * 50

/**
 * WGI estimates as horizontal bars around zero (−2.5 … +2.5), one row per indicator across the
 * card's width: the label and the value are text (read by screen readers as a term and its
 * description, and at the page's font size on any screen); only the bar is drawn, stretched to its
 * column. Missing values say so instead of drawing zero.
 */
export function GovernanceBars({ indicators, title }: { indicators: TIndicator[]; title: string }) {
  return (
    <figure className="governance-chart">
      <figcaption className="visually-hidden">{title}</figcaption>
      <dl className="governance-bars">
        {indicators.map((indicator) => {
          const value = indicator.value
          return (
            <div key={indicator.label} className="governance-row">
              <dt>{indicator.label}</dt>
              <dd className="governance-bar-cell">
                <svg
                  className="governance-bar"
                  viewBox="0 0 100 10"
                  preserveAspectRatio="none"
                  aria-hidden="true"
                >
                  <line x1={50} x2={50} y1={0} y2={10} className="axis" />
                  {value === null ? null : (
                    <rect
                      x={Math.min(50, axisAt(value))}
                      y={1.5}
                      width={Math.max(0.4, Math.abs(axisAt(value) - 50))}
                      height={7}
                      className={value >= 0 ? 'bar bar-positive' : 'bar bar-negative'}
                    />
                  )}
                </svg>
              </dd>
              <dd className={value === null ? 'governance-value muted' : 'governance-value figures'}>
                {value === null ? tj('jur.noValue') : value.toFixed(2)}
              </dd>
            </div>
          )
        })}
        <div className="governance-row governance-scale" aria-hidden="true">
          <span />
          <span className="governance-ticks">
            <span>−2.5</span>
            <span>0</span>
            <span>+2.5</span>
          </span>
          <span />
        </div>
      </dl>
    </figure>
  )
}
