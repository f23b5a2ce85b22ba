/**
 * PDF of the HTML report, printed by Debian's chromium in headless mode (no downloaded browser).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { AppError } from '../../core/errors.ts'

export const CHROMIUM = '/usr/bin/chromium'
const PRINT_TIMEOUT_MS = 60_000

/** Print `html` to `outPath` as PDF; a clear AppError when chromium is missing or fails. */
export async function renderPdf(html: string, outPath: string, chromium = CHROMIUM): Promise<void> {
  if (!existsSync(chromium)) {
    throw new AppError(
      'unavailable',
      `PDF output needs ${chromium} (Debian package chromium); write --out report.html instead.`,
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'custos-pdf-'))
  try {
    const page = join(dir, 'report.html')
    writeFileSync(page, html)
    const target = resolve(outPath)
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
    if (code !== 0 || !existsSync(target) || statSync(target).size === 0) {
      throw new AppError('unavailable', `chromium could not print the PDF (exit ${code}).`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
