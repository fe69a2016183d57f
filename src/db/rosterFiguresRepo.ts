/**
 * What the 统计 page's 协同人员 figures read from the cases (src/domain/rosterFigures.ts): each case's source
 * and registration date, and the sessions that invited someone from the roster. The case documents are
 * read a batch at a time, so that they are never all held at once.
 */
import type { RosterFigureFacts } from '../domain/rosterFigures'
import type { UUID } from '../domain/types'
import type { MediationDb } from './schema'
import { toStorageError } from './errors'

const BATCH = 500

export async function rosterFigureFacts(db: MediationDb): Promise<RosterFigureFacts> {
  try {
    return await db.transaction('r', db.caseDocs, async () => {
      const cases: RosterFigureFacts['cases'][number][] = []
      const sessions: RosterFigureFacts['sessions'][number][] = []
      for (let after: UUID | undefined; ;) {
        const batch = await (
          after === undefined ? db.caseDocs.limit(BATCH) : db.caseDocs.where(':id').above(after).limit(BATCH)
        ).toArray()
        for (const d of batch) {
          cases.push({ id: d.id, source: d.source, receivedOn: d.receivedOn })
          for (const s of d.sessions)
            if (s.invitedIds && s.invitedIds.length > 0)
              sessions.push({ caseId: d.id, invitedIds: [...s.invitedIds], startedAt: s.startedAt })
        }
        if (batch.length < BATCH) return { cases, sessions }
        after = batch.at(-1)!.id
      }
    })
  } catch (error) {
    throw toStorageError(error)
  }
}
