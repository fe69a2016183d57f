/**
 * Files kept with a case (evidence, signed scans, receipts): which kinds and sizes are accepted.
 */

/** Evidence is photos, scans and PDFs; anything larger is a mistake or a video. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
export const ATTACHMENT_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf']
/** The file picker's `accept` for case files. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.join(',')

/** Checks a file before it is stored; a Chinese message when it cannot be. */
export function attachmentProblem(file: { name: string; type: string; size: number }): string | undefined {
  if (file.size === 0) return `“${file.name}”是空文件`
  if (file.size > MAX_ATTACHMENT_BYTES) return `“${file.name}”有 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过 20 MB 的上限。请压缩或分页扫描后再添加。`
  if (!ATTACHMENT_TYPES.includes(file.type)) return `“${file.name}”的格式不支持。可以添加照片（JPG、PNG）或 PDF 扫描件。`
  return undefined
}
