/**
 * Data changes between schema versions, run by Dexie inside the upgrade transaction (all or nothing:
 * a failure leaves the database at the old version). A pre-upgrade backup is taken before the app
 * opens an older database (src/stores/backup.ts).
 */
import type { Transaction } from 'dexie'
import type { CaseRecord, Party, SessionRecord } from '../domain/types'
import { withDerivedKeys } from './casesRepo'
import { partiesOf, rebuildCaseIndex, sessionsOf, type CaseDocStore, type NewCaseDoc } from './caseDocs'
import { groupByCase } from './transfer/caseRows'

/** A case row as v1/v2 stored it: with the search and filter keys v3 no longer keeps. */
export type StoredV2Case = CaseRecord & { searchTokens?: unknown; facets?: unknown }

/**
 * One document per case from the v2 rows: parties in their `order`, sessions in the order held, the old
 * search and filter keys dropped, `partySummary` derived again from the parties. Parties or sessions of
 * no stored case (none should exist: deleting a case deleted them) cannot be shown anywhere and are left out.
 */
export function caseDocsFromV2(cases: readonly StoredV2Case[], parties: readonly Party[], sessions: readonly SessionRecord[]): NewCaseDoc[] {
  const partiesByCase = groupByCase(parties)
  const sessionsByCase = groupByCase(sessions)
  return cases.map(({ searchTokens: _keys, facets: _facets, ...record }) => {
    const own = partiesOf({ parties: partiesByCase.get(record.id) ?? [] })
    const held = sessionsOf({ sessions: sessionsByCase.get(record.id) ?? [] })
    return { ...withDerivedKeys(record, own), parties: own, sessions: held }
  })
}

/**
 * v3: cases become documents with their parties and sessions inside, and the case index is built from
 * them (src/db/caseDocs.ts). Each old table is read in one bulk read (an office may hold 20,000 cases);
 * v4 then deletes the old tables.
 */
export async function buildCaseDocs(tx: Transaction): Promise<void> {
  const [cases, parties, sessions] = await Promise.all([
    tx.table<StoredV2Case, string>('cases').toArray(),
    tx.table<Party, string>('parties').toArray(),
    tx.table<SessionRecord, string>('sessions').toArray(),
  ])
  // The transaction's own tables: the same stores `db.caseDocs`/`db.caseIndex` name once the database is open.
  const store: CaseDocStore = { caseDocs: tx.table('caseDocs') as CaseDocStore['caseDocs'], caseIndex: tx.table('caseIndex') as CaseDocStore['caseIndex'] }
  await rebuildCaseIndex(store, caseDocsFromV2(cases, parties, sessions))
}
