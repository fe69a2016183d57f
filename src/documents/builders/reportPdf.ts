/**
 * 调解工作统计表 as a PDF: A4 landscape, the documents' fonts, 第 x 页 共 y 页 at the foot and the
 * committee and period at the head of every page; the title with the committee name, period and scope;
 * the main table split in two (31 columns do not fit one A4 width readably), the breakdowns by source,
 * room and mediator, the 12-month trend; 制表人/制表日期 at the end. Every table repeats its header rows
 * on each page it runs onto (pdfmake `headerRows`). Not a case document: it takes the report's figures,
 * computed in src/domain, not a case bundle.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import {
  formatCell,
  formatChange,
  REPORT_COLUMNS,
  reportColumn,
  type Comparison,
  type Report,
  type ReportColumn,
  type ReportColumnKey,
} from '../../domain/statistics'
import type { WorkSection } from '../../domain/reportWorkFigures'
import {
  BREAKDOWN_COLUMNS,
  breakdownColumnTitle,
  type Breakdown,
  type BreakdownCells,
} from '../../domain/reportBreakdowns'
import { trendMonthLabel, type TrendPoint } from '../../domain/reportTrend'
import { periodLabel, REPORT_TITLE } from '../../domain/reportPeriod'
import { MAIN_FONT } from '../fonts'

export interface ReportPdfInput {
  report: Report
  /** 环比 and 同比 of each total */
  comparison: Record<ReportColumnKey, Comparison>
  /** 矛盾纠纷排查 and 接待 (src/domain/reportWorkFigures.ts), after the main tables */
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

/** A4 landscape, in points. */
const MARGINS: [number, number, number, number] = [36, 48, 36, 44]
const GAP = '\u3000'
const TABLE_SIZE = 8
const HEAD_FILL = '#f2f2f2'
/** The width inside the margins of an A4 landscape page. */
const CONTENT_WIDTH = 841.89 - MARGINS[0] - MARGINS[2]
const PADDING = 2
const LINE = 0.5
/** Thin lines, narrow padding: 18 columns across one page. */
const TABLE_LAYOUT = {
  // no line over the caption row (every table starts with one, see captioned)
  hLineWidth: (i: number) => (i === 0 ? 0 : LINE),
  vLineWidth: () => LINE,
  paddingLeft: () => PADDING,
  paddingRight: () => PADDING,
}

/**
 * Fixed widths filling the page: the first column as given, amounts in 元 wide enough for
 * 1,234,567.89, the rest sharing what is left (fixed, so a long header wraps instead of pushing the
 * table off the page).
 */
function widths(first: number, cols: readonly Pick<ReportColumn, 'unit'>[]): number[] {
  const inner = CONTENT_WIDTH - (cols.length + 1) * 2 * PADDING - (cols.length + 2) * LINE - first
  const wide = cols.filter((c) => c.unit === 'yuan').length
  const rest = (inner - wide * 52) / (cols.length - wide)
  return [first, ...cols.map((c) => (c.unit === 'yuan' ? 52 : rest))]
}

/** The main table's two parts: the cases taken in and how they ended; then what came of them. */
const FIRST_PART_END = REPORT_COLUMNS.findIndex((c) => c.key === 'successRate') + 1

