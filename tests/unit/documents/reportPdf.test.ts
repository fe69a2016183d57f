import { describe, expect, it } from 'vitest'
import { buildReport, compareTotals } from '../../../src/domain/statistics'
import { workSections } from '../../../src/domain/reportWorkFigures'
import { buildBreakdowns } from '../../../src/domain/reportBreakdowns'
import { monthlyTrend } from '../../../src/domain/reportTrend'
import { monthPeriod, reportFileName } from '../../../src/domain/reportPeriod'
import { buildReportPdf, type ReportPdfInput } from '../../../src/documents/builders/reportPdf'
import { loadNodeFonts } from '../../../src/documents/node/fonts'
import { renderPdf, REPRODUCIBLE_DATE } from '../../../src/documents/render'
import { CATEGORIES, FIXTURE, TODAY } from '../domain/statisticsFixture'
import { firstPageSize, pageTexts } from './pdf-text'
import { reportFactsOf } from '../../../src/domain/reportFacts'

const JAN = monthPeriod(2026, 1)
const COMMITTEE = { kind: 'committee' } as const
const NAMES = {
  rooms: [
    { id: 'r1', name: '一室' },
    { id: 'r2', name: '二室' },
  ],
  mediators: [
    { id: 'm1', name: '张调解' },
    { id: 'm2', name: '李调解' },
  ],
}

/** 排查 and 接待 figures as the page would pass them, written out by hand */
const SCREENING = { rounds: 3, found: 7, turnedIntoCases: 2 }
const RECEPTION = {
  visits: 12,
  people: 19,
  byRoute: { answered: 5, case: 3, referred: 2, legal_aid: 1, psych: 1, petition: 0, other: 0 },
  peopleByRoute: { answered: 5, case: 9, referred: 3, legal_aid: 1, psych: 1, petition: 0, other: 0 },
}

function input(categories = CATEGORIES, work = workSections(SCREENING, RECEPTION)): ReportPdfInput {
  return {
    report: buildReport(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, categories, TODAY),
    comparison: compareTotals(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, TODAY),
    work,
    breakdowns: buildBreakdowns(FIXTURE.map(reportFactsOf), JAN, COMMITTEE, NAMES, TODAY),
    trend: monthlyTrend(FIXTURE.map(reportFactsOf), '2026-01', COMMITTEE, TODAY),
    committeeName: '沙湾镇人民调解委员会',
    scopeName: '',
    preparedBy: '王调解',
    preparedOn: '2026-02-03',
  }
}

async function render(i: ReportPdfInput): Promise<Uint8Array> {
  const dd = buildReportPdf(i)
  return renderPdf(dd, await loadNodeFonts(dd), { creationDate: REPRODUCIBLE_DATE })
}

describe('the report PDF, its text read back with pdfjs', () => {
  it('A4 landscape; title, period, the tables and 制表人/制表日期; page numbers', async () => {
    const pdf = await render(input())
    expect(await firstPageSize(pdf)).toEqual([841.89, 595.28])
    const pages = await pageTexts(pdf)
    const all = pages.join('')
    expect(pages[0]).toContain('沙湾镇人民调解委员会调解工作统计表')
    expect(pages[0]).toContain('统计期间：2026年1月')
    // the 合计 row of the first part: 受理 19 … 成功率 72.7%, written out by hand
    expect(all).toContain('合计1994162211844372.7%')
    // the second part's 合计: 41,846.17 元, 4.18 万元, 54 人, 履行 2 1 1, 司法确认 1 1, 按期 12, 超期 3, 民转刑 3 7, 自杀 1 1,
    // 上访 0 0, 械斗 1 5, 非正常死亡 1
    expect(all).toContain('合计41,846.174.185421111123371100151')
    expect(all).toContain('婚姻家庭')
    expect(all).toContain('物业纠纷（已停用）')
    // the breakdowns: a source row and a room row, the trend's January
    expect(all).toContain('统计表（按案件来源）')
    expect(all).toContain('公安机关移交21233.3%6,000.004101')
    expect(all).toContain('二室51150.0%12,345.6724110')
    expect(all).toContain('李调解52166.7%15,346.1721210')
    expect(all).toContain('近12个月趋势')
    expect(all).toContain('2026年1月198372.7%')
    expect(all).toContain('2025年12月82166.7%')
    expect(all).toContain('制表人：王调解')
    expect(all).toContain('制表日期：2026年2月3日')
    pages.forEach((p, i) => expect(p).toContain(`第${i + 1}页共${pages.length}页`))
  })

  it('a table running onto the next page repeats its header rows there, under the committee and period', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `类别${String(i + 1).padStart(2, '0')}`)
    const pages = await pageTexts(await render(input(many)))
    expect(pages.length).toBeGreaterThan(2)
    // page 2 continues the first part: its caption and two header rows again, then the next categories
    const second = pages[1]!
    expect(second).toMatch(
      /^一、受理与调解结果类别受理调解成功调解不成成功率合计当事人申请主动调解其中网格上报委托移送公安法院信访\/12345政府部门合计书面协议口头协议类别\d\d0/,
    )
    // the committee and period at the head of every page after the first
    expect(second).toContain('沙湾镇人民调解委员会调解工作统计表2026年1月第2页')
  })

  it('after the main tables: 三、排查 and 四、接待 with how they are counted, then 五、环比与同比 of every total', async () => {
    const all = (await pageTexts(await render(input()))).join('')
    expect(all).toContain('三、矛盾纠纷排查排查次数排查发现纠纷其中转为案件372排查按排查日期计入统计期间')
    expect(all).toContain(
      '四、接待登记（分流）接待次数接待人次当场解答登记为调解案件转办部门法律援助心理服务信访其他12195321100接待按接待时间计入统计期间',
    )
    expect(all).toContain('五、合计的环比与同比项目本期上期环比去年同期同比')
    // 受理: 19 in January 2026 and 8 in December 2025 (the trend's rows above), so ↑137.5%
    expect(all).toMatch(/受理（合计）198↑137\.5%/)
  })

  it('for a room or a mediator (no 接待): 排查 is 三 and the comparison 四; nothing of 接待 is printed', async () => {
    const all = (await pageTexts(await render(input(CATEGORIES, workSections(SCREENING))))).join('')
    expect(all).toContain('三、矛盾纠纷排查')
    expect(all).toContain('四、合计的环比与同比')
    expect(all).not.toContain('接待人次')
  })

  it('is saved as 委员会-期间-调解工作统计表.pdf', () => {
    expect(reportFileName('沙湾镇人民调解委员会', JAN, 'pdf')).toBe('沙湾镇人民调解委员会-2026年1月-调解工作统计表.pdf')
  })
})
