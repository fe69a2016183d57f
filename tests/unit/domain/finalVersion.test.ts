/**
 * The version a draft is finalised as (src/domain/finalVersion.ts), held to a written-out table and, for
 * any ledger and database, to a plain reading of the rule: never a version the ledger holds (other
 * content), never a version the database has, never lower than the draft's, as drafted whenever the
 * ledger does not hold the draft's version with other content.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { finalVersionChoice, skippedVersionNotice } from '../../../src/domain/finalVersion'
import type { Agreement } from '../../../src/domain/types'

type Stored = Pick<Agreement, 'version' | 'status'>
const draft = (version: number): Stored => ({ version, status: 'draft' })
const final = (version: number): Stored => ({ version, status: 'final' })
const superseded = (version: number): Stored => ({ version, status: 'superseded' })

describe('finalVersionChoice: the table', () => {
  const rows: [name: string, facts: Parameters<typeof finalVersionChoice>[0], expected: unknown][] = [
    [
      'a version the ledger does not hold: as drafted',
      { draftVersion: 1, ledgerHoldsOther: false, ledgerHighest: 0, stored: [draft(1)] },
      { kind: 'as-drafted', version: 1 },
    ],
    [
      'held with the same content (signed again as before): as drafted',
      { draftVersion: 2, ledgerHoldsOther: false, ledgerHighest: 2, stored: [superseded(1), draft(2)] },
      { kind: 'as-drafted', version: 2 },
    ],
    [
      'a restored backup: 第1版 held, never stored as final → 第2版',
      { draftVersion: 1, ledgerHoldsOther: true, ledgerHighest: 1, stored: [draft(1)] },
      { kind: 'next', version: 2, skipped: 1 },
    ],
    [
      'the ledger holds later versions too (finalised after the backup): past all of them',
      { draftVersion: 1, ledgerHoldsOther: true, ledgerHighest: 3, stored: [draft(1)] },
      { kind: 'next', version: 4, skipped: 1 },
    ],
    [
      'a new version of a final agreement whose number is held: past the ledger',
      { draftVersion: 2, ledgerHoldsOther: true, ledgerHighest: 2, stored: [final(1), draft(2)] },
      { kind: 'next', version: 3, skipped: 2 },
    ],
    [
      'the database knows a higher version than the ledger: past it too',
      { draftVersion: 2, ledgerHoldsOther: true, ledgerHighest: 2, stored: [final(1), draft(2), draft(5)] },
      { kind: 'next', version: 6, skipped: 2 },
    ],
    [
      'the database holds a final agreement of this version: that is what the ledger holds, refused',
      { draftVersion: 2, ledgerHoldsOther: true, ledgerHighest: 2, stored: [final(2), draft(2)] },
      { kind: 'refused', message: '该协议此版本已签发，不能再次签发不同内容' },
    ],
    [
      'a superseded one of this version: refused likewise',
      { draftVersion: 1, ledgerHoldsOther: true, ledgerHighest: 2, stored: [superseded(1), draft(1)] },
      { kind: 'refused', message: '该协议此版本已签发，不能再次签发不同内容' },
    ],
  ]
  it.each(rows)('%s', (_name, facts, expected) => {
    expect(finalVersionChoice(facts)).toEqual(expected)
  })
})

describe('finalVersionChoice: for any ledger and database', () => {
  const facts = fc
    .record({
      draftVersion: fc.integer({ min: 1, max: 8 }),
      held: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 8 }),
      others: fc.array(
        fc.record({
          version: fc.integer({ min: 1, max: 12 }),
          status: fc.constantFrom<Agreement['status']>('draft', 'final', 'superseded'),
        }),
        { maxLength: 5 },
      ),
      sameContent: fc.boolean(),
    })
    .map(({ draftVersion, held, others, sameContent }) => ({
      draftVersion,
      held,
      // the ledger holds the draft's version with other content only when it holds that version at all
      ledgerHoldsOther: held.includes(draftVersion) && !sameContent,
      ledgerHighest: held.length === 0 ? 0 : Math.max(...held),
      stored: [draft(draftVersion), ...others],
    }))

  it('never names a version the ledger holds with other content or the database has, and only moves up', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const choice = finalVersionChoice(f)
        const storedFinal = f.stored.some((a) => a.version === f.draftVersion && a.status !== 'draft')
        if (!f.ledgerHoldsOther) {
          expect(choice).toEqual({ kind: 'as-drafted', version: f.draftVersion })
        } else if (storedFinal) {
          expect(choice.kind).toBe('refused')
        } else {
          expect(choice.kind).toBe('next')
          if (choice.kind !== 'next') return
          expect(choice.skipped).toBe(f.draftVersion)
          expect(choice.version).toBeGreaterThan(f.draftVersion)
          expect(f.held).not.toContain(choice.version)
          expect(f.stored.map((a) => a.version)).not.toContain(choice.version)
          // the lowest such number above every version either knows: one past the highest
          const reference =
            1 + [f.draftVersion, ...f.held, ...f.stored.map((a) => a.version)].reduce((a, b) => (a > b ? a : b))
          expect(choice.version).toBe(reference)
        }
      }),
    )
  })
})

describe('skippedVersionNotice', () => {
  it('says it plainly when the version moved, and nothing when it did not', () => {
    expect(skippedVersionNotice(1, 2)).toBe(
      '第1版已在签发登记簿中登记过其他内容（可能是恢复备份前或另一次确认时签发的），本次确认为第2版。',
    )
    expect(skippedVersionNotice(2, 5)).toBe(
      '第2版已在签发登记簿中登记过其他内容（可能是恢复备份前或另一次确认时签发的），本次确认为第5版。',
    )
    expect(skippedVersionNotice(3, 3)).toBeUndefined()
  })
})
