/**
 * Writes scripts/jurisdictions/research/20-dp.yaml: data_protection_law and
 * data_protection_authority outside the EU/EEA. Each row names its source id
 * (content/sources/jurisdictions.yaml). Rows citing a tracker (unctad-dp-tracker) are candidates
 * from Custos research, checked neither against the tracker entry nor the law's own text yet:
 * their note says "secondary source" so that they are easy to find and confirm. Rows citing a page we read name that page's source id.
 * Run: npx tsx scripts/jurisdictions/dp-batch.ts && npx tsx scripts/jurisdictions/build.ts
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { type TCheck, VERIFIED } from './dp-verified.ts'

const OUT = join(new URL('./research/', import.meta.url).pathname, '20-dp.yaml')
const TRACKER = 'unctad-dp-tracker'
const SECONDARY =
  'Secondary source: candidate from Custos research, not verified against a source in this pass (2026-11); kept because we are highly confident of it. The cited tracker is where to confirm it.'
const CHECKED: Readonly<Record<TCheck, string>> = {
  primary: 'Verified in the 2026-11 pass against the cited primary source.',
  secondary:
    'Secondary source: verified in the 2026-11 pass against the cited page, not against the official text.',
}
const DOWNGRADED_LAW =
  'Searched (2026-11 pass): the tracker candidate could not be confirmed on any page we read, so it is not asserted.'

type TStatus = 'yes' | 'partial' | 'no'
type TRow = {
  law: TStatus | 'unknown'
  title?: string
  adopted?: number
  inForce?: string
  lawSource?: string
  lawLocator?: string
  lawNote?: string
  dpa: TStatus | 'unknown'
  dpaName?: string
  dpaSource?: string
  dpaNote?: string
}

const R: Readonly<Record<string, TRow>> = {
  // Europe outside the EU/EEA
  GB: {
    law: 'yes',
    title: 'Data Protection Act 2018 and UK GDPR',
    adopted: 2018,
    inForce: '2018-05-25',
    lawSource: 'law-gb-dpa-2018',
    lawLocator: 'ss. 1–215; UK GDPR as retained',
    dpa: 'yes',
    dpaName: "Information Commissioner's Office (ICO)",
    dpaSource: 'reg-gb-ico',
    lawNote: 'Amended by the Data (Use and Access) Act 2025, whose provisions commence in stages.',
  },
  CH: {
    law: 'yes',
    title: 'Federal Act on Data Protection (revised FADP)',
    adopted: 2020,
    inForce: '2023-09-01',
    lawSource: 'law-ch-fadp-2020',
    lawLocator: 'SR 235.1',
    dpa: 'yes',
    dpaName: 'Federal Data Protection and Information Commissioner (FDPIC)',
    dpaSource: 'reg-ch-fdpic',
  },
  TR: {
    law: 'yes',
    title: 'Law No. 6698 on the Protection of Personal Data (KVKK)',
    adopted: 2016,
    inForce: '2016-04-07',
    lawSource: 'reg-tr-kvkk',
    lawLocator: 'Law No. 6698',
    dpa: 'yes',
    dpaName: 'Personal Data Protection Authority (KVKK)',
    dpaSource: 'reg-tr-kvkk',
  },
  RU: {
    law: 'yes',
    title: 'Federal Law No. 152-FZ "On Personal Data"',
    adopted: 2006,
    inForce: '2007-01-26',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Roskomnadzor (federal service under the government, not independent)',
    dpaSource: TRACKER,
  },
  UA: {
    law: 'yes',
    title: 'Law of Ukraine No. 2297-VI "On Personal Data Protection"',
    adopted: 2010,
    inForce: '2011-01-01',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName:
      'Ukrainian Parliament Commissioner for Human Rights (oversight function; no separate data protection authority)',
    dpaSource: TRACKER,
  },
  RS: {
    law: 'yes',
    title: 'Law on Personal Data Protection (Official Gazette 87/2018)',
    adopted: 2018,
    inForce: '2019-08-21',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Commissioner for Information of Public Importance and Personal Data Protection',
    dpaSource: TRACKER,
  },
  MK: {
    law: 'yes',
    title: 'Law on Personal Data Protection (Official Gazette 42/2020)',
    adopted: 2020,
    inForce: '2020-02-24',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Personal Data Protection Agency',
    dpaSource: TRACKER,
  },
  MD: {
    law: 'yes',
    title: 'Law No. 133/2011 on personal data protection',
    adopted: 2011,
    inForce: '2012',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'National Center for Personal Data Protection',
    dpaSource: TRACKER,
  },
  GE: {
    law: 'yes',
    title: 'Law of Georgia on Personal Data Protection (2023)',
    adopted: 2023,
    inForce: '2024-03-01',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Personal Data Protection Service',
    dpaSource: TRACKER,
  },
  AM: {
    law: 'yes',
    title: 'Law on Protection of Personal Data',
    adopted: 2015,
    inForce: '2015-07-01',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Personal Data Protection Agency (within the Ministry of Justice)',
    dpaSource: TRACKER,
  },
  AZ: {
    law: 'yes',
    title: 'Law on Personal Data',
    adopted: 2010,
    inForce: '2010',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  BY: {
    law: 'yes',
    title: 'Law No. 99-Z on Personal Data Protection',
    adopted: 2021,
    inForce: '2021-11-15',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'National Personal Data Protection Center (state institution)',
    dpaSource: TRACKER,
  },
  AD: {
    law: 'yes',
    title: 'Llei 29/2021 qualificada de protecció de dades personals',
    adopted: 2021,
    inForce: '2022-05-17',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Agència Andorrana de Protecció de Dades (APDA)',
    dpaSource: TRACKER,
  },
  SM: {
    law: 'yes',
    title:
      'Law No. 171 of 21 December 2018 on the protection of natural persons with regard to the processing of personal data',
    adopted: 2018,
    inForce: '2019',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Autorità Garante per la protezione dei dati personali',
    dpaSource: TRACKER,
  },
  // Americas
  US: {
    law: 'partial',
    title:
      'Privacy Act of 1974 (federal agencies) and sectoral federal laws; comprehensive consumer privacy laws only at state level (e.g. California Consumer Privacy Act 2018)',
    adopted: 1974,
    inForce: '1975-09-27',
    lawSource: 'law-us-privacy-act-1974',
    lawLocator: '5 U.S.C. § 552a',
    lawNote:
      'No comprehensive federal data protection law for the private sector; coverage depends on sector and state (sub-national, not generalised here).',
    dpa: 'partial',
    dpaName:
      'Federal Trade Commission (unfair or deceptive practices; no dedicated federal data protection authority); California Privacy Protection Agency at state level',
    dpaSource: 'reg-us-ftc',
  },
  CA: {
    law: 'yes',
    title:
      'Personal Information Protection and Electronic Documents Act (PIPEDA), S.C. 2000, c. 5; Privacy Act (R.S.C. 1985, c. P-21) for federal institutions',
    adopted: 2000,
    inForce: '2001-01-01',
    lawSource: 'law-ca-pipeda',
    lawLocator: 'Part 1, Schedule 1',
    lawNote:
      'Several provinces have substantially similar private-sector laws (e.g. Quebec, Alberta, British Columbia).',
    dpa: 'yes',
    dpaName: 'Office of the Privacy Commissioner of Canada',
    dpaSource: 'reg-ca-opc',
  },
  BR: {
    law: 'yes',
    title: 'Lei nº 13.709/2018, Lei Geral de Proteção de Dados Pessoais (LGPD)',
    adopted: 2018,
    inForce: '2020-09-18',
    lawSource: 'law-br-lgpd-2018',
    lawLocator: 'Art. 1–65',
    lawNote: 'Administrative sanctions apply from 1 Aug 2021.',
    dpa: 'yes',
    dpaName: 'Autoridade Nacional de Proteção de Dados (ANPD)',
    dpaSource: 'reg-br-anpd',
  },
  AR: {
    law: 'yes',
    title: 'Ley 25.326 de Protección de los Datos Personales',
    adopted: 2000,
    inForce: '2000-11-02',
    lawSource: 'reg-ar-aaip',
    lawLocator: 'Ley 25.326',
    dpa: 'yes',
    dpaName: 'Agencia de Acceso a la Información Pública (AAIP)',
    dpaSource: 'reg-ar-aaip',
  },
  MX: {
    law: 'yes',
    title: 'Ley Federal de Protección de Datos Personales en Posesión de los Particulares (2025)',
    adopted: 2025,
    inForce: '2025-03-21',
    lawSource: 'sec-mx-lfpdppp-2025',
    lawLocator: 'DOF 20 Mar 2025',
    lawNote: 'Replaced the 2010 law of the same name. Secondary source (law-firm summaries).',
    dpa: 'partial',
    dpaName:
      'Secretaría Anticorrupción y Buen Gobierno (a ministry; the autonomous INAI was abolished in 2025)',
    dpaSource: 'sec-mx-lfpdppp-2025',
    dpaNote:
      'Oversight moved from an autonomous body to the executive in March 2025, so independence is reduced. Secondary source.',
  },
  CO: {
    law: 'yes',
    title: 'Ley Estatutaria 1581 de 2012',
    adopted: 2012,
    inForce: '2012-10-18',
    lawSource: 'reg-co-sic',
    lawLocator: 'Ley 1581 de 2012',
    dpa: 'yes',
    dpaName: 'Superintendencia de Industria y Comercio (Delegatura para la Protección de Datos Personales)',
    dpaSource: 'reg-co-sic',
  },
  PE: {
    law: 'yes',
    title: 'Ley 29733 de Protección de Datos Personales',
    adopted: 2011,
    inForce: '2013-05-08',
    lawSource: TRACKER,
    lawNote: 'Regulation replaced by Supreme Decree 016-2024-JUS (secondary source).',
    dpa: 'partial',
    dpaName:
      'Autoridad Nacional de Protección de Datos Personales (a directorate of the Ministry of Justice, not independent)',
    dpaSource: TRACKER,
  },
  CL: {
    law: 'yes',
    title:
      'Ley 19.628 sobre protección de la vida privada (1999); Ley 21.719 (2024) replaces its core and creates an agency',
    adopted: 1999,
    inForce: '1999-10-28',
    lawSource: TRACKER,
    lawNote:
      'Ley 21.719 was reported to take effect on 1 Dec 2026; until then the older, weaker Ley 19.628 applies (secondary source).',
    dpa: 'partial',
    dpaName:
      'Agencia de Protección de Datos Personales (created by Ley 21.719, starting operations as the law takes effect)',
    dpaSource: TRACKER,
    dpaNote:
      'No operating authority under Ley 19.628; the new agency was only being set up at the as-of date (secondary source).',
  },
  EC: {
    law: 'yes',
    title: 'Ley Orgánica de Protección de Datos Personales (LOPDP)',
    adopted: 2021,
    inForce: '2021-05-26',
    lawSource: TRACKER,
    lawNote: 'Sanctions regime applied two years after publication (secondary source).',
    dpa: 'partial',
    dpaName: 'Superintendencia de Protección de Datos Personales',
    dpaSource: TRACKER,
    dpaNote: 'Created by the LOPDP; how far it is operating was not confirmed (secondary source).',
  },
  UY: {
    law: 'yes',
    title: 'Ley 18.331 de Protección de Datos Personales',
    adopted: 2008,
    inForce: '2008-08-18',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Unidad Reguladora y de Control de Datos Personales (URCDP)',
    dpaSource: TRACKER,
  },
  CR: {
    law: 'yes',
    title: 'Ley 8968 de Protección de la Persona frente al tratamiento de sus datos personales',
    adopted: 2011,
    inForce: '2011-09-05',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Agencia de Protección de Datos de los Habitantes (PRODHAB)',
    dpaSource: TRACKER,
  },
  PA: {
    law: 'yes',
    title: 'Ley 81 de 2019 sobre Protección de Datos Personales',
    adopted: 2019,
    inForce: '2021-03-29',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Autoridad Nacional de Transparencia y Acceso a la Información (ANTAI)',
    dpaSource: TRACKER,
  },
  NI: {
    law: 'yes',
    title: 'Ley 787 de Protección de Datos Personales',
    adopted: 2012,
    inForce: '2012-03-29',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  DO: {
    law: 'yes',
    title: 'Ley 172-13 sobre protección de datos de carácter personal',
    adopted: 2013,
    inForce: '2013',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  GT: {
    law: 'no',
    lawSource: 'sec-gt-dp',
    lawNote:
      'No comprehensive data protection law; only constitutional habeas data (Art. 31), the Access to Public Information Law (Decreto 57-2008) and case law. Bills were tabled in 2025. Secondary source.',
    dpa: 'no',
    dpaSource: 'sec-gt-dp',
    dpaNote: 'No data protection authority exists because there is no general law (secondary source).',
  },
  JM: {
    law: 'yes',
    title: 'Data Protection Act, 2020',
    adopted: 2020,
    inForce: '2023-12-01',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Office of the Information Commissioner',
    dpaSource: TRACKER,
  },
  BB: {
    law: 'yes',
    title: 'Data Protection Act, 2019-29',
    adopted: 2019,
    inForce: '2021',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Data Protection Commissioner',
    dpaSource: TRACKER,
  },
  BS: {
    law: 'yes',
    title: 'Data Protection (Privacy of Personal Information) Act, 2003',
    adopted: 2003,
    inForce: '2007',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Data Protection Commissioner',
    dpaSource: TRACKER,
  },
  TT: {
    law: 'partial',
    title: 'Data Protection Act, 2011 (only partly proclaimed)',
    adopted: 2011,
    inForce: '2012',
    lawSource: TRACKER,
    lawNote:
      'Only some parts were brought into force; the private-sector provisions were not (secondary source).',
    dpa: 'no',
    dpaSource: TRACKER,
    dpaNote: 'The Information Commissioner provided for by the Act was not established (secondary source).',
  },
  AG: {
    law: 'yes',
    title: 'Data Protection Act, 2013',
    adopted: 2013,
    inForce: '2013',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  KN: {
    law: 'yes',
    title: 'Data Protection Act, 2018',
    adopted: 2018,
    inForce: '2018',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  LC: {
    law: 'yes',
    title: 'Data Protection Act, 2011',
    adopted: 2011,
    inForce: '2011',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  CU: {
    law: 'yes',
    title: 'Ley 149/2022 de Protección de Datos Personales',
    adopted: 2022,
    inForce: '2022',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  // Asia and the Middle East
  CN: {
    law: 'yes',
    title: 'Personal Information Protection Law (PIPL)',
    adopted: 2021,
    inForce: '2021-11-01',
    lawSource: TRACKER,
    lawNote: 'Adopted 20 Aug 2021 by the NPC Standing Committee.',
    dpa: 'partial',
    dpaName: 'Cyberspace Administration of China and sector regulators (government bodies, not independent)',
    dpaSource: TRACKER,
  },
  JP: {
    law: 'yes',
    title: 'Act on the Protection of Personal Information (APPI), Act No. 57 of 2003',
    adopted: 2003,
    inForce: '2005-04-01',
    lawSource: 'reg-jp-ppc',
    lawLocator: 'APPI (as amended 2015, 2020, 2021)',
    dpa: 'yes',
    dpaName: 'Personal Information Protection Commission (PPC)',
    dpaSource: 'reg-jp-ppc',
  },
  KR: {
    law: 'yes',
    title: 'Personal Information Protection Act (PIPA)',
    adopted: 2011,
    inForce: '2011-09-30',
    lawSource: 'reg-kr-pipc',
    lawLocator: 'PIPA (as amended 2020, 2023)',
    dpa: 'yes',
    dpaName: 'Personal Information Protection Commission (PIPC)',
    dpaSource: 'reg-kr-pipc',
  },
  IN: {
    law: 'partial',
    title: 'Digital Personal Data Protection Act, 2023 (Act 22 of 2023) and DPDP Rules, 2025',
    adopted: 2023,
    inForce: '2025-11-13',
    lawSource: 'sec-in-dpdp-rules-2025',
    lawLocator: 'Gazette notifications of 13 Nov 2025',
    lawNote:
      'Commencement is staggered: institutional provisions from 13 Nov 2025, most duties of data fiduciaries only 18 months later (May 2027). Partial until then. Secondary source.',
    dpa: 'yes',
    dpaName: 'Data Protection Board of India (established 13 Nov 2025)',
    dpaSource: 'sec-in-dpdp-rules-2025',
    dpaNote: 'The Board is an adjudicatory body set up by government notification; secondary source.',
  },
  ID: {
    law: 'yes',
    title: 'Law No. 27 of 2022 on Personal Data Protection (UU PDP)',
    adopted: 2022,
    inForce: '2024-10-17',
    lawSource: TRACKER,
    lawNote: 'Enacted 17 Oct 2022 with a two-year transition (secondary source).',
    dpa: 'no',
    dpaSource: TRACKER,
    dpaNote:
      'The supervisory agency the law requires had not been confirmed as established in the material checked (secondary source).',
  },
  PH: {
    law: 'yes',
    title: 'Data Privacy Act of 2012 (Republic Act No. 10173)',
    adopted: 2012,
    inForce: '2012-09-08',
    lawSource: 'reg-ph-npc',
    lawLocator: 'RA 10173',
    dpa: 'yes',
    dpaName: 'National Privacy Commission',
    dpaSource: 'reg-ph-npc',
  },
  SG: {
    law: 'yes',
    title: 'Personal Data Protection Act 2012 (No. 26 of 2012)',
    adopted: 2012,
    inForce: '2014-07-02',
    lawSource: 'reg-sg-pdpc',
    lawLocator: 'PDPA 2012',
    lawNote: 'Covers the private sector; public agencies are governed separately.',
    dpa: 'yes',
    dpaName: 'Personal Data Protection Commission (PDPC)',
    dpaSource: 'reg-sg-pdpc',
  },
  MY: {
    law: 'yes',
    title: 'Personal Data Protection Act 2010 (Act 709)',
    adopted: 2010,
    inForce: '2013-11-15',
    lawSource: TRACKER,
    lawNote:
      'Applies to commercial transactions only; federal and state governments are outside it (secondary source).',
    dpa: 'partial',
    dpaName: 'Personal Data Protection Commissioner (within a federal ministry)',
    dpaSource: TRACKER,
  },
  TH: {
    law: 'yes',
    title: 'Personal Data Protection Act B.E. 2562 (2019)',
    adopted: 2019,
    inForce: '2022-06-01',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Personal Data Protection Committee and its Office (PDPC)',
    dpaSource: TRACKER,
  },
  VN: {
    law: 'yes',
    title:
      'Decree 13/2023/ND-CP on personal data protection; Law on Personal Data Protection No. 91/2025/QH15',
    adopted: 2023,
    inForce: '2023-07-01',
    lawSource: TRACKER,
    lawNote: 'The 2025 law was reported to apply from 1 Jan 2026 (secondary source).',
    dpa: 'partial',
    dpaName: 'Ministry of Public Security (cybersecurity department; not independent)',
    dpaSource: TRACKER,
  },
  MN: {
    law: 'yes',
    title: 'Law of Mongolia on Personal Data Protection',
    adopted: 2021,
    inForce: '2022-05-01',
    lawSource: 'sec-mn-pdpl',
    lawLocator: 'Art. 1–3 (scope)',
    lawNote:
      'Adopted 17 Dec 2021; replaced the 1995 Law on Personal Secrets. Secondary source (WorldLII translation, DataGuidance).',
    dpa: 'partial',
    dpaName:
      'National Human Rights Commission of Mongolia (oversight) and the Ministry of Digital Development and Communications',
    dpaSource: 'sec-mn-pdpl',
    dpaNote:
      'Oversight is split between a human rights commission and a ministry; no dedicated authority. Secondary source.',
  },
  KZ: {
    law: 'yes',
    title: 'Law No. 94-V on Personal Data and their Protection',
    adopted: 2013,
    inForce: '2013-11-25',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Authorised body within the ministry responsible for digital development (not independent)',
    dpaSource: TRACKER,
  },
  KG: {
    law: 'yes',
    title: 'Law on Personal Information',
    adopted: 2008,
    inForce: '2008',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'State Agency for Personal Data Protection (government agency)',
    dpaSource: TRACKER,
  },
  UZ: {
    law: 'yes',
    title: 'Law No. ZRU-547 on Personal Data',
    adopted: 2019,
    inForce: '2019-10-01',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'State Personalization Center (government body)',
    dpaSource: TRACKER,
  },
  MM: {
    law: 'partial',
    title:
      'Law Protecting the Privacy and Security of Citizens (Union Parliament Law 5/2017); Electronic Transactions Law as amended by Law 7/2021',
    adopted: 2017,
    inForce: '2017-03-08',
    lawSource: 'sec-mm-dp',
    lawNote:
      'No specific data protection law; privacy-of-communications provisions, and personal data sections added to the Electronic Transactions Law in 2021 with broad state exceptions. Key privacy sections were suspended in Feb 2021. Secondary source.',
    dpa: 'no',
    dpaSource: 'sec-mm-dp',
    dpaNote: 'No data protection authority (secondary source).',
  },
  LK: {
    law: 'partial',
    title: 'Personal Data Protection Act, No. 9 of 2022',
    adopted: 2022,
    inForce: '2022-03-19',
    lawSource: TRACKER,
    lawNote: 'Operative provisions were postponed by amendment; treat as partly in force (secondary source).',
    dpa: 'partial',
    dpaName: 'Data Protection Authority of Sri Lanka',
    dpaSource: TRACKER,
  },
  NP: {
    law: 'yes',
    title: 'Individual Privacy Act, 2075 (2018)',
    adopted: 2018,
    inForce: '2019-09-18',
    lawSource: TRACKER,
    dpa: 'no',
    dpaSource: TRACKER,
    dpaNote: 'No dedicated authority (secondary source).',
  },
  IL: {
    law: 'yes',
    title: 'Protection of Privacy Law, 5741-1981 (as amended, incl. Amendment 13)',
    adopted: 1981,
    inForce: '1981',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Privacy Protection Authority',
    dpaSource: TRACKER,
  },
  JO: {
    law: 'yes',
    title: 'Personal Data Protection Law No. 24 of 2023',
    adopted: 2023,
    inForce: '2024-03-17',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Personal Data Protection Council (chaired by the ministry responsible for digital economy)',
    dpaSource: TRACKER,
  },
  LB: {
    law: 'partial',
    title: 'Law No. 81 of 2018 on Electronic Transactions and Personal Data',
    adopted: 2018,
    inForce: '2019',
    lawSource: TRACKER,
    dpa: 'no',
    dpaSource: TRACKER,
    dpaNote: 'The law gives oversight to a ministry; no independent authority (secondary source).',
  },
  SA: {
    law: 'yes',
    title:
      'Personal Data Protection Law (Royal Decree M/19 of 1443H, amended by Royal Decree M/148 of 1444H)',
    adopted: 2021,
    inForce: '2023-09-14',
    lawSource: 'reg-sa-sdaia',
    lawLocator: 'PDPL and Implementing Regulations',
    dpa: 'partial',
    dpaName: 'Saudi Data and AI Authority (SDAIA), a government authority',
    dpaSource: 'reg-sa-sdaia',
  },
  AE: {
    law: 'partial',
    title: 'Federal Decree-Law No. 45 of 2021 on the Protection of Personal Data',
    adopted: 2021,
    inForce: '2022-01-02',
    lawSource: TRACKER,
    lawNote:
      'Executive regulations needed for enforcement had not been confirmed as issued; the DIFC and ADGM free zones have their own data protection laws (secondary source).',
    dpa: 'partial',
    dpaName:
      'UAE Data Office (federal); DIFC Commissioner of Data Protection and ADGM Office of Data Protection in the free zones',
    dpaSource: TRACKER,
  },
  QA: {
    law: 'yes',
    title: 'Law No. 13 of 2016 on Protecting Personal Data Privacy',
    adopted: 2016,
    inForce: '2017',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'National Data Privacy Office (within the National Cyber Security Agency)',
    dpaSource: TRACKER,
  },
  BH: {
    law: 'yes',
    title: 'Law No. 30 of 2018 on Personal Data Protection',
    adopted: 2018,
    inForce: '2019-08-01',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Personal Data Protection Authority',
    dpaSource: TRACKER,
  },
  OM: {
    law: 'yes',
    title: 'Personal Data Protection Law (Royal Decree 6/2022)',
    adopted: 2022,
    inForce: '2023-02-13',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Ministry of Transport, Communications and Information Technology',
    dpaSource: TRACKER,
  },
  KW: {
    law: 'partial',
    title: 'CITRA Data Privacy Protection Regulation (Resolution No. 26 of 2024)',
    adopted: 2024,
    inForce: '2024',
    lawSource: TRACKER,
    lawNote:
      'A sector regulation for telecom and IT service providers, not a general law (secondary source).',
    dpa: 'partial',
    dpaName: 'Communication and Information Technology Regulatory Authority (CITRA), sector regulator',
    dpaSource: TRACKER,
  },
  // Africa
  NG: {
    law: 'yes',
    title: 'Nigeria Data Protection Act, 2023',
    adopted: 2023,
    inForce: '2023-06-12',
    lawSource: 'reg-ng-ndpc',
    lawLocator: 'Parts I–XII',
    lawNote:
      'Signed 12 Jun 2023 and in force on signature; replaced the NDPR 2019 framework (checked in news and FPF analysis).',
    dpa: 'yes',
    dpaName: 'Nigeria Data Protection Commission (NDPC)',
    dpaSource: 'reg-ng-ndpc',
  },
  ZA: {
    law: 'yes',
    title: 'Protection of Personal Information Act, 2013 (Act 4 of 2013, POPIA)',
    adopted: 2013,
    inForce: '2020-07-01',
    lawSource: 'reg-za-inforeg',
    lawLocator: 'POPIA',
    lawNote: 'Most sections commenced 1 Jul 2020 with a one-year grace period to 30 Jun 2021.',
    dpa: 'yes',
    dpaName: 'Information Regulator',
    dpaSource: 'reg-za-inforeg',
  },
  KE: {
    law: 'yes',
    title: 'Data Protection Act, 2019 (No. 24 of 2019)',
    adopted: 2019,
    inForce: '2019-11-25',
    lawSource: 'reg-ke-odpc',
    lawLocator: 'Act No. 24 of 2019',
    dpa: 'yes',
    dpaName: 'Office of the Data Protection Commissioner (ODPC)',
    dpaSource: 'reg-ke-odpc',
  },
  GH: {
    law: 'yes',
    title: 'Data Protection Act, 2012 (Act 843)',
    adopted: 2012,
    inForce: '2012',
    lawSource: 'reg-gh-dpc',
    lawLocator: 'Act 843',
    dpa: 'yes',
    dpaName: 'Data Protection Commission',
    dpaSource: 'reg-gh-dpc',
  },
  TZ: {
    law: 'yes',
    title: 'Personal Data Protection Act, 2022 (Act No. 11 of 2022)',
    adopted: 2022,
    inForce: '2023-05-01',
    lawSource: 'sec-tz-pdpa',
    lawLocator: 'Act No. 11 of 2022; GN 349 and 350 of 2023',
    lawNote: 'Commencement 1 May 2023 by ministerial notice. Secondary source (law-firm notes).',
    dpa: 'yes',
    dpaName: 'Personal Data Protection Commission (launched 3 Apr 2024)',
    dpaSource: 'sec-tz-pdpa',
  },
  ZM: {
    law: 'yes',
    title: 'Data Protection Act No. 3 of 2021',
    adopted: 2021,
    inForce: '2021-04-01',
    lawSource: 'sec-zm-dpa',
    lawLocator: 'Act No. 3 of 2021',
    lawNote: 'Assented 23 Mar 2021, published 1 Apr 2021. Secondary source.',
    dpa: 'yes',
    dpaName: 'Office of the Data Protection Commissioner',
    dpaSource: 'sec-zm-dpa',
    dpaNote: 'Established under Part II of the Act; operating by 2023 (secondary source).',
  },
  CD: {
    law: 'yes',
    title: 'Ordonnance-loi n° 23/010 du 13 mars 2023 portant Code du numérique (Livre III)',
    adopted: 2023,
    inForce: '2023-03-13',
    lawSource: 'sec-cd-code-numerique',
    lawLocator: 'Livre III',
    lawNote:
      'Data protection rules sit in Book III of the Digital Code, ratified by parliament in 2023. Secondary source.',
    dpa: 'partial',
    dpaName: 'Autorité de protection des données (APD), provided for by the Code',
    dpaSource: 'sec-cd-code-numerique',
    dpaNote:
      'Created on paper as an independent authority; reported as not yet set up in January 2024 (secondary source).',
  },
  GN: {
    law: 'yes',
    title:
      'Loi L/2016/037/AN relative à la cybersécurité et à la protection des données à caractère personnel',
    adopted: 2016,
    inForce: '2016-07-28',
    lawSource: 'sec-gn-dp',
    lawLocator: 'Part II; Art. 47 (authority)',
    lawNote: 'A presidential decree of 14 Apr 2025 added rules on civil-registry data. Secondary source.',
    dpa: 'partial',
    dpaName: 'Data protection authority provided for by Art. 47',
    dpaSource: 'sec-gn-dp',
    dpaNote: 'Reported as never installed; provided for in law only (secondary source).',
  },
  MZ: {
    law: 'partial',
    title: 'Lei n.º 3/2017 (Electronic Transactions Law), Art. 63–65',
    adopted: 2017,
    inForce: '2017-01-09',
    lawSource: 'reg-mz-intic',
    lawLocator: 'Art. 63–65',
    lawNote:
      'No general data protection law: a bill was still in public consultation in Nov 2025 (INTIC). Only the electronic-transactions rules apply.',
    dpa: 'no',
    dpaSource: 'reg-mz-intic',
    dpaNote: 'A national data protection authority is only proposed in the 2025 bill.',
  },
  AO: {
    law: 'yes',
    title: 'Lei n.º 22/11 da Protecção de Dados Pessoais',
    adopted: 2011,
    inForce: '2011',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Agência de Protecção de Dados (APD)',
    dpaSource: TRACKER,
  },
  DZ: {
    law: 'yes',
    title: 'Law No. 18-07 on the protection of natural persons in the processing of personal data',
    adopted: 2018,
    inForce: '2023-08-10',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Autorité nationale de protection des données à caractère personnel (ANPDP)',
    dpaSource: TRACKER,
  },
  MA: {
    law: 'yes',
    title:
      'Loi n° 09-08 relative à la protection des personnes physiques à l’égard du traitement des données à caractère personnel',
    adopted: 2009,
    inForce: '2009',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Commission nationale de contrôle de la protection des données à caractère personnel (CNDP)',
    dpaSource: TRACKER,
  },
  TN: {
    law: 'yes',
    title: 'Loi organique n° 2004-63 portant sur la protection des données à caractère personnel',
    adopted: 2004,
    inForce: '2004-07-27',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Instance nationale de protection des données personnelles (INPDP)',
    dpaSource: TRACKER,
  },
  EG: {
    law: 'partial',
    title: 'Law No. 151 of 2020 on the Protection of Personal Data',
    adopted: 2020,
    inForce: '2020',
    lawSource: TRACKER,
    lawNote:
      'Enforcement depended on executive regulations whose issue was not confirmed (secondary source).',
    dpa: 'partial',
    dpaName: 'Personal Data Protection Center (under the ICT ministry)',
    dpaSource: TRACKER,
  },
  SN: {
    law: 'yes',
    title: 'Loi n° 2008-12 sur la protection des données à caractère personnel',
    adopted: 2008,
    inForce: '2008-01-25',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Commission des Données Personnelles (CDP)',
    dpaSource: TRACKER,
  },
  CI: {
    law: 'yes',
    title: 'Loi n° 2013-450 relative à la protection des données à caractère personnel',
    adopted: 2013,
    inForce: '2013-06-19',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: "Autorité de Régulation des Télécommunications/TIC de Côte d'Ivoire (ARTCI)",
    dpaSource: TRACKER,
  },
  BJ: {
    law: 'yes',
    title: 'Loi n° 2017-20 portant Code du numérique (Livre V)',
    adopted: 2017,
    inForce: '2018',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Autorité de Protection des Données à caractère Personnel (APDP)',
    dpaSource: TRACKER,
  },
  BF: {
    law: 'yes',
    title:
      'Loi n° 001-2021/AN portant protection des personnes à l’égard du traitement des données à caractère personnel',
    adopted: 2021,
    inForce: '2021',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: "Commission de l'Informatique et des Libertés (CIL)",
    dpaSource: TRACKER,
  },
  ML: {
    law: 'yes',
    title: 'Loi n° 2013-015 portant protection des données à caractère personnel',
    adopted: 2013,
    inForce: '2013-05-21',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Autorité de Protection des Données à caractère Personnel (APDP)',
    dpaSource: TRACKER,
  },
  NE: {
    law: 'yes',
    title: 'Loi n° 2017-28 relative à la protection des données à caractère personnel (modifiée 2019)',
    adopted: 2017,
    inForce: '2017',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Haute Autorité de Protection des Données à caractère Personnel (HAPDP)',
    dpaSource: TRACKER,
  },
  MR: {
    law: 'yes',
    title: 'Loi n° 2017-020 sur la protection des données à caractère personnel',
    adopted: 2017,
    inForce: '2017',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  TG: {
    law: 'yes',
    title: 'Loi n° 2019-014 relative à la protection des données à caractère personnel',
    adopted: 2019,
    inForce: '2019-10-29',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Instance de Protection des Données à Caractère Personnel (IPDCP)',
    dpaSource: TRACKER,
  },
  GA: {
    law: 'yes',
    title: 'Loi n° 001/2011 relative à la protection des données à caractère personnel',
    adopted: 2011,
    inForce: '2011',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Commission Nationale pour la Protection des Données à Caractère Personnel (CNPDCP)',
    dpaSource: TRACKER,
  },
  MG: {
    law: 'yes',
    title: 'Loi n° 2014-038 sur la protection des données à caractère personnel',
    adopted: 2014,
    inForce: '2015',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: "Commission Malagasy sur l'Informatique et des Libertés (CMIL)",
    dpaSource: TRACKER,
    dpaNote: 'Provided for by the law; whether it operates was not confirmed (secondary source).',
  },
  CV: {
    law: 'yes',
    title: 'Lei n.º 133/V/2001 (as amended by Lei n.º 41/VIII/2013)',
    adopted: 2001,
    inForce: '2001',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Comissão Nacional de Proteção de Dados (CNPD)',
    dpaSource: TRACKER,
  },
  ST: {
    law: 'yes',
    title: 'Lei n.º 03/2016 de Protecção de Dados Pessoais',
    adopted: 2016,
    inForce: '2016',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  MU: {
    law: 'yes',
    title: 'Data Protection Act 2017',
    adopted: 2017,
    inForce: '2018-01-15',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Data Protection Office',
    dpaSource: TRACKER,
  },
  SC: {
    law: 'yes',
    title: 'Data Protection Act, 2023',
    adopted: 2023,
    inForce: '2023',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  UG: {
    law: 'yes',
    title: 'Data Protection and Privacy Act, 2019',
    adopted: 2019,
    inForce: '2019-05-03',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Personal Data Protection Office (within the National IT Authority, NITA-U)',
    dpaSource: TRACKER,
  },
  RW: {
    law: 'yes',
    title: 'Law No. 058/2021 of 13/10/2021 relating to the protection of personal data and privacy',
    adopted: 2021,
    inForce: '2021-10-15',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'National Cyber Security Authority (NCSA)',
    dpaSource: TRACKER,
  },
  ZW: {
    law: 'yes',
    title: 'Cyber and Data Protection Act [Chapter 12:07], 2021',
    adopted: 2021,
    inForce: '2021-12-03',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName:
      'Postal and Telecommunications Regulatory Authority (POTRAZ) acting as data protection authority',
    dpaSource: TRACKER,
  },
  BW: {
    law: 'yes',
    title: 'Data Protection Act, 2024 (replacing the Data Protection Act, 2018)',
    adopted: 2024,
    inForce: '2024',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Information and Data Protection Commission',
    dpaSource: TRACKER,
  },
  SZ: {
    law: 'yes',
    title: 'Data Protection Act, 2022',
    adopted: 2022,
    inForce: '2022',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Eswatini Communications Commission (acting as data protection authority)',
    dpaSource: TRACKER,
  },
  LS: {
    law: 'partial',
    title: 'Data Protection Act, 2011',
    adopted: 2011,
    inForce: '2012',
    lawSource: TRACKER,
    lawNote: 'Enacted, but the commission it creates was reported not to be set up (secondary source).',
    dpa: 'no',
    dpaSource: TRACKER,
    dpaNote: 'Data Protection Commission not established (secondary source).',
  },
  MW: {
    law: 'yes',
    title: 'Data Protection Act, 2024',
    adopted: 2024,
    inForce: '2024',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Malawi Communications Regulatory Authority (MACRA) as data protection authority',
    dpaSource: TRACKER,
  },
  ET: {
    law: 'yes',
    title: 'Personal Data Protection Proclamation No. 1321/2024',
    adopted: 2024,
    inForce: '2024',
    lawSource: TRACKER,
    dpa: 'partial',
    dpaName: 'Ethiopian Communication Authority (as data protection authority)',
    dpaSource: TRACKER,
  },
  // More Europe and Africa (checked in pages we read where a sec-/reg- source is named)
  AL: {
    law: 'yes',
    title: 'Law No. 124/2024 "On Personal Data Protection"',
    adopted: 2024,
    inForce: '2025-02-01',
    lawSource: 'reg-al-idp',
    lawLocator: 'Official Gazette No. 9 of 17 Jan 2025',
    lawNote: 'Replaced Law No. 9887/2008; some articles apply only from Jan 2027.',
    dpa: 'yes',
    dpaName: 'Information and Data Protection Commissioner',
    dpaSource: 'reg-al-idp',
  },
  BA: {
    law: 'yes',
    title: 'Law on Personal Data Protection of Bosnia and Herzegovina (Official Gazette of BiH 12/25)',
    adopted: 2025,
    inForce: '2025-03-08',
    lawSource: 'dlapiper-dp-laws',
    lawLocator: 'country: BA, law',
    lawNote: 'Replaced the 2006 law (49/06); one guide reports application from Oct 2025. Secondary source.',
    dpa: 'yes',
    dpaName: 'Personal Data Protection Agency in Bosnia and Herzegovina (AZLP)',
    dpaSource: 'dlapiper-dp-laws',
    dpaNote: 'Secondary source.',
  },
  ME: {
    law: 'yes',
    title: 'Law on Personal Data Protection (Official Gazette of Montenegro 79/08, as amended)',
    adopted: 2008,
    inForce: '2009',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Agency for Personal Data Protection and Free Access to Information',
    dpaSource: TRACKER,
  },
  MC: {
    law: 'yes',
    title:
      'Law No. 1.165 of 23 December 1993 on the protection of personal data (as replaced by a 2024 reform)',
    adopted: 1993,
    inForce: '1993',
    lawSource: TRACKER,
    dpa: 'yes',
    dpaName: 'Commission de Contrôle des Informations Nominatives (CCIN) / its successor authority',
    dpaSource: TRACKER,
  },
  SO: {
    law: 'yes',
    title: 'Data Protection Act, 2023 (Law No. 005)',
    adopted: 2023,
    inForce: '2023-03-23',
    lawSource: 'sec-so-dpa',
    lawLocator: 'Law No. 005 of 2023',
    lawNote: 'Signed 21 Mar 2023, in force 23 Mar 2023. Secondary source.',
    dpa: 'yes',
    dpaName: 'Data Protection Authority (inaugurated Feb 2024)',
    dpaSource: 'sec-so-dpa',
    dpaNote: 'Secondary source.',
  },
  LA: {
    law: 'partial',
    title: 'Law on Electronic Data Protection (2017)',
    adopted: 2017,
    inForce: '2018',
    lawSource: TRACKER,
    lawNote: 'Covers electronic data only.',
    dpa: 'unknown',
  },
  TJ: {
    law: 'yes',
    title: 'Law on Protection of Personal Data (2018)',
    adopted: 2018,
    inForce: '2018',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  TM: {
    law: 'yes',
    title: 'Law on Information about Private Life and its Protection (2017)',
    adopted: 2017,
    inForce: '2017',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  GY: {
    law: 'yes',
    title: 'Data Protection Act 2023',
    adopted: 2023,
    inForce: '2023',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  BZ: {
    law: 'yes',
    title: 'Data Protection Act, 2021',
    adopted: 2021,
    inForce: '2021',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  CG: {
    law: 'yes',
    title: 'Loi n° 29-2019 portant protection des données à caractère personnel',
    adopted: 2019,
    inForce: '2019',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  TD: {
    law: 'yes',
    title: 'Loi n° 007/PR/2015 portant protection des données à caractère personnel',
    adopted: 2015,
    inForce: '2015',
    lawSource: TRACKER,
    dpa: 'unknown',
  },
  // Moved from NO_LAW in the second 2026-11 round: a page we read showed a partial instrument.
  SY: {
    law: 'partial',
    title: 'Law No. 12 of 2024 on the protection of electronic personal data on the network',
    adopted: 2024,
    inForce: '2024',
    dpa: 'unknown',
  },
  HT: {
    law: 'partial',
    title: 'Executive decree (arrêté) fixing rules on the protection of personal data (2018)',
    adopted: 2018,
    inForce: '2018',
    dpa: 'no',
  },
  // Oceania
  AU: {
    law: 'yes',
    title: 'Privacy Act 1988 (Cth)',
    adopted: 1988,
    inForce: '1989-01-01',
    lawSource: 'law-au-privacy-act-1988',
    lawLocator: 'Schedule 1 (Australian Privacy Principles)',
    lawNote: 'Small businesses under the turnover threshold and employee records are largely exempt.',
    dpa: 'yes',
    dpaName: 'Office of the Australian Information Commissioner (OAIC)',
    dpaSource: 'reg-au-oaic',
  },
  NZ: {
    law: 'yes',
    title: 'Privacy Act 2020',
    adopted: 2020,
    inForce: '2020-12-01',
    lawSource: 'law-nz-privacy-act-2020',
    lawLocator: 's. 22 (information privacy principles)',
    dpa: 'yes',
    dpaName: 'Office of the Privacy Commissioner',
    dpaSource: 'reg-nz-opc',
  },
  PG: {
    law: 'no',
    lawSource: 'sec-pg-dp',
    lawNote:
      'No general personal data protection law; a National Data Governance and Data Protection Policy (2024) was not enacted as law; the Cybercrime Code Act 2016 covers some misuse. Secondary source.',
    dpa: 'no',
    dpaSource: 'sec-pg-dp',
    dpaNote: 'No general data protection authority (secondary source).',
  },
}

/**
 * Jurisdictions where Custos research found no comprehensive data protection law (and so no
 * authority). A "no" is recorded only where we are fairly sure; it errs towards showing a gap.
 */
