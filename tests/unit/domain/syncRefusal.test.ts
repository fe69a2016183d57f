/**
 * Which refusal a 401/403 is, from what the server's `_session` says of the user (src/domain/syncRefusal.ts),
 * against a written-out table.
 */
import { describe, expect, it } from 'vitest'
import { memberRoleOfDatabase, refusalOfSession, type SessionUser } from '../../../src/domain/syncRefusal'
import type { SyncRefusal } from '../../../src/domain/syncState'
import { committeeDbName, committeeRole } from '../../../src/domain/syncServer'

const ID = '5d0e6c1a-7b2f-4e39-8a14-9c3b2d1e0f47'
const DB = 'mr-5d0e6c1a-7b2f-4e39-8a14-9c3b2d1e0f47'
const OWN = 'mr-member-5d0e6c1a-7b2f-4e39-8a14-9c3b2d1e0f47'
const OTHER = 'mr-member-b7c6d5e4-3f2a-4b1c-9d8e-7f6a5b4c3d2e'

describe('refusalOfSession', () => {
  it("derives a database's member role as the server set-up names it", () => {
    expect(memberRoleOfDatabase(DB)).toBe(OWN)
    expect(memberRoleOfDatabase(committeeDbName(ID))).toBe(committeeRole(ID))
  })

  const table: [string, SessionUser | undefined, SyncRefusal][] = [
    ['credentials refused by _session', undefined, 'password'],
    ['no credentials sent (anonymous)', { name: null, roles: [] }, 'password'],
    ['a user of another committee', { name: 'other-town', roles: [OTHER] }, 'foreignCommittee'],
    ['another committee and unrelated roles', { name: 'other-town', roles: ['reader', OTHER] }, 'foreignCommittee'],
    ['a user with no role left', { name: 'stopped', roles: [] }, 'revoked'],
    ['a user with only unrelated roles', { name: 'stopped', roles: ['reader'] }, 'revoked'],
    ['a member of this committee, refused all the same', { name: 'pc', roles: [OWN] }, 'revoked'],
    ['a member of both', { name: 'pc', roles: [OTHER, OWN] }, 'revoked'],
  ]
  it.each(table)('%s', (_, user, expected) => {
    expect(refusalOfSession(DB, user)).toBe(expected)
  })
})
