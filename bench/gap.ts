import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { analyseGap } from '../src/modules/jurisdictions/gap.ts'
import {
  analysePortfolio,
  buildGapIndex,
  type TPortfolioDeployment,
} from '../src/modules/jurisdictions/portfolio.ts'
import { getJurisdictionContext } from '../src/modules/jurisdictions/service.ts'
import { writeBenchmarkSection } from './lib/docs-section.ts'

const { values } = parseArgs({
  options: {
    deployments: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '15' },
    'no-write': { type: 'boolean', default: false },
  },
})
const DEPLOYMENTS = Number(values.deployments)
const RUNS = Number(values.runs)
const TARGET_MS = 200

/** Mulberry32: a small seeded generator, so every run analyses the same portfolio. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const pick = <T>(random: () => number, items: readonly T[], count: number): T[] => {
  const pool = [...items]
  const out: T[] = []
  while (out.length < count && pool.length > 0)
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T)
  return out
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

/** Wall-clock and CPU milliseconds of one call (CPU time shows the work when the machine is shared). */
const time = (fn: () => unknown): { wall: number; cpu: number } => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  fn()
  const wall = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { wall, cpu: (used.user + used.system) / 1000 }
}

const main = () => {
  const { library, dataset } = getJurisdictionContext()
  const random = seeded(20261129)
  const technologies = [...library.technologies.keys()]
  const codes = [...dataset.jurisdictions.keys()]
  const deployments: TPortfolioDeployment[] = Array.from({ length: DEPLOYMENTS }, (_, i) => ({
    id: `d${i}`,
    technologies: pick(random, technologies, 1 + Math.floor(random() * 3)),
    countries: pick(random, codes, 1 + Math.floor(random() * 5)),
  }))
  const cells = deployments.reduce((sum, d) => sum + d.countries.length, 0)

  const modes = {
    'portfolio, cold (index + analysis)': () =>
      analysePortfolio(deployments, buildGapIndex(dataset, library)),
    'portfolio, warm (index built)': (() => {
      const index = buildGapIndex(dataset, library)
      analysePortfolio(deployments, index)
      return () => analysePortfolio(deployments, index)
    })(),
    'peer: analyseGap per deployment': () => {
      for (const d of deployments)
        analyseGap({ technologies: d.technologies, jurisdictions: d.countries, dataset, library })
    },
  }
  const results: Record<string, { wall: number; cpu: number }[]> = {}
  for (const [name, fn] of Object.entries(modes)) {
    for (let i = 0; i < 3; i++) fn() // warm-up: JIT and caches
    results[name] = Array.from({ length: RUNS }, () => time(fn))
  }
  const wallOf = (name: string) => median((results[name] ?? []).map((r) => r.wall))

  const peer = wallOf('peer: analyseGap per deployment')
  const rows = Object.entries(results).map(([name, runs]) => {
    const walls = runs.map((r) => r.wall)
    const m = median(walls)
    const cpu = median(runs.map((r) => r.cpu))
    return `| ${name} | ${m.toFixed(1)} | ${Math.min(...walls).toFixed(1)} | ${Math.max(...walls).toFixed(1)} | ${cpu.toFixed(1)} | ${(m / peer).toFixed(3)}× |`
  })
  const table = [
    '| Analysis | median ms | min ms | max ms | median CPU ms | ratio to peer |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
  const cold = wallOf('portfolio, cold (index + analysis)')
  const warm = wallOf('portfolio, warm (index built)')
  const verdict = [
    `Portfolio: ${DEPLOYMENTS.toLocaleString('en')} deployments, ${cells.toLocaleString('en')} (deployment, country) pairs over ${codes.length} jurisdictions and ${technologies.length} technologies; ${RUNS} runs per row after 3 warm-up runs.`,
    `Target < ${TARGET_MS} ms: cold ${cold < TARGET_MS ? 'meets' : 'misses'} it (${cold.toFixed(1)} ms), warm ${warm < TARGET_MS ? 'meets' : 'misses'} it (${warm.toFixed(1)} ms). The portfolio function is ${(peer / cold).toFixed(1)}× faster than the peer (cold).`,
  ].join('\n')
  process.stdout.write(`${table}\n\n${verdict}\n`)
  if (values['no-write']) return

  const heading = '## Gap analysis'
  const section = [
    heading,
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()[0]?.toFixed(1)} during the run (the machine is shared).`,
    'Command: `npx tsx bench/gap.ts`. Dataset loading (YAML + WGI) is excluded: it happens once per process.',
    '',
    table,
    '',
    verdict,
    '',
  ].join('\n')
  writeBenchmarkSection(section)
}

main()
