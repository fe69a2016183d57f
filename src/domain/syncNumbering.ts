/**
 * Case numbers when several PCs of one committee accept cases, online or not. The sequence stays unique
 * per committee per year (src/domain/numbering.ts renders it); this decides who may use which number.
 *
 * ## The rule: blocks of numbers reserved from the server, 待编号 when none is left
 * - The committee's server holds one counter document per year (`counter:<committeeId>:<year>`,
 *   src/domain/syncServer.ts): `next`, the first number no PC holds, and the last grant of each PC.
 * - While online, a PC reserves a **block** of `BLOCK_SIZE` numbers by writing the counter with the `_rev`
 *   it read: CouchDB applies one write per revision and answers 409 to the others, so two PCs never get the
 *   same block; the loser reads again and retries. The PC keeps the block in its own store.
 * - Accepting a case takes the next number of the PC's block for the year of acceptance (受理日期). Nothing
 *   waits for the network: a PC without a free number (offline for long, or the first case of a new year
 *   before any sync) accepts the case as **待编号** (no case number yet); the next sync reserves a block and
 *   numbers its 待编号 cases in the order they were accepted. The user sees 待编号 in the list and on the
 *   case until then; documents that print the number are not made before it has one.
 * - A PC keeps ahead: it reserves again while online as soon as fewer than `LOW_WATER` numbers of the
 *   current year are left, so a day offline rarely runs out.
 * - A reservation is idempotent: the PC records the request (an id it chose) before sending it, and the
 *   counter records each PC's last grant with that id. If the answer is lost, the PC reads the counter and
 *   finds its grant, or sends the same request again; a request never yields two blocks.
 * - Only the committee's own server allocates (a counter is linearisable on one CouchDB node, not across
 *   replicating servers): a city server that replicates the township's never serves its PCs' numbering.
 *
 * ## Gaps: numbers never used, and when
 * - The unused rest of a PC's blocks: at most `BLOCK_SIZE + LOW_WATER - 1` per PC and year, visible at
 *   year end or when a PC is retired (its block is simply never used).
 * - A PC restored from a backup gives up every block it held (`abandonBlocks`): the backup cannot know which
 *   numbers were used after it was made, so reusing any would risk a duplicate. Those numbers are gaps.
 * - Nothing else: a lost answer, a retry, a 409, an outage in the middle of a reservation make no gap.
 */
import { compareOrdinal } from './text'

export const BLOCK_SIZE = 10
/** Reserve again below this many free numbers of the current year. */
export const LOW_WATER = 3

/** A PC's last grant, as the counter records it. `end` is exclusive. */
export interface Grant {
  requestId: string
  start: number
  end: number
}

/** The server's counter document for one committee and year (without `_id`/`_rev`). */
export interface CounterDoc {
  type: 'counter'
  committeeId: string
  year: number
  /** the first sequence number no PC holds */
  next: number
  /** by device id */
  grants: Record<string, Grant>
}

/** A block this PC holds: numbers `[nextFree, end)` are free. */
export interface HeldBlock {
  year: number
  requestId: string
  start: number
  end: number
  nextFree: number
}

/** What a PC keeps about numbering, in its own store, written before anything that depends on it. */
export interface LocalNumbering {
  deviceId: string
  blocks: HeldBlock[]
  /** a reservation sent (or about to be) whose answer has not been taken in: by year */
  pending: Record<number, { requestId: string }>
}

export function emptyNumbering(deviceId: string): LocalNumbering {
  return { deviceId, blocks: [], pending: {} }
}

/** Free numbers this PC holds for a year. */
export function freeNumbers(local: LocalNumbering, year: number): number {
  return local.blocks.filter((b) => b.year === year).reduce((n, b) => n + (b.end - b.nextFree), 0)
}

/**
 * Takes the next free number of the year (the oldest block first), or none: the case is then 待编号.
 * Returns the new state: it must be stored in the same transaction as the case that carries the number.
 */
