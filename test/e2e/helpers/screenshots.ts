/** Screenshots of a journey, numbered in the order taken, under test-results/<journey>/. */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

const MAX_HEIGHT = 8000

const resultsRoot = fileURLToPath(new URL('../../../test-results/', import.meta.url))

export function screenshotter(journey: string) {
  const folder = join(resultsRoot, journey)
  // Start empty, so every picture in the folder belongs to this run.
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  let count = 0
  /** Saves a full-page PNG of the page as it is now; returns its path. */
  return async (page: Page, step: string): Promise<string> => {
    count += 1
    const path = join(folder, `${String(count).padStart(2, '0')}-${step}.png`)
    // From the top, so a sticky header is drawn where a person would see it.
    await page.evaluate('window.scrollTo(0, 0)')
    // Very tall captures (tens of thousands of pixels) are slow and have brought the browser down
    // under load; the first screens show what a person would check.
    const [width, height] = await page.evaluate<[number, number]>(
      '[document.documentElement.scrollWidth, document.documentElement.scrollHeight]',
    )
    const clip = height > MAX_HEIGHT ? { x: 0, y: 0, width, height: MAX_HEIGHT } : undefined
    await page.screenshot({ path, fullPage: true, clip })
    return path
  }
}
