/**
 * The bench page: the real data layer (Dexie schema, repositories, queries) in Chromium against a real
 * IndexedDB, driven by tests/bench/cases.ts through `window.bench`. Bench-only: nothing here ships.
 */
import Dexie from 'dexie'
import { MediationDb, DB_NAME, SCHEMA_V2, CURRENT_SCHEMA, CURRENT_SCHEMA_VERSION } from '../../../src/db/schema'
import { configureStoreKeys } from '../../../src/db/keys'
import { browserStoreKeys } from '../../../src/platform/browser-keys'
import { withPartySummary } from '../../../src/domain/intake'
import { addCaseDocs, caseDocTables, caseOf, digestOfDoc } from '../../../src/db/caseDocs'
import { addingCaseDocs } from '../../../src/db/caseDocsAhead'
import { type CaseDocStore, type NewCaseDoc } from '../../../src/db/records'
import { caseDigests } from '../../../src/db/caseIndex'
import { JOINED_ROW, outboxMiddleware, SYNC_REVS_TABLE } from '../../../src/db/sync/outbox'
import { dashboardSummaryMiddleware } from '../../../src/db/dashboardSummary'
import { countCases, listCases, type CaseQuery } from '../../../src/db/caseQueries'
import { searchFacts } from '../../../src/db/caseFacts'
import { saveSession } from '../../../src/db/caseRecordsRepo'
import { completeSetup, loadSettings } from '../../../src/db/settingsRepo'
import { benchSetupInput, generateCaseBundle, worldFromSettings } from '../../fixtures/generate/cases'
import { randomInt, seededRandom } from '../../fixtures/generate/random'
import type {
  BenchApi,
  DigestCostReport,
  FloorLayout,
  IndexLoadReport,
  LoadReport,
  LoadRequest,
  Timed,
  TypingReport,
  UpgradeReport,
} from './api'
import { indicesOf } from './indices'
import { benchStats } from './stats'
import { seedOwnCases, syncListDuringPull } from './syncPull'

// The store seals its records with the host's keys (src/db/keys.ts): the browser preview's own, kept in
// this origin's localStorage, so that the app served on the same origin (the shell figures over a set-up
// or loaded profile) opens what the bench wrote instead of finding it undecryptable.
configureStoreKeys(async () => browserStoreKeys())

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
  docs: NewCaseDoc[]
  parties: number
  sessions: number
}

function emptyReport(): LoadReport {
  return { cases: 0, parties: 0, sessions: 0, totalMs: 0, generateMs: 0, deriveMs: 0, textBytes: 0 }
}

/** The generated cases as the app stores them: documents with their parties and session inside. */
function makeBatch(request: LoadRequest, indices: readonly number[], report: LoadReport): Batch {
  const batch: Batch = { docs: [], parties: 0, sessions: 0 }
  for (const i of indices) {
    const t0 = performance.now()
    const bundle = generateCaseBundle(request.seed, i, request.world)
    const t1 = performance.now()
    const record = withPartySummary(bundle.case, bundle.parties)
    report.generateMs += t1 - t0
    report.deriveMs += performance.now() - t1
    report.textBytes += 2 * (record.facts.length + (bundle.session?.notes.length ?? 0))
    const sessions = request.sessions && bundle.session ? [bundle.session] : []
    batch.docs.push({ ...record, parties: bundle.parties, sessions })
    batch.parties += bundle.parties.length
    batch.sessions += sessions.length
  }
  return batch
}

/**
 * One transaction per batch, all or nothing: documents and their digest batches, sealed ahead of the
 * transaction as the app's intake and restore write them (src/db/caseDocsAhead.ts).
 */
function writeBatch(db: MediationDb, batch: Batch, resume: boolean): Promise<void> {
  return addingCaseDocs(db, batch.docs, () =>
    db.transaction('rw', caseDocTables(db), async () => {
      let docs = batch.docs
      if (resume) {
        const stored = await db.caseDocs.bulkGet(docs.map((d) => d.id))
        docs = docs.filter((_, i) => stored[i] === undefined)
      }
      await addCaseDocs(db, docs)
    }),
  )
}

/**
 * The app's stores and writes without the sealing middleware: what a load cost before encryption at rest,
 * so that the bench prices sealing (cases.write-cost.sealed-over-plain). The sync outbox stays, as in the
 * app, unless `bare` (cases.write-cost.outbox-over-bare prices it: a PC that has joined a server keeps it,
 * the others write no outbox row). Bench-only: the app never opens one.
 */
function plainDatabase(name: string, bare: boolean): Dexie & CaseDocStore {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' })
  db.version(CURRENT_SCHEMA_VERSION).stores(CURRENT_SCHEMA)
  if (!bare) db.use(outboxMiddleware)
  // 工作台's summary is the app's too, with or without the outbox: neither figure prices it
  db.use(dashboardSummaryMiddleware)
  return db as Dexie & CaseDocStore
}

