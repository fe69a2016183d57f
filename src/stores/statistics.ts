import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ReportFacts } from '../domain/reportFacts'
import { todayInChina } from '../domain/dates'
import { cellCases, type ReportCell } from '../domain/reportCell'
import { reportFileName, REPORT_TITLE } from '../domain/reportPeriod'
import { figureSteps, type FiguresRequest, type ReportFigures } from '../domain/reportFigures'
import type { WorkbookInput } from '../documents/builders/reportWorkbook'
import type { ReportPdfInput } from '../documents/builders/reportPdf'
import { getDatabase } from '../db/connection'
import { plainCopy } from '../db/plain'
import { platform } from '../platform'
import { currentActor } from './actor'
import { failureText } from '../domain/failureText'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The rest of the work runs in a later task: the window paints and answers input in between. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * The figures of one period and scope over `cases`, in one pass paused every few thousand cases
 * (reportFigures.ts), with the window let free between the steps: no step holds it for long, however
 * many cases there are.
 */
export async function computeFigures(cases: readonly ReportFacts[], r: FiguresRequest): Promise<ReportFigures> {
  const steps = figureSteps(cases, r)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    await nextTask()
  }
}

type ExportInput = Omit<WorkbookInput, 'preparedBy' | 'preparedOn'>

/**
 * The cases the 统计 page counts, as their report facts (src/domain/reportFacts.ts): taken from the case
 * index, which holds every case's digest in memory and reads again only the batches written since, so
 * opening 统计 reads no case. Every period and scope is counted in memory by src/domain (statistics.ts,
 * reportBreakdowns.ts, reportTrend.ts). The case list asks here for the cases behind a number. Excel and
 * PDF are made from the figures on screen.
 */
export const useStatisticsStore = defineStore('statistics', () => {
  const cases = shallowRef<readonly ReportFacts[]>()
  const loading = ref(false)
  const errorMessage = ref('')
  let reading: Promise<void> | undefined

  async function read(): Promise<void> {
    loading.value = true
    errorMessage.value = ''
    try {
      const { db } = await getDatabase()
      const { caseDigests } = await import('../db/caseIndex')
      cases.value = await caseDigests(db)
    } catch (error) {
      errorMessage.value = failureText(error)
    } finally {
      loading.value = false
    }
  }

  /** Brings the cases up to date (the page opens with today's cases); concurrent calls share one read. */
  function load(): Promise<void> {
    reading ??= read().finally(() => (reading = undefined))
    return reading
  }

  /** The figures for the page, or undefined while the cases are not read. */
  async function figures(request: FiguresRequest): Promise<ReportFigures | undefined> {
    return cases.value === undefined ? undefined : computeFigures(cases.value, request)
  }

  /** The ids of the cases behind one number of the report. */
  async function idsOfCell(cell: ReportCell): Promise<string[]> {
    if (cases.value === undefined) await load()
    return cellCases(cases.value ?? [], cell, todayInChina()).map((c) => c.id)
  }

  const signed = <T extends object>(input: T): T & { preparedBy: string; preparedOn: string } => ({
    ...input,
    preparedBy: currentActor(),
    preparedOn: todayInChina(),
  })

  /** Builds the workbook (exceljs is loaded only now) and offers to save it; false when cancelled. */
  async function exportExcel(input: ExportInput): Promise<boolean> {
    const { reportWorkbook } = await import('../documents/builders/reportWorkbook')
    const data = await reportWorkbook(signed(input))
    return platform().saveFile({
      suggestedName: reportFileName(input.committeeName, input.report.period, 'xlsx'),
      mime: XLSX_MIME,
      data,
      kind: 'xlsx',
    })
  }

  /** The report's PDF, rendered in the PDF worker (plain data only crosses to it). */
  async function reportPdf(input: ExportInput): Promise<Uint8Array> {
    const { generateReportPdf } = await import('../documents/browser/client')
    return generateReportPdf(plainCopy(signed(input) satisfies ReportPdfInput))
  }

  /** Offers to save the report as PDF; false when cancelled. */
  async function exportPdf(input: ExportInput): Promise<boolean> {
    const data = await reportPdf(input)
    return platform().saveFile({
      suggestedName: reportFileName(input.committeeName, input.report.period, 'pdf'),
      mime: 'application/pdf',
      data,
      kind: 'pdf',
    })
  }

  async function printReport(input: ExportInput): Promise<void> {
    await platform().printPdf(await reportPdf(input), REPORT_TITLE)
  }

  return { cases, loading, errorMessage, load, figures, idsOfCell, exportExcel, exportPdf, printReport }
})
