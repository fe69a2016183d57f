import { z } from 'zod'

/**
 * The audit chain's anchor, kept by the main process outside the page's reach: after appends the page
 * reports the log's head `{ seq, hash }`; main appends it to a file in userData and refuses a head
 * lower than the last it recorded (unless it is exactly a backup's head: a restore). The 审计日志 page
 * reads the records back and compares them with the log (src/domain/auditAnchors.ts).
 */
const head = { seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/, '校验值格式不正确') }

export const auditHeadSchema = z.strictObject(head)

export const anchorRecordSchema = z.strictObject({
  ...head,
  at: z.string().max(40),
  kind: z.enum(['append', 'restore']),
  backup: z.string().max(80).optional(),
})

export const hostAnchorsSchema = z.strictObject({
  first: anchorRecordSchema.nullable(),
  last: anchorRecordSchema.nullable(),
  lastRestore: anchorRecordSchema.nullable(),
})

export const recordAnchorResultSchema = z.strictObject({
  status: z.enum(['recorded', 'unchanged', 'restored', 'refused']),
  /** why a head was refused, in Chinese */
  reason: z.string().max(200).optional(),
  anchors: hostAnchorsSchema,
})
export type RecordAnchorResult = z.infer<typeof recordAnchorResultSchema>

export const auditChannels = {
  'audit:anchor': { verb: 'recordAuditAnchor', request: auditHeadSchema, result: recordAnchorResultSchema },
  'audit:anchors': { verb: 'readAuditAnchors', request: z.undefined(), result: hostAnchorsSchema },
} as const
