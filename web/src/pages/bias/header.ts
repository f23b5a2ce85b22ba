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

/** What the page can offer from a file's start: its columns, or why it cannot read any. */
export type THeader =
  | { kind: 'columns'; columns: string[] }
  /** Not text: a NUL byte, bytes that are not UTF-8, or control characters in the first line. */
  | { kind: 'binary' }
  /** Named or marked as gzip, but it does not decompress. */
  | { kind: 'unreadable' }

/** Control characters no CSV header holds (tab, line feed and carriage return are allowed). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/**
 * The first line of `bytes` as text, or null when the bytes are not text: a NUL anywhere in the
 * preview (no CSV has one; images, archives and spreadsheets do), invalid UTF-8 up to the first
 * line break, or control characters in that line.
 */
export function headerLine(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null
  const newline = bytes.indexOf(0x0a)
  const line = newline < 0 ? bytes : bytes.subarray(0, newline)
  let text: string
  try {
    // `stream` lets a preview end inside a character; anything else invalid throws.
    text = new TextDecoder('utf-8', { fatal: true }).decode(line, { stream: newline < 0 })
  } catch {
    return null
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r$/, '')
  return CONTROL.test(text) ? null : text
}

/** The column names of a file's first line (plain or gzip), or why there are none to offer. */
export async function readHeader(file: File): Promise<THeader> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer())
  let bytes: Uint8Array
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader()
      const first = await reader.read()
      await reader.cancel()
      bytes = first.value ?? new Uint8Array()
    } catch {
      return { kind: 'unreadable' }
    }
  } else {
    bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer())
  }
  const line = headerLine(bytes)
  return line === null ? { kind: 'binary' } : { kind: 'columns', columns: splitHeader(line) }
}
