/**
 * The transfer file (README.md in this folder): one versioned JSON document used for exports between
 * offices, backups and restores. This module builds its envelope and validates a parsed file completely
 * before anything may touch the database.
 */
import { z } from 'zod'
import { sha256Hex } from '../../domain/audit'
import { canonicalJson } from '../../domain/canonical'
import { CURRENT_SCHEMA_VERSION } from '../schema'
import { TransferError } from '../../domain/transferError'
import { TABLE_NAMES_ZH } from '../../domain/transferTables'
import { TRANSFER_FORMAT, type TransferSignatureBlock } from '../../domain/transferSignature'
import {
  FILE_RECORD_SCHEMAS,
  hasLegacyCaseKeys,
  LIMITS,
  TRANSFER_TABLES,
  withoutLegacyCaseKeys,
  type TransferTable,
  type TransferTables,
} from './recordSchemas'

export { TRANSFER_FORMAT }
export const TRANSFER_FORMAT_VERSION = 1
/** Refused before parsing: JSON.parse of more than this would exhaust a renderer's memory. */
export const MAX_TRANSFER_CHARS = 512 * 1024 * 1024
const MAX_NESTING = 64

export type TransferScope = 'all' | 'cases'
export type TableCounts = Record<TransferTable, number>

export interface TransferManifest {
  counts: TableCounts
  /** SHA-256 (hex) of canonicalJson(tables) */
  payloadSha256: string
  /** the audit chain head when the file was made: how many entries, and the last hash */
  chainHead: { seq: number; hash: string }
}

export interface TransferFile {
  format: typeof TRANSFER_FORMAT
  formatVersion: typeof TRANSFER_FORMAT_VERSION
  schemaVersion: number
  appVersion: string
  createdAt: string
  scope: TransferScope
  masked: boolean
  manifest: TransferManifest
  /** the committee key's signature over the whole header (signature.ts); backups carry none */
  signature?: TransferSignatureBlock
  tables: TransferTables
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '应为64位十六进制摘要')
const count = z.number().int().nonnegative()

const tablesSchema = z.strictObject(
  Object.fromEntries(TRANSFER_TABLES.map((table) => [table, z.array(FILE_RECORD_SCHEMAS[table]).optional()])) as {
    [T in TransferTable]: z.ZodOptional<z.ZodArray<(typeof FILE_RECORD_SCHEMAS)[T]>>
  },
)

export const transferFileSchema = z.strictObject({
  format: z.literal(TRANSFER_FORMAT),
  formatVersion: z.literal(TRANSFER_FORMAT_VERSION),
  schemaVersion: z.number().int().positive(),
  appVersion: z.string().max(40),
  createdAt: z.string().max(40),
  scope: z.enum(['all', 'cases']),
  masked: z.boolean(),
  manifest: z.strictObject({
    counts: z.strictObject(Object.fromEntries(TRANSFER_TABLES.map((table) => [table, count.optional()]))),
    payloadSha256: hex64,
    chainHead: z.strictObject({ seq: count, hash: hex64 }),
  }),
  signature: z
    .strictObject({
      keyId: z.string().regex(/^[0-9a-f]{16}$/, '密钥编号格式不正确'),
      publicKeyBase64: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '公钥格式不正确'),
      committeeId: z.string().min(1).max(100),
      committeeName: z.string().min(1).max(200),
      value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, '签名格式不正确'),
    })
    .optional(),
  tables: tablesSchema,
})

export function emptyTables(): TransferTables {
  return Object.fromEntries(TRANSFER_TABLES.map((table) => [table, []])) as unknown as TransferTables
}

export function countTables(tables: TransferTables): TableCounts {
  return Object.fromEntries(TRANSFER_TABLES.map((table) => [table, tables[table].length])) as TableCounts
}

export function payloadHash(tables: TransferTables): string {
  return sha256Hex(canonicalJson(tables))
}

export interface EnvelopeInput {
  appVersion: string
  scope: TransferScope
  masked: boolean
  chainHead: { seq: number; hash: string }
  tables: TransferTables
  now?: Date
}

export function buildTransferFile(input: EnvelopeInput): TransferFile {
  return {
    format: TRANSFER_FORMAT,
    formatVersion: TRANSFER_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    appVersion: input.appVersion,
    createdAt: (input.now ?? new Date()).toISOString(),
    scope: input.scope,
    masked: input.masked,
    manifest: {
      counts: countTables(input.tables),
      payloadSha256: payloadHash(input.tables),
      chainHead: input.chainHead,
    },
    tables: input.tables,
  }
}

