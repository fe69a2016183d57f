/**
 * 调解工作统计表 as an Excel workbook (exceljs; this module is imported only when the user exports).
 * The sheet repeats the screen's table: title rows, a two-level header with merged cells, one row per
 * category and 合计, amounts with thousands separators, rates as percentages, the header frozen and
 * repeated on every printed page (A4 landscape), and 制表人/制表日期 under the table. A second sheet holds
 * 环比 and 同比 of the totals; a sheet of 排查 and 接待 figures; then one sheet per breakdown (来源, 调解室, 调解员) and one for the
 * 12-month trend, each with the same title rows, header, formats and print setup.
 */
import ExcelJS from 'exceljs'
import {
  REPORT_COLUMNS,
  shownValue,
  type Comparison,
  type Report,
  type ReportColumn,
  type ReportColumnKey,
} from '../../domain/statistics'
import { periodLabel, REPORT_TITLE } from '../../domain/reportPeriod'
import { reportColumn } from '../../domain/statistics'
import {
  BREAKDOWN_COLUMNS,
  breakdownColumnTitle,
  type Breakdown,
  type BreakdownCells,
} from '../../domain/reportBreakdowns'
import { trendMonthLabel, type TrendPoint } from '../../domain/reportTrend'
import type { WorkSection } from '../../domain/reportWorkFigures'

export interface WorkbookInput {
  report: Report
  comparison: Record<ReportColumnKey, Comparison>
  /** 矛盾纠纷排查 and 接待 (src/domain/reportWorkFigures.ts): a sheet of their own when there are any */
  work: readonly WorkSection[]
  breakdowns: readonly Breakdown[]
  trend: readonly TrendPoint[]
  committeeName: string
  /** '' for the whole committee, else the room's or mediator's name with its kind */
  scopeName: string
  preparedBy: string
  /** 'YYYY-MM-DD' */
  preparedOn: string
}

/** Where the table starts: two title rows, then the two header rows. */
export const HEADER_ROWS = [3, 4] as const
export const FIRST_DATA_ROW = 5

export const NUMBER_FORMATS: Record<ReportColumn['unit'], string> = {
  cases: '0',
  people: '0',
  yuan: '#,##0.00',
  wan: '#,##0.00',
  rate: '0.0%',
}

/** the ideographic space that separates items on a Chinese form's title line */
const GAP = '\u3000'
const thin = { style: 'thin' } as const
const BORDER = { top: thin, left: thin, bottom: thin, right: thin }
const CENTER = { horizontal: 'center', vertical: 'middle', wrapText: true } as const

const dateWords = (d: string): string =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

