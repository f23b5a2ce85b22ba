/**
 * Writing CSV (RFC 4180): every field quoted, quotes doubled, records ended by CRLF. A field that
 * a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) is prefixed with an apostrophe, so an exported audit trail cannot carry a formula
 * written into a name or a file name.
 */

const FORMULA_START = /^[=+\-@\t\r]/

/** One field, quoted and safe to open in a spreadsheet. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return `"${safe.replaceAll('"', '""')}"`
}

/** One record, with its CRLF. */
export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}
