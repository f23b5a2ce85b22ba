/**
 * Content is read by the people using Custos, so its notes give provenance a reader can use
 * ("checked against the cited page on 29 Nov 2026; the official text was not available"), never the
 * story of how it was written ("not re-confirmed in this session", "verified in the 2026-11 pass").
 * `processWords` finds such phrases; the content test refuses any text under content/ that has one
 * (docs/library.md, "Writing content").
 */

/** What each pattern catches, so the refusal can say what to write instead. */
const PROCESS_PATTERNS: readonly { pattern: RegExp; why: string }[] = [
  {
    // "this pass", "the 2026-11 G20 pass", "a later research round", "in this session"
    pattern:
      /\b(?:this|that|our|next|earlier|previous|later|last|research|verification|G20|\d{4}-\d{2})\s+(?:(?:research|verification|G20)\s+)?(?:pass|session|round)\b/i,
    why: 'names a stage of the research instead of a date',
  },
  {
    pattern: /\b(?:not|never|was|were|been|be)\s+(?:yet\s+)?re-?confirmed\b/i,
    why: 'says whether something was re-checked instead of what was checked against what, and when',
  },
  {
    pattern: /\bnot\s+yet\s+(?:searched|checked|verified|looked\s+up)\b/i,
    // "Not yet researched" stays: it is what the status `unknown` means (content/topics.yaml).
    why: 'promises work to come instead of saying what is known',
  },
]

export type TProcessWord = { phrase: string; why: string }

/** Each process phrase in `text`, as written, with the reason it is refused. */
export const processWords = (text: string): TProcessWord[] =>
  PROCESS_PATTERNS.flatMap(({ pattern, why }) => {
    const match = pattern.exec(text)
    return match ? [{ phrase: match[0], why }] : []
  })
