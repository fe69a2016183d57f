/**
 * The 统计 figures in the bench page (issue 13): every case's report facts taken from the case index as the
 * statistics store takes them (a cold load of the index in this page), then
 * a year's report with every breakdown, a table at a time as the page works it out; the Excel workbook
 * and the PDF (the app's PDF worker) of that report. Timings taken here with performance.now().
 */
import { caseDigests } from '../../../src/db/caseIndex'
import { loadSettings } from '../../../src/db/settingsRepo'
import type { MediationDb } from '../../../src/db/schema'
import { figureSteps, type FiguresRequest, type ReportFigures } from '../../../src/domain/reportFigures'
import { yearPeriod } from '../../../src/domain/reportPeriod'
import { reportWorkbook } from '../../../src/documents/builders/reportWorkbook'
import { generateReportPdf } from '../../../src/documents/browser/client'
import type { StatsReport, StatsRequest } from './api'

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/** The figures as the page computes them (stores/statistics.ts computeFigures), each table timed. */
async function timedFigures(
  cases: Parameters<typeof figureSteps>[0],
  request: FiguresRequest,
): Promise<{ figures: ReportFigures; ms: number; longestMs: number }> {
  const steps = figureSteps(cases, request)
  let ms = 0
  let longestMs = 0
  for (;;) {
    const t = performance.now()
    const next = steps.next()
    const step = performance.now() - t
    ms += step
    longestMs = Math.max(longestMs, step)
    if (next.done) return { figures: next.value, ms, longestMs }
    await nextTask()
  }
}

export async function benchStats(db: MediationDb, r: StatsRequest): Promise<StatsReport> {
  const settings = await loadSettings(db)
  const t0 = performance.now()
  const cases = await caseDigests(db)
  const readMs = performance.now() - t0
  const period = yearPeriod(r.year)
  const request: FiguresRequest = {
    period,
    scope: { kind: 'committee' },
    categories: settings.committee?.categories ?? [],
    names: { rooms: settings.rooms, mediators: settings.mediators },
    today: r.today,
  }
  const out: StatsReport = {
    cases: cases.length,
    accepted: 0,
    readMs,
    reportMs: [],
    longestStepMs: [],
    floorMs: [],
    excelMs: [],
    pdfColdMs: 0,
    pdfMs: [],
    pdfBytes: 0,
    excelBytes: 0,
  }
  let figures: ReportFigures | undefined
  for (let i = 0; i < r.runs; i++) {
    const timed = await timedFigures(cases, request)
    figures = timed.figures
    out.reportMs.push(timed.ms)
    out.longestStepMs.push(timed.longestMs)
    // the floor: a plain loop over the same records counting one column (受理 of the year)
    const f = performance.now()
    let accepted = 0
    for (const c of cases)
      if (c.acceptedOn !== undefined && c.acceptedOn >= period.from && c.acceptedOn <= period.to) accepted++
    out.floorMs.push(performance.now() - f)
    out.accepted = accepted
  }
  if (!figures) throw new Error('no run')
  if (figures.report.total.cells.accepted !== out.accepted)
    throw new Error(`受理 ${figures.report.total.cells.accepted} ≠ the floor's count ${out.accepted}`)
  const input = {
    ...figures,
    committeeName: settings.committee?.fullName ?? '',
    scopeName: '',
    work: [],
    preparedBy: '基准测试',
    preparedOn: r.today,
  }
  for (let i = 0; i < r.runs; i++) {
    const t = performance.now()
    const bytes = await reportWorkbook(input)
    out.excelMs.push(performance.now() - t)
    out.excelBytes = bytes.byteLength
  }
  const pdfInput = input
  const cold = performance.now()
  await generateReportPdf(pdfInput)
  out.pdfColdMs = performance.now() - cold
  for (let i = 0; i < r.runs; i++) {
    const t = performance.now()
    const pdf = await generateReportPdf(pdfInput)
    out.pdfMs.push(performance.now() - t)
    out.pdfBytes = pdf.byteLength
  }
  return out
}