const dateWords = (d: string): string =>
  `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

const head = (text: string, extra: Partial<Record<'rowSpan' | 'colSpan', number>> = {}): TableCell => ({
  text,
  bold: true,
  alignment: 'center',
  fillColor: HEAD_FILL,
  ...extra,
})
const num = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold })
const label = (text: string, bold = false, indent = 0): TableCell => ({ text, bold, margin: [indent, 0, 0, 0] })

/** The two header rows of a run of columns: a group over its columns, a column without a group over both rows. */
function twoLevelHeader(cols: readonly ReportColumn[], first: string): TableCell[][] {
  const top: TableCell[] = [head(first, { rowSpan: 2 })]
  const bottom: TableCell[] = [{ text: '' }]
  let i = 0
  while (i < cols.length) {
    const col = cols[i]!
    if (col.group === '') {
      top.push(head(col.label, { rowSpan: 2 }))
      bottom.push({ text: '' })
      i++
      continue
    }
    let end = i
    while (end < cols.length && cols[end]!.group === col.group) end++
    top.push(head(col.group, { colSpan: end - i }))
    for (let j = i + 1; j < end; j++) top.push({ text: '' })
    for (let j = i; j < end; j++) bottom.push(head(cols[j]!.label))
    i = end
  }
  return [top, bottom]
}

function mainTablePart(report: Report, cols: readonly ReportColumn[], heading: string): Content {
  const rows = [...report.rows, report.total]
  const body: TableCell[][] = [
    ...twoLevelHeader(cols, '类别'),
    ...rows.map((r) => {
      const total = r === report.total
      return [label(r.label, total), ...cols.map((c) => num(formatCell(c, r.cells[c.key]), total))]
    }),
  ]
  return captioned(heading, widths(82, cols), 2, body, 8)
}

/**
 * A table under its caption. The caption is the table's first row and one of its header rows, so it is
 * never left alone at the foot of a page and says on every page which table continues there.
 */
function captioned(
  text: string,
  widths: (number | string)[],
  headerRows: number,
  body: TableCell[][],
  above = 10,
): Content {
  const first: TableCell = {
    text,
    bold: true,
    fontSize: 10,
    colSpan: widths.length,
    border: [false, false, false, false],
    margin: [-PADDING, above, 0, 1],
  }
  const captionRow: TableCell[] = [first, ...widths.slice(1).map(() => ({ text: '' }))]
  return {
    table: {
      headerRows: headerRows + 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths,
      body: [captionRow, ...body],
    },
    layout: TABLE_LAYOUT,
    fontSize: TABLE_SIZE,
  }
}

function breakdownTable(b: Breakdown): Content {
  const line = (name: string, cells: BreakdownCells, bold: boolean, indent = 0): TableCell[] => [
    label(name, bold, indent),
    ...BREAKDOWN_COLUMNS.map((c) => num(formatCell(c, cells[c.key as keyof BreakdownCells]), bold)),
  ]
  const body: TableCell[][] = [
    [head(b.rowHeader), ...BREAKDOWN_COLUMNS.map((c) => head(breakdownColumnTitle(c)))],
    // a source under its group is indented
    ...b.rows.map((r) => line(r.label, r.cells, r.subtotal, b.kind === 'source' && !r.subtotal ? 10 : 0)),
    line('合计', b.total, true),
  ]
  return [
    captioned(`统计表（${b.title}）`, widths(150, BREAKDOWN_COLUMNS), 1, body),
    { text: b.note, fontSize: 7.5, color: '#555555', margin: [0, 2, 0, 0] },
  ]
}

function trendTable(trend: readonly TrendPoint[]): Content {
  const rate = reportColumn('successRate')!
  const count = reportColumn('accepted')!
  const body: TableCell[][] = [
    [head('月份'), head('受理'), head('调解成功'), head('调解不成'), head('成功率')],
    ...trend.map((p) => [
      label(trendMonthLabel(p.month)),
      num(formatCell(count, p.accepted)),
      num(formatCell(count, p.succeeded)),
      num(formatCell(count, p.failed)),
      num(formatCell(rate, p.rate)),
    ]),
  ]
  return captioned('近12个月趋势', [100, 80, 80, 80, 80], 1, body)
}

/** 排查 or 接待: its figures in one row under their labels, and how they are counted. */
function workTable(section: WorkSection, number: string): Content {
  const colWidth = Math.min(80, CONTENT_WIDTH / section.cells.length - 2 * PADDING - LINE)
  const body: TableCell[][] = [
    section.cells.map((c) => head(c.label)),
    section.cells.map((c) => ({ text: String(c.value), alignment: 'center' })),
  ]
  return [
    captioned(
      `${number}、${section.title}`,
      section.cells.map(() => colWidth),
      1,
      body,
    ),
    { text: section.note, fontSize: 7.5, color: '#555555', margin: [0, 2, 0, 0] },
  ]
}

/** 环比 (the period before) and 同比 (a year earlier) of every total, one line per figure. */
function comparisonTable(comparison: Record<ReportColumnKey, Comparison>, number: string): Content {
  const body: TableCell[][] = [
    ['项目', '本期', '上期', '环比', '去年同期', '同比'].map((t) => head(t)),
    ...REPORT_COLUMNS.map((col) => {
      const c = comparison[col.key]
      return [
        label(col.group === '' ? col.label : `${col.group}（${col.label}）`),
        num(formatCell(col, c.current)),
        num(formatCell(col, c.previous)),
        num(formatChange(col, c.periodOnPeriod)),
        num(formatCell(col, c.lastYear)),
        num(formatChange(col, c.yearOnYear)),
      ]
    }),
  ]
  return captioned(`${number}、合计的环比与同比`, [170, 80, 80, 80, 80, 80], 1, body)
}

const SECTION_NUMBERS = ['三', '四', '五', '六']

export function buildReportPdf(input: ReportPdfInput): TDocumentDefinitions {
  const { report } = input
  const period = periodLabel(report.period)
  const scope = input.scopeName ? `${GAP}统计范围：${input.scopeName}` : ''
  const title = `${input.committeeName}${REPORT_TITLE}`
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    info: { title: `${title}（${period}）` },
    defaultStyle: { font: MAIN_FONT, fontSize: 10, lineHeight: 1.15 },
    header: (currentPage) =>
      currentPage === 1
        ? null
        : {
            text: `${input.committeeName}${GAP}${REPORT_TITLE}${GAP}${period}`,
            fontSize: 8,
            color: '#666666',
            alignment: 'right',
            margin: [MARGINS[0], 24, MARGINS[2], 0],
          },
    footer: (currentPage, pageCount) => ({
      text: `第 ${currentPage} 页 共 ${pageCount} 页`,
      alignment: 'center',
      fontSize: 9,
      margin: [0, 16, 0, 0],
    }),
    content: [
      { text: title, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      { text: `统计期间：${period}${scope}`, alignment: 'center', margin: [0, 0, 0, 4] },
      mainTablePart(report, REPORT_COLUMNS.slice(0, FIRST_PART_END), '一、受理与调解结果'),
      mainTablePart(report, REPORT_COLUMNS.slice(FIRST_PART_END), '二、协议金额、履行、办结与防止纠纷激化'),
      ...input.work.map((section, i) => workTable(section, SECTION_NUMBERS[i]!)),
      comparisonTable(input.comparison, SECTION_NUMBERS[input.work.length]!),
      ...input.breakdowns.map(breakdownTable),
      trendTable(input.trend),
      {
        text: `制表人：${input.preparedBy}${GAP}${GAP}制表日期：${dateWords(input.preparedOn)}`,
        margin: [0, 14, 0, 0],
      },
    ],
  }
}
