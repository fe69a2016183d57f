/**
 * Rooms and mediators shared by a committee's PCs (issue 17, "settings that must agree"): which copy of a
 * record stands when this PC's and the server's differ.
 *
 * Unlike a case, a room or a mediator is the committee's list, edited now and then from 设置 by whoever
 * keeps it, and every PC must show the same list: the later change stands (by `updatedAt`, which every
 * write stamps in UTC, so PCs in other time zones compare right). Two different versions stamped the same
 * instant are settled the same way on every PC (the larger canonical text), so that all PCs agree.
 * Nothing is lost for good: every version taken from the server is in the audit log.
 */
import { canonicalJson } from './canonical'
import type { Mediator, Room } from './types'

export type RosterRecord = Room | Mediator

/** take: the server's version replaces ours; push: ours goes to the server; none: nothing to do. */
export type RosterDecision = 'take' | 'push' | 'none'

export function rosterDecision(local: RosterRecord | undefined, remote: RosterRecord | undefined): RosterDecision {
  if (!local) return remote ? 'take' : 'none'
  if (!remote) return 'push'
  const ours = canonicalJson(local)
  const theirs = canonicalJson(remote)
  if (ours === theirs) return 'none'
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
