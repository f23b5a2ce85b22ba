/**
 * PDF of the HTML report, printed by Debian's chromium in headless mode (no downloaded browser).
 * The command line writes it to a file; the API answers it (at most MAX_PRINTS at once, so a burst
 * of downloads cannot start a browser per request on a small server).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { AppError } from '../../core/errors.ts'

export const CHROMIUM = '/usr/bin/chromium'
const PRINT_TIMEOUT_MS = 60_000
/** Browsers printing at once for the API; more wait, up to MAX_WAITING, and the rest are refused. */
export const MAX_PRINTS = 2
export const MAX_WAITING = 8

type TPrintOptions = {
  chromium?: string
  /** What to do instead, said when chromium is missing (the command line names its --out). */
  insteadHint: string
}

/**
 * The PDF of `html`, printed in a temporary folder removed afterwards. Everything around the
 * browser is asynchronous, so the event loop serves other requests while it prints. A clear
 * AppError (`unavailable`) when chromium is missing, fails or writes nothing.
 */
export async function printPdf(html: string, options: TPrintOptions): Promise<Buffer> {
  const chromium = options.chromium ?? CHROMIUM
  if (!existsSync(chromium)) {
    throw new AppError(
      'unavailable',
      `PDF output needs ${chromium} (Debian package chromium); ${options.insteadHint}`,
    )
  }
  const dir = await mkdtemp(join(tmpdir(), 'custos-pdf-'))
  try {
    const page = join(dir, 'report.html')
    const target = join(dir, 'report.pdf')
    await writeFile(page, html)
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${target}`,
      pathToFileURL(page).href,
    ]
    const code = await new Promise<number>((done) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] })
      const timer = setTimeout(() => child.kill('SIGKILL'), PRINT_TIMEOUT_MS)
      child.stderr.resume()
      child.on('error', () => done(-1))
      child.on('close', (c) => {
        clearTimeout(timer)
        done(c ?? -1)
      })
    })
    const pdf = code === 0 ? await readFile(target).catch(() => null) : null
    if (!pdf || pdf.length === 0) {
      throw new AppError('unavailable', `chromium could not print the PDF (exit ${code}).`)
    }
    return pdf
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Print `html` to `outPath` as PDF (the command line's --out); nothing is written on failure. */
export async function renderPdf(html: string, outPath: string, chromium = CHROMIUM): Promise<void> {
  const pdf = await printPdf(html, { chromium, insteadHint: 'write --out report.html instead.' })
  await writeFile(outPath, pdf)
}

let printing = 0
const waiting: (() => void)[] = []

/**
 * printPdf for the API: at most MAX_PRINTS browsers at once, MAX_WAITING requests queued behind
 * them, and any more refused with `unavailable` (503) rather than piling up browsers.
 */
export async function printPdfQueued(html: string, options: TPrintOptions): Promise<Buffer> {
  if (printing >= MAX_PRINTS) {
    if (waiting.length >= MAX_WAITING) {
      throw new AppError(
        'unavailable',
        'The server is printing other PDF reports right now. Try again in a minute, or download the HTML report.',
      )
    }
    await new Promise<void>((go) => waiting.push(go))
  } else printing++
  try {
    return await printPdf(html, options)
  } finally {
    // Hand the slot to the next waiting request, or free it.
    const next = waiting.shift()
    if (next) next()
    else printing--
  }
}
