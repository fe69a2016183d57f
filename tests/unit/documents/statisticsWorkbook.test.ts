import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { buildReport, compareTotals } from '../../../src/domain/statistics'
import { monthPeriod, reportFileName } from '../../../src/domain/reportPeriod'
import { startsWithZipMagic } from '../../../src/shared/ipc/files'
import { FIRST_DATA_ROW, reportWorkbook } from '../../../src/documents/builders/reportWorkbook'
import { CATEGORIES, FIXTURE, TODAY } from '../domain/statisticsFixture'
import { buildBreakdowns } from '../../../src/domain/reportBreakdowns'
import { monthlyTrend } from '../../../src/domain/reportTrend'
import { reportFactsOf } from '../../../src/domain/reportFacts'
import { workSections, type WorkSection } from '../../../src/domain/reportWorkFigures'

const JAN = monthPeriod(2026, 1)

async function workbook(work: readonly WorkSection[] = []): Promise<{ bytes: Uint8Array; wb: ExcelJS.Workbook }> {
  const scope = { kind: 'committee' } as const
  const bytes = await reportWorkbook({
    report: buildReport(FIXTURE.map(reportFactsOf), JAN, scope, CATEGORIES, TODAY),
    comparison: compareTotals(FIXTURE.map(reportFactsOf), JAN, scope, TODAY),
    work,
    breakdowns: buildBreakdowns(
      FIXTURE.map(reportFactsOf),
      JAN,
      scope,
      {
        rooms: [
          { id: 'r1', name: '一室' },
          { id: 'r2', name: '二室' },
        ],
        mediators: [
          { id: 'm1', name: '张调解' },
          { id: 'm2', name: '李调解' },
        ],
      },
      TODAY,
    ),
    trend: monthlyTrend(FIXTURE.map(reportFactsOf), '2026-01', scope, TODAY),
    committeeName: '沙湾镇人民调解委员会',
    scopeName: '',
    preparedBy: '王调解',
    preparedOn: '2026-02-03',
  })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  return { bytes, wb }
}

