/**
 * Every released schema version keeps a fixture (tests/fixtures/schema-v<N>.json): the stores
 * declaration of that version and rows written by it. Each is loaded with that version's own
 * declaration, then opened with the current code: every row must survive, the v1/v2 case, party and
 * session rows inside their case's document (src/db/caseDocs.ts), found by the case list.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb, CURRENT_SCHEMA, CURRENT_SCHEMA_VERSION, SCHEMA_V2 } from '../../../src/db/schema'
import { withPartySummary } from '../../../src/domain/intake'
import { caseOf } from '../../../src/db/caseDocs'
import { caseDigests } from '../../../src/db/caseIndex'
import { countCases, getCaseWithParties, listCases } from '../../../src/db/caseQueries'
import { caseDocsFromV2, type StoredV2Case } from '../../../src/db/migrations'
import { screeningCases } from '../../../src/db/screeningsRepo'
import { listVisits } from '../../../src/db/visitsRepo'
import type { CaseRecord, Party, SessionRecord } from '../../../src/domain/types'
import { generateCaseBundle, testWorld } from '../../fixtures/generate/cases'

interface SchemaFixture {
  version: number
  stores: Record<string, string>
  /** the rows as the app wrote them */
  tables: Record<string, Record<string, unknown>[]>
  /** from v5: the rows as stored (sealed with the tests' key), binary values as { $bytes: base64 } */
  stored?: Record<string, Record<string, unknown>[]>
}

const withBytes = (_key: string, value: unknown): unknown =>
  typeof value === 'object' && value !== null && '$bytes' in value
    ? new Uint8Array(Buffer.from(String(value.$bytes), 'base64'))
    : value

const fixturesDir = join(import.meta.dirname, '../../fixtures')
const fixtures = readdirSync(fixturesDir)
  .filter((f) => /^schema-v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(fixturesDir, f), 'utf8'), withBytes) as SchemaFixture)

/** The v1/v2 tables whose rows v3 moves into the case documents. */
const MOVED = new Set(['cases', 'parties', 'sessions'])

const byOrder = (a: Party, b: Party): number => a.order - b.order
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
/** Sessions in the order held; equal start times by id, as the v2 `[caseId+startedAt]` index gave them. */
const byStart = (a: SessionRecord, b: SessionRecord): number => compare(a.startedAt, b.startedAt) || compare(a.id, b.id)

/** Writes `tables` with the declaration of `version` (no upgrade code), as that version's app left them. */
async function writeOld(
  indexedDB: IDBFactory,
  name: string,
  version: number,
  stores: Record<string, string>,
  tables: Record<string, readonly unknown[]>,
): Promise<void> {
  const old = new Dexie(name, { indexedDB, IDBKeyRange })
  old.version(version).stores(stores)
  await old.open()
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkAdd([...rows])
  })
  old.close()
}

async function openCurrent(indexedDB: IDBFactory, name: string): Promise<MediationDb> {
  const db = new MediationDb(name, { indexedDB, IDBKeyRange })
  await db.open()
  return db
}

/**
 * The stores and indexes as IndexedDB holds them, written out from the current schema's declaration (not from
 * what Dexie makes of it): an upgraded database must end up with exactly these.
 */
function declaredLayout(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(CURRENT_SCHEMA).map(([table, spec]) => [
      table,
      spec
        .split(',')
        .slice(1)
        .map((index) => index.trim().replace(/^[&*]/, ''))
        .sort(),
    ]),
  )
}

function installedLayout(db: MediationDb): Record<string, string[]> {
  const idb = db.backendDB()
  const names = [...idb.objectStoreNames]
  const tx = idb.transaction(names, 'readonly')
  return Object.fromEntries(names.map((name) => [name, [...tx.objectStore(name).indexNames].sort()]))
}

