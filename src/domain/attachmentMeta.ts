/**
 * A stored file's description apart from its bytes: what its server document carries (the bytes travel
 * beside it, sealed on their own), and what sync compares to tell whether a file changed.
 */
import { canonicalJson } from './canonical'
import type { AttachmentMeta } from './syncFields'
import type { Attachment } from './types'

/** The file's description: every field but its bytes. */
export function attachmentMeta({ data: _data, ...meta }: Attachment): AttachmentMeta {
  return meta
}

/**
 * Whether two files are described alike (name, kind, type, size, digest, dates…), bytes aside, whatever
 * the order of their fields: a file from the server described as this PC's needs no download, and one
 * described anew here since it was sent is not yet what the server holds.
 */
export function sameAttachmentMeta(a: AttachmentMeta, b: AttachmentMeta): boolean {
  return canonicalJson(a) === canonicalJson(b)
}