function writePlainBatch(db: Dexie & CaseDocStore, batch: Batch): Promise<void> {
  return db.transaction('rw', caseDocTables(db), async () => {
    await addCaseDocs(db, batch.docs)
  })
}

/**
 * The load's batches, as an import or a pull writes them: each batch's write starts as soon as the batch is
 * made, while the one before it is still being written (a sealed load seals it meanwhile: caseDocsAhead.ts),
 * and the next batch is made once that one has ended. The same for the sealed and the plain load.
 */
async function writeBatches(
  request: LoadRequest,
  report: LoadReport,
  write: (batch: Batch) => Promise<void>,
): Promise<void> {
  let writing: Promise<void> | undefined
  const indices = indicesOf(request)
  for (let from = 0; from < indices.length; from += request.batch) {
    const batch = makeBatch(request, indices.slice(from, from + request.batch), report)
    report.cases += batch.docs.length
    report.parties += batch.parties
    report.sessions += batch.sessions
    const next = write(batch)
    next.catch(() => undefined) // awaited in turn below
    if (writing) await writing
    writing = next
  }
  if (writing) await writing
}

async function load(request: LoadRequest): Promise<LoadReport> {
  if (request.plain) return loadPlain(request)
  const db = database(request.dbName)
  const report = emptyReport()
  const start = performance.now()
  await writeBatches(request, report, (batch) => writeBatch(db, batch, request.resume === true))
  report.totalMs = performance.now() - start
  return report
}

/** As `load`, into a scratch database the sealing middleware never sees; deleted afterwards. */
async function loadPlain(request: LoadRequest): Promise<LoadReport> {
  await Dexie.delete(request.dbName)
  const db = plainDatabase(request.dbName, request.bare === true)
  if (request.joined) await db.table(SYNC_REVS_TABLE).put(JOINED_ROW)
  const report = emptyReport()
  const start = performance.now()
  await writeBatches(request, report, (batch) => writePlainBatch(db, batch))
  report.totalMs = performance.now() - start
  db.close()
  await Dexie.delete(request.dbName)
  return report
}

/**
 * The upgrade an office runs once: a v2 database (case, party and session tables, the v2 indexes, ~70
 * search keys per case) written with Dexie's v2 declaration, then opened by the app's schema, which
 * builds the case documents and digest batches (src/db/migrations.ts) before the open resolves.
 */
async function upgradeV2(request: LoadRequest): Promise<UpgradeReport> {
  await Dexie.delete(request.dbName)
  const old = new Dexie(request.dbName)
  old.version(2).stores(SCHEMA_V2)
  const writeStart = performance.now()
  const indices = indicesOf(request)
  for (let from = 0; from < indices.length; from += request.batch) {
    const batch = makeBatch(request, indices.slice(from, from + request.batch), emptyReport())
    const keys = Array.from({ length: 70 }, (_, k) => `n:key${k}`)
    await old.transaction('rw', ['cases', 'parties', 'sessions'], async () => {
      await old.table('cases').bulkAdd(
        batch.docs.map(({ parties: _p, sessions: _s, ...c }) => ({
          ...c,
          searchTokens: keys,
          facets: [`st:${c.status}`],
        })),
      )
      await old.table('parties').bulkAdd(batch.docs.flatMap((d) => d.parties))
      await old.table('sessions').bulkAdd(batch.docs.flatMap((d) => d.sessions))
    })
  }
  const writeMs = performance.now() - writeStart
  old.close()
  const upgradeStart = performance.now()
  const db = new MediationDb(request.dbName)
  await db.open()
  const upgradeMs = performance.now() - upgradeStart
  const cases = await db.caseDocs.count()
  const digests = (await caseDigests(db)).length
  db.close()
  await Dexie.delete(request.dbName)
  return { cases, digests, writeMs, upgradeMs }
}

