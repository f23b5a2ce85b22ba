/**
 * The 40 focus jurisdictions where Custos researches all nine regulatory topics, and why each is
 * on the list. Private security and security technology matter most where large extractive,
 * infrastructure or urban-security markets meet weak or contested legal protection.
 */
export type TFocusGroup =
  | 'G20'
  | 'Gulf'
  | 'Africa (extractives)'
  | 'Latin America (extractives)'
  | 'Asia (extractives)'

export const FOCUS: ReadonlyArray<{ code: string; group: TFocusGroup; why: string }> = [
  { code: 'AR', group: 'G20', why: 'G20; lithium and shale extraction; VPI government participant.' },
  {
    code: 'AU',
    group: 'G20',
    why: 'G20; home state of major mining companies; Montreux, VPI and ICoCA participant.',
  },
  {
    code: 'BR',
    group: 'G20',
    why: 'G20; one of the largest private security markets; mining and land conflicts.',
  },
  {
    code: 'CA',
    group: 'G20',
    why: 'G20; home state of many mining companies operating abroad; VPI and Montreux participant.',
  },
  {
    code: 'CN',
    group: 'G20',
    why: 'G20; largest producer and exporter of surveillance technology; security firms abroad.',
  },
  {
    code: 'FR',
    group: 'G20',
    why: 'G20 (EU); large private security sector regulated nationally; technology exporter.',
  },
  {
    code: 'DE',
    group: 'G20',
    why: 'G20 (EU); strict national rules on video surveillance and workers; technology exporter.',
  },
  {
    code: 'IN',
    group: 'G20',
    why: 'G20; millions of private guards; new data protection law being phased in.',
  },
  {
    code: 'ID',
    group: 'G20',
    why: 'G20; mining and palm oil with documented security-force abuses; original VPI focus country.',
  },
  {
    code: 'IT',
    group: 'G20',
    why: 'G20 (EU); armed private guards under police licensing; technology exporter.',
  },
  { code: 'JP', group: 'G20', why: 'G20; long-standing security business licensing; technology exporter.' },
  { code: 'KR', group: 'G20', why: 'G20; detailed statutory CCTV rules and a new AI framework act.' },
  {
    code: 'MX',
    group: 'G20',
    why: 'G20; large private security market amid high violence; 2025 data protection reform.',
  },
  {
    code: 'RU',
    group: 'G20',
    why: 'G20; private military and security companies active abroad; state surveillance system.',
  },
  {
    code: 'SA',
    group: 'G20',
    why: 'G20 and Gulf; large security and surveillance deployments; recent data protection law.',
  },
  {
    code: 'ZA',
    group: 'G20',
    why: 'G20; one of the largest private security industries in the world; mining.',
  },
  { code: 'TR', group: 'G20', why: 'G20; dedicated private security law; data protection authority.' },
  {
    code: 'GB',
    group: 'G20',
    why: 'G20; home of many international private security companies; Montreux, VPI and ICoCA.',
  },
  {
    code: 'US',
    group: 'G20',
    why: 'G20; largest security technology market; sub-national biometric laws; VPI and ICoCA.',
  },
  { code: 'AE', group: 'Gulf', why: 'Gulf; regional hub for security companies and city-wide surveillance.' },
  {
    code: 'QA',
    group: 'Gulf',
    why: 'Gulf; large security deployments for infrastructure and events; Montreux participant.',
  },
  {
    code: 'NG',
    group: 'Africa (extractives)',
    why: 'Oil and gas in the Niger Delta; original VPI focus country; new data protection act.',
  },
  {
    code: 'GH',
    group: 'Africa (extractives)',
    why: 'Gold mining; first African VPI government participant.',
  },
  {
    code: 'CD',
    group: 'Africa (extractives)',
    why: 'Cobalt and copper mining with severe security-related abuses.',
  },
  { code: 'ZM', group: 'Africa (extractives)', why: 'Copper mining.' },
  {
    code: 'TZ',
    group: 'Africa (extractives)',
    why: 'Gold mining with documented security abuses (e.g. North Mara).',
  },
  {
    code: 'MZ',
    group: 'Africa (extractives)',
    why: 'Gas and rubies in a conflict-affected north; reported VPI engagement.',
  },
  {
    code: 'KE',
    group: 'Africa (extractives)',
    why: 'Regional hub for security companies; dedicated private security law; strong data protection office.',
  },
  { code: 'AO', group: 'Africa (extractives)', why: 'Oil and diamonds; Montreux participant.' },
  {
    code: 'GN',
    group: 'Africa (extractives)',
    why: 'Bauxite and iron ore (Simandou) under a transitional military government.',
  },
  {
    code: 'CO',
    group: 'Latin America (extractives)',
    why: 'Oil, coal and gold in conflict areas; VPI government participant; original VPI focus country.',
  },
  {
    code: 'PE',
    group: 'Latin America (extractives)',
    why: 'Copper and gold mining with protest-related violence.',
  },
  {
    code: 'CL',
    group: 'Latin America (extractives)',
    why: 'Copper and lithium; new private security and data protection laws.',
  },
  {
    code: 'EC',
    group: 'Latin America (extractives)',
    why: 'Oil and mining; Montreux participant; security crisis.',
  },
  {
    code: 'GT',
    group: 'Latin America (extractives)',
    why: 'Mining conflicts and very large private security workforce; no data protection law.',
  },
  {
    code: 'PH',
    group: 'Asia (extractives)',
    why: 'Mining and plantations; large guard industry under a new 2022 law.',
  },
  {
    code: 'MM',
    group: 'Asia (extractives)',
    why: 'Jade and rare earths under military rule; no data protection law.',
  },
  {
    code: 'PG',
    group: 'Asia (extractives)',
    why: 'Gold and copper mining with documented security abuses (e.g. Porgera).',
  },
  {
    code: 'MN',
    group: 'Asia (extractives)',
    why: 'Copper and coal (Oyu Tolgoi); recent data protection law.',
  },
  { code: 'KZ', group: 'Asia (extractives)', why: 'Oil, gas and uranium; state-linked security sector.' },
]
