/**
 * Masking of other identity documents: each type written out, then properties: no run of 4 or more
 * digits of the number survives masking outside what may stay visible (a 身份证's region code, the
 * tail), masking twice changes nothing, and a masked export scan finds the raw numbers in free text.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  findUnmaskedPersonalNumbers,
  maskDocumentNumber,
  maskedFieldValue,
  maskIdNumber,
  maskPersonalNumbersInText,
} from '../../../src/domain/masking'
import type { IdDocumentType } from '../../../src/domain/types'
import { idNumberArb } from './arbitraries'

/** [type, number, masked] */
const MASKED: [IdDocumentType, string, string][] = [
  ['resident', '110105199001011234', '110105********1234'],
  ['passport', 'E12345678', 'E*****678'],
  ['passport', 'EA1234567', 'EA****567'],
  ['passport', '12345', '*****'],
  ['hkmo', 'H12345678', 'H*****678'],
  ['hkmo', 'M1234567801', 'M*******801'],
  ['tw', '12345678', '*****678'],
  ['foreignPR', 'USA310080011802', 'USA********1802'],
  ['foreignPR', '931840198001010017', '**************0017'],
  ['other', 'ZX2020778899', 'ZX*******899'],
  ['other', 'ZX20207788991', 'ZX*******8991'],
]

describe('maskDocumentNumber', () => {
  it.each(MASKED)('%s %s -> %s', (type, number, masked) => {
    expect(maskDocumentNumber(number, type)).toBe(masked)
  })

  it('a masked export (no type beside the number) masks each document by its shape', () => {
    expect(maskedFieldValue('idNumber', 'H12345678')).toBe('H*****678')
    expect(maskedFieldValue('idNumber', '931840198001010017')).toBe('**************0017')
    expect(maskIdNumber('E12345678')).toBe('E*****678')
    // the 身份证 is masked as it always was
    expect(maskedFieldValue('idNumber', '110105199001011234')).toBe('110105********1234')
  })
})

/** Numbers of every non-身份证 type, built from their written shapes. */
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
const letters = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ'), minLength: min, maxLength: max })
const documentArb: fc.Arbitrary<[IdDocumentType, string]> = fc.oneof(
  fc.tuple(
    fc.constant<IdDocumentType>('passport'),
    fc.tuple(letters(1, 2), digits(7)).map(([l, d]) => l + d),
  ),
  fc.tuple(
    fc.constant<IdDocumentType>('passport'),
    fc.string({ unit: fc.constantFrom(...'0123456789ABCXYZ'), minLength: 5, maxLength: 17 }),
  ),
  fc.tuple(
    fc.constant<IdDocumentType>('hkmo'),
    fc.tuple(fc.constantFrom('H', 'M'), fc.oneof(digits(8), digits(10))).map(([l, d]) => l + d),
  ),
  fc.tuple(fc.constant<IdDocumentType>('tw'), fc.oneof(digits(8), digits(10))),
  fc.tuple(
    fc.constant<IdDocumentType>('foreignPR'),
    fc.tuple(letters(3, 3), digits(12)).map(([l, d]) => l + d),
  ),
  fc.tuple(
    fc.constant<IdDocumentType>('foreignPR'),
    digits(17).map((d) => `9${d}`),
  ),
)

/** Runs of 4+ digits in `number` (start index, text) that are not within the allowed visible positions. */
function leakedRuns(number: string, masked: string, allowedVisible: (i: number) => boolean): string[] {
  const runs: string[] = []
  for (const m of masked.matchAll(/\d{4,}/g)) {
    const positions = Array.from({ length: m[0].length }, (_, k) => m.index + k)
    if (positions.some((i) => !allowedVisible(i))) runs.push(m[0])
  }
  // the masked text has the number's length, char for char
  expect(masked.length).toBe(number.length)
  return runs
}

describe('masking properties', () => {
  it('no 4 consecutive digits of another document survive but the tail', () => {
    fc.assert(
      fc.property(documentArb, ([type, number]) => {
        const masked = maskDocumentNumber(number, type)
        const tailFrom = number.length - 4
        expect(leakedRuns(number, masked, (i) => i >= tailFrom)).toEqual([])
        // at most 4 characters of the number's digits stay visible
        const visibleDigits = [...masked].filter((c, i) => /\d/.test(c) && c === number[i]).length
        expect(visibleDigits).toBeLessThanOrEqual(4)
        // masking twice changes nothing
        expect(maskDocumentNumber(masked, type)).toBe(masked)
      }),
    )
  })

  it('a 身份证 keeps only its region code and its last 4', () => {
    fc.assert(
      fc.property(idNumberArb(), (g) => {
        const masked = maskDocumentNumber(g.idNumber, 'resident')
        expect(leakedRuns(g.idNumber, masked, (i) => i < 6 || i >= 14)).toEqual([])
      }),
    )
  })

  it('free text with a document number is masked to the same tail, and the scan finds none left', () => {
    const hkmoArb = fc.tuple(fc.constantFrom('H', 'M'), digits(8)).map(([l, d]) => l + d)
    const passportArb = digits(8).map((d) => `E${d}`)
    fc.assert(
      fc.property(hkmoArb, passportArb, (hkmo, passport) => {
        const text = `申请人港澳通行证${hkmo}，护照${passport}。`
        expect(findUnmaskedPersonalNumbers(text).sort()).toEqual([hkmo, passport].sort())
        const masked = maskPersonalNumbersInText(text)
        expect(masked).toBe(
          `申请人港澳通行证${maskDocumentNumber(hkmo, 'hkmo')}，护照${maskDocumentNumber(passport, 'passport')}。`,
        )
        expect(findUnmaskedPersonalNumbers(masked)).toEqual([])
      }),
    )
  })

  it('does not take case numbers, amounts or train numbers for documents', () => {
    for (const text of ['（2026）城关镇调字第001号', '赔偿人民币12345678元', '乘G1234次列车', 'HM12345678'])
      expect(findUnmaskedPersonalNumbers(text)).toEqual([])
  })
})
