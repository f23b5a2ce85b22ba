import { loadLibrary } from '/work/main/src/library/loader.ts'
const { library } = loadLibrary()
let n = 0
for (const q of library.questions.values()) {
  for (const key of ['unknown', 'not_applicable', 'missing']) {
    for (const e of q.effects?.[key] ?? []) if (e.mitigates || e.satisfies) { n++; console.log(q.urn, key, JSON.stringify(e)) }
  }
}
console.log('count', n)
