/**
 * Hostile text and one assertion for every renderer that writes HTML or SVG: feed the strings in
 * wherever uploaded or content text reaches the page (group names, column names, titles, paths),
 * then `assertInert(html, { shows })`. The page is inert when the hostile text added no element and no
 * attribute (so neither a tag nor a quote broke out of where it was put), and the text is still
 * shown exactly as typed once the browser decodes it (so nothing was silently dropped, and `&` was
 * escaped too). Copy the pattern of src/modules/bias/report-html.test.ts for a new renderer.
 */
import assert from 'node:assert/strict'

/** Strings that break out of text, of a double-quoted and of a single-quoted attribute, or of an entity. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '</title></text><script>alert(2)</script>',
  doubleQuote: '" onmouseover="alert(3)',
  singleQuote: "' onfocus='alert(4)",
  ampersand: 'R&D &amp; &lt;b&gt; &#60;i&#62;',
  svg: '"><svg onload=alert(5)>',
} as const

export const HOSTILE_STRINGS: readonly string[] = Object.values(HOSTILE)

/** Elements a renderer of uploaded text never means to emit. */
const ACTIVE_ELEMENTS = new Set(['script', 'img', 'iframe', 'object', 'embed', 'frame', 'base', 'form'])

export type TTag = {
  name: string
  attributes: { name: string; value: string }[]
  /** Characters inside the tag that belong to no attribute, such as a quote left by a break-out. */
  stray: string
  at: number
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gy

/**
 * The start tags of a page as a browser's tokenizer reads them (comments, doctype and end tags
 * skipped; `<style>` text skipped whole). Small, not a full HTML parser: enough to see every
 * element and attribute a renderer emits.
 */
export function startTags(html: string): TTag[] {
  const tags: TTag[] = []
  let at = 0
  while (at < html.length) {
    const open = html.indexOf('<', at)
    if (open < 0) break
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4)
      at = end < 0 ? html.length : end + 3
      continue
    }
    const name = /^<([A-Za-z][^\s/>]*)/.exec(html.slice(open, open + 64))?.[1]
    if (!name) {
      at = open + 1
      continue
    }
    let cursor = open + 1 + name.length
    const attributes: TTag['attributes'] = []
    let stray = ''
    while (cursor < html.length) {
      while (/[\s/]/.test(html[cursor] ?? '')) cursor++
      if (html[cursor] === '>' || cursor >= html.length) break
      ATTRIBUTE.lastIndex = cursor
      const match = ATTRIBUTE.exec(html)
      if (!match) {
        stray += html[cursor]
        cursor++
        continue
      }
      attributes.push({ name: match[1]!.toLowerCase(), value: match[2] ?? match[3] ?? match[4] ?? '' })
      cursor = ATTRIBUTE.lastIndex
    }
    tags.push({ name: name.toLowerCase(), attributes, stray, at: open })
    at = cursor + 1
    if (name.toLowerCase() === 'style' || name.toLowerCase() === 'script') {
      const close = html.toLowerCase().indexOf(`</${name.toLowerCase()}`, at)
      at = close < 0 ? html.length : close
    }
  }
  return tags
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Character references decoded as a browser does for the few a renderer writes. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      return String.fromCodePoint(code)
    }
    return NAMED[ref.toLowerCase()] ?? whole
  })
}

/** The text a reader sees: tags, comments and `<style>` removed, references decoded. */
export function visibleText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<style[\s\S]*?<\/style>/gi, '')
      .replace(/<[^>]*>/g, ''),
  )
}

/**
 * Asserts the page is inert: no raw `<img`/`<script`, no active element, no event-handler attribute,
 * no stray quote inside a tag, no `javascript:` URL — and that each of `shows` is visible exactly, so the hostile text reached
 * the page (a renderer that dropped it would pass the first checks vacuously).
 */
export function assertInert(html: string, options: { shows: readonly string[]; label?: string }): void {
  const label = options.label ?? 'page'
  assert.doesNotMatch(html, /<img|<script/i, `${label}: raw markup from the input`)
  for (const tag of startTags(html)) {
    const where = `${label}: <${tag.name}> at ${tag.at}`
    assert.ok(!ACTIVE_ELEMENTS.has(tag.name), `${where} is an active element`)
    assert.equal(tag.stray, '', `${where} holds characters outside any attribute`)
    for (const attribute of tag.attributes) {
      assert.ok(!attribute.name.startsWith('on'), `${where} has an event handler ${attribute.name}`)
      if (['href', 'src', 'action', 'xlink:href', 'formaction'].includes(attribute.name))
        assert.doesNotMatch(decodeEntities(attribute.value), /^\s*javascript:/i, `${where} ${attribute.name}`)
    }
  }
  const text = visibleText(html)
  for (const shown of options.shows)
    assert.ok(text.includes(shown), `${label}: the text ${JSON.stringify(shown)} is shown as typed`)
}
