/**
 * Cases travel in transfer files as three row lists (cases, parties, sessions) but are stored as one
 * document per case (src/db/caseDocs.ts). These turn one shape into the other.
 */
import type { CaseRecord, Party, SessionRecord, UUID } from '../../domain/types'
import { caseOf } from '../caseDocs'
import { type NewCaseDoc } from '../records'
import { TransferError } from '../../domain/transferError'

export interface CaseRows {
  cases: CaseRecord[]
  parties: Party[]
  sessions: SessionRecord[]
}

/** The file's three lists from stored documents (parties and sessions in the order each case holds them). */
export function rowsOfDocs(docs: readonly NewCaseDoc[]): CaseRows {
  return {
    cases: docs.map(caseOf),
    parties: docs.flatMap((d) => d.parties),
    sessions: docs.flatMap((d) => d.sessions),
  }
}

/** Rows grouped by the case they belong to, in the order given. */
export function groupByCase<T extends { caseId: UUID }>(rows: readonly T[]): Map<UUID, T[]> {
  const groups = new Map<UUID, T[]>()
  for (const row of rows) {
    const group = groups.get(row.caseId)
    if (group) group.push(row)
    else groups.set(row.caseId, [row])
  }
  return groups
}

/**
 * Every case of the lists as a document with its parties and sessions. A party or session whose case is
 * not in the lists has nowhere to be stored: refused (a whole-store file never has one).
 */
export function docsOfRows(rows: CaseRows): NewCaseDoc[] {
  const parties = groupByCase(rows.parties)
  const sessions = groupByCase(rows.sessions)
  const docs = rows.cases.map((c): NewCaseDoc => ({
    ...c,
    parties: parties.get(c.id) ?? [],
    sessions: sessions.get(c.id) ?? [],
  }))
  const ids = new Set(rows.cases.map((c) => c.id))
  const orphan = [...rows.parties, ...rows.sessions].find((r) => !ids.has(r.caseId))
  if (orphan)
    throw new TransferError('invalid-record', `文件中有记录（编号 ${orphan.id}）所属的案件不在文件中，无法恢复`)
  return docs
}
