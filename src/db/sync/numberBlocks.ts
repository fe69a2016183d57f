/**
 * Reserving blocks of case numbers from the committee's server (the rule: src/domain/syncNumbering.ts):
 * read the year's counter document, write it back with the `_rev` read, and on 409 read again. The PC's
 * numbering state is handed to `store` after every step that changes it (the pending request before the
 * write is sent, the block once granted), so a restart in between resumes the same request.
 */
import {
  counterAbove,
  onCounterRead,
  onCounterWritten,
  startReservation,
  type CounterDoc,
  type LocalNumbering,
} from '../../domain/syncNumbering'
import { counterDocId } from '../../domain/syncServer'
import { couchSend, SyncHttpError, type RemoteDb } from './couchHttp'

const MAX_ATTEMPTS = 20

function send(remote: RemoteDb, method: string, path: string, body?: unknown): Promise<Response> {
  return couchSend(remote, method, remote.url + path, { body })
}

/**
 * Makes sure a reservation for `year` is pending (with `requestId` if a new one is needed) and carries it
 * through to a block. Returns the new state (also given to `store` at each change).
 */
export async function reserveBlock(
  remote: RemoteDb,
  local: LocalNumbering,
  where: { committeeId: string; year: number },
  requestId: string,
  store: (local: LocalNumbering) => Promise<void>,
): Promise<LocalNumbering> {
  let state = startReservation(local, where.year, requestId)
  if (state !== local) await store(state)
  const path = `/${encodeURIComponent(counterDocId(where.committeeId, where.year))}`
  for (let attempt = 0; attempt < MAX_ATTEMPTS && state.pending[where.year]; attempt++) {
    const read = await send(remote, 'GET', path)
    if (!read.ok && read.status !== 404) throw new SyncHttpError(read.status, await read.json().catch(() => undefined))
    const doc = read.ok ? ((await read.json()) as CounterDoc & { _id: string; _rev: string }) : undefined
    const counter = doc && stripCouch(doc)
    const next = onCounterRead(state, where, counter)
    if (next.local !== state) await store((state = next.local))
    if (!next.write) continue
    const written = await send(remote, 'PUT', path, { ...next.write, ...(doc ? { _rev: doc._rev } : {}) })
    if (written.status === 409) continue
    if (!written.ok) throw new SyncHttpError(written.status, await written.json().catch(() => undefined))
    await store((state = onCounterWritten(state, where.year, next.write)))
  }
  return state
}

/**
 * Makes the year's counter start after `lastUsed` (numbers this PC gave from its local counter before the
 * committee shared cases), so no block repeats them. Several PCs raising at once: 409, read again.
 */
export async function raiseCounter(
  remote: RemoteDb,
  where: { committeeId: string; year: number },
  lastUsed: number,
): Promise<void> {
  const path = `/${encodeURIComponent(counterDocId(where.committeeId, where.year))}`
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = await send(remote, 'GET', path)
    if (!read.ok && read.status !== 404) throw new SyncHttpError(read.status, await read.json().catch(() => undefined))
    const doc = read.ok ? ((await read.json()) as CounterDoc & { _id: string; _rev: string }) : undefined
    const write = counterAbove(doc && stripCouch(doc), where, lastUsed)
    if (!write) return
    const written = await send(remote, 'PUT', path, { ...write, ...(doc ? { _rev: doc._rev } : {}) })
    if (written.status === 409) continue
    if (!written.ok) throw new SyncHttpError(written.status, await written.json().catch(() => undefined))
    return
  }
  throw new SyncHttpError(409, undefined)
}

function stripCouch(doc: CounterDoc & { _id: string; _rev: string }): CounterDoc {
  const { _id: _i, _rev: _r, ...counter } = doc
  return counter
}