export async function reportWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const { report } = input
  const wb = new ExcelJS.Workbook()
  wb.creator = input.preparedBy
  const ws = wb.addWorksheet(REPORT_TITLE, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROWS[1] }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROWS[0]}:${HEADER_ROWS[1]}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  })
  const width = REPORT_COLUMNS.length + 1

  // title rows
  ws.mergeCells(1, 1, 1, width)
  const title = ws.getCell(1, 1)
  title.value = `${input.committeeName}${REPORT_TITLE}`
  title.font = { bold: true, size: 16 }
  title.alignment = CENTER
  ws.getRow(1).height = 28
  ws.mergeCells(2, 1, 2, width)
  const sub = ws.getCell(2, 1)
  sub.value = `统计期间：${periodLabel(report.period)}${input.scopeName ? `${GAP}统计范围：${input.scopeName}` : ''}`
  sub.alignment = CENTER

  // the two-level header: a column without a group takes both rows
  const [top, bottom] = HEADER_ROWS
  ws.mergeCells(top, 1, bottom, 1)
  ws.getCell(top, 1).value = '类别'
  let i = 0
  while (i < REPORT_COLUMNS.length) {
    const col = REPORT_COLUMNS[i]!
    const first = i + 2
    if (col.group === '') {
      ws.mergeCells(top, first, bottom, first)
      ws.getCell(top, first).value = col.label
      i++
      continue
    }
    let last = i
    while (last + 1 < REPORT_COLUMNS.length && REPORT_COLUMNS[last + 1]!.group === col.group) last++
    ws.mergeCells(top, first, top, last + 2)
    ws.getCell(top, first).value = col.group
    for (let j = i; j <= last; j++) ws.getCell(bottom, j + 2).value = REPORT_COLUMNS[j]!.label
    i = last + 1
  }
  for (const r of HEADER_ROWS) {
    const row = ws.getRow(r)
    row.height = 30
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      cell.font = { bold: true }
      cell.alignment = CENTER
      cell.border = BORDER
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
    }
  }

  // one row per category, then 合计
  const rows = [...report.rows, report.total]
  rows.forEach((r, n) => {
    const row = ws.getRow(FIRST_DATA_ROW + n)
    row.getCell(1).value = r.label
    REPORT_COLUMNS.forEach((col, j) => {
      const cell = row.getCell(j + 2)
      const v = shownValue(col, r.cells[col.key])
      cell.value = v === null ? '—' : v
      cell.numFmt = NUMBER_FORMATS[col.unit]
      cell.alignment = { horizontal: v === null ? 'center' : 'right' }
    })
    for (let c = 1; c <= width; c++) {
      row.getCell(c).border = BORDER
      if (r === report.total) row.getCell(c).font = { bold: true }
    }
  })

  // 制表人 / 制表日期
  const footRow = FIRST_DATA_ROW + rows.length + 1
  ws.mergeCells(footRow, 1, footRow, width)
  ws.getCell(footRow, 1).value = `制表人：${input.preparedBy}${GAP}${GAP}制表日期：${dateWords(input.preparedOn)}`

  ws.getColumn(1).width = 22
  REPORT_COLUMNS.forEach((col, j) => {
    ws.getColumn(j + 2).width = col.unit === 'yuan' ? 14 : col.unit === 'wan' || col.unit === 'rate' ? 9 : 7
  })

  comparisonSheet(wb, input)
  if (input.work.length) workSheet(wb, input)
  for (const b of input.breakdowns) breakdownSheet(wb, input, b)
  trendSheet(wb, input)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

/** 环比 and 同比 of every total, one column per figure. */
function comparisonSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const ws = wb.addWorksheet('环比同比', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  ws.addRow(['项目', '本期', '上期', '环比', '去年同期', '同比'])
  for (const col of REPORT_COLUMNS) {
    const c = input.comparison[col.key]
    const shown = (v: number | null) => shownValue(col, v) ?? '—'
    const row = ws.addRow([
      col.group === '' ? col.label : `${col.group}（${col.label}）`,
      shown(c.current),
      shown(c.previous),
      c.periodOnPeriod ?? '—',
      shown(c.lastYear),
      c.yearOnYear ?? '—',
    ])
    for (const n of [2, 3, 5]) row.getCell(n).numFmt = NUMBER_FORMATS[col.unit]
    // a rate's change is a difference of rates: shown in per cent as well
    for (const n of [4, 6]) row.getCell(n).numFmt = '0.0%'
  }
  ws.getRow(1).font = { bold: true }
  ws.getColumn(1).width = 26
  for (const n of [2, 3, 4, 5, 6]) ws.getColumn(n).width = 14
}

/** A sheet's own name: the breakdown's title without 按 (Excel allows 31 characters, no / \\ ? * [ ]). */
export const BREAKDOWN_SHEET_PREFIX = '分项-'
export const TREND_SHEET = '近12个月趋势'
/** In the breakdown and trend sheets: two title rows, one header row, then the data. */
export const SHEET_HEADER_ROW = 3

interface SheetCell {
  value: number | null
  unit: ReportColumn['unit']
}

/**
 * A sheet of one simple table: the committee's title and the period in merged title rows, one bold
 * header row (frozen, repeated on printed pages), rows of numbers in their formats, 制表人/制表日期 under it.
 */
