/**
 * The look of every document in one place: A4 page, Song face, official sizes (title 二号 22pt, body
 * 四号 14pt), page footer 第 x 页 共 y 页, party paragraphs, signature rows with 签名 and 按指印 boxes,
 * the committee line with its seal and date, and the bordered tables of the 登记表-style forms.
 */
import type {
  Content,
  ContentTable,
  ContentText,
  StyleDictionary,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces'
import type { Committee } from '../domain/types'
import { MAIN_FONT } from './fonts'

export const PAGE_MARGINS: [number, number, number, number] = [68, 56, 62, 56]
/** Usable width of an A4 page inside the margins, in points. */
export const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2]
const BODY_SIZE = 14
/** Two characters of body text: the first-line indent of a Chinese paragraph. */
const INDENT = BODY_SIZE * 2

export const STYLES: StyleDictionary = {
  title: { fontSize: 22, bold: true, alignment: 'center', margin: [0, 0, 0, 8], characterSpacing: 2 },
  number: { fontSize: 13, alignment: 'right', margin: [0, 0, 0, 4] },
  heading: { fontSize: 14, bold: true, margin: [0, 6, 0, 2] },
  cellLabel: { fontSize: 13, bold: true, alignment: 'center' },
  cell: { fontSize: 13 },
  small: { fontSize: 10.5, color: '#333333' },
  cover: { fontSize: 16, lineHeight: 2 },
}

export interface PageOptions {
  title: string
  content: Content[]
  /** a big faint word across every page, e.g. 草稿 */
  watermark?: string
  /** small text at the top right of every page, e.g. the case number */
  headerNote?: string
}

/** A complete document: A4, margins, fonts, styles and the page footer. */
export function page({ title, content, watermark, headerNote }: PageOptions): TDocumentDefinitions {
  const dd: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    info: { title },
    defaultStyle: { font: MAIN_FONT, fontSize: BODY_SIZE, lineHeight: 1.3 },
    styles: STYLES,
    content,
    footer: (currentPage, pageCount) => ({
      text: `第 ${currentPage} 页 共 ${pageCount} 页`,
      alignment: 'center',
      fontSize: 10.5,
      margin: [0, 24, 0, 0],
    }),
  }
  if (headerNote) {
    dd.header = () => ({
      text: headerNote,
      alignment: 'right',
      fontSize: 9,
      color: '#666666',
      margin: [0, 30, PAGE_MARGINS[2], 0],
    })
  }
  if (watermark)
    dd.watermark = { text: watermark, color: '#b00000', opacity: 0.1, bold: true, font: MAIN_FONT, fontSize: 96 }
  return dd
}

export function title(text: string): Content {
  return { text, style: 'title' }
}

export function numberLine(text: string): Content {
  return { text, style: 'number' }
}

/** An indented body paragraph. */
export function paragraph(text: string, extra: Record<string, unknown> = {}): Content {
  return { text, leadingIndent: INDENT, margin: [0, 0, 0, 4], ...extra }
}

/** '标签：' in bold followed by the text, e.g. 纠纷主要事实、争议事项：…  */
export function labelled(label: string, text: string): Content {
  return { text: [{ text: `${label}：`, bold: true }, text], margin: [0, 0, 0, 4] }
}

export function heading(text: string): Content {
  return { text, style: 'heading' }
}

export interface SignatureRow {
  /** e.g. '申请人' or '人民调解员' */
  label: string
  name: string
  /** a PNG data URL captured on screen */
  image?: string
  /** parties get a 按指印 box; mediators and recorders do not */
  fingerprint: boolean
}

const SIGN_ROW_HEIGHT = 32

/**
 * One row per signer: who, a box to sign (or the on-screen signature), a 按指印 box.
 * Rows are never split across pages.
 */
export function signatureTable(
  rows: readonly SignatureRow[],
  caption = '签名（盖章）',
  withHeader = true,
  margin?: [number, number, number, number],
): Content {
  const body: TableCell[][] = withHeader
    ? [
        [
          { text: '签署人', style: 'cellLabel' },
          { text: caption, style: 'cellLabel' },
          { text: '按指印', style: 'cellLabel' },
        ],
      ]
    : []
  for (const row of rows) {
    body.push([
      { text: `${row.label}：${row.name}`, style: 'cell', margin: [2, 6, 2, 0] },
      row.image
        ? { image: row.image, fit: [150, SIGN_ROW_HEIGHT - 4], alignment: 'center', margin: [0, 2, 0, 0] }
        : { text: '', margin: [0, SIGN_ROW_HEIGHT / 2, 0, 0] },
      row.fingerprint ? { text: '' } : { text: '—', alignment: 'center', color: '#999999', margin: [0, 6, 0, 0] },
    ])
  }
  const table: ContentTable = {
    table: {
      widths: ['*', 170, 80],
      heights: (i) => (i === 0 && withHeader ? 18 : SIGN_ROW_HEIGHT),
      body,
      dontBreakRows: true,
      headerRows: withHeader ? 1 : 0,
    },
    margin: margin ?? (withHeader ? [0, 6, 0, 0] : [0, 0, 0, 6]),
  }
  return table
}

/** Nodes that go to the next page together rather than be split. Only for blocks that fit on a page:
 * pdfmake keeps the first page of an unbreakable block and drops the rest. */
export function keepTogether(nodes: readonly Content[]): Content {
  return { stack: [...nodes], unbreakable: true }
}

