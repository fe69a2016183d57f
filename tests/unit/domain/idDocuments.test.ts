/**
 * Identity documents other than the 身份证: each type's accepted and refused numbers written out, the
 * cleaning of a pasted number with what it says it changed, and the plain words of the messages.
 */
import { describe, expect, it } from 'vitest'
import { cleanDocumentNumber, cleaningNote, documentTypeOf, parseDocumentNumber } from '../../../src/domain/idDocuments'
import { ID_DOCUMENT_LABELS, ID_NUMBER_LABELS } from '../../../src/domain/labels'
import type { IdDocumentType } from '../../../src/domain/types'

/** [type, typed, stored] */
const VALID: [IdDocumentType, string, string][] = [
  ['resident', '11010519491231002X', '11010519491231002X'],
  ['resident', '110105 19491231 002x', '11010519491231002X'],
  ['passport', 'E12345678', 'E12345678'],
  ['passport', 'EA1234567', 'EA1234567'],
  ['passport', 'g1234567', 'G1234567'],
  ['passport', 'X1234', 'X1234'],
  ['passport', '123456789ABCDEFGH', '123456789ABCDEFGH'],
  ['hkmo', 'H12345678', 'H12345678'],
  ['hkmo', 'M87654321', 'M87654321'],
  ['hkmo', 'h1234567801', 'H1234567801'],
  ['hkmo', 'Ｈ１２３４５６７８', 'H12345678'],
  ['tw', '12345678', '12345678'],
  ['tw', '1234567890', '1234567890'],
  ['tw', '1234567890(B)', '1234567890(B)'],
  ['foreignPR', 'USA310080011802', 'USA310080011802'],
  ['foreignPR', 'usa310080011802', 'USA310080011802'],
  ['foreignPR', '931840198001010017', '931840198001010017'],
  ['foreignPR', '931840198001010025', '931840198001010025'],
  ['other', '军官证字第012345号', '军官证字第012345号'],
  ['other', 'ZX-2020-7788', 'ZX-2020-7788'],
]

/** [type, typed, message] */
const INVALID: [IdDocumentType, string, string][] = [
  ['resident', '110105194912310021', '身份证号最后一位不对，请核对'],
  ['resident', '11010519491231002', '身份证号应为18位，现在是17位，请核对'],
  ['resident', '11010519491331002X', '身份证号里的出生日期不对，请核对'],
  ['resident', '990105194912310021', '身份证号开头6位（地区）不对，请核对'],
  ['resident', '1101051949123100XX', '身份证号只能是数字，最后一位可以是X，请核对'],
  ['passport', '', '请填写证件号码'],
  ['passport', 'E123', '护照号码应为5到17位字母或数字，现为“E123”，请核对'],
  ['passport', 'E1234-5678', '护照号码应为5到17位字母或数字，现为“E1234-5678”，请核对'],
  ['passport', '123456789ABCDEFGHJ', '护照号码应为5到17位字母或数字，现为“123456789ABCDEFGHJ”，请核对'],
  ['hkmo', '12345678', '港澳通行证号码应以H（香港）或M（澳门）开头，请核对'],
  ['hkmo', 'K12345678', '港澳通行证号码应以H（香港）或M（澳门）开头，请核对'],
  ['hkmo', 'H1234567', '港澳通行证号码应为H或M加8位数字（旧证为10位数字），请核对'],
  ['hkmo', 'H123456789', '港澳通行证号码应为H或M加8位数字（旧证为10位数字），请核对'],
  ['hkmo', 'H1234567A', '港澳通行证号码应为H或M加8位数字（旧证为10位数字），请核对'],
  ['tw', '1234567', '台湾居民来往大陆通行证号码应为8位数字（旧证为10位），请核对'],
  ['tw', 'T1234567', '台湾居民来往大陆通行证号码应为8位数字（旧证为10位），请核对'],
  ['tw', '123456789', '台湾居民来往大陆通行证号码应为8位数字（旧证为10位），请核对'],
  ['foreignPR', '931840198001010018', '永久居留身份证号码最后一位不对，请核对'],
  ['foreignPR', '110105197903030011', '永久居留身份证号码应为18位数字（以9开头），旧证为3个字母加12位数字，请核对'],
  ['foreignPR', 'US310080011802', '永久居留身份证号码应为18位数字（以9开头），旧证为3个字母加12位数字，请核对'],
  ['other', '', '请填写证件号码'],
  ['other', 'A'.repeat(41), '证件号码不能超过40个字符'],
]

