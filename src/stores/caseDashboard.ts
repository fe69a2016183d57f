import { defineStore } from 'pinia'
import { afterPaint } from './afterPaint'
import { ref, shallowRef } from 'vue'
import type { CaseStatus, Referral } from '../domain/types'
import { todayInChina } from '../domain/dates'
import { deadlineLists, monthCounts, type DashboardSummary, type DeadlineRow } from '../domain/dashboardSummary'
import { getDatabase } from '../db/connection'
import type { MediationDb } from '../db/schema'
import { readDashboardScreen } from '../db/dashboardSummaryRead'
import { failureText } from '../domain/failureText'

/** A status and its count; `count` is undefined while it is being counted. */
export interface StatusCount {
  status: CaseStatus
  label: string
  count: number | undefined
}

/**
 * The reads of what fills after the urgent lists (referrals, import conflicts) come with the dashboard's
 * first load, not with the start-up bundle: their repositories bring the search's pinyin tables.
 */
async function laterReads() {
  const [records, referrals, conflicts] = await Promise.all([
    import('../db/caseRecordsRepo'),
    import('../domain/referrals'),
    import('../db/conflictsRepo'),
  ])
  return {
    listReferrals: records.listReferrals,
    referralsNeedingAttention: referrals.referralsNeedingAttention,
    countOpenConflicts: conflicts.countOpenConflicts,
  }
}

/**
 * The summary kept with every case write (src/db/dashboardSummary.ts), with only the rows `today`'s lists
 * can show; when there is none yet (an upgrade, a restore) it is built from the case index, once.
 */
async function dashboardSummary(db: MediationDb, today: string, painted: Promise<void>): Promise<DashboardSummary> {
  const stored = await readDashboardScreen(db, today)
  if (stored) return stored
  // the rebuild's code (the case index, the search's pinyin tables) is fetched after the first screen
  await painted
  const { rebuildDashboardSummary } = await import('../db/dashboardRebuild')
  return rebuildDashboardSummary(db)
}

/** The case index, read once the dashboard is filled: the case list and the charts use it. */
function warmCaseIndex(db: MediationDb): void {
  void import('../db/caseIndex').then((m) => m.caseIndexView(db)).catch(() => undefined)
}

/**
 * 工作台: what needs doing today. The screen never waits for this store: the urgent lists and the counts
 * come at once from the summary kept with every case write (a few hundred KB, not the whole case index),
 * then the referrals; the case index is read afterwards, for the screens that use it.
 */
export const useCaseDashboardStore = defineStore('caseDashboard', () => {
  const overdue = shallowRef<DeadlineRow[]>([])
  const dueSoon = shallowRef<DeadlineRow[]>([])
  /** every status, its count undefined until counted; empty until the labels have loaded */
  const statusCounts = shallowRef<StatusCount[]>([])
  const receivedThisMonth = ref<number>()
  const closedThisMonth = ref<number>()
  const referralsDue = shallowRef<Referral[]>([])
  /** imported records that differ from this machine's and wait for a person to choose (数据交换) */
  const openConflicts = ref(0)
  /** the deadline lists and every count are filled (all from the summary, at once) */
  const listsLoaded = ref(false)
  /** the referrals and the import conflicts are read */
  const referralsLoaded = ref(false)
  const errorMessage = ref('')
  const today = ref(todayInChina())

  async function load() {
    errorMessage.value = ''
    today.value = todayInChina()
    receivedThisMonth.value = undefined
    closedThisMonth.value = undefined
    try {
      // the summary is read (IndexedDB only) while the first screen is painted; the labels come after it
      const painted = afterPaint()
      const opened = getDatabase()
      const read = opened.then(({ db }) => dashboardSummary(db, today.value, painted))
      read.catch(() => undefined) // awaited below, after the labels: its failure is reported there
      const [{ db }, { STATUS_LABELS }] = await Promise.all([opened, painted.then(() => import('../domain/lifecycle'))])
      const t = today.value
      const statuses = Object.keys(STATUS_LABELS) as CaseStatus[]
      statusCounts.value = statuses.map((status) => ({ status, label: STATUS_LABELS[status], count: undefined }))
      const summary = await read
      const lists = deadlineLists(summary, t)
      overdue.value = lists.overdue
      dueSoon.value = lists.dueSoon
      statusCounts.value = statuses.map((status) => ({
        status,
        label: STATUS_LABELS[status],
        count: summary.statuses[status] ?? 0,
      }))
      const month = monthCounts(summary, t)
      receivedThisMonth.value = month.received
      closedThisMonth.value = month.closed
      listsLoaded.value = true
      // the lists are drawn first: fetching the later reads' code takes the main thread a while
      await afterPaint()
      const reads = await laterReads()
      openConflicts.value = await reads.countOpenConflicts(db)
      referralsDue.value = reads.referralsNeedingAttention(await reads.listReferrals(db), t)
      referralsLoaded.value = true
      warmCaseIndex(db)
    } catch (error) {
      errorMessage.value = failureText(error)
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
    referralsLoaded,
    today,
    errorMessage,
    load,
  }
})