/** Up to this many signature rows go to a page with the lines around them in one block (they fit on any page). */
const ROWS_IN_ONE_BLOCK = 8
/** In a longer table, the rows kept with the lines before the table and with what follows it. */
const ROWS_KEPT = 2

export interface ClosingBlock {
  /** the lines right before the signatures, e.g. 本协议自…生效 or 特此告知 and the seal */
  before?: readonly Content[]
  rows: readonly SignatureRow[]
  caption?: string
  /** what follows the signatures, e.g. the committee's seal line or the date */
  after?: readonly Content[]
}

/**
 * The end of a document: the last lines, the signature table and the seal, never split so that a page
 * holds only signatures or only a seal. A signature page without the text it signs, or a seal away from
 * the signatures it confirms, invites doubt (and a swapped page). A long table may run over pages, but its
 * first rows stay with the lines before it and its last rows with what follows.
 */
export function closingBlock({ before = [], rows, caption = '签名（盖章）', after = [] }: ClosingBlock): Content[] {
  if (rows.length === 0) return [keepTogether([...before, ...after])]
  if (rows.length <= ROWS_IN_ONE_BLOCK) return [keepTogether([...before, signatureTable(rows, caption), ...after])]
  const first = rows.slice(0, ROWS_KEPT)
  const middle = rows.slice(ROWS_KEPT, rows.length - ROWS_KEPT)
  const last = rows.slice(rows.length - ROWS_KEPT)
  return [
    keepTogether([...before, signatureTable(first, caption, true, [0, 6, 0, 0])]),
    signatureTable(middle, caption, false, [0, 0, 0, 0]),
    keepTogether([signatureTable(last, caption, false, [0, 0, 0, 6]), ...after]),
  ]
}

/**
 * 'XX人民调解委员会（印章）' and the date at the right, with the seal image drawn over them when given.
 * `relativePosition` keeps the seal out of the text flow, as a stamp on paper would be.
 */
export function sealBlock(committee: Committee, dateText: string, sealImage?: string): Content {
  const stack: Content[] = [
    { text: `${committee.fullName}（印章）`, alignment: 'right', margin: [0, 12, 0, 2] },
    { text: dateText, alignment: 'right' },
  ]
  if (sealImage) {
    stack.push({ image: sealImage, width: 118, relativePosition: { x: CONTENT_WIDTH - 190, y: -84 } })
  }
  return { stack, unbreakable: true }
}

/** A tall row for long text (纠纷简要情况, 回访情况 …). */
export interface TallRow {
  label: string
  text: string
  minHeight: number
}

/** A cell's text: plain, or inline runs (e.g. with a page reference). */
export type CellText = string | ContentText['text']

export type FormRow = readonly [string, CellText] | readonly [string, CellText, string, CellText] | TallRow

/** A bordered form table, 登记表 style: label/value pairs, full-width rows and tall text rows. */
export function formTable(rows: readonly FormRow[], margin: [number, number, number, number] = [0, 4, 0, 8]): Content {
  const minHeights: number[] = []
  const body: TableCell[][] = rows.map((row) => {
    if ('label' in row) {
      const tall = row
      minHeights.push(tall.minHeight)
      return [
        { text: tall.label, style: 'cellLabel', margin: [0, Math.max(0, tall.minHeight / 2 - 14), 0, 0] },
        { text: tall.text, style: 'cell', colSpan: 3, leadingIndent: 26 },
        '',
        '',
      ]
    }
    minHeights.push(22)
    if (row.length === 4) {
      return [
        { text: row[0], style: 'cellLabel' },
        { text: row[1], style: 'cell' },
        { text: row[2], style: 'cellLabel' },
        { text: row[3], style: 'cell' },
      ]
    }
    return [{ text: row[0], style: 'cellLabel' }, { text: row[1], style: 'cell', colSpan: 3 }, '', '']
  })
  return {
    table: { widths: [92, '*', 92, '*'], heights: (i) => minHeights[i] ?? 22, body },
    layout: { paddingTop: () => 5, paddingBottom: () => 5, paddingLeft: () => 5, paddingRight: () => 5 },
    margin,
  }
}

/** About how many lines a tall row's text takes (13pt in the wide cell: some 26 characters a line). */
function estimatedLines(text: string): number {
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / 26)), 0)
}

/** A tall last row of at most this many lines goes to the next page with what follows the form. */
const LAST_ROW_KEPT_LINES = 16

/**
 * A form whose last row stays on the page of what follows it (the sign-off and the seal), so that they
 * never stand alone on a page. A last row too long to move as a block runs over pages as it comes.
 */
export function formTableThen(rows: readonly FormRow[], after: readonly Content[]): Content[] {
  const last = rows.at(-1)
  const text = last === undefined ? '' : 'label' in last ? last.text : last[1]
  if (last === undefined || typeof text !== 'string' || estimatedLines(text) > LAST_ROW_KEPT_LINES) {
    return [formTable(rows), keepTogether(after)]
  }
  return [
    ...(rows.length > 1 ? [formTable(rows.slice(0, -1), [0, 4, 0, 0])] : []),
    keepTogether([formTable([last], [0, rows.length > 1 ? 0 : 4, 0, 8]), ...after]),
  ]
}

/** Right-aligned '签名：＿＿＿  日期' lines for forms signed by staff. */
export function signOff(label: string, name: string, dateText: string): Content {
  return {
    columns: [{ text: '' }, { width: 'auto', text: `${label}：${name || '＿＿＿＿＿＿'}\u3000\u3000${dateText}` }],
    margin: [0, 14, 0, 0],
  }
}