describe('parseDocumentNumber', () => {
  it.each(VALID)('%s accepts %s as %s', (type, typed, stored) => {
    const r = parseDocumentNumber(type, typed)
    expect(r.ok && r.number).toBe(stored)
  })

  it.each(INVALID)('%s refuses %s: %s', (type, typed, message) => {
    expect(parseDocumentNumber(type, typed)).toEqual({ ok: false, message })
  })

  it('reads birth date and sex from a 身份证 only', () => {
    expect(parseDocumentNumber('resident', '110105201105010023')).toEqual({
      ok: true,
      number: '110105201105010023',
      derived: { birthDate: '2011-05-01', gender: '女' },
    })
    // a new 永久居留 number encodes a birth date too, but only the 身份证 is read for it
    expect(parseDocumentNumber('foreignPR', '931840198001010017')).toEqual({ ok: true, number: '931840198001010017' })
  })

  it('never answers in check-digit jargon', () => {
    for (const [type, typed] of INVALID) {
      const r = parseDocumentNumber(type, typed)
      expect(r.ok ? '' : r.message).not.toMatch(/校验位|校验码|格式不正确/)
    }
  })
})

describe('cleanDocumentNumber', () => {
  /** [pasted, cleaned, what the form says] */
  const PASTED: [string, string, string][] = [
    ['1101 0519 4912 3100 2Ｘ', '11010519491231002X', '已去掉空格，全角Ｘ已改为X'],
    ['11010519491231002ｘ', '11010519491231002X', '全角Ｘ已改为X'],
    ['11010519491231002x', '11010519491231002X', '小写x已改为X'],
    ['１１０１０５１９４９１２３１００２X', '11010519491231002X', '全角数字已改为半角'],
    ['\u3000e12345678 ', 'E12345678', '已去掉空格，小写字母已改为大写'],
    ['11010519491231002X', '11010519491231002X', ''],
  ]
  it.each(PASTED)('%s -> %s (%s)', (pasted, cleaned, note) => {
    const r = cleanDocumentNumber(pasted)
    expect(r.value).toBe(cleaned)
    expect(cleaningNote(r.changes)).toBe(note)
  })

  it('keeps all 18 characters of a pasted 身份证 with 4 spaces and a full-width Ｘ', () => {
    const r = parseDocumentNumber('resident', cleanDocumentNumber('1101 0519 4912 3100 2Ｘ').value)
    expect(r.ok && r.number).toBe('11010519491231002X')
  })
})

describe('document types', () => {
  it('a party stored without a type holds a 居民身份证', () => {
    expect(documentTypeOf({})).toBe('resident')
    expect(documentTypeOf({ idType: '' })).toBe('resident')
    expect(documentTypeOf({ idType: 'hkmo' })).toBe('hkmo')
  })

  it('names every type once, and what a document prints before the number', () => {
    expect(ID_DOCUMENT_LABELS).toEqual({
      resident: '居民身份证',
      passport: '护照',
      hkmo: '港澳居民来往内地通行证',
      tw: '台湾居民来往大陆通行证',
      foreignPR: '外国人永久居留身份证',
      other: '其他',
    })
    expect(ID_NUMBER_LABELS.resident).toBe('公民身份号码')
    expect(ID_NUMBER_LABELS.passport).toBe('护照号码')
  })
})
