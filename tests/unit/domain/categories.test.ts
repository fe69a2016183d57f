import { describe, expect, it } from 'vitest'
import {
  CASE_FLAGS,
  DEFAULT_CATEGORIES,
  DEFAULT_REFERRAL_DEPARTMENTS,
  electronicSignatureAllowed,
  judicialConfirmationAllowed,
  judicialConfirmationLimit,
} from '../../../src/domain/categories'
import { CASE_SOURCES, isCaseSource, sourceInfo } from '../../../src/domain/sources'
import type { CaseSource } from '../../../src/domain/types'

describe('categories', () => {
  it('has the sixteen default categories and nine departments, no duplicates', () => {
    expect(DEFAULT_CATEGORIES).toHaveLength(16)
    expect(new Set(DEFAULT_CATEGORIES).size).toBe(16)
    expect(DEFAULT_CATEGORIES).toContain('劳动争议（含欠薪）')
    expect(DEFAULT_REFERRAL_DEPARTMENTS).toContain('人社/劳动监察')
    expect(CASE_FLAGS.map((f) => f.flag)).toEqual(['群体性', '激化风险', '涉企', '涉及未成年人'])
  })

  it('refuses judicial confirmation and e-signature for marriage and family matters', () => {
    for (const c of ['婚姻家庭', '婚姻家庭继承', '收养']) {
      expect(judicialConfirmationAllowed(c)).toBe(false)
      expect(electronicSignatureAllowed(c)).toBe(false)
    }
    expect(judicialConfirmationLimit('婚姻家庭').notice).toContain('不能申请司法确认')
  })

  it('refuses judicial confirmation of title, and warns for land and house categories', () => {
    expect(judicialConfirmationAllowed('知识产权')).toBe(false)
    expect(judicialConfirmationLimit('房屋宅基地')).toMatchObject({
      allowed: true,
      notice: expect.stringContaining('权属'),
    })
    expect(judicialConfirmationLimit('山林土地').notice).toBeDefined()
  })

  it('inheritance: no e-signature, but a property-only inheritance agreement may go to court', () => {
    expect(electronicSignatureAllowed('继承')).toBe(false)
    expect(judicialConfirmationAllowed('继承')).toBe(true)
  })

  it('allows both for the ordinary categories', () => {
    const ordinary = DEFAULT_CATEGORIES.filter((c) => !['婚姻家庭'].includes(c))
    for (const c of ordinary) {
      expect(judicialConfirmationAllowed(c)).toBe(true)
      expect(electronicSignatureAllowed(c)).toBe(true)
    }
  })
})

describe('sources', () => {
  it('describes every CaseSource exactly once', () => {
    const all: CaseSource[] = [
      '当事人申请',
      '主动排查',
      '公安移交',
      '法院委派委托',
      '政府部门交办',
      '网格员上报',
      '信访12345转办',
      '其他',
    ]
    expect(CASE_SOURCES.map((s) => s.source).sort()).toEqual([...all].sort())
    for (const s of all) expect(sourceInfo(s).source).toBe(s)
  })

  it('asks for a referring body only for referrals', () => {
    expect(sourceInfo('法院委派委托')).toMatchObject({ group: '委托移送', hasReferringBody: true })
    expect(sourceInfo('当事人申请')).toMatchObject({ group: '申请', hasReferringBody: false })
    expect(isCaseSource('公安移交')).toBe(true)
    expect(isCaseSource('路人甲')).toBe(false)
  })
})
