/**
 * 工作台's summary kept by the day cases are due (src/domain/dashboardSummary.ts): the rows of only the
 * days `daysShown` picks give the same 已超期 and 3日内到期 lists as every row, on any day; and changing
 * the head and the days a change touches gives the same summary as changing the whole. The
 * reference is written out plainly: sort every running case, cut at 50.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  deadlineLists,
  headOf,
  daysChanged,
  daysShown,
  rowsByDay,
  summaryOf,
  withChanges,
  withChangesByDay,
  type Contribution,
  type DashboardSummary,
  type DeadlineRow,
  type SummaryChange,
} from '../../../src/domain/dashboardSummary'

function plusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10)
}

/** The lists from every row: most urgent first (due day, then day received, then id), 50 at most. */
function plainLists(rows: readonly DeadlineRow[], today: string) {
  const key = (r: DeadlineRow) => `${r.dueOn}|${r.receivedOn}|${r.id}`
  const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  const end = plusDays(today, 3)
  return {
    overdue: sorted
      .filter((r) => r.dueOn! < today)
      .slice(0, 50)
      .map((r) => r.id),
    dueSoon: sorted
      .filter((r) => r.dueOn! >= today && r.dueOn! <= end)
      .slice(0, 50)
      .map((r) => r.id),
  }
}

const BASE = '2026-11-22'
const day = (min: number, max: number) => fc.integer({ min, max }).map((n) => plusDays(BASE, n))

/** Running cases: many due over two years (so that the days before today hold more than 50), some clustered. */
const rows = fc
  .uniqueArray(
    fc.record({
      n: fc.integer({ min: 0, max: 99_999 }),
      dueOn: fc.oneof(day(-730, 120), day(-40, 10)),
      receivedOn: day(-800, 0),
    }),
    { selector: (r) => r.n, minLength: 0, maxLength: 400, size: 'max' },
  )
  .map((list) =>
    list.map((r): DeadlineRow => ({
      id: `c${String(r.n).padStart(5, '0')}`,
      title: `案件${r.n}`,
      status: 'mediating',
      dueOn: r.dueOn,
      receivedOn: r.receivedOn,
    })),
  )

const summaryWith = (running: DeadlineRow[]): DashboardSummary => ({ statuses: {}, received: {}, closed: {}, running })

describe('工作台 summary by the day cases are due', () => {
  it('the days shown give the same lists as every row, on any day (month ends, year ends included)', () => {
    fc.assert(
      fc.property(rows, day(-400, 200), fc.constantFrom(0, 1, 2, 3), (running, someDay, nearEnd) => {
        // days near a month's end, where the 3-day window reaches into the next month
        const today = nearEnd ? plusDays(`${someDay.slice(0, 7)}-01`, -nearEnd) : someDay
        const head = headOf(summaryWith(running))
        const byDay = rowsByDay(running)
        const shown = daysShown(head, today).flatMap((d) => byDay.get(d) ?? [])
        const lists = deadlineLists(summaryWith(shown), today)
        expect({ overdue: lists.overdue.map((r) => r.id), dueSoon: lists.dueSoon.map((r) => r.id) }).toEqual(
          plainLists(running, today),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('reads few days: those before today up to the first 50 rows, and the window (today and 3 days on)', () => {
    fc.assert(
      fc.property(rows, day(-30, 30), (running, today) => {
        const head = headOf(summaryWith(running))
        const shown = daysShown(head, today)
        const before = shown.filter((d) => d < today)
        const heldBefore = before.slice(0, -1).reduce((n, d) => n + head.due[d]!, 0)
        expect(heldBefore).toBeLessThan(50)
        expect(shown.filter((d) => d >= today).every((d) => d <= plusDays(today, 3))).toBe(true)
        expect(shown).toEqual([...shown].sort())
      }),
    )
  })

  it('a change applied to the head and the days it touches equals the change applied to the whole', () => {
    const share = (r: DeadlineRow, running: boolean): Contribution => ({
      status: running ? 'mediating' : 'closed',
      receivedOn: r.receivedOn,
      ...(running ? { row: r } : {}),
    })
    fc.assert(
      fc.property(
        rows,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('close', 'move', 'delete', 'add'), day(-400, 60)), {
          maxLength: 8,
        }),
        (running, ops) => {
          if (running.length === 0) return
          const whole = summaryOf(running.map((r) => ({ id: r.id, ...share(r, true) })))
          const current = new Map(running.map((r) => [r.id, share(r, true)]))
          const changes: SummaryChange[] = ops.map(([at, kind, dueOn], i) => {
            const r = running[at % running.length]!
            const before = current.get(r.id)
            if (kind === 'add') {
              const added: DeadlineRow = { ...r, id: `new${i}`, dueOn }
              const after = share(added, true)
              current.set(added.id, after)
              return { id: added.id, after }
            }
            const after =
              kind === 'delete' ? undefined : kind === 'close' ? share(r, false) : share({ ...r, dueOn }, true)
            if (after) current.set(r.id, after)
            else current.delete(r.id)
            return { id: r.id, ...(before ? { before } : {}), ...(after ? { after } : {}) }
          })
          const expected = withChanges(whole, changes)
          const head = headOf(whole)
          const byDay = rowsByDay(whole.running)
          const touched = [...daysChanged(changes)]
          const next = withChangesByDay(head, new Map(touched.map((d) => [d, byDay.get(d) ?? []])), changes)
          // the untouched days as they were, the touched ones as returned
          const days = new Map(byDay)
          for (const [d, list] of next.days) days.set(d, list)
          const sortRows = (list: DeadlineRow[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
          expect(sortRows([...days.values()].flat())).toEqual(sortRows(expected.running))
          expect(next.head).toEqual(headOf(expected))
        },
      ),
      { numRuns: 200 },
    )
  })
})
