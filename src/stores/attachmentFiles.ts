/** Reading a picked file for storing with a case, checked by its bytes (src/domain/attachments.ts). */
import { ATTACHMENT_HEADER_BYTES, attachmentProblem } from '../domain/attachments'
import type { NewAttachment } from '../db/caseRecordsRepo'
import { StorageError } from '../db/errors'

/**
 * Checks the size, declared type and leading bytes first, so a refused file (a 2 GB video, an HTML page
 * named .pdf) is never read whole; then reads it. Done before any transaction: reading a File is not Dexie.
 */
export async function readAttachmentFile(file: File): Promise<NewAttachment> {
  const head = new Uint8Array(await file.slice(0, ATTACHMENT_HEADER_BYTES).arrayBuffer())
  const problem = attachmentProblem({ name: file.name, type: file.type, size: file.size }, head)
  if (problem) throw new StorageError('constraint', problem)
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
}

/** Every file read and checked, or the first file's problem (nothing is stored then). */
export async function readAttachmentFiles(files: readonly File[]): Promise<NewAttachment[]> {
  const read: NewAttachment[] = []
  for (const file of files) read.push(await readAttachmentFile(file))
  return read
}
