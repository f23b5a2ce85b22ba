import {parse} from 'yaml'; import {readFileSync} from 'node:fs'
const d=parse(readFileSync('scripts/jurisdictions/research/20-dp.yaml','utf8'))
for (const [c,v] of Object.entries(d)){const l=v.data_protection_law,a=v.data_protection_authority
 if(l.source!=='unctad-dp-tracker'&&a.source!=='unctad-dp-tracker') continue
 console.log(c,l.status,l.source==='unctad-dp-tracker'?'T':l.source,'|',l.instrument?`${l.instrument.title} (${l.instrument.adopted}; ${l.instrument.inForce})`:'','|',a.status,a.source==='unctad-dp-tracker'?'T':a.source,(a.note||'').replace(/Secondary source.*/,''))}
