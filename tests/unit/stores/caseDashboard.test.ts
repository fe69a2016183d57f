/**
 * The dashboard store over generated cases: every count equals the plain count of the records, the
 * deadline lists hold matching cases only, and the counts fill in after the lists (each one starts as
 * "not counted yet", so the screen can show "…" instead of waiting).
 */
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { watch } from 'vue'
import { getDatabase } from '../../../src/db/connection'
import { withPartySummary } from '../../../src/domain/intake'
import { plainCaseFilter } from '../db/plainCaseFilter'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { addDays, localDate, todayInChina } from '../../../src/domain/dates'
import { STATUS_LABELS } from '../../../src/domain/lifecycle'
import type { CaseRecord, CaseStatus } from '../../../src/domain/types'
import { useCaseDashboardStore, type StatusCount } from '../../../src/stores/caseDashboard'
import { generateCaseBundle, testWorld } from '../../fixtures/generate/cases'

const today = todayInChina()
const world = testWorld({
  roomIds: ['room-1'],
  mediatorIds: ['m-1', 'm-2'],
  firstDay: addDays(today, -420),
  today,
  total: 900,
})

let all: CaseRecord[]

beforeAll(async () => {
  const { db } = await getDatabase()
  const bundles = Array.from({ length: world.total }, (_, i) => generateCaseBundle(20261122, i, world))
  all = bundles.map((b) => withPartySummary(b.case, b.parties))
  const docs = bundles.map((b, i) => ({ ...all[i]!, parties: b.parties, sessions: b.session ? [b.session] : [] }))
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
})

afterAll(async () => (await getDatabase()).db.close())

const monthStart = `${today.slice(0, 8)}01`
const plainCount = (keep: (c: CaseRecord) => boolean) => all.filter(keep).length

describe('工作台 counts over generated cases', () => {
  it('equal the plain counts of the records, and start as not counted', async () => {
    setActivePinia(createPinia())
    const dashboard = useCaseDashboardStore()
    const seen: StatusCount[][] = []
    const stop = watch(
      () => dashboard.statusCounts,
      (v) => seen.push(v),
      { flush: 'sync' },
    )
    await dashboard.load()
    stop()

    expect(dashboard.errorMessage).toBe('')
    const statuses = Object.keys(STATUS_LABELS) as CaseStatus[]
    // First the labels with nothing counted, then one count at a time, never a count taken back.
    expect(seen[0]).toEqual(statuses.map((status) => ({ status, label: STATUS_LABELS[status], count: undefined })))
    const counted = seen.map((v) => v.filter((s) => s.count !== undefined).length)
    expect(counted).toEqual([...counted].sort((a, b) => a - b))
    expect(counted.at(-1)).toBe(statuses.length)

    const byStatus = Object.fromEntries(dashboard.statusCounts.map((s) => [s.status, s.count]))
    for (const s of statuses) expect(byStatus[s], s).toBe(plainCount((c) => c.status === s))
    // the data set has cases in several states, so the comparison means something
    expect(statuses.filter((s) => (byStatus[s] ?? 0) > 0).length).toBeGreaterThan(4)

    expect(dashboard.receivedThisMonth).toBe(plainCount((c) => c.receivedOn >= monthStart && c.receivedOn <= today))
    const closedInMonth = (c: CaseRecord) =>
      (c.status === 'closed' || c.status === 'archived') &&
      c.closedAt !== undefined &&
      localDate(c.closedAt) >= monthStart &&
      localDate(c.closedAt) <= today
    expect(dashboard.closedThisMonth).toBe(plainCount(closedInMonth))
  })

  it('lists overdue and due-soon cases that match, at most 50 of each', async () => {
    setActivePinia(createPinia())
    const dashboard = useCaseDashboardStore()
    expect(dashboard.listsLoaded).toBe(false)
    await dashboard.load()
    expect(dashboard.listsLoaded).toBe(true)
    for (const [deadline, rows] of [
      ['overdue', dashboard.overdue],
      ['due-soon', dashboard.dueSoon],
    ] as const) {
      const matching = all.filter((c) => plainCaseFilter(c, { deadline, today }))
      expect(rows.length, deadline).toBe(Math.min(50, matching.length))
      // each row is a stored case that matches, showing that case's number, title and deadline
      const byId = new Map(all.map((c) => [c.id, c]))
      expect(
        rows.every((r) => plainCaseFilter(byId.get(r.id)!, { deadline, today })),
        deadline,
      ).toBe(true)
      for (const r of rows) {
        const c = byId.get(r.id)!
        expect([r.caseNo, r.title, r.status, r.dueOn]).toEqual([c.caseNo, c.title, c.status, c.dueOn])
      }
    }
    expect(dashboard.overdue.length + dashboard.dueSoon.length).toBeGreaterThan(0)
  })
})
