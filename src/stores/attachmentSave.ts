import type { Attachment } from '../domain/types'
import { ATTACHMENT_HEADER_BYTES, savedAttachmentName, sniffAttachmentType } from '../domain/attachments'
import { getDatabase } from '../db/connection'
import { logAttachmentSaved } from '../db/attachmentExport'
import { platform, PlatformError } from '../platform'
import { currentActor } from './actor'

/**
 * 保存到本机: a stored file saved where the user chooses, as what its bytes are (PDF, JPEG or PNG; an
 * imported file of any other kind is refused). The save is logged first: evidence with personal data leaves the app.
 * Resolves to false when the user cancelled the dialog.
 */
export async function saveAttachmentToComputer(attachment: Attachment): Promise<boolean> {
  const data = new Uint8Array(await attachment.data.arrayBuffer())
  const type = sniffAttachmentType(data.subarray(0, ATTACHMENT_HEADER_BYTES))
  if (!type) throw new PlatformError(`“${attachment.name}”不是PDF或照片，不能保存到本机。`)
  const { db } = await getDatabase()
  await logAttachmentSaved(db, attachment, currentActor())
  return platform().saveFile({
    suggestedName: savedAttachmentName(attachment.name, type),
    mime: type,
    data,
    kind: type === 'application/pdf' ? 'pdf' : 'image',
  })
}
