/** Input files the CLI accepts: a bundle, { bundles }, or a transfer file grouped back into bundles. */
import { describe, expect, it } from 'vitest'
import { bundlesFromJson, pickBundle } from '../../../src/documents/bundle-input'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'

function transferFileOf(...bundles: ReturnType<typeof wageArrearsBundle>[]): unknown {
  const first = bundles[0]
  if (!first) throw new Error('no bundle')
  return {
    format: 'mediation-room/transfer',
    formatVersion: 1,
    tables: {
      committees: [first.committee],
      rooms: [first.room],
      mediators: first.mediators,
      cases: bundles.map((b) => b.case),
      parties: bundles.flatMap((b) => b.parties),
      sessions: bundles.flatMap((b) => b.sessions),
      agreements: bundles.flatMap((b) => b.agreements),
      signatures: bundles.flatMap((b) => b.signatures),
      followUps: bundles.flatMap((b) => b.followUps),
      referrals: [],
      attachments: bundles.flatMap((b) => b.attachments),
    },
  }
}

describe('bundlesFromJson', () => {
  it('accepts one bundle and { bundles }', () => {
    const b = wageArrearsBundle()
    expect(bundlesFromJson(b)).toEqual([b])
    expect(bundlesFromJson({ bundles: [b, b] })).toHaveLength(2)
  })

  it('groups a transfer file into one bundle per case with only that case’s records', () => {
    const a = wageArrearsBundle()
    const other = structuredClone(a)
    other.case = { ...other.case, id: 'case-2', caseNo: '（2026）云溪镇调字第013号' }
    other.parties = other.parties.slice(0, 2).map((p) => ({ ...p, id: `${p.id}-2`, caseId: 'case-2' }))
    other.sessions = []
    other.agreements = []
    other.signatures = []
    other.followUps = []
    other.attachments = []
    const bundles = bundlesFromJson(transferFileOf(a, other))
    expect(bundles.map((b) => b.case.caseNo)).toEqual([a.case.caseNo, other.case.caseNo])
    expect(bundles[0]?.parties).toHaveLength(a.parties.length)
    expect(bundles[0]?.signatures).toHaveLength(a.signatures.length)
    expect(bundles[1]?.parties).toHaveLength(2)
    expect(bundles[1]?.mediators.map((m) => m.name).sort()).toEqual(a.mediators.map((m) => m.name).sort())
    expect(pickBundle(bundles, other.case.caseNo).case.id).toBe('case-2')
  })

  it('refuses what it cannot read, in Chinese', () => {
    expect(() => bundlesFromJson([])).toThrow(/不是 JSON 对象/)
    expect(() => bundlesFromJson({ format: 'mediation-room/encrypted' })).toThrow(/加密/)
    expect(() => bundlesFromJson({ committee: {}, room: {}, case: {} })).toThrow(/缺少 mediators/)
    expect(() => pickBundle([], undefined)).toThrow(/没有案件/)
    expect(() => pickBundle([wageArrearsBundle()], '不存在的案号')).toThrow(/没有案号为/)
  })
})
