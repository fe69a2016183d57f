/**
 * Records a committee's PCs share other than cases — rooms and mediators (issue 17, "settings that must
 * agree"), agreements, signatures, follow-ups and referrals: which copy of a record stands when this PC's
 * and the server's differ.
 *
 * Unlike a case, each is written by one person at a time (a room or a mediator from 设置 by whoever keeps
 * the list, an agreement by the case's mediator), and every PC must show the same: the later change stands (by `updatedAt`, which every
 * write stamps in UTC, so PCs in other time zones compare right). Two different versions stamped the same
 * instant are settled the same way on every PC (the larger canonical text), so that all PCs agree.
 * Nothing is lost for good: every version taken from the server is in the audit log.
 *
 * A stamp is whatever the writing PC's clock said, so a PC whose clock runs far ahead (a careless office) or
 * a compromised page stamping 2099 would win every comparison for as long as its stamp stays ahead. A stamp
 * more than FUTURE_STAMP_MARGIN_MS past this PC's clock is therefore not believed: it never beats a
 * believable one (the server refuses such a write too, src/domain/syncServer.ts, by its own clock).
 */
import { canonicalJson } from './canonical'
import type { Agreement, Committee, Mediator, Room } from './types'

export type RosterRecord = Committee | Room | Mediator

/**
 * The stamp of a record that stands behind any version the server has: the committee's details on a PC that
 * joined the committee with its code (what its own setup typed were placeholders for the committee's).
 */
export const YIELDS_TO_SERVER = '1970-01-01T00:00:00.000Z'

/**
 * How far ahead of a clock a stamp may be and still be believed: PCs' clocks differ by seconds to minutes;
 * Kerberos-style 5 minutes would turn away a PC that was simply not set right this week.
 */
export const FUTURE_STAMP_MARGIN_MS = 10 * 60 * 1000

/** Whether an ISO stamp lies more than the margin past `now` (or is not a time at all). */
export function isStampFromFuture(stamp: string, now: Date): boolean {
  const at = Date.parse(stamp)
  return !Number.isFinite(at) || at > now.getTime() + FUTURE_STAMP_MARGIN_MS
}

/**
 * An edit made here while this PC's clock ran ahead, looked at once the clock is right again: stamped now, so
 * that the server (which refuses stamps in its future) takes it and it does not wait until that time comes.
 * Undefined when the stamp is believable.
 */
export function restampedFromFuture<T extends { updatedAt: string }>(record: T, now: Date): T | undefined {
  return isStampFromFuture(record.updatedAt, now) ? { ...record, updatedAt: now.toISOString() } : undefined
}

/** take: the server's version replaces ours; push: ours goes to the server; none: nothing to do. */
export type LaterChangeDecision = 'take' | 'push' | 'none'

/**
 * A record nobody has here is taken whatever its stamp (it replaces nothing); between two versions, a
 * believable stamp beats one from the future (ours then goes up over theirs), else the later stamp stands.
 */
export function laterChangeDecision<T extends { updatedAt: string }>(
  local: T | undefined,
  remote: T | undefined,
  now: Date,
): LaterChangeDecision {
  if (!local) return remote ? 'take' : 'none'
  if (!remote) return 'push'
  const ours = canonicalJson(local)
  const theirs = canonicalJson(remote)
  if (ours === theirs) return 'none'
  const oursFromFuture = isStampFromFuture(local.updatedAt, now)
  const theirsFromFuture = isStampFromFuture(remote.updatedAt, now)
  if (oursFromFuture !== theirsFromFuture) return theirsFromFuture ? 'push' : 'take'
  if (local.updatedAt !== remote.updatedAt) return local.updatedAt > remote.updatedAt ? 'push' : 'take'
  return ours > theirs ? 'push' : 'take'
}

/** What a PC's rooms and mediators are, in a few bytes: a change here (an edit, an addition) changes it. */
export function rosterFingerprint(records: readonly RosterRecord[]): string {
  return records
    .map((r) => `${r.id}@${r.updatedAt}`)
    .sort()
    .join(',')
}

/**
 * A finalised agreement is never changed by sync on this PC (the server refuses it too,
 * src/domain/syncServer.ts): the server's version is taken over it only when it is the same agreement, or
 * the same agreement marked 已被替代 because a newer version was finalised on another PC.
 */
export function syncWouldChangeFinalAgreement(local: Agreement, remote: Agreement): boolean {
  if (local.status === 'draft') return false
  const { status: ours, updatedAt: _a, ...mine } = local
  const { status: theirs, updatedAt: _b, ...their } = remote
  const allowed = theirs === ours || (ours === 'final' && theirs === 'superseded')
  return !allowed || canonicalJson(mine) !== canonicalJson(their)
}

/**
 * A draft here gives way to the same agreement finalised (or since superseded) on another PC, whichever was
 * stamped later: the parties signed that one, and a draft's edit can no longer change it (the server refuses
 * it too). Without this, an edit made here after the other PC finalised would be sent and turned away every
 * round, and the draft could even be finalised a second time with other terms.
 */
export function finalisedElsewhere(local: Agreement, remote: Agreement): boolean {
  return local.status === 'draft' && remote.status !== 'draft'
}

/** A file's side in src/db/sync/attachmentReplication.ts: its description, or 'removed'. */
export type FileSide<T> = T | 'removed'

/**
 * A file kept with a case is never edited, only added or removed, so a removal on either PC stands (the
 * other PC's copy of the file is in its backups); two descriptions of a file settle as any record's.
 * `local` is undefined when this PC did not change the file since it was last equal to the server.
 */
export function fileChangeDecision<T extends { updatedAt: string }>(
  local: FileSide<T> | undefined,
  remote: FileSide<T>,
  now: Date,
): LaterChangeDecision {
  if (local === undefined) return 'take'
  if (local === 'removed') return remote === 'removed' ? 'none' : 'push'
  if (remote === 'removed') return 'take'
  return laterChangeDecision(local, remote, now)
}
