/**
 * Content load benchmark (docs/quality.md: the library loads in under 300 ms at start).
 * Each measurement runs in a fresh Node process, as at server or CLI start, and times only the
 * load itself (module compilation excluded): the library's full load from YAML with every zod
 * check (cold: the first start after a content or code change, nothing written to the cache), the
 * same load from the check cache (warm: every other start, the install builds the cache), the same
 * two for the 195 jurisdiction files, and the peer: parsing the library's YAML files with the
 * `yaml` package alone, with no checks and no index.
 * Prints a table, the ratios, and replaces its section in docs/benchmarks.md.
 *
 *   npx tsx bench/library.ts [--runs 5] [--no-write]
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'
import { cacheFileFor } from '../src/content/cache.ts'
import { defaultContentDir, LIBRARY_CACHE, loadLibrary } from '../src/content/loader.ts'
import { paths } from '../src/core/paths.ts'
import { JURISDICTIONS_CACHE, loadJurisdictions } from '../src/modules/jurisdictions/loader.ts'
import { writeBenchmarkSection } from './lib/docs-section.ts'

const MODES = ['cold', 'warm', 'jurisdictions-cold', 'jurisdictions-warm', 'yaml-only'] as const
type TMode = (typeof MODES)[number]

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    child: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
})

/** The wall-clock and CPU milliseconds (all of the process's threads) of one call. */
const timed = (run: () => void): { wall: number; cpu: number } => {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  run()
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  return { wall, cpu: (cpu.user + cpu.system) / 1000 }
}