export function takeNumber(local: LocalNumbering, year: number): { local: LocalNumbering; seq?: number } {
  const i = local.blocks.findIndex((b) => b.year === year && b.nextFree < b.end)
  if (i < 0) return { local }
  const block = local.blocks[i]!
  const blocks = local.blocks.map((b, k) => (k === i ? { ...b, nextFree: b.nextFree + 1 } : b))
  return { local: { ...local, blocks: blocks.filter((b) => b.nextFree < b.end) }, seq: block.nextFree }
}

/**
 * Whether a reservation for `year` should be made: there are 待编号 cases of that year beyond what is held,
 * or it is the current year and fewer than LOW_WATER numbers are left. Not while one is pending.
 */
export function needsReservation(
  local: LocalNumbering,
  year: number,
  opts: { waiting: number; currentYear: number },
): boolean {
  if (local.pending[year]) return false
  const free = freeNumbers(local, year)
  if (opts.waiting > free) return true
  return year === opts.currentYear && free - opts.waiting < LOW_WATER
}

/** Records a reservation about to be sent; `requestId` must never have been used by this PC. */
export function startReservation(local: LocalNumbering, year: number, requestId: string): LocalNumbering {
  if (local.pending[year]) return local
  return { ...local, pending: { ...local.pending, [year]: { requestId } } }
}

/** The counter with a block granted to `deviceId` for `requestId`; the same counter if it already has it. */
export function grantBlock(
  counter: CounterDoc | undefined,
  where: { committeeId: string; year: number },
  deviceId: string,
  requestId: string,
  size = BLOCK_SIZE,
): CounterDoc {
  const base: CounterDoc = counter ?? { type: 'counter', ...where, next: 1, grants: {} }
  if (base.grants[deviceId]?.requestId === requestId) return base
  const grant: Grant = { requestId, start: base.next, end: base.next + size }
  return { ...base, next: grant.end, grants: { ...base.grants, [deviceId]: grant } }
}

/** The block a counter shows as granted for this PC's request, if it does. */
export function grantOf(counter: CounterDoc | undefined, deviceId: string, requestId: string): Grant | undefined {
  const grant = counter?.grants[deviceId]
  return grant?.requestId === requestId ? grant : undefined
}

/**
 * After reading the counter (undefined: not created yet): the pending request's grant is taken in if the
 * counter shows it (an answer lost earlier); otherwise the counter to write, with the `_rev` just read.
 */
export function onCounterRead(
  local: LocalNumbering,
  where: { committeeId: string; year: number },
  counter: CounterDoc | undefined,
): { local: LocalNumbering; write?: CounterDoc } {
  const pending = local.pending[where.year]
  if (!pending) return { local }
  const granted = grantOf(counter, local.deviceId, pending.requestId)
  if (granted) return { local: adoptGrant(local, where.year, granted) }
  return { local, write: grantBlock(counter, where, local.deviceId, pending.requestId) }
}

/** After the server accepted the counter written (201): the grant it carries is this PC's. */
export function onCounterWritten(local: LocalNumbering, year: number, written: CounterDoc): LocalNumbering {
  const pending = local.pending[year]
  const granted = pending && grantOf(written, local.deviceId, pending.requestId)
  return granted ? adoptGrant(local, year, granted) : local
}

function adoptGrant(local: LocalNumbering, year: number, grant: Grant): LocalNumbering {
  const { [year]: _done, ...pending } = local.pending
  if (local.blocks.some((b) => b.requestId === grant.requestId)) return { ...local, pending }
  const block: HeldBlock = {
    year,
    requestId: grant.requestId,
    start: grant.start,
    end: grant.end,
    nextFree: grant.start,
  }
  return { ...local, blocks: [...local.blocks, block], pending }
}

/** What the list and the case page show for a case accepted without a number yet. */
export const PROVISIONAL_CASE_NO = '待编号'

export function caseNumberText(caseNo: string | undefined): string {
  return caseNo ?? PROVISIONAL_CASE_NO
}

/** What stands for a number a case has never had: it was not accepted (still 登记, or refused). */
export const UNACCEPTED_CASE_NO = '未受理'

/** Accepted (it has a 受理日期) but without a number yet: 待编号. */
export function awaitsCaseNumber(c: { caseNo?: string; acceptedOn?: string }): boolean {
  return c.caseNo === undefined && c.acceptedOn !== undefined
}

