/**
 * What the audit log's guard lets into an entry (src/domain/audit.ts, auditTokenMayHoldNumber): names, field
 * names and ids, never a personal number in any spelling. Held to a written-out table, and to the recogniser
 * of personal numbers as an independent reference: whatever it finds in a token, the guard refuses.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auditTokenMayHoldNumber } from '../../../src/domain/audit'
import { findPersonalNumbers } from '../../../src/domain/personalNumbers'
import { idNumberArb, landlineArb, mobileArb } from './arbitraries'

describe('a token the audit log may hold', () => {
  it.each<[string, boolean]>([
    ['facts', false],
    ['parties.0.phone', false],
    ['老李', false],
    ['调解员 王2', false],
    ['case-1', false],
    ['sync-pull', false],
    ['9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', false],
    ['00000000-0000-4000-8000-0000000000aa', false],
    ['block-2026-12', false],
    ['v123456', false],
    ['13812345678', true],
    ['138 1234 5678', true],
    ['１３８１２３４５６７８', true],
    ['1 3 7 0 0 0 0 0 0 0 5', true],
    ['110105199001011234', true],
    ['11010519900101123X', true],
    ['E1234567', true],
    ['C12345678', true],
    ['010-8888666', true],
    ['老李13812345678', true],
    ['1234567', true],
    // a UUID's shape, but not one: the digits count
    ['13812345-678-0000-0000-000000000000', true],
  ])('%s: %s', (token, refused) => {
    expect(auditTokenMayHoldNumber(token)).toBe(refused)
  })

  it('refuses every number the recogniser finds, in any token built around it', () => {
    // grouped as people write them: a mobile 3-4-4, an ID 6-8-4, a landline after its area code
    const grouped = (parts: (n: string) => string[]) => (n: string) => ({ n, parts: parts(n) })
    const spelled = fc
      .tuple(
        fc.oneof(
          mobileArb().map(grouped((n) => [n.slice(0, 3), n.slice(3, 7), n.slice(7)])),
          idNumberArb()
            .map((g) => g.idNumber)
            .map(grouped((n) => [n.slice(0, 6), n.slice(6, 14), n.slice(14)])),
          landlineArb().map(grouped((n) => [n])),
        ),
        fc.constantFrom('', ' ', '-', '.', '\u3000'),
        fc.boolean(),
      )
      .map(([{ parts }, sep, wide]) => {
        const text = parts.join(sep)
        return wide ? text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : text
      })
    // never a letter or digit right beside the number: that would make it another, longer token
    const before = fc.constantFrom('', 'parties.', 'field_', '张三', 'x:', '-')
    const after = fc.constantFrom('', '.phone', '_x', '张三', ':', '-')
    fc.assert(
      fc.property(before, spelled, after, (before, number, after) => {
        const token = before + number + after
        expect(findPersonalNumbers(token).length).toBeGreaterThan(0)
        expect(auditTokenMayHoldNumber(token)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('refuses whatever the recogniser finds in random text of digits, letters and separators', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789１３８ -.+XEGHC李'), maxLength: 24 })
    fc.assert(
      fc.property(text, (token) => {
        if (findPersonalNumbers(token).length > 0) expect(auditTokenMayHoldNumber(token)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
