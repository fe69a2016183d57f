/**
 * Everything documents need about one case, read from the database in one transaction: the
 * CaseBundle (src/domain/types.ts) that every builder takes. Attachments carry their bytes as base64,
 * as in a transfer file, so the bundle can be posted to the PDF worker as plain data.
 */
import { COLLABORATORS_SETTING, invitedCollaborators, rosterFromSetting } from '../domain/collaborators'
import type { CaseBundle, UUID } from '../domain/types'
import type { MediationDb } from './schema'
import { StorageError, toStorageError } from './errors'
import { attachmentsToRows } from './transfer/export'
import { caseOf, mustGetCaseDoc, partiesOf, sessionsOf } from './caseDocs'

export interface BundleOptions {
  /** leave the attachments' bytes out (the agreement preview does not need them) */
  withAttachments?: boolean
}

export async function loadCaseBundle(db: MediationDb, caseId: UUID, options: BundleOptions = {}): Promise<CaseBundle> {
  try {
    const read = await db.transaction(
      'r',
      [
        db.caseDocs,
        db.committees,
        db.rooms,
        db.mediators,
        db.agreements,
        db.signatures,
        db.followUps,
        db.referrals,
        db.attachments,
        db.settings,
      ],
      async () => {
        const doc = await mustGetCaseDoc(db, caseId)
        const c = caseOf(doc)
        const committee = await db.committees.get(c.committeeId)
        const room = await db.rooms.get(c.roomId)
        if (!committee || !room)
          throw new StorageError('constraint', '找不到本案所属的调解委员会或调解室，请检查“设置”。')
        const agreements = await db.agreements.where('caseId').equals(caseId).toArray()
        const sessions = sessionsOf(doc)
        const invited = invitedCollaborators(
          rosterFromSetting((await db.settings.get(COLLABORATORS_SETTING))?.value),
          sessions,
        )
        return {
          committee,
          room,
          // every mediator: sessions and follow-ups may name people no longer assigned to the case
          mediators: await db.mediators.toArray(),
          case: c,
          parties: partiesOf(doc),
          sessions,
          agreements: agreements.sort((a, b) => a.version - b.version),
          signatures: agreements.length
            ? await db.signatures
                .where('agreementId')
                .anyOf(agreements.map((a) => a.id))
                .toArray()
            : [],
          followUps: await db.followUps.where('caseId').equals(caseId).sortBy('visitedOn'),
          referrals: await db.referrals.where('caseId').equals(caseId).sortBy('createdAt'),
          attachments:
            options.withAttachments === false
              ? []
              : await db.attachments.where('caseId').equals(caseId).sortBy('createdAt'),
          ...(invited.length ? { collaborators: invited } : {}),
        }
      },
    )
    // Blobs are read after the transaction, which they outlive.
    return { ...read, attachments: await attachmentsToRows(read.attachments) }
  } catch (error) {
    throw toStorageError(error)
  }
}