/** The digests of the request's documents, derived and thrown away: their CPU share of a load. */
function digestCost(request: LoadRequest): DigestCostReport {
  const indices = indicesOf(request)
  const docs = makeBatch(request, indices, emptyReport()).docs
  const t0 = performance.now()
  // Counting the digests made keeps the work from being optimised away.
  let kept = 0
  for (const doc of docs) kept += digestOfDoc(doc).id.length > 0 ? 1 : 0
  return { cases: kept, ms: performance.now() - t0 }
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

/** One raw transaction per batch, strict durability as the app's. */
function writeFloorBatch(idb: IDBDatabase, batch: Batch, layout: FloorLayout): Promise<void> {
  const stores = layout === 'one-record-per-case' ? ['cases'] : ['cases', 'parties', 'sessions']
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(stores, 'readwrite', { durability: 'strict' })
    for (const doc of batch.docs) {
      if (layout === 'one-record-per-case') {
        tx.objectStore('cases').add(doc)
        continue
      }
      tx.objectStore('cases').add(caseOf(doc))
      for (const p of doc.parties) tx.objectStore('parties').add(p)
      for (const s of doc.sessions) tx.objectStore('sessions').add(s)
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
  const report = emptyReport()
  const start = performance.now()
  const indices = indicesOf(request)
  for (let from = 0; from < indices.length; from += request.batch) {
    const batch = makeBatch(request, indices.slice(from, from + request.batch), report)
    report.cases += batch.docs.length
    report.parties += batch.parties
    report.sessions += batch.sessions
    await writeFloorBatch(idb, batch, layout)
  }
  report.totalMs = performance.now() - start
  idb.close()
  await deleteFloorDb(name)
  return report
}

async function timeEach(
  queries: CaseQuery[],
  run: (db: MediationDb, q: CaseQuery) => Promise<number>,
): Promise<Timed[]> {
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
  const first = await saveSession(
    db,
    {
      caseId,
      kind: 'mediation',
      startedAt,
      place: '调解室',
      mediatorIds: [],
      present: '',
      statements: [],
      factsChecked: '',
      riskWarning: '',
      outcome: '',
      notes: '',
    },
    'bench',
  )
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
  const stored = (await fresh.caseDocs.get(caseId))?.sessions.find((s) => s.id === first.id)?.notes ?? ''
  fresh.close()
  return { times, stored }
}

/** Raw IndexedDB reads of `ids` in one read-only transaction: the records as stored, nothing opened. */
function rawGets(idb: IDBDatabase, store: string, ids: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(store, 'readonly')
    let found = 0
    for (const id of ids)
      tx.objectStore(store).get(id).onsuccess = (e) => {
        if ((e.target as IDBRequest).result !== undefined) found++
      }
    tx.oncomplete = () => resolve(found)
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

/** `listFloor`: pages of 51 consecutive cases of the list (what a first page reads), raw, timed. */
async function listFloor(pages: number, seed: number): Promise<Timed[]> {
  const all = await caseDigests(database(DB_NAME))
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB_NAME)
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  const rand = seededRandom(seed)
  const out: Timed[] = []
  try {
    for (let i = 0; i < pages; i++) {
      const at = randomInt(rand, 0, Math.max(0, all.length - 51))
      const ids = all.slice(at, at + 51).map((d) => d.id)
      const t0 = performance.now()
      const rows = await rawGets(idb, 'caseDocs', ids)
      out.push({ ms: performance.now() - t0, rows })
    }
  } finally {
    idb.close()
  }
  return out
}

/** What the first list in a freshly opened window waits for: the open, then every digest batch read. */
async function indexLoad(): Promise<IndexLoadReport> {
  if (databases.has(DB_NAME)) throw new Error('indexLoad must run in a page that has not opened the database yet')
  const db = database(DB_NAME)
  const t0 = performance.now()
  await db.open()
  const t1 = performance.now()
  const digests = await caseDigests(db)
  const t2 = performance.now()
  await caseDigests(db)
  return { openMs: t1 - t0, firstMs: t2 - t1, againMs: performance.now() - t2, digests: digests.length }
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
  caseCount: (dbName) => database(dbName).caseDocs.count(),
  // Dexie's errors do not survive page.evaluate whole (Playwright printed only "Te"): say name and message.
  load: (request) =>
    load(request).catch((error: unknown) => {
      throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }),
  digestCost: (request) => Promise.resolve(digestCost(request)),
  upgradeV2,
  indexLoad,
  loadFloor: (request, layout) =>
    loadFloor(request, layout).catch((error: unknown) => {
      throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }),
  list: (queries) => timeEach(queries, async (db, q) => (await listCases(db, q, 0, 50)).rows.length),
  listFloor,
  count: (queries) => timeEach(queries, (db, q) => countCases(db, q)),
  facts: (queries) =>
    timeEach(queries, async (db, q) => (await searchFacts(db, q, { limit: Number.POSITIVE_INFINITY })).rows.length),
  typeNote,
  stats: (request) =>
    benchStats(database(DB_NAME), request).catch((error: unknown) => {
      throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }),
  syncSeedOwn: (request) =>
    seedOwnCases(database(request.dbName), request).catch((error: unknown) => {
      throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }),
  syncListDuringPull: (request) =>
    syncListDuringPull(database(request.dbName), request).catch((error: unknown) => {
      throw new Error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    }),
}

window.bench = api
document.title = 'bench ready'
