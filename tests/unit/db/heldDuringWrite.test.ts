/**
 * The case list while this window's own write of cases runs (src/db/caseWrites.ts, caseIndex.ts,
 * heldCaseDocs.ts): it answers without waiting for the write, with what the store held before the write
 * began or as this window's last commit left it. The reference is another database object on the same
 * store, reading it idle after the write: a plain read, holding nothing.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { addCaseDocs, caseDocTables, putCaseDocs } from '../../../src/db/caseDocs'
import { listCases, type CaseQuery } from '../../../src/db/caseQueries'
import { caseWriteRunning, inCaseWriteSeries, onCaseWrite } from '../../../src/db/caseWrites'
import type { CommittedCaseWrite } from '../../../src/db/caseWritesWatch'
import type { CaseDoc, NewCaseDoc } from '../../../src/db/records'
import { HELD_SHOWN, HELD_WRITTEN } from '../../../src/db/heldCaseDocs'
import type { CaseRecord } from '../../../src/domain/types'
import { makeCase, makeParty } from '../domain/arbitraries'

function store(): { a: MediationDb; open: () => MediationDb } {
  const factory = new IDBFactory()
  const name = `held-${crypto.randomUUID()}`
  const open = () => new MediationDb(name, { indexedDB: factory, IDBKeyRange })
  return { a: open(), open }
}

let made = 0
function newDoc(day: number, title = `相邻纠纷${made}`): NewCaseDoc {
  const id = `held-${String(made++).padStart(5, '0')}`
  const receivedOn = `2026-11-${String(1 + (day % 28)).padStart(2, '0')}`
  const c = makeCase({ id, receivedOn, title })
  return { ...c, parties: [makeParty({ caseId: id, name: '欧阳珺喆' })], sessions: [] }
}

const write = <T>(db: MediationDb, f: () => Promise<T>): Promise<T> => db.transaction('rw', caseDocTables(db), f)

/**
 * Runs `during` (outside any transaction) while a read-write transaction of `db` over the case tables runs:
 * `first` is done in it, then it stays open (reading) until `during` has settled. Returns `during`'s result
 * and whether it settled while the transaction still ran (a read of the case tables would have waited).
 */
async function whileWriting<T>(
  db: MediationDb,
  during: () => Promise<T>,
  first: () => Promise<unknown> = async () => undefined,
): Promise<{ value: T; settledWhileRunning: boolean }> {
  let settled = false
  let ended = false
  let value: T | undefined
  let settledWhileRunning = false
  await write(db, async () => {
    await first()
    void Dexie.ignoreTransaction(() =>
      during().then((v) => {
        value = v
        settled = true
        settledWhileRunning = !ended
      }),
    )
    // bounded, so that a list that waits for this transaction fails the test rather than hanging it
    for (let i = 0; i < 20_000 && !settled; i++) await db.caseDocs.get('none')
    ended = true
  })
  for (let i = 0; i < 1000 && !settled; i++) await db.caseDocs.get('none')
  return { value: value as T, settledWhileRunning }
}

const shown = (rows: readonly CaseRecord[]) => rows.map((r) => [r.id, r.title, r.updatedAt])

async function reference(open: () => MediationDb, q: CaseQuery): Promise<unknown> {
  const other = open()
  try {
    return shown((await listCases(other, q)).rows)
  } finally {
    other.close()
  }
}

