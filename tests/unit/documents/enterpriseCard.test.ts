/**
 * The 一企一码 card as printed: its text and the QR code read back from the rendered page give the
 * enterprise's details exactly as written out here (not as the builder computed them).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEnterpriseCode } from '../../../src/domain/enterpriseCode'
import type { CaseBundle, Party } from '../../../src/domain/types'
import { wageArrearsBundle } from '../../fixtures/cases/wage-arrears'
import { decodeQr, extractText, pageCount } from './pdf-tools'
import { render } from './render-fixture'

function withOrg(fields: Partial<Party>): { bundle: CaseBundle; partyId: string } {
  const bundle = wageArrearsBundle()
  const org = bundle.parties.find((p) => p.kind === 'org')
  if (!org) throw new Error('fixture has no organisation party')
  Object.assign(org, fields)
  return { bundle, partyId: org.id }
}

const CASES = [
  {
    label: 'the fixture company',
    fields: {},
    card: {
      name: '岳阳云溪恒泰化工有限公司',
      creditCode: '91430600MA4Q8K7T3N',
      legalRep: '黄立新',
      address: '湖南省岳阳市云溪区绿色化工产业园滨江大道8号',
      phone: '0730-8412368',
    },
  },
  {
    label: 'a rare character in the name, a long address, no phone',
    fields: {
      name: '岳阳𬌗氏五金加工厂（普通合伙）',
      legalRep: '𬌗建国',
      address: '湖南省岳阳市云溪区云溪镇八一村第三村民小组长岭路一百二十八号附三号东侧厂房二楼',
      phone: '',
    },
    card: {
      name: '岳阳𬌗氏五金加工厂（普通合伙）',
      creditCode: '91430600MA4Q8K7T3N',
      legalRep: '𬌗建国',
      address: '湖南省岳阳市云溪区云溪镇八一村第三村民小组长岭路一百二十八号附三号东侧厂房二楼',
      phone: '',
    },
  },
]

const strip = (s: string): string => s.replace(/\s+/g, '')

function pageSize(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'mr-card-')), 'card.pdf')
  writeFileSync(file, pdf)
  return /Page size:\s+([\d.]+ x [\d.]+) pts/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? ''
}

describe('一企一码 card', () => {
  it.each(CASES)(
    '$label: one A6 page; its QR reads back to the same enterprise',
    async ({ fields, card }) => {
      const { bundle, partyId } = withOrg(fields)
      const pdf = await render('enterprise-card', bundle, { partyId })
      expect(pageCount(pdf)).toBe(1)
      // A6 is 105 × 148 mm
      expect(pageSize(pdf)).toBe('297.64 x 419.53')
      const text = extractText(pdf)
      for (const shown of [
        card.name,
        card.creditCode,
        bundle.committee.fullName,
        bundle.committee.address,
        bundle.committee.phone,
      ])
        expect(text).toContain(strip(shown))
      expect(text).toContain('企业遇到矛盾纠纷')
      const qr = decodeQr(pdf, 1)
      expect(qr).toMatch(/^MRQY1:[0-9A-Z]+$/)
      expect(readEnterpriseCode(qr ?? '')).toEqual({ ok: true, card })
    },
    60_000,
  )

  it.each([
    { label: 'a person', fields: { kind: 'person' as const }, message: '只有单位' },
    { label: 'no credit code', fields: { creditCode: '' }, message: '统一社会信用代码' },
    { label: 'a wrong check character', fields: { creditCode: '91430600MA4Q8K7T3M' }, message: '统一社会信用代码' },
  ])('is refused for $label', async ({ fields, message }) => {
    const { bundle, partyId } = withOrg(fields)
    await expect(render('enterprise-card', bundle, { partyId })).rejects.toThrow(message)
  })
})
