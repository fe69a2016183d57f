/**
 * Files kept with a case (evidence, signed scans, receipts): which kinds and sizes are accepted.
 * A file's kind is decided by its first bytes, never by its name or the type it declares: an HTML page
 * named “扫描.pdf” must not reach a viewer that would run it.
 */

import { safeFileName } from './fileName'

/** Evidence is photos, scans and PDFs; anything larger is a mistake or a video. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
export type AttachmentType = 'application/pdf' | 'image/jpeg' | 'image/png'
export const ATTACHMENT_TYPES: readonly AttachmentType[] = ['image/jpeg', 'image/png', 'application/pdf']
/** The file picker's `accept` for case files. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.join(',')

/** The leading bytes that identify each accepted kind. */
const SIGNATURES: readonly { type: AttachmentType; magic: readonly number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
]
/** How many leading bytes `sniffAttachmentType` needs at most. */
export const ATTACHMENT_HEADER_BYTES = Math.max(...SIGNATURES.map((s) => s.magic.length))

/** The kind a file's bytes show it to be; undefined for anything that is not a PDF, JPEG or PNG. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  return SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b))?.type
}

const KIND_NAMES: Record<AttachmentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG 照片',
  'image/png': 'PNG 图片',
}

/** A file over the limit: the message; undefined when its size is allowed. */
export function attachmentSizeProblem(name: string, size: number): string | undefined {
  return size > MAX_ATTACHMENT_BYTES
    ? `“${name}”有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。`
    : undefined
}

/**
 * Checks a file before it is stored or imported; a Chinese message when it cannot be. `bytes` is the
 * file's content (its first ATTACHMENT_HEADER_BYTES suffice); the declared `type` must agree with it.
 */
export function attachmentProblem(
  file: { name: string; type: string; size: number },
  bytes: Uint8Array,
): string | undefined {
  if (file.size === 0) return `“${file.name}”是空文件`
  const tooLarge = attachmentSizeProblem(file.name, file.size)
  if (tooLarge) return tooLarge
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type))
    return `“${file.name}”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。`
  const actual = sniffAttachmentType(bytes)
  if (!actual) return `“${file.name}”的内容不是照片（JPG、PNG）或 PDF，可能是改了扩展名的其他文件，不能添加。`
  if (actual !== file.type)
    return `“${file.name}”的内容是${KIND_NAMES[actual]}，与文件类型不符，不能添加。请改正扩展名后再试。`
  return undefined
}

const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
}

/**
 * The name a stored file is saved under on the computer: its own name, made safe, ending in the extension
 * its bytes call for (a JPEG stored as “合同.pdf” is saved as “合同.pdf.jpg”, so no viewer mistakes it).
 */
export function savedAttachmentName(name: string, type: AttachmentType): string {
  const safe = safeFileName(name)
  const extensions = EXTENSIONS[type]
  if (extensions.some((ext) => safe.toLowerCase().endsWith(ext))) return safe
  // safeFileName shortens the stem, never the extension, when the name is too long.
  return safeFileName(`${safe}${extensions[0]}`)
}

const notTaken = (problem: string | undefined): string | undefined => problem && `服务器上的附件未取回：${problem}`

/**
 * Checks a file taken from the committee's server (src/db/sync), after it was decrypted: the rules above,
 * and the size its description gives. A Chinese message when it is not taken in.
 */
export function receivedAttachmentProblem(
  meta: { name: string; mime: string; size: number },
  bytes: Uint8Array,
): string | undefined {
  return notTaken(
    attachmentProblem({ name: meta.name, type: meta.mime, size: bytes.length }, bytes) ??
      (bytes.length === meta.size ? undefined : `“${meta.name}”的大小与记录不符，文件可能不完整。`),
  )
}

/** A file on the server too large to take in, known before it is fetched (the server says its length). */
export function receivedAttachmentTooLarge(name: string, size: number): string | undefined {
  return notTaken(attachmentSizeProblem(name, size))
}
