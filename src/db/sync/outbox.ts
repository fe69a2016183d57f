/**
 * Which cases changed on this PC since they were last equal to the committee's server: every write of a
 * case document, whichever repository makes it (an intake, a session note, an import, a restore), puts
 * the case's id in `syncOutbox` inside the same transaction. It is done here, below Dexie (a DBCore
 * middleware), so that no write path can forget it: a read-write transaction over `caseDocs` is widened to
 * `syncOutbox`, and each put or add on `caseDocs` writes one row per case.
 *
 * Each row carries a fresh `mark`: the replica (dexieReplica.ts) compares it before writing a version from
 * the server, so that an edit made between its read and its write is never overwritten.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie'

export const OUTBOX_TABLE = 'syncOutbox'
const CASE_TABLE = 'caseDocs'

/** A case changed here since it was last equal to the server. */
export interface OutboxRow {
  id: string
  /** when it changed (ms), to push the oldest change first */
  at: number
  /** new at every change */
  mark: string
}

/** The server revision a case was last equal to. */
export interface SyncRevRow {
  id: string
  rev: string
}

export function outboxRow(id: string): OutboxRow {
  return { id, at: Date.now(), mark: crypto.randomUUID() }
}

function writtenIds(req: DBCoreMutateRequest): string[] {
  if (req.type !== 'add' && req.type !== 'put') return []
  // primary keys are inbound (`id`) and stay in clear under sealing
  return (req.keys ?? req.values.map((v) => (v as { id: string }).id)) as string[]
}

function markingCaseTable(table: DBCoreTable, outbox: DBCoreTable): DBCoreTable {
  return {
    ...table,
    async mutate(req) {
      const ids = writtenIds(req)
      // an upgrade from a version before v8 writes cases while the outbox does not exist yet
      const scope = (req.trans as unknown as IDBTransaction).objectStoreNames
      if (ids.length === 0 || (scope && !scope.contains(OUTBOX_TABLE))) return table.mutate(req)
      // Both sent at once: IndexedDB runs a transaction's requests in order, and waiting for the cases'
      // requests before sending the outbox's doubled a bulk write's time. A case whose write fails without
      // ending the transaction (only a caller that catches a BulkError, which none does) is marked too:
      // it is offered to the server again, unchanged, which the server takes as a new revision.
      const [res] = await Promise.all([
        table.mutate(req),
        outbox.mutate({ type: 'put', trans: req.trans, values: ids.map(outboxRow) }),
      ])
      return res
    },
  }
}

export const outboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'syncOutbox',
  create(down) {
    const hasOutbox = down.schema.tables.some((t) => t.name === OUTBOX_TABLE)
    if (!hasOutbox) return down
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.includes(CASE_TABLE) && !stores.includes(OUTBOX_TABLE)
            ? [...stores, OUTBOX_TABLE]
            : stores
        return down.transaction(widened, mode, options)
      },
      table(name) {
        const table = down.table(name)
        return name === CASE_TABLE ? markingCaseTable(table, down.table(OUTBOX_TABLE)) : table
      },
    }
  },
}