describe('the statistics workbook, read back', () => {
  it('is a ZIP package named after the committee and the period', async () => {
    const { bytes } = await workbook()
    expect(startsWithZipMagic(bytes)).toBe(true)
    expect(reportFileName('沙湾镇人民调解委员会', monthPeriod(2026, 11), 'xlsx')).toBe(
      '沙湾镇人民调解委员会-2026年11月-调解工作统计表.xlsx',
    )
  })

  it('title rows, merged two-level header, values and number formats, frozen header, A4 landscape', async () => {
    const { wb } = await workbook()
    const ws = wb.getWorksheet('调解工作统计表')!
    expect(ws.getCell('A1').value).toBe('沙湾镇人民调解委员会调解工作统计表')
    expect(ws.getCell('A2').value).toBe('统计期间：2026年1月')
    // header: 类别 over two rows; 受理 over nine columns (B..J); 调解不成 (N) over two rows
    expect(ws.getCell('A3').value).toBe('类别')
    expect(ws.getCell('A4').isMerged).toBe(true)
    expect(ws.getCell('B3').value).toBe('受理')
    expect(ws.getCell('J3').master.address).toBe('B3')
    expect(ws.getCell('K3').value).toBe('调解成功')
    expect(['B4', 'C4', 'D4', 'E4', 'F4', 'G4', 'H4', 'I4', 'J4'].map((a) => ws.getCell(a).value)).toEqual([
      '合计',
      '当事人申请',
      '主动调解',
      '其中网格上报',
      '委托移送',
      '公安',
      '法院',
      '信访/12345',
      '政府部门',
    ])
    expect(ws.getCell('N3').value).toBe('调解不成')
    expect(ws.getCell('N4').master.address).toBe('N3')
    expect(ws.getCell('P3').value).toBe('协议涉及金额')
    expect([ws.getCell('P4').value, ws.getCell('Q4').value]).toEqual(['元', '万元'])
    expect(ws.getCell('V3').value).toBe('司法确认')
    expect([ws.getCell('V4').value, ws.getCell('W4').value]).toEqual(['申请', '确认'])
    expect(ws.getCell('W3').master.address).toBe('V3')
    expect(ws.getCell('Z3').value).toBe('防止民转刑')
    expect([ws.getCell('Z4').value, ws.getCell('AA4').value]).toEqual(['件', '人'])
    expect(ws.getCell('AH3').value).toBe('非正常死亡纠纷')

    // rows: 婚姻家庭, 邻里, 合同, 物业纠纷（已停用）, 合计 (values from the hand-written table)
    const row = (n: number) => ws.getRow(FIRST_DATA_ROW + n)
    expect([0, 1, 2, 3, 4].map((n) => row(n).getCell(1).value)).toEqual([
      '婚姻家庭',
      '邻里',
      '合同',
      '物业纠纷（已停用）',
      '合计',
    ])
    const total = row(4)
    expect(total.getCell('B').value).toBe(19)
    expect(total.getCell('K').value).toBe(8)
    expect(total.getCell('O').value).toBe(8 / 11)
    expect(total.getCell('O').numFmt).toBe('0.0%')
    expect(total.getCell('P').value).toBe(41_846.17)
    expect(total.getCell('P').numFmt).toBe('#,##0.00')
    expect(total.getCell('Q').value).toBeCloseTo(4.184617, 9)
    expect(total.getCell('R').value).toBe(54)
    expect([total.getCell('V').value, total.getCell('W').value]).toEqual([1, 1])
    expect(total.getCell('AA').value).toBe(7)
    expect(row(3).getCell('O').value).toBe('—')
    expect(row(0).getCell('P').value).toBe(29_000.5)
    expect(ws.getCell(`A${FIRST_DATA_ROW + 6}`).value).toBe('制表人：王调解　　制表日期：2026年2月3日')

    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 })
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:4' })
  })

  it('环比 and 同比 on their own sheet', async () => {
    const { wb } = await workbook()
    const ws = wb.getWorksheet('环比同比')!
    expect(ws.getRow(1).values).toEqual([undefined, '项目', '本期', '上期', '环比', '去年同期', '同比'])
    expect(ws.getRow(2).values).toEqual([undefined, '受理（合计）', 19, 8, 11 / 8, 3, 16 / 3])
    expect(ws.getRow(2).getCell(4).numFmt).toBe('0.0%')
  })

  it('排查 and 接待 on a sheet of their own after 环比同比, one line per figure, when the page has them', async () => {
    const reception = {
      visits: 12,
      people: 19,
      byRoute: { answered: 5, case: 3, referred: 2, legal_aid: 1, psych: 1, petition: 0, other: 0 },
      peopleByRoute: { answered: 5, case: 9, referred: 3, legal_aid: 1, psych: 1, petition: 0, other: 0 },
    }
    const { wb } = await workbook(workSections({ rounds: 3, found: 7, turnedIntoCases: 2 }, reception))
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['调解工作统计表', '环比同比', '排查与接待'])
    const ws = wb.getWorksheet('排查与接待')!
    expect(ws.getCell('A1').value).toBe('沙湾镇人民调解委员会调解工作统计表（矛盾纠纷排查、接待登记（分流））')
    const lines = Array.from({ length: 12 }, (_, i) => ws.getRow(4 + i).values)
    expect(lines).toEqual([
      [undefined, '矛盾纠纷排查：排查次数', 3],
      [undefined, '矛盾纠纷排查：排查发现纠纷', 7],
      [undefined, '矛盾纠纷排查：其中转为案件', 2],
      [undefined, '接待登记（分流）：接待次数', 12],
      [undefined, '接待登记（分流）：接待人次', 19],
      [undefined, '接待登记（分流）：当场解答', 5],
      [undefined, '接待登记（分流）：登记为调解案件', 3],
      [undefined, '接待登记（分流）：转办部门', 2],
      [undefined, '接待登记（分流）：法律援助', 1],
      [undefined, '接待登记（分流）：心理服务', 1],
      [undefined, '接待登记（分流）：信访', 0],
      [undefined, '接待登记（分流）：其他', 0],
    ])
  })

  it('the breakdowns and the trend on sheets of their own, same title rows, formats and print setup', async () => {
    const { wb } = await workbook()
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '调解工作统计表',
      '环比同比',
      '分项-案件来源',
      '分项-调解室',
      '分项-调解员',
      '近12个月趋势',
    ])
    const source = wb.getWorksheet('分项-案件来源')!
    expect(source.getCell('A1').value).toBe('沙湾镇人民调解委员会调解工作统计表（按案件来源）')
    expect(source.getCell('A1').isMerged).toBe(true)
    expect(source.getCell('A2').value).toBe('统计期间：2026年1月')
    expect(source.getRow(3).values).toEqual([
      undefined,
      '案件来源',
      '受理',
      '调解成功',
      '调解不成',
      '成功率',
      '协议涉及金额（元）',
      '涉及人数',
      '按期办结',
      '超期',
      '防止民转刑（件）',
    ])
    // 委托移送 (row 10: the 7th row of data) and 公安机关移交 under it, by hand as in the domain test
    expect(source.getRow(10).values).toEqual([undefined, '委托移送', 6, 1, 2, 1 / 3, 6000, 20, 2, 1, 1])
    expect(source.getRow(10).getCell(1).font).toMatchObject({ bold: true })
    expect(source.getRow(11).values).toEqual([undefined, '\u3000公安机关移交', 2, 1, 2, 1 / 3, 6000, 4, 1, 0, 1])
    expect(source.getRow(11).getCell(5).numFmt).toBe('0.0%')
    expect(source.getRow(11).getCell(6).numFmt).toBe('#,##0.00')
    expect(source.getRow(13).getCell(5).value).toBe('—')
    expect(source.getRow(15).values).toEqual([undefined, '合计', 19, 8, 3, 8 / 11, 41_846.17, 54, 12, 3, 3])
    expect(source.getCell('A17').value).toBe('制表人：王调解　　制表日期：2026年2月3日')
    expect(source.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 })
    expect(source.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:3' })

    const mediators = wb.getWorksheet('分项-调解员')!
    expect(mediators.getRow(4).values).toEqual([undefined, '张调解', 15, 7, 2, 7 / 9, 38_845.67, 37, 11, 2, 3])

    const trend = wb.getWorksheet('近12个月趋势')!
    expect(trend.getRow(3).values).toEqual([undefined, '月份', '受理', '调解成功', '调解不成', '成功率'])
    expect(trend.getRow(4).values).toEqual([undefined, '2025年2月', 0, 1, 0, 1])
    expect(trend.getRow(5).values).toEqual([undefined, '2025年3月', 0, 0, 0, '—'])
    expect(trend.getRow(15).values).toEqual([undefined, '2026年1月', 19, 8, 3, 8 / 11])
    expect(trend.getRow(15).getCell(5).numFmt).toBe('0.0%')
  })
})
