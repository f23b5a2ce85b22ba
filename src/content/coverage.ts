/**
 * Framework coverage through the crosswalk (docs/methods/questionnaire.md): given the requirements an assessment shows
 * as met, which provisions of the ICoC, VPs, UNGPs and law anchors they reach. A link "R equal P" or
 * "R superset P" means meeting R meets all of P; "subset" or "related" only part of it.
 */
import type { TLibrary } from './library.ts'

export type TProvisionCoverage = 'covered' | 'partial' | 'none'

export type TFrameworkCoverage = {
  framework: string
  provisions: number
  covered: number
  partial: number
  /** covered / provisions, 0 when the framework has no provisions. */
  share: number
  byProvision: Record<string, TProvisionCoverage>
}

/** Coverage of every provision-based framework by the met requirements. */
export const crosswalkCoverage = (
  library: TLibrary,
  metRequirements: ReadonlySet<string>,
): TFrameworkCoverage[] => {
  const out: TFrameworkCoverage[] = []
  for (const entry of library.frameworks.values()) {
    if (entry.provisions.length === 0) continue
    const byProvision: Record<string, TProvisionCoverage> = {}
    let covered = 0
    let partial = 0
    for (const provision of entry.provisions) {
      let level: TProvisionCoverage = 'none'
      for (const link of library.crosswalk.get(provision.urn) ?? []) {
        if (link.direction !== 'incoming' || !metRequirements.has(link.other)) continue
        // Seen from the provision, the relationship is inverted: "R superset P" reads "P subset R".
        if (link.relationship === 'equal' || link.relationship === 'subset') {
          level = 'covered'
          break
        }
        level = 'partial'
      }
      byProvision[provision.urn] = level
      if (level === 'covered') covered++
      else if (level === 'partial') partial++
    }
    const provisions = entry.provisions.length
    out.push({ framework: entry.id, provisions, covered, partial, share: covered / provisions, byProvision })
  }
  return out
}
