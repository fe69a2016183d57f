import type { Page } from '@playwright/test'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import type { CaseRecord, Party } from '../../../src/domain/types'
import { partySummary } from '../../../src/domain/intake'
import { addDays } from '../../../src/domain/dates'
import { MediationDb } from '../../../src/db/schema'
import { configureStoreKeys } from '../../../src/db/keys'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { type CaseDoc, type IndexRecord, type NewCaseDoc } from '../../../src/db/records'

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰']

/**
 * Writes `count` intake-stage cases (two parties each) straight into the app's IndexedDB as case
 * documents, with the digest batches the app's own code (addCaseDocs) makes for them, so list tests do
 * not have to type hundreds of intakes. Case i is received `i` days before `newest`; its title is
 * `批量案件{i}`. Nothing else may write cases meanwhile (the page is idle in a test). Returns the documents
 * as stored. `over` replaces fields of every case (a status, …).
 */
export async function seedCases(
  page: Page,
  count: number,
  newest: string,
  over: Partial<CaseRecord> = {},
): Promise<CaseDoc[]> {
  const stored = await readStored(page)
  const docs: NewCaseDoc[] = []
  for (let i = 0; i < count; i++) docs.push({ ...seedCase(i, newest, stored), ...over })
  const written = await indexedFor(stored.index, docs)
  await page.evaluate(
    ({ docs, index }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction(['caseDocs', 'caseIndex'], 'readwrite')
          // add, not put: an id already stored aborts the whole write, as addCaseDocs would
          for (const d of docs) tx.objectStore('caseDocs').add(d)
          for (const r of index) tx.objectStore('caseIndex').put(r)
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
          tx.onabort = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
    written,
  )
  return written.docs
}

interface Stored {
  committeeId: string
  roomId: string
  /** the caseIndex store as it is: batches and meta */
  index: IndexRecord[]
}

async function readStored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const req = indexedDB.open('mediation-room')
        req.onsuccess = () => {
          const tx = req.result.transaction(['committees', 'rooms', 'caseIndex'], 'readonly')
          const c = tx.objectStore('committees').getAll()
          const r = tx.objectStore('rooms').getAll()
          const x = tx.objectStore('caseIndex').getAll()
          tx.oncomplete = () =>
            resolve({
              committeeId: (c.result[0] as { id: string }).id,
              roomId: (r.result[0] as { id: string }).id,
              index: x.result as IndexRecord[],
            })
          tx.onerror = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      }),
  )
}

/**
 * The documents as addCaseDocs stores them and the caseIndex records after adding them, computed on a
 * copy of the page's caseIndex in an in-memory database: the page gets exactly what the app would write.
 */
async function indexedFor(
  index: readonly IndexRecord[],
  docs: readonly NewCaseDoc[],
): Promise<{ docs: CaseDoc[]; index: IndexRecord[] }> {
  // A scratch store in memory with a key of its own: what it returns, and the page gets, is open (clear) records,
  // which the app reads as records from before sealing. The page's index must hold no sealed batch yet
  // (seed right after setup, before any case is written through the app).
  configureStoreKeys(async () => ({ dataKey: new Uint8Array(32), auditKey: new Uint8Array(32) }))
  const db = new MediationDb(`seed-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  try {
    await db.caseIndex.bulkPut([...index])
    const stored = await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
    return { docs: stored, index: await db.caseIndex.toArray() }
  } finally {
    db.close()
  }
}

function seedCase(i: number, newest: string, ids: Pick<Stored, 'committeeId' | 'roomId'>): NewCaseDoc {
  const id = `seed-case-${String(i).padStart(5, '0')}`
  const at = '2026-01-01T00:00:00.000Z'
  const names = [SURNAMES[i % 10]! + GIVEN[i % 12]!, SURNAMES[(i + 3) % 10]! + GIVEN[(i + 5) % 12]!]
  const parties: Party[] = names.map((name, k) => ({
    id: `${id}-p${k}`,
    caseId: id,
    role: k === 0 ? '申请人' : '被申请人',
    kind: 'person',
    name,
    order: k,
    phone: `1390000${String(i * 2 + k).padStart(4, '0')}`,
    address: '',
    agents: [],
    createdAt: at,
    updatedAt: at,
  }))
  const record: CaseRecord = {
    id,
    createdAt: at,
    updatedAt: at,
    committeeId: ids.committeeId,
    roomId: ids.roomId,
    status: 'intake',
    source: '当事人申请',
    category: '邻里',
    title: `批量案件${i}`,
    facts: '相邻通行纠纷。',
    requests: [],
    amountFen: 0,
    peopleCount: 2,
    flags: [],
    mediatorIds: [],
    receivedOn: addDays(newest, -i),
    performance: [],
    partySummary: partySummary(parties),
  }
  return { ...record, parties, sessions: [] }
}
