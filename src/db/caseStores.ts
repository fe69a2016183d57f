/**
 * The names of the two stores that hold the cases (src/db/schema.ts): one document per case, and the index
 * (digest batches, their `meta`, 工作台's summary). The middlewares that watch case writes (caseWrites.ts,
 * dashboardSummary.ts, sync/outbox.ts) and the sealing codec name them from here.
 */
export const CASE_TABLE = 'caseDocs'
export const INDEX_TABLE = 'caseIndex'
export const CASE_STORES: readonly string[] = [CASE_TABLE, INDEX_TABLE]
