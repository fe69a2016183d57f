/**
 * An incoming attachment's bytes, decoded and checked: against its declared size and digest (a damaged
 * file), and by the same rule as adding a file in the app (src/domain/attachments.ts): at most 20 MB,
 * a PDF, JPEG or PNG by its bytes, and of the type it declares. A file is never trusted about what it holds.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { attachmentProblem, sniffAttachmentType } from '../../domain/attachments'
import { base64ToBytes } from './base64'
import { blobOfBytes } from '../blobBytes'
import { TransferError } from '../../domain/transferError'
import type { TransferRow } from './recordSchemas'

/** Stored, never shown: the viewer decides by the bytes too and refuses anything but PDF, JPEG and PNG. */
export const INERT_ATTACHMENT_TYPE = 'application/octet-stream'

/**
 * The attachment's content as a Blob typed by its bytes; throws TransferError (Chinese) for a damaged or,
 * on import, a refused one. A restore (`keepUnsupported`) brings back this PC's own files as they were:
 * older versions typed files by their extension and accepted GIF and WebP, so a supported file is re-typed
 * by its bytes and anything else is kept inert instead of refusing the whole backup (nothing may be lost).
 */
export function decodeAttachmentRow(
  row: TransferRow<'attachments'>,
  options: { keepUnsupported?: boolean } = {},
): Blob {
  const bytes = base64ToBytes(row.dataBase64)
  if (bytes.length !== row.size) {
    throw new TransferError('checksum-mismatch', `附件“${row.name}”的大小与内容不符，文件可能已损坏`)
  }
  // On import the app's own rule is checked before the digest: a refused file (37 MB, an HTML page) is
  // refused either way, and hashing tens of MB in script only to refuse them took seconds.
  const type = options.keepUnsupported ? undefined : importableType(row, bytes)
  if (row.sha256 !== undefined && bytesToHex(sha256(bytes)) !== row.sha256.toLowerCase()) {
    throw new TransferError('checksum-mismatch', `附件“${row.name}”的内容与校验值不符，文件可能已损坏`)
  }
  return blobOfBytes(bytes, type ?? sniffAttachmentType(bytes) ?? INERT_ATTACHMENT_TYPE)
}

/** The type an imported attachment is stored with; throws TransferError when the app would refuse the file. */
function importableType(row: TransferRow<'attachments'>, bytes: Uint8Array): string {
  const problem = attachmentProblem({ name: row.name, type: row.mime, size: bytes.length }, bytes)
  const type = sniffAttachmentType(bytes)
  if (problem || !type)
    throw new TransferError('invalid-record', `附件不能导入，整个文件未导入：${problem ?? `“${row.name}”的格式不支持`}`)
  return type
}
