/**
 * Which refusal (src/domain/syncState.ts) a 401 or 403 from the committee's database is. CouchDB answers
 * a wrong password, a user of another committee and a user whose role was taken away alike ("not
 * authorized"), so the replicator asks the server who it thinks this PC is (`GET /_session` with the same
 * credentials) and the answer decides:
 * - the credentials are not accepted (or none were sent): the password (or user name) is wrong;
 * - the user holds the member role of another committee's database: a PC of another committee;
 * - otherwise (no committee role, or even this one's while the database still refuses): the account was
 *   stopped (停用), which an office does by removing its role.
 */
import type { SyncRefusal } from './syncState'

/** What `GET /_session` says of the user: absent when it answered 401 (credentials refused). */
export interface SessionUser {
  name: string | null
  roles: readonly string[]
}

const MEMBER_ROLE_PREFIX = 'mr-member-'
const DATABASE_PREFIX = 'mr-'

/** The member role of a committee database ('mr-<id>' -> 'mr-member-<id>', src/domain/syncServer.ts). */
export function memberRoleOfDatabase(databaseName: string): string {
  return MEMBER_ROLE_PREFIX + databaseName.slice(DATABASE_PREFIX.length)
}

export function refusalOfSession(databaseName: string, user: SessionUser | undefined): SyncRefusal {
  if (!user?.name) return 'password'
  const own = memberRoleOfDatabase(databaseName)
  const otherCommittee = user.roles.some((r) => r.startsWith(MEMBER_ROLE_PREFIX) && r !== own)
  return otherCommittee && !user.roles.includes(own) ? 'foreignCommittee' : 'revoked'
}
