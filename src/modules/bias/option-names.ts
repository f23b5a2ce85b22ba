/**
 * How each surface spells the bias-audit options in its messages. The same checks run for the
 * command line and the API, but a message must name what its reader typed: `--min-group-size` on the
 * command line, `minGroupSize` in the upload's query — an API client has no flags.
 */

export type TOptionKey =
  | 'group'
  | 'label'
  | 'pred'
  | 'score'
  | 'threshold'
  | 'positive'
  | 'weight'
  | 'reference'
  | 'minGroupSize'
  | 'maxGroups'
  | 'bootstrap'
  | 'seed'
  | 'faceMatch'
  | 'format'
  | 'out'

/** Plain data (no functions), so it travels to the counting worker thread with the options. */
export type TOptionNaming = {
  /** Each option as its users type it. */
  names: Readonly<Record<TOptionKey, string>>
  /** What joins an option and its value: `--score <column>`, `score=<column>`. */
  assign: ' ' | '='
}

export const CLI_NAMING: TOptionNaming = {
  names: {
    group: '--group',
    label: '--label',
    pred: '--pred',
    score: '--score',
    threshold: '--threshold',
    positive: '--positive',
    weight: '--weight',
    reference: '--reference',
    minGroupSize: '--min-group-size',
    maxGroups: '--max-groups',
    bootstrap: '--bootstrap',
    seed: '--seed',
    faceMatch: '--face-match',
    format: '--format',
    out: '--out',
  },
  assign: ' ',
}

/** The query fields of POST /api/bias-audits (schemas.ts). */
export const API_NAMING: TOptionNaming = {
  names: {
    group: 'group',
    label: 'label',
    pred: 'pred',
    score: 'score',
    threshold: 'threshold',
    positive: 'positive',
    weight: 'weight',
    reference: 'reference',
    minGroupSize: 'minGroupSize',
    maxGroups: 'maxGroups',
    bootstrap: 'bootstrap',
    seed: 'seed',
    faceMatch: 'faceMatch',
    format: 'format',
    out: 'out',
  },
  assign: '=',
}

/** An option with a placeholder for its value, as a message shows it: `--score <column>`. */
export const withValue = (naming: TOptionNaming, key: TOptionKey, placeholder: string): string =>
  `${naming.names[key]}${naming.assign}<${placeholder}>`
