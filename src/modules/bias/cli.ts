/**
 * `custos bias-audit` (DESIGN §6): a thin edge that validates options, streams the file through
 * the counter, builds the report and prints it (table or JSON), optionally writing HTML or PDF.
 */
import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { AppError, isAppError } from '../../core/errors.ts'
import type { TCounterOptions } from './csv-counter.ts'
import { formatTable } from './format-table.ts'
import { buildReport, DEFAULT_MIN_GROUP_SIZE, type TBiasReport } from './report.ts'
import { renderHtml } from './report-html.ts'
import { renderPdf } from './report-pdf.ts'
import { countSource, type TProgress } from './source.ts'

export type TBiasAuditFlags = {
  group: string
  label: string
  pred?: string
  score?: string
  threshold?: string
  positive?: string
  weight?: string
  reference?: string
  minGroupSize?: string
  bootstrap?: string
  seed?: string
  faceMatch?: boolean
  format?: string
  out?: string
}

/** Largest --bootstrap accepted: beyond this the percentiles do not move. */
export const MAX_BOOTSTRAP = 100_000
/** Files above this size get a progress bar on a terminal. */
const PROGRESS_FROM_BYTES = 32 << 20

const bad = (message: string): AppError => new AppError('validation_failed', message)

function integerFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    throw bad(`${flag} must be a whole number from ${min} to ${max} (got "${value}").`)
  }
  return n
}

/** Check flag combinations and turn strings into typed options. */
export function parseFlags(flags: TBiasAuditFlags): {
  counter: TCounterOptions
  minGroupSize: number
  bootstrap: { replicates: number; seed: number } | undefined
  format: 'table' | 'json'
} {
  const groupColumns = flags.group
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '')
  if (groupColumns.length === 0) throw bad('--group needs at least one column name.')
  if ((flags.pred === undefined) === (flags.score === undefined)) {
    throw bad('Give either --pred <column> or --score <column> with --threshold <x>.')
  }
  let threshold: number | undefined
  if (flags.score !== undefined) {
    if (flags.threshold === undefined) throw bad('--score needs --threshold <x>.')
    threshold = Number(flags.threshold)
    if (flags.threshold.trim() === '' || !Number.isFinite(threshold)) {
      throw bad(`--threshold must be a number (got "${flags.threshold}").`)
    }
  } else if (flags.threshold !== undefined) {
    throw bad('--threshold only applies with --score.')
  }
  if (flags.positive !== undefined && flags.positive.trim() === '') throw bad('--positive must not be empty.')
  const format = flags.format ?? 'table'
  if (format !== 'table' && format !== 'json') throw bad(`--format must be table or json (got "${format}").`)
  const replicates = integerFlag(flags.bootstrap, '--bootstrap', 1, MAX_BOOTSTRAP)
  const seed = integerFlag(flags.seed, '--seed', 0, Number.MAX_SAFE_INTEGER)
  if (seed !== undefined && replicates === undefined) throw bad('--seed only applies with --bootstrap <n>.')
  if (flags.out !== undefined && !/\.(html?|pdf)$/i.test(flags.out)) {
    throw bad('--out must name a .html or .pdf file.')
  }
  return {
    counter: {
      groupColumns,
      labelColumn: flags.label,
      predColumn: flags.pred,
      scoreColumn: flags.score,
      threshold,
      positive: flags.positive,
      weightColumn: flags.weight,
    },
    minGroupSize:
      integerFlag(flags.minGroupSize, '--min-group-size', 0, Number.MAX_SAFE_INTEGER) ??
      DEFAULT_MIN_GROUP_SIZE,
    bootstrap: replicates === undefined ? undefined : { replicates, seed: seed ?? 1 },
    format,
  }
}

