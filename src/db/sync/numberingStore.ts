/**
 * The sync round's part of case numbering across PCs (the rule: src/domain/syncNumbering.ts; the PC's state:
 * numberingState.ts): reserving blocks from the committee's server and numbering the cases this PC accepted
 * as 待编号, each in one transaction with its audit entry and the state.
 *
 * Gaps (numbers never on a case) occur only when: a PC still holds unused numbers of a block (at year end, or
 * a PC retired); a PC's store is restored from a backup, or a restore undone (its blocks are given up). A
 * lost answer, a 409, a retry or an outage in the middle of a reservation make none.
 */
import { needsReservation, numberWaiting, type LocalNumbering } from '../../domain/syncNumbering'
import { counterKey, renderCaseNumber } from '../../domain/numbering'
import { todayInChina } from '../../domain/dates'
import type { Committee } from '../../domain/types'
import { appendAudit } from '../audit'
import { caseDocTables, putCaseDoc } from '../caseDocs'
import { newId } from '../records'
import type { MediationDb } from '../schema'
import type { RemoteDb } from './couchHttp'
import { raiseCounter, reserveBlock } from './numberBlocks'
import { readNumbering, writeNumbering, type StoredNumbering } from './numberingState'

export { syncNumberingActive, startSyncNumbering } from './numberingState'

/** Who the audit log names for a number given by the sync round (no person asked for it). */
export const NUMBERING_ACTOR = '自动编号'

/**
 * Numbers this PC's 待编号 cases from the blocks it holds, oldest acceptance first, each with its audit entry,
 * in one transaction with the state. Returns how many were numbered.
 */
export async function numberHeldCases(db: MediationDb, committee: Committee, now = new Date()): Promise<number> {
  return db.transaction('rw', [...caseDocTables(db), db.settings, db.audit], async () => {
    const state = await readNumbering(db)
    if (!state || state.waiting.length === 0) return 0
    const docs = await db.caseDocs.bulkGet(state.waiting)
    // a case numbered meanwhile (e.g. the other side of a settled conflict) or gone no longer waits
    const still = docs.filter((d) => d !== undefined && d.acceptedOn !== undefined && d.caseNo === undefined)
    const { local, numbered } = numberWaiting(
      state.local,
      still.map((d) => ({ id: d!.id, acceptedOn: d!.acceptedOn!, createdAt: d!.createdAt })),
    )
    const byId = new Map(still.map((d) => [d!.id, d!]))
    for (const { id, year, seq } of numbered) {
      const caseNo = renderCaseNumber(committee.caseNumberPattern, { year, shortName: committee.shortName, seq })
      await putCaseDoc(db, { ...byId.get(id)!, caseNo, updatedAt: now.toISOString() })
      await appendAudit(
        db,
        { actor: NUMBERING_ACTOR, action: 'update', entity: 'case', entityId: id, caseId: id, fields: ['caseNo'] },
        now,
      )
    }
    const done = new Set(numbered.map((n) => n.id))
    const waiting = still.map((d) => d!.id).filter((id) => !done.has(id))
    await writeNumbering(db, { ...state, local, waiting }, now)
    return numbered.length
  })
}

/** The years this PC needs numbers for: this year (to keep ahead) and each year with 待编号 cases. */
async function wantedYears(db: MediationDb, state: StoredNumbering, now: Date): Promise<Map<number, number>> {
  const years = new Map<number, number>([[Number(todayInChina(now).slice(0, 4)), 0]])
  for (const year of Object.keys(state.local.pending)) years.set(Number(year), 0)
  for (const doc of await db.caseDocs.bulkGet(state.waiting)) {
    if (!doc?.acceptedOn || doc.caseNo !== undefined) continue
    const year = Number(doc.acceptedOn.slice(0, 4))
    years.set(year, (years.get(year) ?? 0) + 1)
  }
  return years
}

/**
 * The reservation's changes merged into the stored state: the pending request and the blocks granted in this
 * round. Never the whole state reserveBlock holds: acceptances meanwhile advanced the blocks stored.
 */
function mergingStore(db: MediationDb, known: Set<string>): (local: LocalNumbering) => Promise<void> {
  return (local) =>
    db.transaction('rw', [db.settings], async () => {
      const state = await readNumbering(db)
      if (!state) return
      const granted = local.blocks.filter((b) => !known.has(b.requestId))
      for (const b of granted) known.add(b.requestId)
      await writeNumbering(db, {
        ...state,
        local: { ...state.local, pending: local.pending, blocks: [...state.local.blocks, ...granted] },
      })
    })
}

const running = new WeakMap<MediationDb, Promise<void>>()

/**
 * A sync round's numbering: numbers 待编号 cases from what is held, reserves a block for every year that
 * needs one (this year below LOW_WATER, or more 待编号 cases than numbers), then numbers again. Rounds of one
 * store run one after the other. Network errors are thrown after the cases that could be numbered were.
 */
export function topUpNumbers(db: MediationDb, remote: RemoteDb, committeeId: string, now = new Date()): Promise<void> {
  const before = running.get(db) ?? Promise.resolve()
  const round = before.catch(() => undefined).then(() => topUp(db, remote, committeeId, now))
  running.set(db, round)
  return round
}

async function topUp(db: MediationDb, remote: RemoteDb, committeeId: string, now: Date): Promise<void> {
  const committee = await db.committees.get(committeeId)
  if (!committee) throw new Error(`committee ${committeeId} is not in this store`)
  if (!(await readNumbering(db))) return
  await numberHeldCases(db, committee, now)
  const state = (await readNumbering(db))!
  const known = new Set(state.local.blocks.map((b) => b.requestId))
  for (const [year, waiting] of await wantedYears(db, state, now)) {
    const current = (await readNumbering(db))!
    const currentYear = Number(todayInChina(now).slice(0, 4))
    if (!current.local.pending[year] && !needsReservation(current.local, year, { waiting, currentYear })) continue
    await raiseOnce(db, remote, committeeId, year)
    await reserveBlock(remote, current.local, { committeeId, year }, newId(), mergingStore(db, known))
    await numberHeldCases(db, committee, now)
  }
}

/**
 * Once per year, before this PC's first reservation: the server's counter is raised past the numbers this PC
 * gave from its local counter before it shared cases (a committee that starts sharing keeps its sequence).
 */
async function raiseOnce(db: MediationDb, remote: RemoteDb, committeeId: string, year: number): Promise<void> {
  const state = (await readNumbering(db))!
  if (state.raised.includes(year)) return
  const lastUsed = (await db.counters.get(counterKey(committeeId, year)))?.value ?? 0
  if (lastUsed > 0) await raiseCounter(remote, { committeeId, year }, lastUsed)
  await db.transaction('rw', [db.settings], async () => {
    const now = (await readNumbering(db))!
    if (!now.raised.includes(year)) await writeNumbering(db, { ...now, raised: [...now.raised, year] })
  })
}
