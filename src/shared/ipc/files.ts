import { z } from 'zod'
import { isSafeFileName, MAX_FILE_NAME_LENGTH } from '../../domain/fileName'
import { sniffAttachmentType } from '../../domain/attachments'

/** Larger payloads are refused: a case file with scans stays far below this. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024

/** A bare file name that already follows the one file-name rule (src/domain/fileName.ts). */
export const fileNameSchema = z
  .string()
  .min(1, '文件名不能为空')
  .max(MAX_FILE_NAME_LENGTH, `文件名过长（最多${MAX_FILE_NAME_LENGTH}个字符）`)
  .refine(isSafeFileName, '文件名含有不允许的字符、首尾的点或空格，或是系统保留的名称')

const bytesSchema = z
  // z.custom keeps the wide Uint8Array<ArrayBufferLike> type, so views over any buffer are accepted.
  .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: '文件内容必须是字节数组' })
  .refine((bytes) => bytes.byteLength > 0, '文件内容为空')
  .refine((bytes) => bytes.byteLength <= MAX_FILE_BYTES, '文件过大')

export const fileKindSchema = z.enum(['pdf', 'json', 'backup', 'image', 'xlsx'])
export type FileKind = z.infer<typeof fileKindSchema>

/** Which MIME types each kind of file may declare. */
export const MIME_TYPES_BY_KIND = {
  pdf: ['application/pdf'],
  json: ['application/json'],
  backup: ['application/octet-stream', 'application/gzip', 'application/json'],
  image: ['image/jpeg', 'image/png'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
} as const satisfies Record<FileKind, readonly string[]>

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // "%PDF-"

export function startsWithPdfMagic(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((byte, index) => bytes[index] === byte)
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] // "PK\x03\x04": an .xlsx is a ZIP package

export function startsWithZipMagic(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte)
}

export const saveFileRequestSchema = z
  .strictObject({
    suggestedName: fileNameSchema,
    mime: z.string(),
    data: bytesSchema,
    kind: fileKindSchema,
  })
  .refine((request) => (MIME_TYPES_BY_KIND[request.kind] as readonly string[]).includes(request.mime), {
    message: '文件类型与内容类型不一致',
    path: ['mime'],
  })
  .refine((request) => request.kind !== 'pdf' || startsWithPdfMagic(request.data), {
    message: '文件内容不是PDF',
    path: ['data'],
  })
  .refine((request) => request.kind !== 'xlsx' || startsWithZipMagic(request.data), {
    message: '文件内容不是Excel工作簿',
    path: ['data'],
  })
  // An image is saved only as what its bytes are: no HTML page leaves the app named 照片.jpg.
  .refine((request) => request.kind !== 'image' || sniffAttachmentType(request.data) === request.mime, {
    message: '文件内容不是所声明的图片类型',
    path: ['data'],
  })

export const printPdfRequestSchema = z.strictObject({
  data: bytesSchema.refine(startsWithPdfMagic, '文件内容不是PDF'),
  title: fileNameSchema,
})

export const filesChannels = {
  'files:save': {
    verb: 'saveFile',
    request: saveFileRequestSchema,
    /** saved is false when the user cancelled the dialog. */
    result: z.strictObject({ saved: z.boolean(), path: z.string().optional() }),
  },
  'files:print-pdf': {
    verb: 'printPdf',
    request: printPdfRequestSchema,
    /** The PDF is opened in the system viewer, where the user prints it. */
    result: z.strictObject({ opened: z.literal(true) }),
  },
} as const
