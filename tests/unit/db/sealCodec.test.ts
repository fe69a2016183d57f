import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeValue, encodeJsonValue, jsonLayout, jsonTextOf } from '../../../src/db/sealCodec'

/** The layout written out plainly: the byte 0, then TextEncoder's UTF-8 of the text. */
function reference(json: string): number[] {
  return [0, ...new TextEncoder().encode(json)]
}

describe('layout 0 (a JSON-only record as bytes)', () => {
  it('is the byte 0 and the UTF-8 of the text, for ASCII, Chinese, rare characters and lone surrogates', () => {
    const texts = [
      '',
      '{"id":"c-1","n":3}',
      '{"title":"相邻通行纠纷","facts":"申请人张三与被申请人李四"}',
      '{"name":"𠀾𡈼𪚥"}', // outside the BMP: 4 bytes for each pair
      '"\uD800 lone \uDC00"', // lone surrogates: U+FFFD, 3 bytes each
      '"𠀾'.repeat(5000) + '"',
      'a'.repeat(100_000),
      '张'.repeat(2_000_000), // beyond the reused buffer: one of its own
      '{"after":"a long one"}', // the reused buffer after a long text: nothing of it left behind
    ]
    for (const json of texts) {
      const bytes = jsonLayout(json)
      expect([...bytes], json.slice(0, 40)).toEqual(reference(json))
      expect(jsonTextOf(bytes)).toBe(new TextDecoder().decode(new TextEncoder().encode(json)))
    }
  })

  it('equals the reference for any text, in a buffer of its own of its size, one after another', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 5 }), (texts) => {
        const made = texts.map(jsonLayout)
        made.forEach((bytes, i) => {
          expect([...bytes]).toEqual(reference(texts[i]!))
          expect(bytes.buffer.byteLength).toBe(bytes.length)
        })
      }),
    )
  })

  it('reads back the value written', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(decodeValue(encodeJsonValue(value))).toEqual(JSON.parse(JSON.stringify(value)))
      }),
    )
  })
})
