import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  digestOf,
  digestSearch,
  matchesFilter,
  mostUrgentFirst,
  newestFirst,
  type CaseDigest,
} from '../../../src/domain/caseDigest'
import { columnTest, dateSpan, deadlineList, searchCandidates } from '../../../src/db/caseScan'
import type { CaseStatus } from '../../../src/domain/types'
import { chineseNameArb, makeCase, mobileArb, orgNameArb } from '../domain/arbitraries'

const day = fc.integer({ min: 1, max: 20 }).map((d) => `2026-05-${String(d).padStart(2, '0')}`)
const STATUSES: CaseStatus[] = ['intake', 'accepted', 'mediating', 'closed']
const MEDIATORS = [
  { id: 'm1', name: '周建国' },
  { id: 'm2', name: '吴秀英' },
]

const digestArb: fc.Arbitrary<CaseDigest> = fc
  .record({
    receivedOn: day,
    dueOn: fc.option(day, { nil: undefined }),
    status: fc.constantFrom(...STATUSES),
    seq: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    title: fc.constantFrom('相邻通行纠纷', '拖欠工资纠纷', '赡养纠纷'),
    persons: fc.array(fc.record({ name: chineseNameArb(), phone: fc.option(mobileArb(), { nil: undefined }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    org: fc.option(orgNameArb(), { nil: undefined }),
    mediatorIds: fc.subarray(['m1', 'm2']),
    category: fc.constantFrom('邻里', '婚姻家庭'),
    roomId: fc.constantFrom('room-1', 'room-2'),
  })
  .map((r) =>
    digestOf(
      makeCase({
        receivedOn: r.receivedOn,
        dueOn: r.dueOn,
        status: r.status,
        title: r.title,
        mediatorIds: r.mediatorIds,
        category: r.category,
        roomId: r.roomId,
        ...(r.seq ? { caseNo: `（2026）城关镇调字第${String(r.seq).padStart(3, '0')}号` } : {}),
      }),
      [
        ...r.persons.map((p) => ({ name: p.name, kind: 'person' as const, phone: p.phone })),
        ...(r.org ? [{ name: r.org, kind: 'org' as const }] : []),
      ],
    ),
  )

/** Queries drawn from the digests themselves and a few that match nothing; and two of them as words apart. */
const queryArb = (all: CaseDigest[]): fc.Arbitrary<string> =>
  fc.oneof(
    wordArb(all),
    fc.tuple(wordArb(all), wordArb(all)).map(([a, b]) => `${a} ${b}`),
  )

const wordArb = (all: CaseDigest[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...all).chain((d) =>
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })).map(([a, n]) =>
        [...d.persons]
          .filter((c) => c !== '\n')
          .slice(a % 3, (a % 3) + n)
          .join(''),
      ),
    ),
    fc.constantFrom(...all).map((d) => (d.initials.split('\n')[0] ?? '').slice(0, 2)),
    // an organisation's initials follow the persons' (after \u0002)
    fc.constantFrom(...all).map((d) => (d.initials.split('\u0002')[1] ?? '').slice(1, 4)),
    fc.constantFrom('周建国', '秀英', '周建', '吴'),
    fc.constantFrom(...all).map((d) => (d.runs.split('\n')[1] ?? '').slice(0, 5)),
    fc.constantFrom(...all).chain((d) => fc.constantFrom(4, 6).map((n) => d.phoneTails.split('\n')[0]!.slice(-n))),
    fc.integer({ min: 1, max: 30 }).chain((n) => fc.constantFrom(String(n), String(n).padStart(3, '0'), `00${n}`)),
    fc.constantFrom('第012号', '纠纷', '相邻通行', '化工', 'lsj', '龘', '13800', '9999'),
  )

describe('the scans over the digests', () => {
  it('a search scan, batch by batch, misses no case the digest accepts', () => {
    fc.assert(
      fc.property(
        fc.array(digestArb, { minLength: 1, maxLength: 40 }).chain((ds) => {
          const all = ds.map((d, i) => ({ ...d, id: `c${String(i).padStart(3, '0')}` }))
          return fc.tuple(fc.constant(all), queryArb(all), fc.integer({ min: 1, max: 12 }))
        }),
        ([all, query, size]) => {
          fc.pre(query.trim() !== '')
          const batches = Array.from({ length: Math.ceil(all.length / size) }, (_, k) =>
            all.slice(k * size, (k + 1) * size),
          )
          const scanned = searchCandidates(batches, query, MEDIATORS)
          const search = digestSearch(query, MEDIATORS)
          expect(all.filter((d) => search(d) !== 'none' && !scanned.has(d)).map((d) => d.id)).toEqual([])
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a date range is the slice of the newest-first list received within it', () => {
    fc.assert(
      fc.property(
        fc.array(digestArb, { maxLength: 40 }),
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        (ds, from, to) => {
          const all = ds.map((d, i) => ({ ...d, id: `c${String(i).padStart(3, '0')}` })).sort(newestFirst)
          const [lo, hi] = dateSpan(all, from, to)
          expect(all.slice(lo, hi)).toEqual(all.filter((d) => matchesFilter(d, { from, to })))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('the deadline lists hold exactly the cases the filter keeps, most urgent first', () => {
    fc.assert(
      fc.property(
        fc.array(digestArb, { minLength: 0, maxLength: 40 }),
        day,
        fc.constantFrom<'overdue' | 'due-soon'>('overdue', 'due-soon'),
        (ds, today, deadline) => {
          const all = ds.map((d, i) => ({ ...d, id: `c${i}` })).sort(newestFirst)
          const expected = all.filter((d) => matchesFilter(d, { deadline, today })).sort(mostUrgentFirst)
          expect(deadlineList(all, deadline, today).map((d) => d.id)).toEqual(expected.map((d) => d.id))
        },
      ),
      { numRuns: 300 },
    )
  })

  it("a one-value filter's column passes every case the filter keeps", () => {
    fc.assert(
      fc.property(
        fc.array(digestArb, { maxLength: 40 }),
        fc.record(
          {
            status: fc.constantFrom<CaseStatus>(...STATUSES, 'archived'),
            category: fc.constantFrom('邻里', '婚姻家庭', '其他'),
            roomId: fc.constantFrom('room-1', 'room-2'),
            stage: fc.constantFrom<'open' | 'done'>('open', 'done'),
          },
          { requiredKeys: [] },
        ),
        (ds, q) => {
          const all = ds.map((d, i) => ({ ...d, id: `c${i}` })).sort(newestFirst)
          const may = columnTest(all, q)
          const kept = all.flatMap((d, i) => (matchesFilter(d, q) ? [i] : []))
          expect(kept.filter((i) => may !== undefined && !may(i))).toEqual([])
          // and it is worth asking: it passes only cases whose one-value fields are the query's
          const plain = all.flatMap((d, i) =>
            (!q.status || d.status === q.status) &&
            (!q.category || d.category === q.category) &&
            (!q.roomId || d.roomId === q.roomId)
              ? [i]
              : [],
          )
          if (may) expect(all.flatMap((_, i) => (may(i) ? [i] : []))).toEqual(plain)
        },
      ),
      { numRuns: 300 },
    )
  })
})
