/** The header reader refuses what is not text before anything is uploaded, and reads real headers. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { headerLine, splitHeader } from './header.ts'

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))

describe('headerLine', () => {
  it('reads the first line of UTF-8 text, without a byte order mark or carriage return', () => {
    assert.equal(
      headerLine(bytes([0xef, 0xbb, 0xbf], 'sexe,âge,décision\r\nF,30,1\r\n')),
      'sexe,âge,décision',
    )
    assert.equal(headerLine(bytes('a\tb\tc')), 'a\tb\tc')
  })

  it('accepts a preview that ends inside a character when no line break came yet', () => {
    // "é" is C3 A9; the preview stops after C3.
    assert.equal(headerLine(bytes('caf', [0xc3])), 'caf')
  })

  const refused: [string, Uint8Array][] = [
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['a NUL past the header', bytes('a,b\n1,2\n', [0], '3')],
    ['Latin-1 bytes in the header', bytes('r', [0xe9], 'gion,label\n')],
    ['control characters in the header', bytes('a,\u0007b\n')],
    ['a ZIP (a spreadsheet)', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])],
  ]
  for (const [what, input] of refused) {
    it(`refuses ${what}`, () => assert.equal(headerLine(input), null))
  }
})

describe('splitHeader', () => {
  it('splits on commas, else tabs or semicolons, with RFC 4180 quotes', () => {
    assert.deepEqual(splitHeader('a, "b,c" ,d'), ['a', 'b,c', 'd'])
    assert.deepEqual(splitHeader('a;b;c'), ['a', 'b', 'c'])
    assert.deepEqual(splitHeader('"say ""hi""",x'), ['say "hi"', 'x'])
  })
})