/** Every old case row is a document holding exactly its own parties (in order) and sessions (by start). */
async function expectInsideDocuments(
  db: MediationDb,
  cases: readonly StoredV2Case[],
  parties: readonly Party[],
  sessions: readonly SessionRecord[],
): Promise<void> {
  expect(await db.caseDocs.count()).toBe(cases.length)
  const docs = new Map((await db.caseDocs.toArray()).map((d) => [d.id, d]))
  for (const row of cases) {
    const doc = docs.get(row.id)
    const { searchTokens: _keys, facets: _facets, ...fields } = row
    const own = parties.filter((p) => p.caseId === row.id).sort(byOrder)
    expect(doc, `case ${row.id}`).toBeDefined()
    // The old search and filter keys are gone; the party summary is what the current code derives.
    expect(caseOf(doc!)).toEqual({ ...fields, partySummary: withPartySummary(fields, own).partySummary })
    expect(doc!.parties).toEqual(own)
    expect(doc!.sessions).toEqual(sessions.filter((s) => s.caseId === row.id).sort(byStart))
  }
}

/** The list finds every document by each person's name, by its status, and not by another status. */
async function expectListed(db: MediationDb): Promise<void> {
  const docs = await db.caseDocs.toArray()
  expect(await countCases(db, {})).toBe(docs.length)
  for (const doc of docs) {
    for (const p of doc.parties) {
      const found = await listCases(db, { search: p.name }, 0, 500)
      expect(
        found.rows.map((r) => r.id),
        `search ${p.name}`,
      ).toContain(doc.id)
    }
    expect((await listCases(db, { status: doc.status }, 0, 500)).rows.map((r) => r.id)).toContain(doc.id)
    const other = doc.status === 'archived' ? 'intake' : 'archived'
    expect((await listCases(db, { status: other }, 0, 500)).rows.map((r) => r.id)).not.toContain(doc.id)
  }
}

