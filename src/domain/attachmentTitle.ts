/**
 * What a stored file is called in the case file's contents: its kind, its place among the files of that
 * kind and its name without the extension (证据（1）：现场照片), never a bare file name such as
 * "evidence-photo.png" that says nothing of what the paper is.
 */
import { ATTACHMENT_KIND_LABELS } from './labels'
import type { AttachmentKind } from './types'

/** An extension this long or shorter (.png, .jpeg, .pdf) is dropped from the title. */
const MAX_EXTENSION_LENGTH = 5

function withoutExtension(name: string): string {
  const trimmed = name.trim()
  const dot = trimmed.lastIndexOf('.')
  return dot > 0 && trimmed.length - dot - 1 <= MAX_EXTENSION_LENGTH ? trimmed.slice(0, dot) : trimmed
}

/** `ordinal` counts from 1 among the case's files of the same kind. */
export function attachmentTitle(kind: AttachmentKind, ordinal: number, name: string): string {
  const stem = withoutExtension(name)
  const label = `${ATTACHMENT_KIND_LABELS[kind]}（${ordinal}）`
  return stem === '' ? label : `${label}：${stem}`
}
