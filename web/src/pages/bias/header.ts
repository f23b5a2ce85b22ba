/** Reads the header row of a decision log in the browser (plain or gzip), for the column pickers. */

const PREVIEW_BYTES = 64 * 1024

/** Split one CSV line into trimmed fields: quotes and doubled quotes as RFC 4180; same delimiter rule as the server. */
export function splitHeader(line: string): string[] {
  const commas = (line.match(/,/g) ?? []).length
  const delimiter =
    commas === 0 && line.includes('\t') ? '\t' : commas === 0 && line.includes(';') ? ';' : ','
  const fields: string[] = []
  let field = ''
  let isQuoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (isQuoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') isQuoted = false
      else field += c
    } else if (c === '"' && field.trim() === '') {
      isQuoted = true
      field = ''
    } else if (c === delimiter) {
      fields.push(field.trim())
      field = ''
    } else field += c
  }
  fields.push(field.trim())
  return fields.filter((f) => f !== '')
}

/** The column names of a file's first line; an empty list when there is none. */
export async function readHeader(file: File): Promise<string[]> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer())
  let bytes: Uint8Array
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader()
    const first = await reader.read()
    await reader.cancel()
    bytes = first.value ?? new Uint8Array()
  } else {
    bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer())
  }
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')
  const end = text.search(/\r?\n/)
  return splitHeader(end < 0 ? text : text.slice(0, end))
}
