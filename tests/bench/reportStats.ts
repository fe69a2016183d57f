/**
 * Issue 13's figures in Chromium against the loaded cases profile (tests/bench/cases.ts): a year's
 * 调解工作统计表 with every breakdown, 环比/同比 and the 12-month trend (target < 500 ms, p95 of 5), next
 * to a floor (a plain loop over the same records counting one column); the longest single table (what
 * holds the window at once); reading every case as 统计 does when it opens; the Excel workbook and the
 * PDF of that report (each < 1 s). Drives the bench page (tests/bench/page/stats.ts).
 */
import { loadavg } from 'node:os'
import { launchProfile } from './browser'
import { figure, round, summarize, type Figure } from './stats'

export const REPORT_TARGET = '< 500'
export const EXPORT_TARGET = '< 1000'
const RUNS = 5

export interface StatsBenchOptions {
  origin: string
  profileDir: string
  /** the data set's today: the report is the year it falls in */
  today: string
  emit: (f: Figure) => void
  log: (message: string) => void
}

export async function runStatsFigures(o: StatsBenchOptions): Promise<void> {
  const { context, page } = await launchProfile(o.profileDir)
  try {
    await page.goto(`${o.origin}/__bench/`)
    await page.waitForFunction(() => 'bench' in window)
    const year = Number(o.today.slice(0, 4))
    const load = loadavg().map(round)
    const r = await page.evaluate((req) => window.bench.stats(req), { year, today: o.today, runs: RUNS })
    const loadAfter = loadavg().map(round)
    o.log(`  ${r.cases} cases read in ${Math.round(r.readMs)} ms; ${r.accepted} accepted in ${year}`)
    const report = summarize(r.reportMs)
    const floor = summarize(r.floorMs)
    const common = { cases: r.cases, year, runs: RUNS, loadavg: load, loadavgAfter: loadAfter }
    o.emit(
      figure('stats.report', report.p95, 'ms', REPORT_TARGET, {
        ...common,
        p50: report.p50,
        floorP95: floor.p95,
        ratio: round(report.p95 / Math.max(floor.p95, 0.01)),
        accepted: r.accepted,
        note: "a year's report, 环比/同比, breakdowns by source, room and mediator, 12-month trend: CPU time of the one pass (figureSteps, every step summed); floor: one loop counting 受理",
      }),
    )
    o.emit(
      figure('stats.report.longest-table', summarize(r.longestStepMs).p95, 'ms', undefined, {
        ...common,
        note: 'the longest single step: the pass yields to the window every few thousand cases, so this is the longest freeze',
      }),
    )
    o.emit(
      figure('stats.read', r.readMs, 'ms', undefined, {
        ...common,
        note: 'the case index loaded cold (every digest with its report facts), as when 统计 opens first in a window; later visits read only the batches written since',
      }),
    )
    const excel = summarize(r.excelMs)
    o.emit(figure('stats.excel', excel.p95, 'ms', EXPORT_TARGET, { ...common, p50: excel.p50, bytes: r.excelBytes }))
    const pdf = summarize(r.pdfMs)
    o.emit(
      figure('stats.pdf', pdf.p95, 'ms', EXPORT_TARGET, {
        ...common,
        p50: pdf.p50,
        coldMs: round(r.pdfColdMs),
        bytes: r.pdfBytes,
        note: 'the app PDF worker, warm (cold: worker started and fonts loaded, reported apart)',
      }),
    )
  } finally {
    await context.close()
  }
}
