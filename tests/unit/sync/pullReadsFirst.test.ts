/**
 * The case list while a pull takes in another PC's cases (issue 17: nothing in the UI waits for sync). A
 * read of the store waits for a read-write transaction over the same tables that began before it, so a
 * query begun while the pull writes waits for that write; the pull writes a batch in parts of 25 cases and
 * lets the list's reads in flight finish before each part (src/db/readsFirst.ts). Held here against what
 * IndexedDB itself reports: each transaction that stored cases, counted when it commits (a DBCore layer of
 * the test's own), and the queries begun as each such write began.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Dexie, { type DBCore, type DBCoreTable, type Middleware } from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { listCases } from '../../../src/db/caseQueries'
import { MediationDb } from '../../../src/db/schema'
import { pullCases } from '../../../src/db/sync/caseReplication'
import type { RemoteDb } from '../../../src/db/sync/couchHttp'
import { DexieReplica } from '../../../src/db/sync/dexieReplica'
import { importCommitteeKey, sealForServer, type CommitteeKey } from '../../../src/db/sync/seal'
import type { CaseDocument } from '../../../src/domain/syncFields'
import { committeeDbName } from '../../../src/domain/syncServer'
import { makeCase, makeParty } from '../domain/arbitraries'
import { basicAuth, createCommitteeDb, startLoopbackServer, type LoopbackServer } from '../../sync/server'

const COMMITTEE = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a'
const pcA = { name: 'reads-a', password: 'pw-reads-a' }
const pcB = { name: 'reads-b', password: 'pw-reads-b' }
/** another PC's cases on the server: two and a half batches of the feed (100) */
const PULLED = 250
const LOCAL = 30

let server: LoopbackServer
let key: CommitteeKey
let remoteB: RemoteDb

function caseDoc(id: string, receivedOn: string): CaseDocument {
  const c = makeCase({ id, committeeId: COMMITTEE, status: 'accepted', receivedOn, title: '邻里纠纷' })
  return { ...c, parties: [makeParty({ caseId: id, name: '欧阳明' })], sessions: [] }
}

const pulled = Array.from({ length: PULLED }, (_, i) => caseDoc(`pulled-${String(i).padStart(4, '0')}`, '2026-11-20'))

beforeAll(async () => {
  server = await startLoopbackServer()
  await createCommitteeDb(server, COMMITTEE, [pcA, pcB])
  key = await importCommitteeKey(new Uint8Array(32).fill(9))
  const url = `${server.url}/${committeeDbName(COMMITTEE)}`
  remoteB = { url, authorization: basicAuth(pcB) }
  const docs = await Promise.all(pulled.map((d) => sealForServer('case', d, key)))
  const res = await fetch(`${url}/_bulk_docs`, {
    method: 'POST',
    headers: { Authorization: basicAuth(pcA), 'Content-Type': 'application/json' },
    body: JSON.stringify({ docs }),
  })
  const answers = (await res.json()) as { rev?: string }[]
  if (answers.length !== PULLED || answers.some((a) => !a.rev)) throw new Error('the server refused a case')
})

afterAll(async () => {
  await server?.stop()
})

/**
 * The store's transactions that wrote cases, as IndexedDB commits them: `committed` is the number of cases
 * stored by committed transactions so far; `onWriteBegins` is called as a transaction writes its first cases.
 */
function watchCaseWrites(db: MediationDb) {
  const watch = { committed: 0, perTransaction: [] as number[], onWriteBegins: (): void => undefined }
  const counts = new WeakMap<object, number>()
  const layer: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-case-writes',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name)
          if (name !== 'caseDocs') return table
          const watched: DBCoreTable = {
            ...table,
            mutate(req) {
              if (req.type === 'add' || req.type === 'put') {
                const tx = req.trans as unknown as IDBTransaction
                const before = counts.get(tx)
                counts.set(tx, (before ?? 0) + req.values.length)
                if (before === undefined) {
                  tx.addEventListener('complete', () => {
                    const n = counts.get(tx)!
                    watch.committed += n
                    watch.perTransaction.push(n)
                  })
                  watch.onWriteBegins()
                }
              }
              return table.mutate(req)
            },
          }
          return watched
        },
      }
    },
  }
  db.use(layer)
  return watch
}

describe('the case list while a pull writes', () => {
  it('a query begun as a write of the pull begins waits for at most 25 cases to be stored', async () => {
    const db = new MediationDb('reads-first-b', { indexedDB: new IDBFactory(), IDBKeyRange })
    const watch = watchCaseWrites(db)
    const local = Array.from({ length: LOCAL }, (_, i) => caseDoc(`local-${String(i).padStart(4, '0')}`, '2026-10-01'))
    await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, local))
    expect(watch.perTransaction).toEqual([LOCAL])

    // each write of the pull, as it begins: a list query (outside the write's transaction), and the
    // number of cases stored by transactions committed between the query's start and its answer
    const queries: Promise<number>[] = []
    watch.onWriteBegins = () => {
      const from = watch.committed
      queries.push(Dexie.ignoreTransaction(() => listCases(db, {})).then(() => watch.committed - from))
    }
    const result = await pullCases(remoteB, new DexieReplica(db), key)
    const waited = await Promise.all(queries)

    expect(result.taken).toBe(PULLED)
    expect(await db.caseDocs.count()).toBe(LOCAL + PULLED)
    expect(watch.committed).toBe(LOCAL + PULLED)
    // the pull's transactions: 250 cases, none of more than 25
    expect(watch.perTransaction.slice(1).reduce((a, b) => a + b, 0)).toBe(PULLED)
    expect(Math.max(...watch.perTransaction.slice(1))).toBeLessThanOrEqual(25)
    // one query per write, and each waited for the write it began beside, never for a later one
    expect(waited).toHaveLength(watch.perTransaction.length - 1)
    expect(Math.max(...waited)).toBeLessThanOrEqual(25)
    // every query did wait for the write it began beside (the test sees what it means to)
    expect(Math.min(...waited)).toBeGreaterThan(0)
    expect((await listCases(db, {})).rows).toHaveLength(50)
    db.close()
  })
})