function simpleSheet(
  wb: ExcelJS.Workbook,
  input: WorkbookInput,
  name: string,
  caption: string,
  headers: readonly string[],
  rows: readonly { label: string; cells: readonly SheetCell[]; bold?: boolean }[],
): void {
  const width = headers.length
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: SHEET_HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${SHEET_HEADER_ROW}:${SHEET_HEADER_ROW}`,
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  })
  ws.mergeCells(1, 1, 1, width)
  const title = ws.getCell(1, 1)
  title.value = `${input.committeeName}${REPORT_TITLE}（${caption}）`
  title.font = { bold: true, size: 14 }
  title.alignment = CENTER
  ws.getRow(1).height = 24
  ws.mergeCells(2, 1, 2, width)
  ws.getCell(2, 1).value =
    `统计期间：${periodLabel(input.report.period)}${input.scopeName ? `${GAP}统计范围：${input.scopeName}` : ''}`
  ws.getCell(2, 1).alignment = CENTER
  const header = ws.getRow(SHEET_HEADER_ROW)
  headers.forEach((h, i) => {
    const cell = header.getCell(i + 1)
    cell.value = h
    cell.font = { bold: true }
    cell.alignment = CENTER
    cell.border = BORDER
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
  })
  header.height = 30
  rows.forEach((r, n) => {
    const row = ws.getRow(SHEET_HEADER_ROW + 1 + n)
    row.getCell(1).value = r.label
    r.cells.forEach((c, j) => {
      const cell = row.getCell(j + 2)
      const v = shownValue({ unit: c.unit }, c.value)
      cell.value = v === null ? '—' : v
      cell.numFmt = NUMBER_FORMATS[c.unit]
      cell.alignment = { horizontal: v === null ? 'center' : 'right' }
    })
    for (let c = 1; c <= width; c++) {
      row.getCell(c).border = BORDER
      if (r.bold) row.getCell(c).font = { bold: true }
    }
  })
  const foot = SHEET_HEADER_ROW + rows.length + 2
  ws.mergeCells(foot, 1, foot, width)
  ws.getCell(foot, 1).value = `制表人：${input.preparedBy}${GAP}${GAP}制表日期：${dateWords(input.preparedOn)}`
  ws.getColumn(1).width = 30
  for (let c = 2; c <= width; c++) ws.getColumn(c).width = 13
}

export const WORK_SHEET = '排查与接待'

/** 矛盾纠纷排查 and 接待: one line per figure, named with its section. */
function workSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  simpleSheet(
    wb,
    input,
    WORK_SHEET,
    input.work.map((w) => w.title).join('、'),
    ['项目', '数量'],
    input.work.flatMap((w) =>
      w.cells.map((c) => ({ label: `${w.title}：${c.label}`, cells: [{ value: c.value, unit: 'cases' as const }] })),
    ),
  )
}

function breakdownSheet(wb: ExcelJS.Workbook, input: WorkbookInput, b: Breakdown): void {
  const cells = (c: BreakdownCells): SheetCell[] =>
    BREAKDOWN_COLUMNS.map((col) => ({ value: c[col.key as keyof BreakdownCells], unit: col.unit }))
  simpleSheet(
    wb,
    input,
    `${BREAKDOWN_SHEET_PREFIX}${b.rowHeader}`,
    b.title,
    [b.rowHeader, ...BREAKDOWN_COLUMNS.map(breakdownColumnTitle)],
    [
      // a source under its group is indented, as on screen
      ...b.rows.map((r) => ({
        label: b.kind === 'source' && !r.subtotal ? `${GAP}${r.label}` : r.label,
        cells: cells(r.cells),
        bold: r.subtotal,
      })),
      { label: '合计', cells: cells(b.total), bold: true },
    ],
  )
}

function trendSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const count = reportColumn('accepted')!.unit
  const rate = reportColumn('successRate')!.unit
  simpleSheet(
    wb,
    input,
    TREND_SHEET,
    TREND_SHEET,
    ['月份', '受理', '调解成功', '调解不成', '成功率'],
    input.trend.map((p) => ({
      label: trendMonthLabel(p.month),
      cells: [
        { value: p.accepted, unit: count },
        { value: p.succeeded, unit: count },
        { value: p.failed, unit: count },
        { value: p.rate, unit: rate },
      ],
    })),
  )
}