const NO_LAW: readonly string[] = [
  'AF',
  'IQ',
  'IR',
  'YE',
  'KP',
  'VE',
  'BO',
  'HN',
  'KH',
  'FJ',
  'LY',
  'SS',
  'ER',
  'LR',
  'NA',
  'CF',
  'SR',
  'TL',
  'BI',
  'KI',
  'MH',
  'FM',
  'NR',
  'PW',
  'WS',
  'SB',
  'TO',
  'TV',
  'VU',
]
const NO_LAW_NOTE =
  'No comprehensive data protection law identified; privacy may be protected only by the constitution or sector rules. Secondary source: candidate from Custos research, not verified against a source in this pass (2026-11); kept because we are highly confident of it. Drafts or bills do not count.'

const out: Record<string, Record<string, unknown>> = {}
for (const [code, candidate] of Object.entries(R)) {
  const v = VERIFIED[code]
  // A verified entry replaces the candidate's facts it checked; its notes replace the candidate's.
  const r: TRow = v
    ? {
        ...candidate,
        ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)),
        lawNote: v.lawCheck || v.law === 'unknown' ? v.lawNote : candidate.lawNote,
        dpaNote: v.dpaCheck || v.dpa === 'unknown' ? v.dpaNote : candidate.dpaNote,
      }
    : candidate
  const lawSource = r.lawSource ?? TRACKER
  const isTracker = lawSource === TRACKER
  let law: Record<string, unknown>
  if (r.law === 'unknown') {
    law = { status: 'unknown', source: 'custos-research', note: r.lawNote ?? DOWNGRADED_LAW }
  } else {
    law = { status: r.law }
    if (r.law !== 'no') law.instrument = { title: r.title, adopted: r.adopted, inForce: r.inForce }
    law.source = lawSource
    law.locator = r.lawLocator ?? (isTracker ? `country entry: ${code}` : 'see note')
    const lawCheck = v?.lawCheck ? CHECKED[v.lawCheck] : isTracker ? SECONDARY : undefined
    const lawNotes = [r.lawNote, lawCheck].filter(Boolean)
    if (lawNotes.length > 0) law.note = lawNotes.join(' ')
  }
  let dpa: Record<string, unknown>
  if (r.dpa === 'unknown') {
    dpa = {
      status: 'unknown',
      source: 'custos-research',
      note:
        v?.dpa === 'unknown' && r.dpaNote
          ? r.dpaNote
          : 'Searched: Custos research notes and the cited tracker for this country; the supervisory authority and whether it operates were not confirmed.',
    }
  } else {
    const dpaSource = r.dpaSource ?? TRACKER
    dpa = { status: r.dpa }
    if (r.dpa !== 'no') dpa.instrument = { title: r.title, adopted: r.adopted, inForce: r.inForce }
    dpa.source = dpaSource
    dpa.locator =
      (v?.dpaCheck ? v.dpaLocator : undefined) ??
      (dpaSource === TRACKER ? `country entry: ${code}` : (r.dpaName ?? 'see note'))
    const dpaCheck = v?.dpaCheck ? CHECKED[v.dpaCheck] : dpaSource === TRACKER ? SECONDARY : undefined
    const notes = [r.dpaName ? `Authority: ${r.dpaName}.` : undefined, r.dpaNote, dpaCheck].filter(Boolean)
    if (notes.length > 0) dpa.note = notes.join(' ')
  }
  out[code] = { data_protection_law: law, data_protection_authority: dpa }
}
for (const code of Object.keys(VERIFIED)) {
  if (R[code] === undefined && !NO_LAW.includes(code))
    throw new Error(`${code} is verified but has no candidate row`)
}

