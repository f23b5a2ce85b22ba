/**
 * Writes scripts/jurisdictions/research/10-eu.yaml: the facts that EU law sets for every EU member
 * state (GDPR, AI Act, the EU drone regulation) plus each state's national implementing act and
 * supervisory authority, and the AI Act Art. 5 prohibitions as restrictions. Also the three EEA
 * EFTA states (GDPR through the EEA Agreement; the AI Act is not yet incorporated).
 * Run: npx tsx scripts/jurisdictions/eu-batch.ts && npx tsx scripts/jurisdictions/build.ts
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'

const OUT = join(new URL('./research/', import.meta.url).pathname, '10-eu.yaml')

/** National act supplementing the GDPR, and the national supervisory authority (EDPB member). */
const NATIONAL: Readonly<Record<string, { act: string; dpa: string }>> = {
  AT: { act: 'Datenschutzgesetz (DSG)', dpa: 'Österreichische Datenschutzbehörde' },
  BE: {
    act: 'Law of 30 July 2018 on the protection of natural persons with regard to the processing of personal data',
    dpa: 'Autorité de protection des données / Gegevensbeschermingsautoriteit',
  },
  BG: { act: 'Personal Data Protection Act', dpa: 'Commission for Personal Data Protection' },
  HR: {
    act: 'Act on the Implementation of the General Data Protection Regulation (2018)',
    dpa: 'Personal Data Protection Agency (AZOP)',
  },
  CY: {
    act: 'Law 125(I)/2018 on the protection of natural persons with regard to the processing of personal data',
    dpa: 'Commissioner for Personal Data Protection',
  },
  CZ: {
    act: 'Act No. 110/2019 Coll. on personal data processing',
    dpa: 'Office for Personal Data Protection (ÚOOÚ)',
  },
  DK: { act: 'Databeskyttelsesloven (Act No. 502 of 23 May 2018)', dpa: 'Datatilsynet' },
  EE: {
    act: 'Personal Data Protection Act (Isikuandmete kaitse seadus, 2018)',
    dpa: 'Data Protection Inspectorate (Andmekaitse Inspektsioon)',
  },
  FI: {
    act: 'Data Protection Act (Tietosuojalaki 1050/2018)',
    dpa: 'Office of the Data Protection Ombudsman',
  },
  FR: {
    act: 'Loi n° 78-17 du 6 janvier 1978 relative à l’informatique, aux fichiers et aux libertés (as amended in 2018)',
    dpa: 'Commission nationale de l’informatique et des libertés (CNIL)',
  },
  DE: {
    act: 'Bundesdatenschutzgesetz (BDSG, 2017)',
    dpa: 'Federal Commissioner for Data Protection and Freedom of Information (BfDI) and the data protection authorities of the Länder',
  },
  GR: { act: 'Law 4624/2019', dpa: 'Hellenic Data Protection Authority' },
  HU: {
    act: 'Act CXII of 2011 on informational self-determination and freedom of information',
    dpa: 'National Authority for Data Protection and Freedom of Information (NAIH)',
  },
  IE: { act: 'Data Protection Act 2018', dpa: 'Data Protection Commission' },
  IT: {
    act: 'Codice in materia di protezione dei dati personali (D.Lgs. 196/2003 as amended by D.Lgs. 101/2018)',
    dpa: 'Garante per la protezione dei dati personali',
  },
  LV: { act: 'Personal Data Processing Law (2018)', dpa: 'Data State Inspectorate' },
  LT: {
    act: 'Law on Legal Protection of Personal Data (as amended in 2018)',
    dpa: 'State Data Protection Inspectorate',
  },
  LU: {
    act: 'Law of 1 August 2018 on the organisation of the National Data Protection Commission',
    dpa: 'Commission nationale pour la protection des données (CNPD)',
  },
  MT: { act: 'Data Protection Act (Cap. 586, 2018)', dpa: 'Information and Data Protection Commissioner' },
  NL: {
    act: 'Uitvoeringswet Algemene verordening gegevensbescherming (UAVG, 2018)',
    dpa: 'Autoriteit Persoonsgegevens',
  },
  PL: {
    act: 'Act of 10 May 2018 on the Protection of Personal Data',
    dpa: 'President of the Personal Data Protection Office (UODO)',
  },
  PT: { act: 'Lei n.º 58/2019', dpa: 'Comissão Nacional de Proteção de Dados (CNPD)' },
  RO: {
    act: 'Law No. 190/2018 implementing the GDPR',
    dpa: 'National Supervisory Authority for Personal Data Processing (ANSPDCP)',
  },
  SK: {
    act: 'Act No. 18/2018 Coll. on personal data protection',
    dpa: 'Office for Personal Data Protection of the Slovak Republic',
  },
  SI: {
    act: 'Personal Data Protection Act (ZVOP-2, 2022)',
    dpa: 'Information Commissioner (Informacijski pooblaščenec)',
  },
  ES: {
    act: 'Ley Orgánica 3/2018 de Protección de Datos Personales y garantía de los derechos digitales (LOPDGDD)',
    dpa: 'Agencia Española de Protección de Datos (AEPD)',
  },
  SE: {
    act: 'Lag (2018:218) med kompletterande bestämmelser till EU:s dataskyddsförordning',
    dpa: 'Integritetsskyddsmyndigheten (IMY)',
  },
}

