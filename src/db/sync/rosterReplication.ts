/**
 * The committee's rooms and mediators between this PC and its server, so that a case synced from another
 * PC shows its room and mediators by name and every PC offers the same lists (issue 17, "settings that must
 * agree"). The lists are small (tens of records): each pass reads all of a kind from the server
 * (`_all_docs` over its id range), compares with the PC's, takes the server's where it is the later change
 * and sends ours where ours is (src/domain/laterChange.ts). No checkpoint or outbox: a pass decides from
 * both sides as they are, so an interrupted pass is simply done again.
 */
import {
  laterChangeDecision,
  restampedFromFuture,
  rosterFingerprint,
  type RosterRecord,
} from '../../domain/laterChange'
import { refusalShown, syncDocId } from '../../domain/syncServer'
import { couchJson, type RemoteDb } from './couchHttp'
import { SealError, openFromServer, sealForServer, type CommitteeKey, type ServerDoc } from './seal'

export type RosterType = 'committee' | 'room' | 'mediator'
export const ROSTER_TYPES: readonly RosterType[] = ['committee', 'room', 'mediator']

/** A version from the server to store, with the local copy it was decided against. */
export interface RosterTake {
  before?: RosterRecord
  next: RosterRecord
}

export interface RosterStore {
  list(type: RosterType): Promise<RosterRecord[]>
  /**
   * Stores the server's versions in one write, each only if the local copy is still `before` (a record
   * edited here meanwhile is left for the next pass); returns the versions stored.
   */
  take(type: RosterType, takes: readonly RosterTake[]): Promise<RosterRecord[]>
  /**
   * Stores records of this PC's own restamped (only `updatedAt` differs), each only if the local copy is
   * still `before`; returns the versions stored.
   */
  restamp(type: RosterType, restamps: readonly RosterTake[]): Promise<RosterRecord[]>
}

export interface RosterResult {
  taken: number
  pushed: number
  /** another PC wrote first: decided again on the next pass */
  raced: number
  /** documents that did not open: id -> the message for the user */
  unreadable: Record<string, string>
  /** ours turned away by the server's validation: id -> its reason */
  refused: Record<string, string>
  /** this PC's rooms and mediators as the pass left them (src/domain/laterChange.ts rosterFingerprint) */
  fingerprint: string
}

interface Held {
  record: RosterRecord
  rev: string
}

/** Every record of `type` on the server, opened; those that do not open are reported and left out. */
async function serverRecords(
  remote: RemoteDb,
  type: RosterType,
  key: CommitteeKey,
  unreadable: Record<string, string>,
): Promise<Map<string, Held>> {
  const from = encodeURIComponent(JSON.stringify(syncDocId(type, '')))
  const to = encodeURIComponent(JSON.stringify(syncDocId(type, '\ufff0')))
  const answer = (await couchJson(
    remote,
    'GET',
    `${remote.url}/_all_docs?include_docs=true&startkey=${from}&endkey=${to}`,
  )) as { rows: { id: string; doc?: ServerDoc | null }[] }
  const held = new Map<string, Held>()
  for (const row of answer.rows) {
    const doc = row.doc
    if (!doc || doc._deleted || !doc._rev) continue
    try {
      const record = await openFromServer(type, doc, key)
      held.set(record.id, { record, rev: doc._rev })
    } catch (e) {
      if (!(e instanceof SealError)) throw e
      unreadable[row.id] = e.message
    }
  }
  return held
}

/** One pass over rooms, then mediators. */
export async function syncRoster(remote: RemoteDb, store: RosterStore, key: CommitteeKey): Promise<RosterResult> {
  const result: RosterResult = { taken: 0, pushed: 0, raced: 0, unreadable: {}, refused: {}, fingerprint: '' }
  const known: RosterRecord[] = []
  const now = new Date()
  for (const type of ROSTER_TYPES) {
    const [theirs, listed] = await Promise.all([serverRecords(remote, type, key, result.unreadable), store.list(type)])
    const local = new Map(listed.map((r) => [r.id, r]))
    // written here while the clock ran ahead: stamped now, as the cases' and records' pushes do (restamp.ts)
    const restamps = listed.flatMap((before) => {
      const next = restampedFromFuture(before, now)
      return next ? [{ before, next }] : []
    })
    if (restamps.length) for (const r of await store.restamp(type, restamps)) local.set(r.id, r)
    const takes: RosterTake[] = []
    const pushes: { record: RosterRecord; rev?: string }[] = []
    for (const id of new Set([...local.keys(), ...theirs.keys()])) {
      const mine = local.get(id)
      const server = theirs.get(id)
      const decision = laterChangeDecision(mine, server?.record, now)
      if (decision === 'take' && server) takes.push({ ...(mine ? { before: mine } : {}), next: server.record })
      if (decision === 'push' && mine) pushes.push({ record: mine, ...(server ? { rev: server.rev } : {}) })
    }
    const taken = await store.take(type, takes)
    result.taken += taken.length
    for (const r of taken) local.set(r.id, r)
    known.push(...local.values())
    if (!pushes.length) continue
    const docs = await Promise.all(
      pushes.map(async (p) => ({
        ...(await sealForServer(type, p.record as never, key)),
        ...(p.rev ? { _rev: p.rev } : {}),
      })),
    )
    const answers = (await couchJson(remote, 'POST', `${remote.url}/_bulk_docs`, { body: { docs } })) as {
      id?: string
      rev?: string
      error?: string
      reason?: string
    }[]
    for (const [i, answer] of answers.entries()) {
      if (answer.rev && !answer.error) result.pushed++
      else if (answer.error === 'forbidden') result.refused[docs[i]!._id] = refusalShown(answer)
      else result.raced++
    }
  }
  return { ...result, fingerprint: rosterFingerprint(known) }
}
