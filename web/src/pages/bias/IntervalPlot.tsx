/** Each group's rate as a dot with its 95 % interval; the overall rate as a dashed line. Drawn as SVG. */
import { tb } from './messages.ts'

type TPoint = { key: string; value: number | null; ci: [number, number] | null; isSmall: boolean }

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten, at most 1. */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(x))
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return Math.min(1, m * p)
  return 1
}

export function IntervalPlot({
  title,
  points,
  overall,
}: {
  title: string
  points: TPoint[]
  overall: number | null
}) {
  const labelW = 240
  const plotW = 380
  const rowH = 22
  const top = 30
  const height = top + points.length * rowH + 28
  const xMax = niceCeil(Math.max(overall ?? 0, ...points.map((p) => p.ci?.[1] ?? p.value ?? 0)))
  const x = (v: number) => labelW + (Math.min(v, xMax) / xMax) * plotW
  const ticks = [0, 1, 2, 3, 4, 5].map((i) => (xMax * i) / 5)
  return (
    <figure className="bias-plot">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={title}
        width={labelW + plotW + 20}
        height={height}
        viewBox={`0 0 ${labelW + plotW + 20} ${height}`}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} y1={top - 6} x2={x(v)} y2={height - 24} stroke="#ddd" />
            <text x={x(v)} y={height - 8} textAnchor="middle" fontSize="12">
              {Number(v.toPrecision(3))}
            </text>
          </g>
        ))}
        {overall !== null ? (
          <line
            x1={x(overall)}
            y1={top - 6}
            x2={x(overall)}
            y2={height - 24}
            stroke="#555"
            strokeDasharray="4 3"
          />
        ) : null}
        {points.map((p, i) => {
          const y = top + i * rowH + rowH / 2
          return (
            <g key={p.key}>
              <title>{`${p.key}: ${p.value === null ? tb('bias.undefined') : p.value.toFixed(4)}`}</title>
              <text x={labelW - 8} y={y + 4} textAnchor="end" fontSize="12">
                {p.key.length > 38 ? `${p.key.slice(0, 37)}…` : p.key}
                {p.isSmall ? ` (${tb('bias.notCompared')})` : ''}
              </text>
              {p.ci ? (
                <line x1={x(p.ci[0])} y1={y} x2={x(p.ci[1])} y2={y} stroke="#1f4e79" strokeWidth="2" />
              ) : null}
              {p.value !== null ? (
                <circle
                  cx={x(p.value)}
                  cy={y}
                  r="4.5"
                  fill={p.isSmall ? 'white' : '#1f4e79'}
                  stroke="#1f4e79"
                  strokeWidth="1.5"
                />
              ) : (
                <text x={labelW + 4} y={y + 4} fontSize="12" fill="#666">
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
