/**
 * A committee read from a file (another committee's transfer file, an older backup) comes in with the
 * characters nobody can see taken out of its two names, as setup now makes a mediator do: a name made to
 * look like another committee's is shown as what it is, and no hidden character reaches a document.
 */
import { describe, expect, it } from 'vitest'
import { committeeSchema } from '../../../src/db/transfer/recordSchemas'

const committee = {
  id: 'k1',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  fullName: '城关镇人民调解委员会',
  shortName: '城关',
  address: '城关镇人民路1号',
  phone: '',
  caseNumberPattern: '（{年}）{简称}调字第{序号:3}号',
  defaultDeadlineDays: 30,
  categories: ['邻里纠纷'],
  referralDepartments: [],
}

describe('committeeSchema', () => {
  it('keeps a committee without hidden characters exactly as written', () => {
    expect(committeeSchema.parse(committee)).toEqual(committee)
  })

  // written out: what a paste or a forged file may put into a name, and the name a mediator sees
  it.each([
    ['a zero-width space', '城关镇\u200B人民调解委员会', '城\u200B关'],
    ['a right-to-left override', '\u202E城关镇人民调解委员会', '城关\u202C'],
    ['a BOM', '\uFEFF城关镇人民调解委员会', '\uFEFF城关'],
    ['a control character', '城关镇人民调解\u0007委员会', '城关\u0000'],
    ['a variation selector and a soft hyphen', '城关镇\uFE0F人民\u00AD调解委员会', '城\u2060关'],
  ])('takes %s out of both names and leaves the rest', (_what, fullName, shortName) => {
    const parsed = committeeSchema.parse({ ...committee, fullName, shortName })
    expect(parsed).toEqual({ ...committee, fullName: '城关镇人民调解委员会', shortName: '城关' })
  })

  it('keeps a name outside the basic plane whole', () => {
    const parsed = committeeSchema.parse({ ...committee, fullName: '𠮷村\u200D人民调解委员会', shortName: '𠮷村' })
    expect(parsed.fullName).toBe('𠮷村人民调解委员会')
    expect(parsed.shortName).toBe('𠮷村')
  })
})
