/**
 * The 排查 and 接待 figures as the 统计 page, the Excel file and the PDF show them: labels and order written
 * out here by hand, 接待 only when given (the whole committee).
 */
import { describe, expect, it } from 'vitest'
import { workSections } from '../../../src/domain/reportWorkFigures'

const screening = { rounds: 4, found: 9, turnedIntoCases: 3 }
const reception = {
  visits: 20,
  people: 31,
  byRoute: { answered: 8, case: 4, referred: 3, legal_aid: 2, psych: 1, petition: 1, other: 1 },
  peopleByRoute: { answered: 8, case: 10, referred: 6, legal_aid: 3, psych: 1, petition: 2, other: 1 },
}

describe('the report sections of 排查 and 接待', () => {
  it('排查 then 接待, each figure under the label the forms use', () => {
    const sections = workSections(screening, reception)
    expect(sections.map((s) => [s.title, s.cells.map((c) => `${c.label}=${c.value}`).join(' ')])).toEqual([
      ['矛盾纠纷排查', '排查次数=4 排查发现纠纷=9 其中转为案件=3'],
      [
        '接待登记（分流）',
        '接待次数=20 接待人次=31 当场解答=8 登记为调解案件=4 转办部门=3 法律援助=2 心理服务=1 信访=1 其他=1',
      ],
    ])
    expect(sections[0]!.note).toMatch(/^排查按排查日期计入统计期间/)
    expect(sections[1]!.note).toMatch(/^接待按接待时间计入统计期间/)
  })

  it('a room or a mediator has no 接待 section; nothing known, no section', () => {
    expect(workSections(screening).map((s) => s.title)).toEqual(['矛盾纠纷排查'])
    expect(workSections()).toEqual([])
  })
})
