import type { Attachment } from '../domain/types'
import { appendAudit } from './audit'
import { toStorageError } from './errors'
import type { MediationDb } from './schema'

/** Logs that a stored file was saved out of the app (personal data leaving it), before its bytes are handed over. */
export async function logAttachmentSaved(
  db: MediationDb,
  attachment: Pick<Attachment, 'id' | 'caseId'>,
  actor: string,
  now = new Date(),
): Promise<void> {
  try {
    await db.transaction('rw', [db.audit], () =>
      appendAudit(
        db,
        {
          actor,
          action: 'export',
          entity: 'attachment',
          entityId: attachment.id,
          caseId: attachment.caseId,
          fields: ['data'],
        },
        now,
      ),
    )
  } catch (error) {
    throw toStorageError(error)
  }
}
