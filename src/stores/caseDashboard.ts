import { defineStore } from 'pinia'
import { afterPaint } from './afterPaint'
import { ref, shallowRef } from 'vue'
import type { CaseRecord, CaseStatus, Referral } from '../domain/types'
import { addDays, localDate, todayInChina } from '../domain/dates'
import { getDatabase } from '../db/connection'
import type { MediationDb } from '../db/schema'
import type { listCases as ListCases } from '../db/caseQueries'

const CLOSED_PAGE = 1000

/** A status and its count; `count` is undefined while it is being counted. */
export interface StatusCount {
  status: CaseStatus
  label: string
  count: number | undefined
}

/**
 * The dashboard's reads and rules come with its first load, not with the start-up bundle: the case
 * queries bring the search's pinyin tables.
 */
async function dashboardReads() {
  const [queries, records, lifecycle, referrals, conflicts] = await Promise.all([
    import('../db/caseQueries'),
    import('../db/caseRecordsRepo'),
    import('../domain/lifecycle'),
    import('../domain/referrals'),
    import('../db/conflictsRepo'),
  ])
  return {
    listCases: queries.listCases,
    countCases: queries.countCases,
    listReferrals: records.listReferrals,
    statusLabels: lifecycle.STATUS_LABELS,
    referralsNeedingAttention: referrals.referralsNeedingAttention,
    countOpenConflicts: conflicts.countOpenConflicts,
  }
}

/**
 * Cases closed (结案) this month. closedAt has no index of its own, so this reads the closed and archived
 * cases received within the past year (a case stays open at most a few months: 90 days plus one
 * extension), a page at a time, after the urgent lists are on screen.
 */
async function countClosedInMonth(db: MediationDb, listCases: typeof ListCases, today: string): Promise<number> {
  const monthStart = `${today.slice(0, 8)}01`
  const from = addDays(monthStart, -365)
  let count = 0
  for (const status of ['closed', 'archived'] as const) {
    for (let offset = 0; ; offset += CLOSED_PAGE) {
      const page = await listCases(db, { status, from }, offset, CLOSED_PAGE)
      count += page.rows.filter(
        (c) => c.closedAt !== undefined && localDate(c.closedAt) >= monthStart && localDate(c.closedAt) <= today,
      ).length
      if (!page.hasMore) break
    }
  }
  return count
}

/**
 * 工作台: what needs doing today. The screen never waits for this store: the urgent lists come first,
 * then each count fills in on its own as it is counted.
 */
export const useCaseDashboardStore = defineStore('caseDashboard', () => {
  const overdue = shallowRef<CaseRecord[]>([])
  const dueSoon = shallowRef<CaseRecord[]>([])
  /** every status, its count undefined until counted; empty until the dashboard's reads have loaded */
  const statusCounts = shallowRef<StatusCount[]>([])
  const receivedThisMonth = ref<number>()
  const closedThisMonth = ref<number>()
  const referralsDue = shallowRef<Referral[]>([])
  /** imported records that differ from this machine's and wait for a person to choose (数据交换) */
  const openConflicts = ref(0)
  const listsLoaded = ref(false)
  const errorMessage = ref('')
  const today = ref(todayInChina())

  function setStatusCount(status: CaseStatus, count: number) {
    statusCounts.value = statusCounts.value.map((s) => (s.status === status ? { ...s, count } : s))
  }

  async function load() {
    errorMessage.value = ''
    today.value = todayInChina()
    receivedThisMonth.value = undefined
    closedThisMonth.value = undefined
    try {
      // the reads bring the case queries and the pinyin tables: fetched once the first screen is painted
      const [{ db }, reads] = await Promise.all([getDatabase(), afterPaint().then(dashboardReads)])
      const t = today.value
      const statuses = Object.keys(reads.statusLabels) as CaseStatus[]
      statusCounts.value = statuses.map((status) => ({ status, label: reads.statusLabels[status], count: undefined }))
      const [o, d] = await Promise.all([
        reads.listCases(db, { deadline: 'overdue', today: t }, 0, 50),
        reads.listCases(db, { deadline: 'due-soon', today: t }, 0, 50),
      ])
      overdue.value = o.rows
      dueSoon.value = d.rows
      referralsDue.value = reads.referralsNeedingAttention(await reads.listReferrals(db), t)
      openConflicts.value = await reads.countOpenConflicts(db)
      listsLoaded.value = true
      await Promise.all(statuses.map(async (s) => setStatusCount(s, await reads.countCases(db, { status: s }))))
      receivedThisMonth.value = await reads.countCases(db, { from: `${t.slice(0, 8)}01`, to: t })
      closedThisMonth.value = await countClosedInMonth(db, reads.listCases, t)
    } catch (error) {
      errorMessage.value = error instanceof Error ? error.message : String(error)
    }
  }

  return {
    overdue,
    dueSoon,
    statusCounts,
    receivedThisMonth,
    closedThisMonth,
    referralsDue,
    openConflicts,
    listsLoaded,
    today,
    errorMessage,
    load,
  }
})