/** Run the audit for one file ("-" = stdin) and return the report. */
export async function runBiasAudit(
  file: string,
  flags: TBiasAuditFlags,
  onProgress?: TProgress,
): Promise<TBiasReport> {
  const parsed = parseFlags(flags)
  const count = await countSource(file, parsed.counter, onProgress)
  return buildReport(count, {
    reference: flags.reference,
    minGroupSize: parsed.minGroupSize,
    bootstrap: parsed.bootstrap,
    isFaceMatch: flags.faceMatch === true,
    columns: {
      group: count.groupColumns,
      label: flags.label,
      pred: flags.pred,
      score: flags.score,
      threshold: parsed.counter.threshold,
      positive: flags.positive,
      weight: flags.weight,
    },
  })
}

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
function progressBar(): { update: TProgress; done: () => void } {
  const started = Date.now()
  let last = 0
  let isShown = false
  return {
    update: (bytes, total) => {
      if (total === null || total < PROGRESS_FROM_BYTES) return
      const now = Date.now()
      if (now - last < 100 && bytes < total) return
      last = now
      isShown = true
      const share = Math.min(1, bytes / total)
      const width = 30
      const filled = Math.round(share * width)
      const mib = bytes / 1048576
      const rate = mib / Math.max(0.001, (now - started) / 1000)
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${mib.toFixed(0)} of ${(total / 1048576).toFixed(0)} MiB  ${rate.toFixed(0)} MiB/s`,
      )
    },
    done: () => {
      if (isShown) process.stderr.write('\r\x1b[2K')
    },
  }
}

/** Register `custos bias-audit` on the program. */
export function registerBiasCommands(program: Command): void {
  program
    .command('bias-audit')
    .description('Group-fairness audit of a decision log (CSV, gzip accepted, "-" reads stdin).')
    .argument('<file>', 'decision log (CSV or CSV.gz), or - for standard input')
    .requiredOption(
      '--group <columns>',
      'group attribute columns, comma-separated (intersections are audited)',
    )
    .requiredOption('--label <column>', 'true label column')
    .option('--pred <column>', 'predicted label column')
    .option('--score <column>', 'score column (with --threshold)')
    .option('--threshold <x>', 'a score at or above this is a positive prediction')
    .option('--positive <value>', 'value naming the positive class (default: 1, true, yes, match)')
    .option('--weight <column>', 'row weight column')
    .option('--reference <key>', 'reference group key, e.g. "sex=M" (default: the largest group)')
    .option(
      '--min-group-size <n>',
      `groups with fewer rows are marked insufficient (default ${DEFAULT_MIN_GROUP_SIZE})`,
    )
    .option('--bootstrap <n>', 'percentile bootstrap replicates drawn from the count table')
    .option('--seed <n>', 'bootstrap seed (default 1)')
    .option('--face-match', 'face-matching wording: FMR/FNMR, log10, ratio to lowest, max/geometric mean')
    .option('--format <format>', 'table or json', 'table')
    .option('--out <file>', 'also write a report: .html (self-contained) or .pdf (needs chromium)')
    .action(async (file: string, flags: TBiasAuditFlags) => {
      const bar = process.stderr.isTTY ? progressBar() : null
      try {
        const report = await runBiasAudit(file, flags, bar?.update)
        bar?.done()
        if (flags.out !== undefined) {
          if (/\.pdf$/i.test(flags.out)) await renderPdf(renderHtml(report), flags.out)
          else writeFileSync(flags.out, renderHtml(report))
        }
        const isColor = process.stdout.isTTY === true && !process.env.NO_COLOR
        process.stdout.write(
          (flags.format ?? 'table') === 'json'
            ? `${JSON.stringify(report, null, 2)}\n`
            : formatTable(report, { isColor }),
        )
      } catch (err) {
        bar?.done()
        if (isAppError(err)) {
          process.stderr.write(`custos bias-audit: ${err.userMessage}\n`)
          // Bad input exits 2; a missing tool (chromium for PDF) is an environment failure, 1.
          process.exitCode = err.code === 'unavailable' ? 1 : 2
          return
        }
        const message = err instanceof Error ? err.message : String(err)
        process.stderr.write(`custos bias-audit: unexpected failure: ${message}\n`)
        process.exitCode = 1
      }
    })
}
