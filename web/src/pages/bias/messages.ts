/**
 * User-visible strings of the bias audit page, kept beside it (same shape as
 * web/src/i18n/messages.ts, so translation can merge them later). `{name}` marks a parameter.
 */
import { translatorFor } from '../../i18n/i18n.ts'

export const biasEn = {
  'bias.title': 'Bias audit',
  'bias.intro':
    'Check whether a face matcher, a threat flag, an access decision or a vetting score makes more mistakes for some groups of people. Upload your own decision log; it is counted as it arrives and only the counts and results are kept.',
  'bias.file': 'Decision log (CSV, or CSV compressed with gzip)',
  'bias.columns': 'Columns found: {list}',
  'bias.noHeader': 'No header row found at the start of this file.',
  'bias.groups': 'Group columns (each combination is a group)',
  'bias.label': 'True outcome column',
  'bias.mode': 'The system’s decision is',
  'bias.modePred': 'a yes/no column',
  'bias.modeScore': 'a score with a threshold',
  'bias.pred': 'Decision column',
  'bias.score': 'Score column',
  'bias.threshold': 'Threshold (a score at or above it counts as positive)',
  'bias.positive': 'Value meaning positive (leave empty for 1, true, yes, match)',
  'bias.weight': 'Weight column (optional)',
  'bias.none': '— none —',
  'bias.minGroup': 'Smallest group to read without caution (rows)',
  'bias.bootstrap': 'Bootstrap replicates (0 for none)',
  'bias.run': 'Run the audit',
  'bias.uploading': 'Uploading and counting… {percent} %',
  'bias.needColumns': 'Pick at least one group column, the outcome column and the decision.',
  'bias.resultHeading': 'Result',
  'bias.rows': '{rows} rows read, {skipped} skipped.',
  'bias.skipReason': 'Skipped: {reason} ({count}; first data rows {first})',
  'bias.plotSelection': 'Selection rate by group, with 95 % intervals',
  'bias.plotTpr': 'True positive rate by group, with 95 % intervals',
  'bias.plotFpr': 'False positive rate by group, with 95 % intervals',
  'bias.undefined': 'undefined',
  'bias.group': 'Group',
  'bias.n': 'n',
  'bias.sr': 'Selection rate',
  'bias.tpr': 'TPR',
  'bias.fpr': 'FPR',
  'bias.air': 'Ratio to highest selection rate',
  'bias.notes': 'Notes',
  'bias.small': 'small group',
  'bias.flagged': 'below 0.8',
  'bias.dpd': 'Demographic parity difference',
  'bias.dpr': 'Demographic parity ratio',
  'bias.eod': 'Equalized odds difference',
  'bias.eor': 'Equalized odds ratio',
  'bias.fourFifths':
    'The four-fifths rule (ratio below 0.8) is an indicator to investigate, not a verdict: read it with the group sizes and intervals.',
  'bias.history': 'Earlier audits',
  'bias.noHistory': 'No audits yet.',
  'bias.file.col': 'File',
  'bias.status': 'Status',
  'bias.when': 'Started',
  'bias.status.running': 'running',
  'bias.status.done': 'done',
  'bias.status.failed': 'failed (the server stopped during the upload)',
} as const

export type TBiasMessageKey = keyof typeof biasEn

/** The bias message for `key`, with parameters filled in. */
export const tb = translatorFor(biasEn)
