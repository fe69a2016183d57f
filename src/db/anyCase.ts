/** Whether any case is stored, apart from the snapshot code so that the start-up check loads only this. */
import type { MediationDb } from './schema'

/** Whether any case is stored (for the start-up check): one key read, where a full count walks every case (~250 ms over 20,000). */
export async function anyCaseStored(db: MediationDb): Promise<boolean> {
  return (await db.caseDocs.toCollection().limit(1).primaryKeys()).length > 0
}
