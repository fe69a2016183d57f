/**
 * The signing ledger's rules against a ledger written out line by line here (sorted-key JSON, each line
 * naming the SHA-256 of the one before): links, duplicates, the head, and what signing again means.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  foreignKeyProblem,
  LEDGER_GENESIS,
  ledgerDecision,
  readLedger,
  unledgeredProblem,
} from '../../../src/domain/signingLedger'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const ZERO = '0'.repeat(64)
const H1 = 'a'.repeat(64)
const H2 = 'b'.repeat(64)

/** Lines written by hand in sorted-key order, as the ledger stores them. */
function line(seq: number, version: number, hash: string, prev: string): string {
  return `{"caseNo":"（2026）城关镇调字第001号","hash":"${hash}","keyId":"0123456789abcdef","prev":"${prev}","seq":${seq},"signedAt":"2026-12-03T08:00:00.000Z","version":${version}}`
}

const first = line(1, 1, H1, ZERO)
const second = line(2, 2, H2, sha(first))

describe('reading the signing ledger', () => {
  it('accepts linked lines with a head at the end, or one line behind (a crash between the two writes)', () => {
    const atEnd = readLedger([first, second], { count: 2, lineHash: sha(second) })
    expect(atEnd).toMatchObject({ ok: true, head: { count: 2, lineHash: sha(second) } })
    expect(readLedger([first, second], { count: 1, lineHash: sha(first) }).ok).toBe(true)
    expect(readLedger([], undefined).ok).toBe(true)
  })

  it('finds a deleted, edited, reordered or re-spaced line, and a head that reaches past the end', () => {
    const head = { count: 2, lineHash: sha(second) }
    expect(readLedger([second], head)).toMatchObject({ ok: false, line: 1 })
    expect(readLedger([first.replace(H1, 'c'.repeat(64)), second], head)).toMatchObject({ ok: false, line: 2 })
    expect(readLedger([second, first], head).ok).toBe(false)
    expect(readLedger([first.replace(',"hash"', ', "hash"'), second], head)).toMatchObject({ ok: false, line: 1 })
    expect(readLedger([first], head).ok).toBe(false)
    expect(readLedger([first, second], undefined).ok).toBe(false)
  })

  it('refuses a second line for the same case number and version', () => {
    const again = line(2, 1, H2, sha(first))
    expect(readLedger([first, again], { count: 2, lineHash: sha(again) })).toMatchObject({ ok: false, line: 2 })
  })
})

describe('signing again', () => {
  it('is the same answer for the same hash, a conflict for another, new for another version', () => {
    const read = readLedger([first], { count: 1, lineHash: sha(first) })
    if (!read.ok) throw new Error(read.message)
    const caseNo = '（2026）城关镇调字第001号'
    expect(ledgerDecision(read.entries, { caseNo, version: 1, hash: H1 }).kind).toBe('same')
    expect(ledgerDecision(read.entries, { caseNo, version: 1, hash: H2 }).kind).toBe('conflict')
    expect(ledgerDecision(read.entries, { caseNo, version: 2, hash: H2 }).kind).toBe('new')
    expect(ledgerDecision(read.entries, { caseNo: '（2026）城关镇调字第002号', version: 1, hash: H2 }).kind).toBe('new')
  })
})

describe('unledgeredProblem: a committee signature the ledger does not hold', () => {
  const line = (caseNo: string, version: number, signedAt: string) => ({
    seq: 1,
    caseNo,
    version,
    hash: 'a'.repeat(64),
    signedAt,
    keyId: '0123456789abcdef',
    prev: LEDGER_GENESIS,
  })
  const ledger = [line('（2026）城调字第1号', 1, '2026-11-01T00:00:00.000Z')]
  it.each([
    [
      'finalised before the first line, version never recorded',
      ledger,
      '（2026）城调字第9号',
      1,
      '2026-10-15T03:20:00.000Z',
      'before-ledger',
    ],
    [
      'finalised before the ledger, which is still empty',
      [],
      '（2026）城调字第9号',
      1,
      '2026-10-15T03:20:00.000Z',
      'before-ledger',
    ],
    [
      'a version the ledger holds with other content',
      ledger,
      '（2026）城调字第1号',
      1,
      '2026-10-15T03:20:00.000Z',
      'not-in-ledger',
    ],
    [
      'finalised after the ledger began (every signature was recorded then)',
      ledger,
      '（2026）城调字第9号',
      1,
      '2026-11-02T00:00:00.000Z',
      'not-in-ledger',
    ],
    [
      'finalised at the very moment of the first line',
      ledger,
      '（2026）城调字第9号',
      1,
      '2026-11-01T00:00:00.000Z',
      'not-in-ledger',
    ],
    ['no finalisation time', ledger, '（2026）城调字第9号', 1, undefined, 'not-in-ledger'],
    ['a time that is not one', ledger, '（2026）城调字第9号', 1, '去年', 'not-in-ledger'],
  ] as const)('%s → %s', (_name, entries, caseNo, version, finalizedAt, expected) => {
    expect(unledgeredProblem(entries, { caseNo, version, ...(finalizedAt === undefined ? {} : { finalizedAt }) })).toBe(
      expected,
    )
  })
})

describe('foreignKeyProblem: a signature by a key this PC does not hold', () => {
  const entry = (caseNo: string, version: number) => ({
    seq: 1,
    caseNo,
    version,
    hash: 'a'.repeat(64),
    signedAt: '2026-11-01T00:00:00.000Z',
    keyId: '0123456789abcdef',
    prev: LEDGER_GENESIS,
  })
  const ledger = [entry('（2026）城调字第1号', 1)]
  it.each([
    ['an empty ledger (a new PC that restored the old one’s backup)', [], '（2026）城调字第1号', 1, 'other-key'],
    ['another case number (a case imported from another committee)', ledger, '（2026）乙镇调字第1号', 1, 'other-key'],
    ['another version of a case this PC signed', ledger, '（2026）城调字第1号', 2, 'other-key'],
    ['a version this PC signed itself: the record was changed', ledger, '（2026）城调字第1号', 1, 'signature'],
  ] as const)('%s → %s', (_name, entries, caseNo, version, expected) => {
    expect(foreignKeyProblem(entries, { caseNo, version })).toBe(expected)
  })
})
