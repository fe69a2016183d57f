/**
 * The bench page: the real data layer (Dexie schema, repositories, queries) in Chromium against a real
 * IndexedDB, driven by tests/bench/cases.ts through `window.bench`. Bench-only: nothing here ships.
 */
import { MediationDb, DB_NAME } from '../../../src/db/schema'
import { withDerivedKeys } from '../../../src/db/casesRepo'
import { countCases, listCases, type CaseQuery } from '../../../src/db/caseQueries'
import { saveSession } from '../../../src/db/caseRecordsRepo'
import { completeSetup, loadSettings } from '../../../src/db/settingsRepo'
import type { CaseRecord, Party, SessionRecord } from '../../../src/domain/types'
import { benchSetupInput, generateCaseBundle, worldFromSettings } from '../../fixtures/generate/cases'
import type { BenchApi, FloorLayout, LoadReport, LoadRequest, Timed, TypingReport } from './api'

const databases = new Map<string, MediationDb>()

function database(name: string): MediationDb {
  let db = databases.get(name)
  if (!db) {
    db = new MediationDb(name)
    databases.set(name, db)
  }
  return db
}

interface Batch {
  cases: CaseRecord[]
  parties: Party[]
  sessions: SessionRecord[]
}

/** The data-set indices a request covers. */
function indicesOf(request: LoadRequest): number[] {
  const out: number[] = []
  for (let i = request.start; i < request.world.total && out.length < request.count; i += request.step) out.push(i)
  return out
}

function makeBatch(request: LoadRequest, indices: readonly number[], report: LoadReport): Batch {
  const batch: Batch = { cases: [], parties: [], sessions: [] }
  for (const i of indices) {
    const t0 = performance.now()
    const bundle = generateCaseBundle(request.seed, i, request.world)
    const t1 = performance.now()
    const derived = withDerivedKeys(bundle.case, bundle.parties)
    const record: CaseRecord = { ...derived, searchTokens: request.searchKeys ? derived.searchTokens : [], facets: request.facets ? derived.facets : [] }
    report.generateMs += t1 - t0
    report.deriveMs += performance.now() - t1
    report.searchTokens += record.searchTokens.length
    report.facets += record.facets.length
    report.maxSearchTokens = Math.max(report.maxSearchTokens, record.searchTokens.length)
    report.textBytes += 2 * (record.facts.length + (bundle.session?.notes.length ?? 0))
    batch.cases.push(record)
    batch.parties.push(...bundle.parties)
    if (request.sessions && bundle.session) batch.sessions.push(bundle.session)
  }
  return batch
}

/** One transaction per batch, all or nothing, as an import writes. */
function writeBatch(db: MediationDb, batch: Batch, overwrite: boolean): Promise<void> {
  return db.transaction('rw', [db.cases, db.parties, db.sessions], async () => {
    if (overwrite) {
      await db.cases.bulkPut(batch.cases)
      await db.parties.bulkPut(batch.parties)
      if (batch.sessions.length) await db.sessions.bulkPut(batch.sessions)
      return
    }
    await db.cases.bulkAdd(batch.cases)
    await db.parties.bulkAdd(batch.parties)
    if (batch.sessions.length) await db.sessions.bulkAdd(batch.sessions)
  })
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

async function load(request: LoadRequest): Promise<LoadReport> {
  const db = database(request.dbName)
  const report: LoadReport = { cases: 0, parties: 0, sessions: 0, totalMs: 0, generateMs: 0, deriveMs: 0, searchTokens: 0, facets: 0, maxSearchTokens: 0, textBytes: 0 }
  const start = performance.now()
  let writing: Promise<void> | undefined
  const indices = indicesOf(request)
  for (let from = 0; from < indices.length; from += request.batch) {
    // Build the next batch while the previous one is being written.
    const batch = makeBatch(request, indices.slice(from, from + request.batch), report)
    if (writing) await writing
    report.cases += batch.cases.length
    report.parties += batch.parties.length
    report.sessions += batch.sessions.length
    writing = writeBatch(db, batch, request.overwrite === true)
    await nextTask()
  }
  if (writing) await writing
  report.totalMs = performance.now() - start
  return report
}

function openFloorDb(name: string, stores: readonly string[]): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1)
    open.onupgradeneeded = () => stores.forEach((s) => open.result.createObjectStore(s, { keyPath: 'id' }))
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
}

function deleteFloorDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name)
    r.onsuccess = () => resolve()
    r.onerror = () => reject(r.error)
  })
}

function byCase<T extends { caseId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r])
  return out
}

/** One raw transaction per batch, strict durability as the app's. */
function writeFloorBatch(idb: IDBDatabase, batch: Batch, layout: FloorLayout): Promise<void> {
  const stores = layout === 'one-record-per-case' ? ['cases'] : ['cases', 'parties', 'sessions']
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(stores, 'readwrite', { durability: 'strict' })
    if (layout === 'one-record-per-case') {
      const parties = byCase(batch.parties)
      const sessions = byCase(batch.sessions)
      for (const c of batch.cases) tx.objectStore('cases').add({ ...c, parties: parties.get(c.id) ?? [], sessions: sessions.get(c.id) ?? [] })
    } else {
      for (const c of batch.cases) tx.objectStore('cases').add(c)
      for (const p of batch.parties) tx.objectStore('parties').add(p)
      for (const s of batch.sessions) tx.objectStore('sessions').add(s)
    }
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

async function loadFloor(request: LoadRequest, layout: FloorLayout): Promise<LoadReport> {
  const name = `${request.dbName}-${layout}`
  await deleteFloorDb(name)
  const idb = await openFloorDb(name, ['cases', 'parties', 'sessions'])
  const report: LoadReport = { cases: 0, parties: 0, sessions: 0, totalMs: 0, generateMs: 0, deriveMs: 0, searchTokens: 0, facets: 0, maxSearchTokens: 0, textBytes: 0 }
  const start = performance.now()
  const indices = indicesOf(request)
  for (let from = 0; from < indices.length; from += request.batch) {
    const batch = makeBatch(request, indices.slice(from, from + request.batch), report)
    report.cases += batch.cases.length
    report.parties += batch.parties.length
    report.sessions += batch.sessions.length
    await writeFloorBatch(idb, batch, layout)
  }
  report.totalMs = performance.now() - start
  idb.close()
  await deleteFloorDb(name)
  return report
}

async function timeEach(queries: CaseQuery[], run: (db: MediationDb, q: CaseQuery) => Promise<number>): Promise<Timed[]> {
  const db = database(DB_NAME)
  const out: Timed[] = []
  for (const q of queries) {
    const t0 = performance.now()
    const rows = await run(db, q)
    out.push({ ms: performance.now() - t0, rows })
  }
  return out
}

async function typeNote(caseId: string, text: string): Promise<TypingReport> {
  const db = database(DB_NAME)
  const startedAt = new Date().toISOString()
  const first = await saveSession(db, { caseId, kind: 'mediation', startedAt, place: '调解室', mediatorIds: [], present: '', statements: [], factsChecked: '', riskWarning: '', outcome: '', notes: '' }, 'bench')
  const chars = [...text]
  const times: number[] = []
  let typed = ''
  for (const ch of chars) {
    typed += ch
    const t0 = performance.now()
    await saveSession(db, { ...first, notes: typed }, 'bench')
    times.push(performance.now() - t0)
  }
  // Read back through a fresh connection: what a reload would see.
  const fresh = new MediationDb(DB_NAME)
  const stored = (await fresh.sessions.get(first.id))?.notes ?? ''
  fresh.close()
  return { times, stored }
}

const api: BenchApi = {
  async deleteDb(dbName) {
    databases.get(dbName)?.close()
    databases.delete(dbName)
    await new MediationDb(dbName).delete()
  },
  async setup(seed, span) {
    const db = database(DB_NAME)
    let settings = await loadSettings(db)
    if (!settings.committee) settings = await completeSetup(db, benchSetupInput(seed), 'bench')
    const { committee } = settings
    if (!committee) throw new Error('setup did not store a committee')
    return worldFromSettings({ ...settings, committee }, span)
  },
  caseCount: (dbName) => database(dbName).cases.count(),
  // Dexie's errors do not survive page.evaluate whole (Playwright printed only "Te"): say name and message.
  load: (request) =>
    load(request).catch((error: unknown) => {
      throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }),
  loadFloor: (request, layout) =>
    loadFloor(request, layout).catch((error: unknown) => {
      throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }),
  list: (queries) => timeEach(queries, async (db, q) => (await listCases(db, q, 0, 50)).rows.length),
  count: (queries) => timeEach(queries, (db, q) => countCases(db, q)),
  typeNote,
}

window.bench = api
document.title = 'bench ready'
