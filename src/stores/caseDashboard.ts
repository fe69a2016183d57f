import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { CaseRecord, CaseStatus, Referral } from '../domain/types'
import { STATUS_LABELS } from '../domain/lifecycle'
import { addDays, localDate } from '../domain/dates'
import { getDatabase } from '../db/connection'
import type { MediationDb } from '../db/schema'
import { countCases, listCases } from '../db/caseQueries'
import { listReferrals } from '../db/caseRecordsRepo'
import { todayInChina } from '../composables/today'
import { referralsNeedingAttention } from '../composables/caseRules'

const CLOSED_PAGE = 1000

/**
 * Cases closed (结案) this month. closedAt has no index of its own, so this reads the closed and archived
 * cases received within the past year (a case stays open at most a few months: 90 days plus one
 * extension), a page at a time, after the urgent lists are on screen.
 */
async function countClosedInMonth(db: MediationDb, today: string): Promise<number> {
  const monthStart = `${today.slice(0, 8)}01`
  const from = addDays(monthStart, -365)
  let count = 0
  for (const status of ['closed', 'archived'] as const) {
    for (let offset = 0; ; offset += CLOSED_PAGE) {
      const page = await listCases(db, { status, from }, offset, CLOSED_PAGE)
      count += page.rows.filter((c) => c.closedAt !== undefined && localDate(c.closedAt) >= monthStart && localDate(c.closedAt) <= today).length
      if (!page.hasMore) break
    }
  }
  return count
}

/** 工作台: what needs doing today. Each part loads on its own so the urgent lists show first. */
export const useCaseDashboardStore = defineStore('caseDashboard', () => {
  const overdue = shallowRef<CaseRecord[]>([])
  const dueSoon = shallowRef<CaseRecord[]>([])
  const statusCounts = shallowRef<{ status: CaseStatus; label: string; count: number }[]>([])
  const receivedThisMonth = ref<number>()
  const closedThisMonth = ref<number>()
  const referralsDue = shallowRef<Referral[]>([])
  const errorMessage = ref('')
  const today = ref(todayInChina())

  async function load() {
    errorMessage.value = ''
    today.value = todayInChina()
    try {
      const { db } = await getDatabase()
      const t = today.value
      const [o, d] = await Promise.all([listCases(db, { deadline: 'overdue', today: t }, 0, 50), listCases(db, { deadline: 'due-soon', today: t }, 0, 50)])
      overdue.value = o.rows
      dueSoon.value = d.rows
      referralsDue.value = referralsNeedingAttention(await listReferrals(db), t)
      const statuses = Object.keys(STATUS_LABELS) as CaseStatus[]
      const counts = await Promise.all(statuses.map((s) => countCases(db, { status: s })))
      statusCounts.value = statuses.map((s, i) => ({ status: s, label: STATUS_LABELS[s], count: counts[i]! }))
      receivedThisMonth.value = await countCases(db, { from: `${t.slice(0, 8)}01`, to: t })
      closedThisMonth.value = await countClosedInMonth(db, t)
    } catch (error) {
      errorMessage.value = error instanceof Error ? error.message : String(error)
    }
  }

  return { overdue, dueSoon, statusCounts, receivedThisMonth, closedThisMonth, referralsDue, today, errorMessage, load }
})