describe('the case list while this window writes cases', () => {
  it('answers without waiting, as stored before the write, then as its commit left it', async () => {
    const { a, open } = store()
    await write(a, () => addCaseDocs(a, [newDoc(1), newDoc(2), newDoc(3)]))
    const before = shown((await listCases(a, {})).rows)

    const added = newDoc(20, '新拉取的案件')
    const during = await whileWriting(
      a,
      () => listCases(a, {}),
      () => addCaseDocs(a, [added]),
    )
    expect(during.settledWhileRunning).toBe(true)
    expect(shown(during.value.rows)).toEqual(before)

    const next = await whileWriting(a, () => listCases(a, {}))
    expect(next.settledWhileRunning).toBe(true)
    expect(shown(next.value.rows)).toEqual(await reference(open, {}))
    expect(next.value.rows.map((r) => r.id)).toContain(added.id)
  })

  it('reads through a transaction that asks itself: it sees its own writes', async () => {
    const { a } = store()
    await write(a, () => addCaseDocs(a, [newDoc(1)]))
    await listCases(a, {})
    const added = newDoc(2, '本事务刚写的案件')
    const inside = await write(a, async () => {
      await addCaseDocs(a, [added])
      return (await listCases(a, {})).rows.map((r) => r.id)
    })
    expect(inside).toContain(added.id)
  })

  it('matches a plain read after any sequence of its own writes, asked after some of them (property)', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 1, max: 30 }), day: fc.nat(40) }),
      fc.record({
        kind: fc.constant('retitle' as const),
        at: fc.nat(),
        title: fc.constantFrom('欠薪', '邻里通道', '彩礼'),
      }),
      fc.record({ kind: fc.constant('note' as const), at: fc.nat() }),
    )
    const queries: CaseQuery[] = [{}, { search: '欠薪' }, { search: '欧阳' }, { search: '邻里' }]
    await fc.assert(
      // `ask`: the list is asked after this write (always after the last): several writes may be followed at once
      fc.asyncProperty(
        fc.array(fc.record({ o: op, ask: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        async (ops) => {
          const { a, open } = store()
          await write(a, () => addCaseDocs(a, [newDoc(5), newDoc(6)]))
          await listCases(a, {})
          for (const [at, { o, ask }] of ops.entries()) {
            const all = await a.caseDocs.toArray()
            const pick = (at: number): CaseDoc => all[at % all.length]!
            await write(a, async () => {
              if (o.kind === 'add')
                await addCaseDocs(
                  a,
                  Array.from({ length: o.n }, (_, i) => newDoc(o.day + i)),
                )
              else if (o.kind === 'retitle')
                await putCaseDocs(a, [{ ...pick(o.at), title: o.title, updatedAt: `${o.at}` }])
              else {
                const doc = pick(o.at)
                const session = { id: `s${made++}`, caseId: doc.id, startedAt: '2026-11-21T02:00:00.000Z' }
                await putCaseDocs(a, [{ ...doc, sessions: [session as never], updatedAt: `n${o.at}` }])
              }
            })
            if (!ask && at < ops.length - 1) continue
            for (const q of queries) {
              const during = await whileWriting(a, () => listCases(a, q))
              expect(during.settledWhileRunning).toBe(true)
              expect(shown(during.value.rows)).toEqual(await reference(open, q))
            }
          }
          a.close()
        },
      ),
      { numRuns: 12 },
    )
  })

  it('reads the store again once another database object has written, as before', async () => {
    const { a, open } = store()
    await write(a, () => addCaseDocs(a, [newDoc(1), newDoc(2)]))
    await listCases(a, {})
    const b = open()
    const [first] = await b.caseDocs.toArray()
    await write(b, () => putCaseDocs(b, [{ ...first!, title: '另一窗口改的标题', updatedAt: 'b' }]))
    await write(b, () => addCaseDocs(b, [newDoc(9)]))
    // idle: a plain read, so the other object's writes are seen
    expect(shown((await listCases(a, {})).rows)).toEqual(await reference(open, {}))
    // this window's next write, after the other's, is followed again
    await write(a, () => addCaseDocs(a, [newDoc(12)]))
    const during = await whileWriting(a, () => listCases(a, {}))
    expect(during.settledWhileRunning).toBe(true)
    expect(shown(during.value.rows)).toEqual(await reference(open, {}))
    b.close()
  })
})

describe('a series of writes (a sync pull)', () => {
  it('is answered from what is held between its writes too, and the store read again once it ends', async () => {
    const { a, open } = store()
    await write(a, () => addCaseDocs(a, [newDoc(1)]))
    await listCases(a, {})
    const b = open()
    const own = newDoc(3, '本窗口拉取的案件')
    const foreign = newDoc(4, '另一窗口登记的案件')
    const inSeries = await inCaseWriteSeries(a, async () => {
      await write(a, () => addCaseDocs(a, [own]))
      // another database object writes between the series' writes: not seen until the series ends
      await write(b, () => addCaseDocs(b, [foreign]))
      return (await listCases(a, {})).rows.map((r) => r.id)
    })
    expect(inSeries).toContain(own.id)
    expect(inSeries).not.toContain(foreign.id)
    expect(caseWriteRunning(a)).toBe(false)
    expect(shown((await listCases(a, {})).rows)).toEqual(await reference(open, {}))
    b.close()
  })
})