describe('schema migrations', () => {
  it('keeps a fixture for every schema version up to the current one', () => {
    const versions = fixtures.map((f) => f.version).sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i + 1))
  })

  for (const fixture of fixtures) {
    it(`opens a database written by schema v${fixture.version} with every row`, async () => {
      const indexedDB = new IDBFactory()
      const name = `fixture-v${fixture.version}`
      await writeOld(indexedDB, name, fixture.version, fixture.stores, fixture.stored ?? fixture.tables)

      const current = await openCurrent(indexedDB, name)
      expect(current.verno).toBe(CURRENT_SCHEMA_VERSION)
      // v4 removed the old tables from the stored database, not only from the declaration.
      expect([...current.backendDB().objectStoreNames].filter((t) => MOVED.has(t))).toEqual([])
      // every store and index of the current schema, and nothing else, whichever version it came from
      expect(installedLayout(current)).toEqual(declaredLayout())
      for (const [table, rows] of Object.entries(fixture.tables)) {
        if (MOVED.has(table)) continue
        expect(await current.table(table).count(), table).toBe(rows.length)
        for (const row of rows) {
          const key = row.id ?? row.key
          expect(await current.table(table).get(key as string), `${table} ${String(key)}`).toMatchObject(row)
        }
      }
      if (fixture.tables.cases) {
        const t = fixture.tables as unknown as { cases: StoredV2Case[]; parties?: Party[]; sessions?: SessionRecord[] }
        await expectInsideDocuments(current, t.cases, t.parties ?? [], t.sessions ?? [])
      }
      expect(await current.caseDocs.count()).toBeGreaterThan(0)
      await expectListed(current)
      current.close()
    })
  }

  it('opens a v5 database with an empty screenings table, and keeps a v6 round with the case naming it', async () => {
    const v5 = fixtures.find((f) => f.version === 5)!
    const indexedDB = new IDBFactory()
    await writeOld(indexedDB, 'v5-then-v6', 5, v5.stores, v5.stored!)
    const upgraded = await openCurrent(indexedDB, 'v5-then-v6')
    expect(await upgraded.screenings.count()).toBe(0)
    upgraded.close()

    const v6 = fixtures.find((f) => f.version === 6)!
    await writeOld(indexedDB, 'v6', 6, v6.stores, v6.stored!)
    const current = await openCurrent(indexedDB, 'v6')
    // the primary index orders by (random) id: compared in date order
    const rounds = (await current.screenings.toArray()).sort((a, b) => (a.heldOn < b.heldOn ? -1 : 1))
    expect(rounds.map((r) => [r.heldOn, r.area, r.kind, r.participants, r.found])).toEqual([
      ['2026-04-08', '城关镇东门村第三网格', 'holiday', ['网格员王五', '村委会主任赵𠮷'], 2],
      ['2026-04-20', '人民路社区', 'regular', ['社区干部孙六'], 0],
    ])
    const linked = await screeningCases(current)
    expect(linked.map((c) => [c.title, c.screeningId])).toEqual([['东门村钱某与孙某宅基地纠纷', rounds[0]!.id]])
    current.close()
  })

  it('opens a v6 database with an empty visits table, and keeps v7 visits: a referral, and a case naming its visit', async () => {
    const v6 = fixtures.find((f) => f.version === 6)!
    const indexedDB = new IDBFactory()
    await writeOld(indexedDB, 'v6-then-v7', 6, v6.stores, v6.stored!)
    const upgraded = await openCurrent(indexedDB, 'v6-then-v7')
    expect(await upgraded.visits.count()).toBe(0)
    upgraded.close()

    const v7 = fixtures.find((f) => f.version === 7)!
    await writeOld(indexedDB, 'v7', 7, v7.stores, v7.stored!)
    const current = await openCurrent(indexedDB, 'v7')
    const visits = (await listVisits(current)).sort((a, b) => (a.visitedAt < b.visitedAt ? -1 : 1))
    expect(visits.map((v) => [v.visitorName, v.people, v.route, v.referral?.status])).toEqual([
      ['', 1, 'answered', undefined],
      ['赵𠮷', 6, 'referred', '已接收'],
      ['周某', 2, 'case', undefined],
    ])
    const kase = await getCaseWithParties(current, visits[2]!.caseId!)
    expect([kase?.case.title, kase?.case.visitId]).toEqual(['周某与吴某装修损害纠纷', visits[2]!.id])
    current.close()
  })

  it('never changes a primary key (Dexie cannot migrate one)', () => {
    const primaryKeys: Record<string, string> = Object.fromEntries(
      Object.entries(CURRENT_SCHEMA).map(([t, spec]) => [t, spec.split(',')[0]!.trim()]),
    )
    for (const fixture of fixtures) {
      for (const [table, spec] of Object.entries(fixture.stores)) {
        // A removed table keeps no key to compare; its rows are checked inside the documents above.
        if (!(table in primaryKeys)) continue
        expect(primaryKeys[table], `primary key of ${table} in v${fixture.version}`).toBe(spec.split(',')[0]!.trim())
      }
    }
  })
})

