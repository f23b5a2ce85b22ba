/**
 * Membership lists used only to build the first skeleton of content/jurisdictions/*.yaml.
 * The YAML files are the source of truth; these lists are the researched inputs, each with the
 * source id it comes from (content/sources/jurisdictions.yaml) and the date the list describes.
 */

/** The 193 UN member states (ISO 3166-1 alpha-2). */
export const UN_MEMBERS: readonly string[] = [
  // Africa
  'DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CV', 'CM', 'CF', 'TD', 'KM', 'CG', 'CD', 'CI', 'DJ', 'EG', 'GQ', 'ER',
  'SZ', 'ET', 'GA', 'GM', 'GH', 'GN', 'GW', 'KE', 'LS', 'LR', 'LY', 'MG', 'MW', 'ML', 'MR', 'MU', 'MA', 'MZ',
  'NA', 'NE', 'NG', 'RW', 'ST', 'SN', 'SC', 'SL', 'SO', 'ZA', 'SS', 'SD', 'TZ', 'TG', 'TN', 'UG', 'ZM', 'ZW',
  // Americas
  'AG', 'AR', 'BS', 'BB', 'BZ', 'BO', 'BR', 'CA', 'CL', 'CO', 'CR', 'CU', 'DM', 'DO', 'EC', 'SV', 'GD', 'GT',
  'GY', 'HT', 'HN', 'JM', 'MX', 'NI', 'PA', 'PY', 'PE', 'KN', 'LC', 'VC', 'SR', 'TT', 'US', 'UY', 'VE',
  // Asia
  'AF', 'AM', 'AZ', 'BH', 'BD', 'BT', 'BN', 'KH', 'CN', 'CY', 'GE', 'IN', 'ID', 'IR', 'IQ', 'IL', 'JP', 'JO',
  'KZ', 'KW', 'KG', 'LA', 'LB', 'MY', 'MV', 'MN', 'MM', 'NP', 'KP', 'OM', 'PK', 'PH', 'QA', 'KR', 'SA', 'SG',
  'LK', 'SY', 'TJ', 'TH', 'TL', 'TR', 'TM', 'AE', 'UZ', 'VN', 'YE',
  // Europe
  'AL', 'AD', 'AT', 'BY', 'BE', 'BA', 'BG', 'HR', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IE',
  'IT', 'LV', 'LI', 'LT', 'LU', 'MT', 'MD', 'MC', 'ME', 'NL', 'MK', 'NO', 'PL', 'PT', 'RO', 'RU', 'SM', 'RS',
  'SK', 'SI', 'ES', 'SE', 'CH', 'UA', 'GB',
  // Oceania
  'AU', 'FJ', 'KI', 'MH', 'FM', 'NR', 'NZ', 'PW', 'PG', 'WS', 'SB', 'TO', 'TV', 'VU',
]

/** Non-member observer states of the UN General Assembly. */
export const UN_OBSERVERS: readonly string[] = ['VA', 'PS']

/** EU-27 (Greece is ISO GR; the EU itself writes EL). */
export const EU: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]

/** EEA = EU-27 plus the three EEA EFTA states. */
export const EEA_EFTA: readonly string[] = ['IS', 'LI', 'NO']

/**
 * ICCPR (UNTC chapter IV-4). Everyone else in scope is a state party. Six signatories that have not
 * ratified, and the states that have neither signed nor ratified. The counts agree with the
 * depositary's total of 174 parties (173 UN members plus the State of Palestine).
 */
export const ICCPR_SIGNED_NOT_RATIFIED: readonly string[] = ['CN', 'CU', 'KM', 'NR', 'PW', 'LC']
export const ICCPR_NO_ACTION: readonly string[] = [
  'BT', 'BN', 'MY', 'FM', 'MM', 'OM', 'SA', 'SG', 'SB', 'SS', 'KN', 'TO', 'TV', 'AE', 'VA',
]
/** States whose status we could not confirm from a source we read: recorded as unknown. */
export const ICCPR_UNCONFIRMED: readonly string[] = ['KI']

/** Montreux Document participants identified with their date (59 of the 61 states counted in 2026). */
export const MONTREUX: Readonly<Record<string, string>> = {
  AF: '2008-09-17', AO: '2008-09-17', AU: '2008-09-17', AT: '2008-09-17', CA: '2008-09-17', CN: '2008-09-17',
  FR: '2008-09-17', DE: '2008-09-17', IQ: '2008-09-17', PL: '2008-09-17', SL: '2008-09-17', ZA: '2008-09-17',
  SE: '2008-09-17', CH: '2008-09-17', GB: '2008-09-17', UA: '2008-09-17', US: '2008-09-17',
  MK: '2009-02-03', EC: '2009-02-12', AL: '2009-02-17', NL: '2009-02-20', BA: '2009-03-09', GR: '2009-03-13',
  PT: '2009-03-27', CL: '2009-04-06', UY: '2009-04-22', LI: '2009-04-27', QA: '2009-04-30', JO: '2009-05-18',
  ES: '2009-05-20', IT: '2009-06-15', UG: '2009-07-23', CY: '2009-09-29', GE: '2009-10-22',
  DK: '2010-08-09', HU: '2011-02-01', CR: '2011-10-25', FI: '2011-11-25', BE: '2012-02-28', NO: '2012-06-08',
  LT: '2012-06-13', SI: '2012-07-24', IS: '2012-10-22', BG: '2013-01-08', KW: '2013-05-02', HR: '2013-05-22',
  NZ: '2013-10-14', CZ: '2013-11-14', LU: '2013-11-27', JP: '2014-02-06', IE: '2014-11-13', MC: '2015-04-01',
  MG: '2015-11-09', EE: '2016-07-06', ME: 'unknown', PA: '2019-06-14', MT: '2020-09-29', SK: '2021-07-15',
  RO: '2023-09-21',
}

/** Voluntary Principles Initiative government participants (ten, as counted by the VPI in 2020). */
export const VPI: readonly string[] = ['AR', 'AU', 'CA', 'CO', 'GH', 'NL', 'NO', 'CH', 'GB', 'US']
/** Reported as a later government joiner but not confirmed against the VPI's own list. */
export const VPI_UNCONFIRMED: readonly string[] = ['MZ']

/** ICoCA member governments confirmed as of 8 April 2014 (six states). */
export const ICOCA: readonly string[] = ['US', 'GB', 'SE', 'NO', 'AU', 'CH']
/** Commonly cited as later government members, not confirmed from a source we read. */
export const ICOCA_UNCONFIRMED: readonly string[] = ['CA']