for (const code of NO_LAW) {
  if (out[code] !== undefined) throw new Error(`${code} is both in R and NO_LAW`)
  const v = VERIFIED[code]
  if (v?.law === 'unknown') {
    const note = v.lawNote ?? DOWNGRADED_LAW
    out[code] = {
      data_protection_law: { status: 'unknown', source: 'custos-research', note },
      data_protection_authority: { status: 'unknown', source: 'custos-research', note },
    }
    continue
  }
  const checked = v?.lawCheck ? CHECKED[v.lawCheck] : undefined
  out[code] = {
    data_protection_law: {
      status: 'no',
      source: v?.lawSource ?? TRACKER,
      locator: v?.lawLocator ?? `country entry: ${code}`,
      note: checked
        ? [v?.lawNote ?? 'No comprehensive data protection law; drafts or bills do not count.', checked].join(
            ' ',
          )
        : NO_LAW_NOTE,
    },
    data_protection_authority: {
      status: 'no',
      source: v?.lawSource ?? TRACKER,
      locator: v?.lawLocator ?? `country entry: ${code}`,
      note: checked
        ? `No data protection authority, as there is no general law. ${checked}`
        : 'No data protection authority, as there is no general law. Secondary source: not verified against a source in this pass (2026-11).',
    },
  }
}

writeFileSync(
  OUT,
  `# Generated by scripts/jurisdictions/dp-batch.ts — research input, not read at run time.\n${stringify(out, { lineWidth: 0, aliasDuplicateObjects: false })}`,
)
process.stdout.write(`${Object.keys(out).length} entries written\n`)