/** In a child: time one load and print the wall and CPU milliseconds. */
const child = (mode: TMode): void => {
  const contentDir = defaultContentDir()
  let time: { wall: number; cpu: number }
  if (mode === 'yaml-only') {
    const { library } = loadLibrary({ contentDir, cache: true }) // file list only; not timed below
    const files = library.files.map((file) => join(contentDir, file.replace(/^.*?content\//, '')))
    time = timed(() => {
      for (const file of files) parseYaml(readFileSync(file, 'utf8'))
    })
  } else if (mode === 'jurisdictions-cold' || mode === 'jurisdictions-warm') {
    const { library } = loadLibrary({ contentDir, cache: true }) // not timed below
    let result: ReturnType<typeof loadJurisdictions> | undefined
    time = timed(() => {
      result = loadJurisdictions({ contentDir, library, cache: mode === 'jurisdictions-warm' })
    })
    if (!result || result.problems.length > 0 || result.dataset.jurisdictions.size === 0)
      process.stderr.write(`warning: ${result?.problems.length} problems\n`)
  } else {
    let result: ReturnType<typeof loadLibrary> | undefined
    time = timed(() => {
      result = loadLibrary({ contentDir, cache: mode === 'warm' })
    })
    if (!result || result.problems.length > 0 || result.library.objects.size === 0)
      process.stderr.write(`warning: ${result?.problems.length} problems\n`)
  }
  process.stdout.write(`${time.wall} ${time.cpu}\n`)
}

const measure = (mode: TMode): { wall: number; cpu: number } => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/library.ts', '--child', mode], {
    cwd: paths.content().replace(/content$/, ''),
    encoding: 'utf8',
  })
  const [wall, cpu] = result.stdout.trim().split(' ').map(Number)
  if (!Number.isFinite(wall) || !Number.isFinite(cpu))
    throw new Error(`child ${mode} failed: ${result.stderr}`)
  return { wall: wall as number, cpu: cpu as number }
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const main = (): void => {
  const loadAtStart = loadavg()[0] ?? 0
  const runs = Math.max(1, Number(values.runs) || 5)
  const contentDir = defaultContentDir()
  const { library } = loadLibrary({ contentDir, cache: false })
  const bytes = library.files.reduce(
    (sum, file) => sum + readFileSync(join(contentDir, file.replace(/^.*?content\//, ''))).length,
    0,
  )
  const jurisdictionFiles = loadJurisdictions({ contentDir, library, cache: false }).dataset.jurisdictions
    .size

  const samples: Record<TMode, { wall: number; cpu: number }[]> = {
    cold: [],
    warm: [],
    'jurisdictions-cold': [],
    'jurisdictions-warm': [],
    'yaml-only': [],
  }
  for (let i = 0; i < runs; i++) {
    rmSync(cacheFileFor(LIBRARY_CACHE, contentDir), { force: true })
    samples.cold.push(measure('cold'))
    loadLibrary({ contentDir, cache: true }) // fill the cache for the warm run
    samples.warm.push(measure('warm'))
    rmSync(cacheFileFor(JURISDICTIONS_CACHE, contentDir), { force: true })
    samples['jurisdictions-cold'].push(measure('jurisdictions-cold'))
    loadJurisdictions({ contentDir, library, cache: true }) // fill the cache for the warm run
    samples['jurisdictions-warm'].push(measure('jurisdictions-warm'))
    samples['yaml-only'].push(measure('yaml-only'))
  }
  const loadAtEnd = loadavg()[0] ?? 0
  const walls = (m: TMode) => samples[m].map((sample) => sample.wall)
  const med = Object.fromEntries(MODES.map((m) => [m, median(walls(m))])) as Record<TMode, number>
  const medCpu = (m: TMode) => median(samples[m].map((sample) => sample.cpu))
  const label: Record<TMode, string> = {
    cold: 'Library load, cold (`yaml` + zod checks + index)',
    warm: 'Library load, warm (check cache + index)',
    'jurisdictions-cold': 'Jurisdictions load, cold (`yaml` + zod checks + library checks)',
    'jurisdictions-warm': 'Jurisdictions load, warm (check cache + library checks)',
    'yaml-only': 'Peer: `yaml` parse of the library files alone, no checks',
  }
  const rows = MODES.map(
    (m) =>
      `| ${label[m]} | ${med[m].toFixed(1)} | ${Math.min(...walls(m)).toFixed(1)} | ${Math.max(...walls(m)).toFixed(1)} | ${medCpu(m).toFixed(1)} |`,
  )
  const table = [
    '| Load | median ms | min ms | max ms | median CPU ms |',
    '|---|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
  const verdict = [
    `Content: ${library.files.length} library files, ${(bytes / 1024).toFixed(0)} KiB, ${library.objects.size} objects; ${jurisdictionFiles} jurisdiction files. Runs: ${runs} fresh processes per row.`,
    `Ratios: library cold / peer = ${(med.cold / med['yaml-only']).toFixed(2)}×, library warm / peer = ${(med.warm / med['yaml-only']).toFixed(2)}×.`,
    `Target < 300 ms at start: the warm library load ${med.warm < 300 ? 'meets' : 'misses'} it (${med.warm.toFixed(0)} ms; ${med['jurisdictions-warm'].toFixed(0)} ms more for the jurisdictions); a cold load (${med.cold.toFixed(0)} ms, and ${med['jurisdictions-cold'].toFixed(0)} ms for the jurisdictions) is paid once, at install or on the first start after a content or code change.`,
  ].join('\n')
  process.stdout.write(`${table}\n\n${verdict}\n`)
  if (values['no-write']) return

  const heading = '## Library load'
  const section = [
    heading,
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; 1-minute load average ${loadAtStart.toFixed(1)} at start and ${loadAtEnd.toFixed(1)} at end (the machine is shared; absolute times scale with it, ratios less so).`,
    'Command: `npx tsx bench/library.ts`. Each figure is the time of the load call alone in a fresh process (module compilation excluded); CPU ms is the CPU time of all threads of the process (garbage collection and compilation included); it leaves out time spent waiting for a core, though not the slowdown of sharing one.',
    '',
    table,
    '',
    verdict,
    '',
  ].join('\n')
  writeBenchmarkSection(section)
}

if (values.child) child(values.child as TMode)
else main()