describe('the v2 → v3 upgrade', () => {
  const world = testWorld({ firstDay: '2024-11-23', today: '2026-11-22', total: 2_000 })

  /** A case row as v2 wrote it: derived party summary, and search and filter keys. */
  const v2Case = (c: CaseRecord, parties: readonly Party[]): StoredV2Case => ({
    ...withPartySummary(c, parties),
    searchTokens: [`n:${c.title}`],
    facets: [`st:${c.status}`],
  })

  // 2,000 cases through fake-indexeddb in one upgrade: ~20 s alone, over 60 s on a loaded 2-core machine.
  it('keeps every row of a v2 database of 2,000 generated cases', async () => {
    const bundles = Array.from({ length: world.total }, (_, i) => generateCaseBundle(5, i, world))
    const cases = bundles.map((b) => v2Case(b.case, b.parties))
    const parties = bundles.flatMap((b) => b.parties)
    const sessions = bundles.flatMap((b) => (b.session ? [b.session] : []))
    const indexedDB = new IDBFactory()
    await writeOld(indexedDB, 'generated-v2', 2, SCHEMA_V2, { cases, parties, sessions })

    const db = await openCurrent(indexedDB, 'generated-v2')
    await expectInsideDocuments(db, cases, parties, sessions)
    const docs = await db.caseDocs.toArray()
    expect(docs.flatMap((d) => d.parties)).toHaveLength(parties.length)
    expect(docs.flatMap((d) => d.sessions)).toHaveLength(sessions.length)
    expect(sessions.length).toBeGreaterThan(0)
    expect((await caseDigests(db)).map((d) => d.id).sort()).toEqual(cases.map((c) => c.id).sort())
    expect(await countCases(db, {})).toBe(world.total)
    // A few searches by name over the whole set find their case.
    for (const b of bundles.filter((_, i) => i % 400 === 0)) {
      expect((await listCases(db, { search: b.parties[0]!.name }, 0, 500)).rows.map((r) => r.id)).toContain(b.case.id)
    }
    db.close()
  }, 180_000)

  it('changes nothing when it fails: the database stays at v2 with every row', async () => {
    const bundles = Array.from({ length: 20 }, (_, i) => generateCaseBundle(9, i * 100, world))
    const cases = bundles.map((b) => v2Case(b.case, b.parties))
    // A party whose name is not text: deriving the case's digest throws inside the upgrade.
    const parties: Party[] = bundles.flatMap((b) => b.parties)
    const broken = { ...parties[parties.length - 1]!, name: null } as unknown as Party
    parties[parties.length - 1] = broken
    const indexedDB = new IDBFactory()
    await writeOld(indexedDB, 'broken-v2', 2, SCHEMA_V2, { cases, parties, sessions: [] })

    await expect(openCurrent(indexedDB, 'broken-v2')).rejects.toThrow()
    const after = new Dexie('broken-v2', { indexedDB, IDBKeyRange })
    await after.open()
    expect(after.verno).toBe(2)
    expect(after.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_V2).sort())
    expect(await after.table('cases').toArray()).toEqual(cases)
    expect(await after.table('parties').count()).toBe(parties.length)
    after.close()
  })

  it('puts each case’s parties in order and its sessions by start, losing none (any row order)', () => {
    const stamp = fc.integer({ min: 0, max: 10_000 }).map((m) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString())
    const caseShape = fc.record({ parties: fc.integer({ min: 1, max: 6 }), starts: fc.array(stamp, { maxLength: 5 }) })
    const base = Array.from({ length: world.total }, (_, i) => generateCaseBundle(3, i, world)).find((b) => b.session)!
    fc.assert(
      fc.property(fc.array(caseShape, { minLength: 1, maxLength: 8 }), fc.nat(), (shapes, seed) => {
        const cases = shapes.map((_, i) => v2Case({ ...base.case, id: `case-${i}` }, []))
        const parties = shapes.flatMap((s, i) =>
          Array.from({ length: s.parties }, (_, k): Party => ({
            ...base.parties[0]!,
            id: `p-${i}-${k}`,
            caseId: `case-${i}`,
            order: k,
          })),
        )
        const sessions = shapes.flatMap((s, i) =>
          s.starts.map((startedAt, k): SessionRecord => ({
            ...base.session!,
            id: `s-${i}-${k}`,
            caseId: `case-${i}`,
            startedAt,
          })),
        )
        // Rows arrive in any order (as a table scan by id would give them).
        const shuffle = <T>(xs: T[]): T[] =>
          xs
            .map((x, k) => ({ x, r: (k * 7919 + seed) % 104_729 }))
            .sort((a, b) => a.r - b.r)
            .map((e) => e.x)
        const docs = caseDocsFromV2(cases, shuffle(parties), shuffle(sessions))
        expect(docs.map((d) => d.id)).toEqual(cases.map((c) => c.id))
        for (const [i, doc] of docs.entries()) {
          expect(doc.parties.map((p) => p.order)).toEqual(Array.from({ length: shapes[i]!.parties }, (_, k) => k))
          expect(doc.sessions.map((s) => s.startedAt)).toEqual([...shapes[i]!.starts].sort())
          expect(doc).not.toHaveProperty('searchTokens')
          expect(doc).not.toHaveProperty('facets')
        }
      }),
    )
  })
})
