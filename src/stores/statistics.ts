import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { CaseRecord } from '../domain/types'
import { todayInChina } from '../domain/dates'
import { cellCases, type ReportCell } from '../domain/reportCell'
import { reportFileName } from '../domain/reportPeriod'
import type { WorkbookInput } from '../documents/builders/reportWorkbook'
import { getDatabase } from '../db/connection'
import { platform } from '../platform'
import { currentActor } from './actor'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * The cases the 统计 page counts: read once when the page opens (src/db/reportCases.ts), then every
 * period and scope is counted in memory by src/domain/statistics.ts. The case list asks here for the
 * cases behind a number.
 */
export const useStatisticsStore = defineStore('statistics', () => {
  const cases = shallowRef<CaseRecord[]>()
  const loading = ref(false)
  const errorMessage = ref('')
  let reading: Promise<void> | undefined

  async function read(): Promise<void> {
    loading.value = true
    errorMessage.value = ''
    try {
      const { db } = await getDatabase()
      const { readReportCases } = await import('../db/reportCases')
      cases.value = await readReportCases(db)
    } catch (error) {
      errorMessage.value = error instanceof Error ? error.message : String(error)
    } finally {
      loading.value = false
    }
  }

  /** Reads the cases again (the page opens with today's cases); concurrent calls share one read. */
  function load(): Promise<void> {
    reading ??= read().finally(() => (reading = undefined))
    return reading
  }

  /** The ids of the cases behind one number of the report. */
  async function idsOfCell(cell: ReportCell): Promise<string[]> {
    if (cases.value === undefined) await load()
    return cellCases(cases.value ?? [], cell, todayInChina()).map((c) => c.id)
  }

  /** Builds the workbook (exceljs is loaded only now) and offers to save it; false when cancelled. */
  async function exportExcel(input: Omit<WorkbookInput, 'preparedBy' | 'preparedOn'>): Promise<boolean> {
    const { reportWorkbook } = await import('../documents/builders/reportWorkbook')
    const data = await reportWorkbook({ ...input, preparedBy: currentActor(), preparedOn: todayInChina() })
    return platform().saveFile({
      suggestedName: reportFileName(input.committeeName, input.report.period, 'xlsx'),
      mime: XLSX_MIME,
      data,
      kind: 'xlsx',
    })
  }

  return { cases, loading, errorMessage, load, idsOfCell, exportExcel }
})
