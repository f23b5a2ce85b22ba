/**
 * World map (d3-geo + world-atlas, 1:110m): each country coloured by its gap level for one
 * technology, or by the enforcement context of the rule of law (WGI). Colour is never alone: each
 * shape has a title, the legend names every colour, and a list below names the countries per colour.
 */
import { useQuery } from '@tanstack/react-query'
import { geoNaturalEarth1, geoPath } from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { useId, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import worldUrl from 'world-atlas/countries-110m.json?url'
import type { TGapLevel } from '../../../../src/modules/jurisdictions/gap.ts'
import type { TEnforcement } from '../../../../src/modules/jurisdictions/schemas.ts'
import { ErrorNotice, Loading } from '../../components/Status.tsx'
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts'
import { jurisdictionKeys, jurisdictionsApi } from './api.ts'
import { jurisdictionPath } from './links.ts'
import { tj } from './messages.ts'
import './jurisdictions.css'

export const RULE_OF_LAW = 'rule-of-law'
// Listed here rather than imported: the engine's modules pull the schema library into the bundle.
const GAP_LEVELS = ['covered', 'partial', 'absent', 'unknown'] as const satisfies readonly TGapLevel[]
const ENFORCEMENT_LEVELS = [
  'strong',
  'moderate',
  'weak',
  'unknown',
] as const satisfies readonly TEnforcement[]
const WIDTH = 960
const HEIGHT = 500

type TCountryShape = Feature<Geometry, { name: string }> & { id?: string | number }
type TShaded = { code: string; name: string; category: string }

async function loadWorld(signal: AbortSignal): Promise<TCountryShape[]> {
  const response = await fetch(worldUrl, { signal })
  if (!response.ok) throw new Error(`world map: ${response.status}`)
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>
  return (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>)
    .features
}

export function MapPage() {
  useDocumentTitle(tj('map.title'))
  const selectId = useId()
  const [params, setParams] = useSearchParams()
  const by = params.get('by') ?? RULE_OF_LAW
  const world = useQuery({
    queryKey: ['world-atlas', '110m'],
    queryFn: ({ signal }) => loadWorld(signal),
    staleTime: Number.POSITIVE_INFINITY,
  })
  const catalogue = useQuery({
    queryKey: jurisdictionKeys.technologies,
    queryFn: ({ signal }) => jurisdictionsApi.technologies(signal),
  })
  const list = useQuery({
    queryKey: jurisdictionKeys.list,
    queryFn: ({ signal }) => jurisdictionsApi.list(signal),
    enabled: by === RULE_OF_LAW,
  })
  const levels = useQuery({
    queryKey: jurisdictionKeys.map(by),
    queryFn: ({ signal }) => jurisdictionsApi.map(by, signal),
    enabled: by !== RULE_OF_LAW,
    retry: false,
  })

  // numeric ISO code → the country's colour category
  const shading = useMemo(() => {
    const out = new Map<string, TShaded>()
    if (by === RULE_OF_LAW) {
      for (const item of list.data?.items ?? []) {
        if (item.isoNumeric)
          out.set(item.isoNumeric, {
            code: item.code,
            name: item.name,
            category: item.governance.enforcement,
          })
      }
    } else {
      for (const item of levels.data?.items ?? []) {
        if (item.isoNumeric)
          out.set(item.isoNumeric, { code: item.code, name: item.name, category: item.level })
      }
    }
    return out
  }, [by, list.data, levels.data])

  const categories: readonly string[] = by === RULE_OF_LAW ? ENFORCEMENT_LEVELS : GAP_LEVELS
  const categoryLabel = (category: string) =>
    by === RULE_OF_LAW
      ? tj(`enforcement.${category as (typeof ENFORCEMENT_LEVELS)[number]}`)
      : tj(`level.${category as (typeof GAP_LEVELS)[number]}`)
  const technologyName = catalogue.data?.items.find((item) => item.id === by)?.title ?? by
  const title = by === RULE_OF_LAW ? tj('map.ruleOfLaw') : tj('map.technology', { name: technologyName })
  const data = by === RULE_OF_LAW ? list : levels

  return (
    <div className="page jurisdictions">
      <header className="page-header">
        <h1>{tj('map.title')}</h1>
        <p className="muted">{tj('map.intro')}</p>
      </header>
      <div className="field map-select">
        <label htmlFor={selectId}>{tj('map.colourBy')}</label>
        <select id={selectId} value={by} onChange={(event) => setParams({ by: event.target.value })}>
          <option value={RULE_OF_LAW}>{tj('map.ruleOfLaw')}</option>
          {catalogue.data?.items.map((item) => (
            <option key={item.id} value={item.id}>
              {tj('map.technology', { name: item.title })}
            </option>
          ))}
        </select>
      </div>
      {world.isPending || data.isPending ? <Loading /> : null}
      {world.isError ? <ErrorNotice error={world.error} /> : null}
      {data.isError ? <ErrorNotice error={data.error} /> : null}
      {world.data && data.data ? (
        <section className="card map-card" aria-labelledby="map-heading">
          <h2 id="map-heading">{title}</h2>
          <WorldMap shapes={world.data} shading={shading} title={title} categoryLabel={categoryLabel} />
          <Legend categories={categories} categoryLabel={categoryLabel} />
          {by === RULE_OF_LAW ? (
            <p className="muted small">{tj('jur.governanceIntro', { year: 2023 })}</p>
          ) : (
            <p className="muted small">{tj('map.levelNote')}</p>
          )}
          <details className="map-list">
            <summary>{tj('map.listHeading')}</summary>
            {categories.map((category) => {
              const members = [...shading.values()]
                .filter((s) => s.category === category)
                .sort((a, b) => a.name.localeCompare(b.name))
              return (
                <p key={category}>
                  <strong>
                    {categoryLabel(category)} ({members.length})
                  </strong>
                  : {members.map((m) => m.name).join(', ')}
                </p>
              )
            })}
          </details>
        </section>
      ) : null}
    </div>
  )
}

function WorldMap({
  shapes,
  shading,
  title,
  categoryLabel,
}: {
  shapes: TCountryShape[]
  shading: Map<string, TShaded>
  title: string
  categoryLabel: (category: string) => string
}) {
  const paths = useMemo(() => {
    const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], {
      type: 'FeatureCollection',
      features: shapes,
    })
    const path = geoPath(projection)
    return shapes.map((shape) => ({
      id: String(shape.id ?? ''),
      name: shape.properties.name,
      d: path(shape) ?? '',
    }))
  }, [shapes])
  return (
    // Not role="img": the countries inside are links, and an image may not hold controls.
    <svg className="world-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-label={title}>
      <title>{title}</title>
      {paths.map((shape) => (
        <CountryShape
          key={`${shape.id}|${shape.name}`}
          shape={shape}
          shaded={shading.get(shape.id)}
          categoryLabel={categoryLabel}
        />
      ))}
    </svg>
  )
}

