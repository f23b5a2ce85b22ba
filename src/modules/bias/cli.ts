/**
 * `custos bias-audit` (docs/contracts.md): a thin edge that validates options, streams the file through
 * the counter, builds the report and prints it (table or JSON), optionally writing HTML or PDF.
 */
import { statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import { AppError, isAppError } from '../../core/errors.ts'
import { DEFAULT_MAX_GROUPS, formatCount, type TProgress } from './counting/index.ts'
import { formatTable } from './format-table.ts'
import { DEFAULT_MIN_GROUP_SIZE } from './report.ts'
import { renderHtml } from './report-html.ts'
import { renderPdf } from './report-pdf.ts'
import { MAX_GROUP_COLUMNS, MAX_GROUPS_LIMIT, runBiasAudit, type TBiasAuditFlags } from './service.ts'

/** Files above this size get a progress bar on a terminal. */
const PROGRESS_FROM_BYTES = 32 << 20

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

/** Refuse an --out whose folder does not exist before counting anything (bad option: exit 2). */
function checkOutFolder(out: string): void {
  const folder = dirname(resolve(out))
  let isFolder = false
  try {
    isFolder = statSync(folder).isDirectory()
  } catch {
    isFolder = false
  }
  if (!isFolder) throw new AppError('validation_failed', `--out ${out}: the folder ${folder} does not exist.`)
}

/** Write the HTML report; a file that cannot be written is a clear message, not a crash. */
function writeHtml(out: string, html: string): void {
  try {
    writeFileSync(out, html)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    throw new AppError('validation_failed', `--out ${out} cannot be written (${code}).`)
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
      `group attribute columns, comma-separated, at most ${MAX_GROUP_COLUMNS} (intersections are audited)`,
    )
    .requiredOption('--label <column>', 'true label column')
    .option('--pred <column>', 'predicted label column')
    .option('--score <column>', 'score column (with --threshold)')
    .option('--threshold <x>', 'a score at or above this is a positive prediction')
    .option('--positive <value>', 'value naming the positive class (default: 1, true, yes, match)')
    .option('--weight <column>', 'row weight column')
    .option(
      '--reference <key>',
      'reference group key, e.g. "sex=M|age=30-39", or a single-column key for that column\'s marginals (default: the group with most rows)',
    )
    .option(
      '--min-group-size <n>',
      `groups with fewer rows (counted rows, not summed weights) are marked insufficient (default ${DEFAULT_MIN_GROUP_SIZE})`,
    )
    .option(
      '--max-groups <n>',
      `stop with exit 2 past this many groups, each way: combinations of the --group columns, and their distinct values added up (default ${formatCount(DEFAULT_MAX_GROUPS)}, at most ${formatCount(MAX_GROUPS_LIMIT)})`,
    )
    .option('--bootstrap <n>', 'percentile bootstrap replicates drawn from the count table')
    .option('--seed <n>', 'bootstrap seed (default 1)')
    .option(
      '--face-match',
      'face-matching log (label positive = genuine pair, negative = impostor pair): adds summary.faceMatch with FMR (FPR over impostor pairs) and FNMR (FNR over genuine pairs) per group, their log10, ratio to the lowest group, max / geometric mean',
    )
    .option('--format <format>', 'table or json', 'table')
    .option('--out <file>', 'also write a report: .html (self-contained) or .pdf (needs chromium)')
    .action(async (file: string, flags: TBiasAuditFlags) => {
      const bar = process.stderr.isTTY ? progressBar() : null
      try {
        if (flags.out !== undefined) checkOutFolder(flags.out)
        const report = await runBiasAudit(file, flags, bar?.update)
        bar?.done()
        if (flags.out !== undefined) {
          if (/\.pdf$/i.test(flags.out)) await renderPdf(renderHtml(report), flags.out)
          else writeHtml(flags.out, renderHtml(report))
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
