/**
 * User-visible strings of the jurisdiction pages, kept beside them (same shape as
 * web/src/i18n/messages.ts, so translation can merge them later). `{name}` marks a parameter.
 */
import { interpolate } from '../../i18n/i18n.ts'

export const jurisdictionsEn = {
  'jur.title': 'Jurisdictions',
  'jur.intro':
    'What the law says in each country about the technology security providers use, with sources and dates. Unknown means not yet researched; it is never counted as covered.',
  'jur.search': 'Search by name or code',
  'jur.shown': '{count} of {total} jurisdictions',
  'jur.code': 'Code',
  'jur.name': 'Name',
  'jur.ruleOfLaw': 'Rule of law',
  'jur.enforcement': 'Enforcement',
  'jur.facts': 'Facts (yes / partial / no / unknown)',
  'jur.covered': 'Topics covered',
  'jur.observer': 'UN observer state',
  'jur.eu': 'EU member',
  'jur.back': 'All jurisdictions',
  'jur.topicsHeading': 'Regulatory topics',
  'jur.topic': 'Topic',
  'jur.status': 'Status',
  'jur.level': 'Gap level',
  'jur.instrument': 'Instrument',
  'jur.adopted': 'adopted {year}',
  'jur.inForce': 'in force from {date}',
  'jur.source': 'Source',
  'jur.asOf': 'as of {date}',
  'jur.note': 'Note',
  'jur.none': '—',
  'jur.governanceHeading': 'Governance indicators',
  'jur.governanceIntro':
    'World Bank Worldwide Governance Indicators, {year} estimates, from about −2.5 (weak) to +2.5 (strong). Enforcement context from rule of law: strong ≥ 0.5, weak < −0.5.',
  'jur.noValue': 'no value',
  'jur.membershipsHeading': 'Memberships',
  'jur.restrictionsHeading': 'Restrictions on technologies',
  'jur.noRestrictions': 'No restriction recorded.',
  'jur.openGap': 'Analyse a deployment here',

  'indicator.ruleOfLaw': 'Rule of law',
  'indicator.voiceAccountability': 'Voice and accountability',
  'indicator.governmentEffectiveness': 'Government effectiveness',
  'indicator.politicalStability': 'Political stability',
  'indicator.controlOfCorruption': 'Control of corruption',
  'indicator.regulatoryQuality': 'Regulatory quality',

  'membership.eu': 'European Union',
  'membership.eea': 'European Economic Area',
  'membership.iccpr': 'ICCPR state party',
  'membership.montreux': 'Montreux Document participant',
  'membership.vpi': 'Voluntary Principles government participant',
  'membership.icoca': 'ICoCA member government',
  'membership.true': 'yes',
  'membership.false': 'no',
  'membership.unknown': 'unknown',

  'level.covered': 'covered',
  'level.partial': 'partial',
  'level.absent': 'absent',
  'level.unknown': 'unknown',
  'enforcement.strong': 'strong',
  'enforcement.moderate': 'moderate',
  'enforcement.weak': 'weak',
  'enforcement.unknown': 'unknown',
  'importance.essential': 'essential',
  'importance.relevant': 'relevant',

  'gap.title': 'Gap analysis',
  'gap.intro':
    'Pick the technologies of a deployment and its countries. Where the law is absent, weak, unknown or differs between countries, the baseline safeguards apply to the whole deployment: the highest standard governs.',
  'gap.technologies': 'Technologies',
  'gap.countries': 'Countries',
  'gap.countriesHint': 'ISO 3166-1 alpha-2 codes separated by commas, e.g. DE, NG, BR.',
  'gap.run': 'Analyse',
  'gap.pickTechnology': 'Choose at least one technology.',
  'gap.matrixHeading': 'Matrix',
  'gap.matrixCaption': 'Gap level per topic and country; each cell names its level in words.',
  'gap.importance': 'Importance',
  'gap.across': 'Across countries',
  'gap.inconsistent': 'inconsistent',
  'gap.consistent': 'consistent',
  'gap.coverage': 'Coverage',
  'gap.coverageIntro': 'Share of the essential topics that are covered.',
  'gap.coverageTriggered': 'No essential topic is triggered: share of all triggered topics that are covered.',
  'gap.gapsHeading': 'Gaps ({count})',
  'gap.noGaps': 'Every triggered topic is covered in every country.',
  'gap.restrictionsHeading': 'Restrictions ({count})',
  'gap.noRestrictions': 'No restriction recorded for these technologies in these countries.',
  'gap.proposed': 'Proposed for the whole deployment',
  'gap.strictness': 'strictness {value}',
  'gap.baselineHeading': 'Baseline safeguards ({count})',
  'gap.baselineIntro': 'These apply throughout the deployment, in every country.',
  'gap.noBaseline': 'No baseline needed: every triggered topic is covered everywhere.',
  'gap.exportCsv': 'Export CSV',
  'gap.governance': 'Enforcement context',
  'gap.attribution': 'Governance data',

  'map.title': 'World map',
  'map.intro': 'Each country coloured by its gap level for one technology, or by the rule of law.',
  'map.colourBy': 'Colour by',
  'map.ruleOfLaw': 'Rule of law (World Bank WGI)',
  'map.technology': 'Gap level for {name}',
  'map.legend': 'Legend',
  'map.noData': 'no data',
  'map.levelNote':
    'A country is absent if any essential topic is absent, else partial, else unknown if any essential topic is not yet researched; covered only when every essential topic is covered.',
  'map.listHeading': 'Countries by colour',

  'sources.title': 'Data sources',
  'sources.intro': 'Where the jurisdiction facts and governance indicators come from.',
  'sources.governanceHeading': 'Governance indicators',
  'sources.licence': 'Licence: {licence}',
  'sources.endorse': 'The World Bank does not endorse Custos or its use of the data.',
  'sources.listHeading': 'Sources cited by the jurisdiction facts',
  'sources.publisher': 'Publisher',
  'sources.titleColumn': 'Title',
  'sources.edition': 'Edition / date',
  'sources.facts': 'Facts citing it',
  'sources.licenceColumn': 'Licence',
} as const

export type TJurisdictionMessageKey = keyof typeof jurisdictionsEn

/** The message for `key`, with parameters filled in. */
export function tj(key: TJurisdictionMessageKey, params?: Record<string, string | number>): string {
  return interpolate(jurisdictionsEn[key], params)
}