const EEA_EFTA: Readonly<Record<string, { act: string; dpa: string }>> = {
  IS: {
    act: 'Act No. 90/2018 on data protection and the processing of personal data',
    dpa: 'Persónuvernd (Icelandic Data Protection Authority)',
  },
  LI: { act: 'Datenschutzgesetz (DSG, 2018)', dpa: 'Datenschutzstelle Liechtenstein' },
  NO: { act: 'Personopplysningsloven (Personal Data Act, 2018)', dpa: 'Datatilsynet' },
}

const GDPR = { title: 'Regulation (EU) 2016/679 (GDPR)', adopted: 2016, inForce: '2018-05-25' }
const AI_ACT = { title: 'Regulation (EU) 2024/1689 (AI Act)', adopted: 2024, inForce: '2024-08-01' }
const AI_ACT_ART5 = { title: 'Regulation (EU) 2024/1689 (AI Act)', adopted: 2024, inForce: '2025-02-02' }

const RESTRICTIONS = [
  {
    id: 'eu-ai-act-emotion-recognition-workplace',
    technologies: ['video-analytics', 'facial-recognition', 'predictive-analytics'],
    kind: 'prohibited',
    strictness: 3,
    summary: {
      en: 'AI systems that infer the emotions of people at work or in education are prohibited, except for medical or safety reasons.',
    },
    instrument: AI_ACT_ART5,
    source: 'eurlex-ai-act',
    locator: 'Art. 5(1)(f)',
  },
  {
    id: 'eu-ai-act-untargeted-facial-scraping',
    technologies: ['facial-recognition', 'cctv', 'social-media-monitoring'],
    kind: 'prohibited',
    strictness: 3,
    summary: {
      en: 'Building or expanding facial recognition databases by untargeted scraping of face images from the internet or from CCTV footage is prohibited.',
    },
    instrument: AI_ACT_ART5,
    source: 'eurlex-ai-act',
    locator: 'Art. 5(1)(e)',
  },
  {
    id: 'eu-ai-act-biometric-categorisation-sensitive',
    technologies: ['facial-recognition', 'video-analytics', 'biometric-access-control'],
    kind: 'prohibited',
    strictness: 3,
    summary: {
      en: 'Sorting people by their biometric data to deduce race, political opinions, trade union membership, religious or philosophical beliefs, sex life or sexual orientation is prohibited (lawful labelling of lawfully acquired datasets in law enforcement excepted).',
    },
    instrument: AI_ACT_ART5,
    source: 'eurlex-ai-act',
    locator: 'Art. 5(1)(g)',
  },
  {
    id: 'eu-ai-act-realtime-remote-biometric-identification',
    technologies: ['facial-recognition', 'video-analytics', 'cctv'],
    kind: 'prohibited',
    strictness: 3,
    summary: {
      en: 'Real-time remote biometric identification in publicly accessible spaces for law enforcement is prohibited, apart from narrowly listed searches and threats that need prior authorisation by a court or independent authority.',
    },
    instrument: AI_ACT_ART5,
    source: 'eurlex-ai-act',
    locator: 'Art. 5(1)(h), 5(2)–(7)',
  },
]

type TEntry = Record<string, unknown>
const out: Record<string, TEntry> = {}