describe('the cases held (src/db/heldCaseDocs.ts)', () => {
  it('keeps the cases lists showed when this window writes more cases than it holds (a long pull)', async () => {
    const { a } = store()
    const shownDocs = [newDoc(1, '正在看的案件甲'), newDoc(2, '正在看的案件乙')]
    await write(a, () => addCaseDocs(a, shownDocs))
    const ids = shownDocs.map((d) => d.id)
    await listCases(a, { ids })
    // more new cases than either part holds, written in batches as a pull does
    const stream = Array.from({ length: HELD_SHOWN + 100 }, (_, i) => newDoc(100 + (i % 20)))
    for (let at = 0; at < stream.length; at += 500) await write(a, () => addCaseDocs(a, stream.slice(at, at + 500)))
    const during = await whileWriting(a, () => listCases(a, { ids }))
    expect(during.settledWhileRunning).toBe(true)
    expect(during.value.rows.map((r) => r.title).sort()).toEqual(['正在看的案件乙', '正在看的案件甲'])
    expect(HELD_WRITTEN).toBeLessThan(HELD_SHOWN)
  })
})

describe('caseWriteRunning and announced writes (src/db/caseWrites.ts)', () => {
  it('counts a read-write transaction over the case tables from its start to its end, and no other', async () => {
    const { a } = store()
    await a.open()
    const seen: boolean[] = []
    await a.transaction('rw', caseDocTables(a), async () => {
      seen.push(caseWriteRunning(a))
      await a.caseDocs.get('none')
    })
    seen.push(caseWriteRunning(a))
    await a.transaction('r', caseDocTables(a), async () => {
      seen.push(caseWriteRunning(a))
    })
    await a.transaction('rw', a.settings, async () => {
      seen.push(caseWriteRunning(a))
    })
    let aborted: Promise<unknown> | undefined
    await a
      .transaction('rw', caseDocTables(a), async (tx) => {
        seen.push(caseWriteRunning(a))
        const idb = tx.idbtrans as IDBTransaction
        aborted = new Promise((resolve) => idb.addEventListener('abort', resolve))
        throw new Error('abort')
      })
      .catch(() => undefined)
    // the transaction ends with its abort event, which may come after the rejection
    await aborted
    seen.push(caseWriteRunning(a))
    expect(seen).toEqual([true, false, false, false, true, false])
  })

  it("tells a write before the listeners the transaction got after its creation (Dexie's, which resume its caller)", async () => {
    // In a page, the code awaiting a transaction goes on between two listeners of its complete event: told
    // later, a next write started at once (a pull's next batch) would be answered from a held state without it.
    const { a } = store()
    const order: string[] = []
    onCaseWrite(a, () => order.push('told'))
    await write(a, async () => {
      const idb = Dexie.currentTransaction!.idbtrans as IDBTransaction
      idb.addEventListener('complete', () => order.push('a listener added when the scope began'))
      await addCaseDocs(a, [newDoc(1)])
    })
    expect(order).toEqual(['told', 'a listener added when the scope began'])
  })

  it('tells a write when its transaction commits, and not when it aborts', async () => {
    const { a } = store()
    const told: (CommittedCaseWrite | undefined)[] = []
    onCaseWrite(a, (w) => told.push(w))
    const kept = newDoc(1)
    await write(a, () => addCaseDocs(a, [kept]))
    await write(a, async () => {
      await addCaseDocs(a, [newDoc(2)])
      throw new Error('abort')
    }).catch(() => undefined)
    expect(told.map((w) => w?.docs.map((d) => d.id))).toEqual([[kept.id]])
    expect(told[0]!.index).toMatchObject({ before: 0, meta: { rev: 1 } })
  })
})
