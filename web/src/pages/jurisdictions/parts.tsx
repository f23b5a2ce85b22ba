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
const BAR_WIDTH = 220
const ROW = 26

/**
 * WGI estimates as horizontal bars around zero (−2.5 … +2.5), inline SVG; each bar is labelled with
 * its value so the chart reads without colour. Missing values say so instead of drawing zero.
 */
export function GovernanceBars({ indicators, title }: { indicators: TIndicator[]; title: string }) {
  const labelWidth = 190
  const valueWidth = 64
  const width = labelWidth + BAR_WIDTH + valueWidth
  const height = indicators.length * ROW + 18
  const mid = labelWidth + BAR_WIDTH / 2
  const x = (value: number) => mid + (Math.max(-SCALE, Math.min(SCALE, value)) / SCALE) * (BAR_WIDTH / 2)
  return (
    <svg className="governance-bars" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      <line x1={mid} x2={mid} y1={0} y2={height - 16} className="axis" />
      <text x={labelWidth} y={height - 2} className="tick">
        −2.5
      </text>
      <text x={mid} y={height - 2} className="tick" textAnchor="middle">
        0
      </text>
      <text x={labelWidth + BAR_WIDTH} y={height - 2} className="tick" textAnchor="end">
        +2.5
      </text>
      {indicators.map((indicator, i) => {
        const y = i * ROW + 4
        const value = indicator.value
        return (
          <g key={indicator.label}>
            <text x={0} y={y + 14} className="bar-label">
              {indicator.label}
            </text>
            {value === null ? (
              <text x={mid + 6} y={y + 14} className="bar-value muted">
                {tj('jur.noValue')}
              </text>
            ) : (
              <>
                <rect
                  x={Math.min(mid, x(value))}
                  y={y + 3}
                  width={Math.max(1, Math.abs(x(value) - mid))}
                  height={ROW - 10}
                  className={value >= 0 ? 'bar bar-positive' : 'bar bar-negative'}
                />
                <text x={labelWidth + BAR_WIDTH + 8} y={y + 14} className="bar-value">
                  {value.toFixed(2)}
                </text>
              </>
            )}
          </g>
        )
      })}
    </svg>
  )
}