for (const [code, n] of Object.entries(NATIONAL)) {
  out[code] = {
    data_protection_law: {
      status: 'yes',
      instrument: { title: `${GDPR.title} and ${n.act}`, adopted: GDPR.adopted, inForce: GDPR.inForce },
      source: 'eurlex-gdpr',
      locator: 'Art. 1–99 (directly applicable); national act supplements it',
      note: `The GDPR applies directly in every EU state. National supplementing act: ${n.act} (title from Custos research; check the national gazette for the current consolidated version).`,
    },
    data_protection_authority: {
      status: 'yes',
      instrument: {
        title: `${GDPR.title}, Chapter VI, and ${n.act}`,
        adopted: GDPR.adopted,
        inForce: GDPR.inForce,
      },
      source: 'edpb-members',
      locator: `EDPB member: ${n.dpa}`,
      note: `Independent supervisory authority required by GDPR Art. 51–59: ${n.dpa}.`,
    },
    biometric_data_rules: {
      status: 'yes',
      instrument: GDPR,
      source: 'eurlex-gdpr',
      locator: 'Art. 4(14), Art. 9, Art. 35',
      note: 'Biometric data used to identify a person is a special category: processing is prohibited unless an Art. 9(2) exception applies; member states may add conditions (Art. 9(4)).',
    },
    cctv_rules: {
      status: 'yes',
      instrument: GDPR,
      source: 'eurlex-gdpr',
      locator: 'Art. 6, Art. 13, Art. 35(3)(c)',
      note: 'Video surveillance of identifiable people is processing under the GDPR; large-scale systematic monitoring of publicly accessible areas requires a data protection impact assessment. National CCTV provisions, where they exist, are not yet recorded here.',
    },
    drone_rules: {
      status: 'yes',
      instrument: {
        title: 'Commission Implementing Regulation (EU) 2019/947 and Delegated Regulation (EU) 2019/945',
        adopted: 2019,
        inForce: '2020-12-31',
      },
      source: 'eurlex-uas-2019-947',
      locator: 'Art. 3–5 (open, specific, certified categories); Art. 14 (registration)',
      note: 'EU-wide rules on operating unmanned aircraft, applicable since 31 Dec 2020; national authorities set geographical zones.',
    },
    workplace_monitoring_rules: {
      status: 'partial',
      instrument: GDPR,
      source: 'eurlex-gdpr',
      locator: 'Art. 88; Art. 6, Art. 35',
      note: 'The GDPR governs monitoring of workers and lets member states adopt more specific employment rules (Art. 88); the national employment provisions have not yet been recorded by Custos, so this stays partial.',
    },
    ai_rules: {
      status: 'yes',
      instrument: AI_ACT,
      source: 'eurlex-ai-act',
      locator: 'Art. 5, Art. 113',
      note: 'In force 1 Aug 2024; prohibited practices apply from 2 Feb 2025, general-purpose AI obligations from 2 Aug 2025, most other obligations from 2 Aug 2026 (later dates for some high-risk systems).',
    },
    surveillance_interception_law: {
      status: 'unknown',
      source: 'custos-research',
      note: 'National interception law not yet researched for this state (EU law leaves it to member states).',
    },
    psc_regulation: {
      status: 'unknown',
      source: 'custos-research',
      note: 'National private security legislation not yet researched for this state.',
    },
    restrictions: RESTRICTIONS,
  }
}

for (const [code, n] of Object.entries(EEA_EFTA)) {
  out[code] = {
    data_protection_law: {
      status: 'yes',
      instrument: {
        title: `${GDPR.title} as incorporated into the EEA Agreement, and ${n.act}`,
        adopted: 2018,
        inForce: '2018-07-20',
      },
      source: 'eea-jcd-154-2018',
      locator: 'EEA Joint Committee Decision No 154/2018',
      note: `The GDPR applies in the EEA EFTA states through the EEA Agreement since 20 Jul 2018. National act: ${n.act}.`,
    },
    data_protection_authority: {
      status: 'yes',
      instrument: {
        title: `${GDPR.title}, Chapter VI (EEA), and ${n.act}`,
        adopted: 2018,
        inForce: '2018-07-20',
      },
      source: 'edpb-members',
      locator: `EDPB (EEA EFTA member without voting rights): ${n.dpa}`,
      note: `Supervisory authority: ${n.dpa}.`,
    },
    biometric_data_rules: {
      status: 'yes',
      instrument: { title: `${GDPR.title} (EEA)`, adopted: 2018, inForce: '2018-07-20' },
      source: 'eea-jcd-154-2018',
      locator: 'GDPR Art. 9 as incorporated',
      note: 'Biometric data for identification is a special category under the GDPR as applied in the EEA.',
    },
    ai_rules: {
      status: 'unknown',
      source: 'custos-research',
      note: 'The AI Act is marked EEA-relevant but its incorporation into the EEA Agreement was still pending in the material we checked (secondary source); confirm with EFTA before treating it as applicable.',
    },
  }
}

writeFileSync(
  OUT,
  `# Generated by scripts/jurisdictions/eu-batch.ts — research input, not read at run time.\n${stringify(out, { lineWidth: 0, aliasDuplicateObjects: false })}`,
)
process.stdout.write(`${Object.keys(out).length} entries written to ${OUT}\n`)