/**
 * A settled sync conflict keeps the case number either side gave: a 待编号 case numbered on the PC that
 * accepted it while another PC edited the unnumbered version must not lose its number by 采用对方 (nor by
 * 保留本机 on the other PC). A number is given once per case, by one PC, so two different numbers do not
 * meet; if they ever did, the chosen side's stands.
 */
export function keepCaseNumber<T extends { caseNo?: string }>(chosen: T, other: { caseNo?: string }): T {
  return chosen.caseNo === undefined && other.caseNo !== undefined ? { ...chosen, caseNo: other.caseNo } : chosen
}

/** The words wherever a case's number is shown: the number, 待编号 once accepted without one, 未受理 before. */
export function caseNumberLabel(c: { caseNo?: string; acceptedOn?: string }): string {
  return c.acceptedOn === undefined ? (c.caseNo ?? UNACCEPTED_CASE_NO) : caseNumberText(c.caseNo)
}

/**
 * Why a 待编号 case's documents are not made yet: each prints the case number, and a form with 待编号 (or a
 * blank) where the number belongs would be handed to the parties and never match the number it gets.
 */
export const CASE_NUMBER_PENDING_NOTE = '案件编号待同步后生成（本机联网同步后即可制作）'

/** The documents (by kind, src/documents/builders) that print no case number: made for a 待编号 case too. */
const DOCUMENTS_WITHOUT_CASE_NUMBER: ReadonlySet<string> = new Set(['application', 'enterprise-card'])

/** Whether a document of this kind must wait for the case's number (the case is 待编号 and it prints one). */
export function documentAwaitsCaseNumber(c: { caseNo?: string; acceptedOn?: string }, kind: string): boolean {
  return awaitsCaseNumber(c) && !DOCUMENTS_WITHOUT_CASE_NUMBER.has(kind)
}

/**
 * The counter raised to start after `lastUsed` (the numbers this committee gave in that year before its PCs
 * shared cases, from the local counter of the PC that gave them), or undefined when it already does: a
 * reservation never hands out a number the committee used before it synced.
 */
export function counterAbove(
  counter: CounterDoc | undefined,
  where: { committeeId: string; year: number },
  lastUsed: number,
): CounterDoc | undefined {
  const base: CounterDoc = counter ?? { type: 'counter', ...where, next: 1, grants: {} }
  return base.next > lastUsed ? undefined : { ...base, next: lastUsed + 1 }
}

/** A 待编号 case as numbering sees it: the year is its acceptance's (受理日期 'YYYY-MM-DD'). */
export interface WaitingCase {
  id: string
  acceptedOn: string
  createdAt: string
}

/**
 * Numbers 待编号 cases from the blocks held, in the order they were accepted (date, then creation time, then
 * id), each year from its own blocks. Cases left without a number wait for the next reservation. The new
 * state must be stored in the same transaction as the numbered cases.
 */
export function numberWaiting(
  local: LocalNumbering,
  waiting: readonly WaitingCase[],
): { local: LocalNumbering; numbered: { id: string; year: number; seq: number }[] } {
  const order = (a: WaitingCase, b: WaitingCase): number =>
    compareOrdinal(a.acceptedOn, b.acceptedOn) || compareOrdinal(a.createdAt, b.createdAt) || compareOrdinal(a.id, b.id)
  const numbered: { id: string; year: number; seq: number }[] = []
  let state = local
  for (const c of [...waiting].sort(order)) {
    const year = Number(c.acceptedOn.slice(0, 4))
    const taken = takeNumber(state, year)
    if (taken.seq === undefined) continue
    state = taken.local
    numbered.push({ id: c.id, year, seq: taken.seq })
  }
  return { local: state, numbered }
}

/**
 * After this PC's store was restored from a backup: every block and pending request is given up (the
 * backup does not know which of their numbers were used since). The next sync reserves anew.
 */
export function abandonBlocks(local: LocalNumbering): LocalNumbering {
  return emptyNumbering(local.deviceId)
}
