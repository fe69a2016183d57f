/**
 * Data changes between schema versions, run by Dexie inside the upgrade transaction (all or nothing:
 * a failure leaves the database at the old version). A pre-upgrade backup is taken before the app
 * opens an older database (src/stores/backup.ts).
 */
import type { Transaction } from 'dexie'
import type { CaseRecord, Party } from '../domain/types'
import { withDerivedKeys } from './casesRepo'

/**
 * v2 indexes fewer search keys (src/domain/search.ts: no pinyin for organisations, titles share the
 * name fragments): every case's keys are derived again from the case and its parties.
 */
export async function rederiveSearchTokens(tx: Transaction): Promise<void> {
  const partiesByCase = new Map<string, Party[]>()
  await tx.table<Party, string>('parties').each((p) => {
    const list = partiesByCase.get(p.caseId)
    if (list) list.push(p)
    else partiesByCase.set(p.caseId, [p])
  })
  await tx
    .table<CaseRecord, string>('cases')
    .toCollection()
    .modify((c) => {
      c.searchTokens = withDerivedKeys(c, partiesByCase.get(c.id) ?? []).searchTokens
    })
}