function CountryShape({
  shape,
  shaded,
  categoryLabel,
}: {
  shape: { id: string; name: string; d: string }
  shaded: TShaded | undefined
  categoryLabel: (category: string) => string
}) {
  if (!shaded) {
    return (
      <path d={shape.d} className="country fill-none">
        <title>{`${shape.name}: ${tj('map.noData')}`}</title>
      </path>
    )
  }
  const label = `${shaded.name} (${shaded.code}): ${categoryLabel(shaded.category)}`
  return (
    <a href={jurisdictionPath(shaded.code)} aria-label={label}>
      <path d={shape.d} className={`country fill-${shaded.category}`}>
        <title>{label}</title>
      </path>
    </a>
  )
}

function Legend({
  categories,
  categoryLabel,
}: {
  categories: readonly string[]
  categoryLabel: (category: string) => string
}) {
  return (
    <div className="map-legend">
      <strong>{tj('map.legend')}:</strong>
      {[...categories, 'none'].map((category) => (
        <span key={category} className="legend-item">
          <svg width="18" height="14" aria-hidden="true">
            <rect width="18" height="14" className={`fill-${category}`} />
          </svg>
          {category === 'none' ? tj('map.noData') : categoryLabel(category)}
        </span>
      ))}
    </div>
  )
}
