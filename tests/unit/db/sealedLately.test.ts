/**
 * The index records a window sealed last (src/db/sealedLately.ts): their text is given back only for the
 * very bytes sealed under the very additional data, and only the last few records are kept.
 */
import { describe, expect, it } from 'vitest'
import { noteSealed, textOfSealed } from '../../../src/db/sealedLately'

const key = () => new Uint8Array(32).fill(7)
const bytes = (...b: number[]) => Uint8Array.from(b)

describe('the index records sealed last', () => {
  it('gives the text back for equal bytes (a copy, as IndexedDB returns) under the same additional data', () => {
    const k = key()
    noteSealed(k, 'caseIndex\u0000[["id","meta"]]', bytes(1, 2, 3, 4), '{"id":"meta"}')
    expect(textOfSealed(k, 'caseIndex\u0000[["id","meta"]]', bytes(1, 2, 3, 4))).toBe('{"id":"meta"}')
  })

  it('gives nothing for other bytes, another record, another key, or a seal replaced since', () => {
    const k = key()
    const context = 'caseIndex\u0000[["id","s000001"]]'
    noteSealed(k, context, bytes(1, 2, 3, 4), 'old')
    expect(textOfSealed(k, context, bytes(1, 2, 3, 5))).toBeUndefined() // one byte changed: opened as usual
    expect(textOfSealed(k, context, bytes(1, 2, 3))).toBeUndefined()
    expect(textOfSealed(k, 'caseIndex\u0000[["id","s000002"]]', bytes(1, 2, 3, 4))).toBeUndefined()
    expect(textOfSealed(key(), context, bytes(1, 2, 3, 4))).toBeUndefined()
    noteSealed(k, context, bytes(9, 9), 'new')
    expect(textOfSealed(k, context, bytes(1, 2, 3, 4))).toBeUndefined()
    expect(textOfSealed(k, context, bytes(9, 9))).toBe('new')
  })

  it('keeps the last 16 records only, a record sealed again counting as new', () => {
    const k = key()
    const context = (i: number) => `caseIndex\u0000[["id","s${i}"]]`
    for (let i = 0; i < 16; i++) noteSealed(k, context(i), bytes(i), `t${i}`)
    noteSealed(k, context(0), bytes(100), 't0 again') // s0 is the newest now, s1 the oldest
    noteSealed(k, context(16), bytes(16), 't16')
    expect(textOfSealed(k, context(1), bytes(1))).toBeUndefined()
    expect(textOfSealed(k, context(0), bytes(100))).toBe('t0 again')
    expect(textOfSealed(k, context(2), bytes(2))).toBe('t2')
    expect(textOfSealed(k, context(16), bytes(16))).toBe('t16')
  })
})