/**
 * Parses and validates a transfer file's text. Throws TransferError with a Chinese message naming
 * the first problem; returns only a file whose every record passed its schema and whose checksum holds.
 */
export function parseTransferText(text: string): TransferFile {
  if (text.length > MAX_TRANSFER_CHARS) throw new TransferError('too-large', '文件过大，无法导入（超过512MB）')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new TransferError('not-json', '文件已损坏或不完整：不是有效的JSON数据')
  }
  return validateTransferObject(raw)
}

export function validateTransferObject(raw: unknown): TransferFile {
  assertSafeShape(raw)
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    !('format' in raw) ||
    raw.format !== TRANSFER_FORMAT
  ) {
    throw new TransferError('not-transfer-file', '这不是调解室的导出或备份文件')
  }
  const header = raw as { formatVersion?: unknown; schemaVersion?: unknown }
  if (typeof header.formatVersion === 'number' && header.formatVersion > TRANSFER_FORMAT_VERSION) {
    throw new TransferError('newer-version', `文件格式版本为 ${header.formatVersion}，比本软件新，请先升级调解室`)
  }
  if (header.formatVersion !== TRANSFER_FORMAT_VERSION) {
    throw new TransferError('not-transfer-file', '文件格式版本无法识别')
  }
  if (typeof header.schemaVersion === 'number' && header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new TransferError('newer-version', `文件来自较新版本的调解室（数据版本 ${header.schemaVersion}），请先升级`)
  }

  const parsed = transferFileSchema.safeParse(raw, { error: z.locales.zhCN().localeError })
  if (!parsed.success) throw new TransferError('invalid-record', describeIssue(parsed.error.issues[0]))

  const tables = emptyTables()
  for (const table of TRANSFER_TABLES) {
    const rows = parsed.data.tables[table]
    if (rows) (tables[table] as unknown[]) = rows
  }
  const file: TransferFile = {
    ...parsed.data,
    manifest: { ...parsed.data.manifest, counts: countTables(tables) },
    tables,
  }
  assertConsistent(parsed.data.manifest.counts, file)
  return withoutLegacyKeys(file)
}

/**
 * Drops the search keys older versions wrote into case rows, once the file's checksum (which covers
 * them) has been checked; the checksum is then taken again so that the file stays consistent in itself.
 */
function withoutLegacyKeys(file: TransferFile): TransferFile {
  if (!file.tables.cases.some(hasLegacyCaseKeys)) return file
  const cases = file.tables.cases.map(withoutLegacyCaseKeys)
  const tables = { ...file.tables, cases }
  return { ...file, manifest: { ...file.manifest, payloadSha256: payloadHash(tables) }, tables }
}

function assertConsistent(declaredCounts: Partial<Record<string, number>>, file: TransferFile): void {
  for (const table of TRANSFER_TABLES) {
    const declared = declaredCounts[table] ?? 0
    if (declared !== file.tables[table].length) {
      throw new TransferError(
        'checksum-mismatch',
        `文件不完整：${TABLE_NAMES_ZH[table]}应有 ${declared} 条，实际 ${file.tables[table].length} 条`,
      )
    }
    const ids = new Set<string>()
    for (const row of file.tables[table]) {
      const key = 'id' in row ? row.id : row.key
      if (ids.has(key)) throw new TransferError('invalid-record', `${TABLE_NAMES_ZH[table]}中有重复的编号：${key}`)
      ids.add(key)
    }
  }
  if (payloadHash(file.tables) !== file.manifest.payloadSha256) {
    throw new TransferError('checksum-mismatch', '文件内容与校验值不符，文件可能已损坏或被改动')
  }
}

/** Keys that would reach Object.prototype if some later code copied members with assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Iterative, so a deeply nested hostile file cannot overflow the stack. */
function assertSafeShape(root: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }]
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (depth > MAX_NESTING) throw new TransferError('unsafe-content', '文件结构嵌套过深，已拒绝')
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new TransferError('unsafe-content', `文件含有不安全的字段名“${key}”，已拒绝`)
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 })
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '文件内容不符合格式'
  const [first, table, index, ...rest] = issue.path
  if (first === 'tables' && typeof table === 'string' && typeof index === 'number' && table in TABLE_NAMES_ZH) {
    const where = `${TABLE_NAMES_ZH[table as TransferTable]}第 ${index + 1} 条记录`
    const field = rest.length > 0 ? `的“${rest.join('.')}”` : ''
    return `${where}${field}有误：${issue.message}`
  }
  const at = issue.path.length > 0 ? `“${issue.path.join('.')}”` : '文件'
  return `${at}有误：${issue.message}`
}

export { LIMITS }
