/**
 * Each group's rate as a dot with its 95 % interval; the overall rate as a dashed line. Drawn as
 * SVG at the width of its card, in pixels (no scaling, so labels keep their size): on a wide card
 * the group names stand left of the intervals, on a narrow one (a phone) above each interval.
 */
import { useLayoutEffect, useRef, useState } from 'react'
import { tb } from './messages.ts'

type TPoint = { key: string; value: number | null; ci: [number, number] | null; isSmall: boolean }

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten, at most 1. */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(x))
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return Math.min(1, m * p)
  return 1
}

/** Below this width the labels go above their interval. */
const STACK_BELOW_PX = 560
const FONT_PX = 14
/** Average width of a character of the label font, to shorten names that would not fit. */
const CHAR_PX = 7.6

/** The width of the element, followed as it changes (the card resizes with the window). */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(fallback)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => setWidth(Math.max(240, Math.floor(element.clientWidth)))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return { ref, width }
}

const shorten = (text: string, chars: number): string =>
  text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text

export function IntervalPlot({
  title,
  points,
  overall,
}: {
  title: string
  points: TPoint[]
  overall: number | null
}) {
  const { ref, width } = useWidth(720)
  const isStacked = width < STACK_BELOW_PX
  const pad = 12
  const labelW = isStacked ? 0 : Math.min(320, Math.max(140, Math.round(width * 0.34)))
  const plotLeft = isStacked ? pad : labelW
  const plotW = width - plotLeft - pad * 2
  const rowH = isStacked ? 46 : 30
  const top = 16
  const axisH = 30
  const height = top + points.length * rowH + axisH
  const xMax = niceCeil(Math.max(overall ?? 0, ...points.map((p) => p.ci?.[1] ?? p.value ?? 0)))
  const x = (v: number) => plotLeft + (Math.min(v, xMax) / xMax) * plotW
  const ticks = (isStacked ? [0, 1, 2, 3, 4] : [0, 1, 2, 3, 4, 5]).map(
    (i, _, all) => (xMax * i) / (all.length - 1),
  )
  const labelChars = Math.floor((isStacked ? width - pad * 2 : labelW - 12) / CHAR_PX)
  const axisY = height - axisH + 4
  return (
    <figure className="bias-plot" ref={ref}>
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={title} width={width} height={height} fontSize={FONT_PX}>
        {ticks.map((v) => (
          <g key={v}>
            <line className="bias-grid" x1={x(v)} y1={top - 6} x2={x(v)} y2={axisY} stroke="#d5d5d5" />
            <text x={x(v)} y={height - 8} textAnchor="middle" fontSize={FONT_PX - 1} fill="#333">
              {Number(v.toPrecision(3))}
            </text>
          </g>
        ))}
        {overall !== null ? (
          <line
            className="bias-overall"
            x1={x(overall)}
            y1={top - 6}
            x2={x(overall)}
            y2={axisY}
            stroke="#555"
            strokeWidth="1.5"
            strokeDasharray="5 4"
          />
        ) : null}
        {points.map((p, i) => {
          const rowTop = top + i * rowH
          const y = isStacked ? rowTop + 32 : rowTop + rowH / 2
          const name = `${p.key}${p.isSmall ? ` (${tb('bias.notCompared')})` : ''}`
          return (
            <g key={p.key}>
              <title>{`${p.key}: ${p.value === null ? tb('bias.undefined') : p.value.toFixed(4)}`}</title>
              {isStacked ? (
                <text
                  className="bias-halo"
                  x={pad}
                  y={rowTop + 14}
                  fill="#111"
                  stroke="white"
                  strokeWidth="4"
                  paintOrder="stroke"
                >
                  {shorten(name, labelChars)}
                </text>
              ) : (
                <text x={labelW - 12} y={y + 5} textAnchor="end" fill="#111">
                  {shorten(name, labelChars)}
                </text>
              )}
              {p.ci ? (
                <line
                  className="bias-ci"
                  x1={x(p.ci[0])}
                  y1={y}
                  x2={x(p.ci[1])}
                  y2={y}
                  stroke="#1f4e79"
                  strokeWidth="2.5"
                />
              ) : null}
              {p.value !== null ? (
                <circle
                  className={p.isSmall ? 'bias-hollow' : 'bias-dot'}
                  cx={x(p.value)}
                  cy={y}
                  r="5.5"
                  fill={p.isSmall ? 'white' : '#1f4e79'}
                  stroke="#1f4e79"
                  strokeWidth="2"
                />
              ) : (
                <text x={plotLeft + 4} y={y + 5} fill="#555">
                  {tb('bias.undefined')}
                </text>
              )}
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
