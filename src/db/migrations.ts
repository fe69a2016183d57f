/**
 * Data changes between schema versions, run by Dexie inside the upgrade transaction (all or nothing:
 * a failure leaves the database at the old version). A pre-upgrade backup is taken before the app
 * opens an older database (src/stores/startupCheck.ts).
 *
 * Each upgrade writes the layout of its own version and is frozen with it: it depends only on the
 * stored-record types (./records) and src/domain, never on the repositories, which change with later
 * versions (a later version that changes the layout brings its own upgrade).
 */
import type { Transaction } from 'dexie'
import type { CaseRecord, Party, SessionRecord, UUID } from '../domain/types'
import { digestOf, toTuple, type DigestTuple } from '../domain/caseDigest'
import { withPartySummary } from '../domain/intake'
import {
  META_ID,
  SHARD_SIZE,
  type CaseDoc,
  type IndexMeta,
  type IndexRecord,
  type IndexShard,
  type NewCaseDoc,
} from './records'

/** A case row as v1/v2 stored it: with the search and filter keys v3 no longer keeps. */
export type StoredV2Case = CaseRecord & { searchTokens?: unknown; facets?: unknown }

function byCase<T extends { caseId: UUID }>(rows: readonly T[]): Map<UUID, T[]> {
  const groups = new Map<UUID, T[]>()
  for (const row of rows) {
    const group = groups.get(row.caseId)
    if (group) group.push(row)
    else groups.set(row.caseId, [row])
  }
  return groups
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * One document per case from the v2 rows: parties in their `order`, sessions in the order held (equal
 * times by id, as the v2 `[caseId+startedAt]` index gave them), the old search and filter keys dropped,
 * `partySummary` derived again from the parties. Parties or sessions of no stored case (none should
 * exist: deleting a case deleted them) cannot be shown anywhere and are left out.
 */
export function caseDocsFromV2(
  cases: readonly StoredV2Case[],
  parties: readonly Party[],
  sessions: readonly SessionRecord[],
): NewCaseDoc[] {
  const partiesByCase = byCase(parties)
  const sessionsByCase = byCase(sessions)
  return cases.map(({ searchTokens: _keys, facets: _facets, ...record }) => {
    const own = [...(partiesByCase.get(record.id) ?? [])].sort((a, b) => a.order - b.order)
    const held = [...(sessionsByCase.get(record.id) ?? [])].sort(
      (a, b) => byText(a.startedAt, b.startedAt) || byText(a.id, b.id),
    )
    return { ...withPartySummary(record, own), parties: own, sessions: held }
  })
}

/**
 * The v3 case index of these documents: their digests in batches of SHARD_SIZE in the order given, and
 * the `meta` record (src/db/caseDocs.ts describes both), each document knowing its batch.
 */
function v3CaseIndex(docs: readonly NewCaseDoc[]): { docs: CaseDoc[]; index: IndexRecord[] } {
  const shards: IndexShard[] = []
  const stored = docs.map((doc, i): CaseDoc => {
    const n = Math.floor(i / SHARD_SIZE)
    shards[n] ??= { id: `s${String(n).padStart(6, '0')}`, rows: [] }
    const tuple: DigestTuple = toTuple(digestOf(doc, doc.parties))
    shards[n].rows.push(tuple)
    return { ...doc, shard: shards[n].id, digestHash: JSON.stringify(tuple) }
  })
  const last = shards.at(-1)
  const meta: IndexMeta = {
    id: META_ID,
    rev: 1,
    revs: Object.fromEntries(shards.map((s) => [s.id, 1])),
    open: last?.id ?? 's000000',
    openCount: last?.rows.length ?? 0,
    next: Math.max(1, shards.length),
  }
  return { docs: stored, index: [...shards, meta] }
}

/**
 * v3: cases become documents with their parties and sessions inside, and the case index is built from
 * them. Each old table is read in one bulk read (an office may hold 20,000 cases); v4 then deletes the
 * old tables.
 */
export async function buildCaseDocs(tx: Transaction): Promise<void> {
  const [cases, parties, sessions] = await Promise.all([
    tx.table<StoredV2Case, string>('cases').toArray(),
    tx.table<Party, string>('parties').toArray(),
    tx.table<SessionRecord, string>('sessions').toArray(),
  ])
  const { docs, index } = v3CaseIndex(caseDocsFromV2(cases, parties, sessions))
  // The upgrade transaction's own tables: the stores `db.caseDocs`/`db.caseIndex` name once the database is open.
  if (docs.length) await tx.table<CaseDoc, string>('caseDocs').bulkPut(docs)
  await tx.table<IndexRecord, string>('caseIndex').bulkPut(index)
}

/** The tables v5 seals (src/db/sealing.ts keeps the list the current code seals). */
const V5_SEALED_TABLES = [
  'caseDocs',
  'caseIndex',
  'agreements',
  'signatures',
  'followUps',
  'referrals',
  'conflicts',
  'committees',
  'mediators',
  'rooms',
  'settings',
] as const

/** Records re-put at a time: a chunk of documents, never the whole table, is held in memory. */
const SEAL_CHUNK = 500

/**
 * v5: every stored record is put again, which seals it (the sealing middleware sits under this
 * transaction too). An attachment's Blob cannot be read inside the upgrade transaction: its id is queued
 * in `sealPending`, sealed right after the database opens (src/db/sealPending.ts).
 */
export async function sealStoredRecords(tx: Transaction): Promise<void> {
  for (const name of V5_SEALED_TABLES) {
    const table = tx.table<object, string>(name)
    for (let after: string | undefined; ;) {
      const keys = await (after === undefined ? table.toCollection() : table.where(':id').above(after))
        .limit(SEAL_CHUNK)
        .primaryKeys()
      if (keys.length === 0) break
      await table.bulkPut((await table.bulkGet(keys)).filter((row) => row !== undefined))
      after = keys.at(-1)
    }
  }
  const attachments = await tx.table('attachments').toCollection().primaryKeys()
  await tx.table('sealPending').bulkPut(attachments.map((id) => ({ id, table: 'attachments' })))
}
