/**
 * The `.mrbak` container: a first line `MRBAK1`, a one-line JSON header (the manifest: app and schema
 * version, counts per table, audit chain head, SHA-256 and length of the payload), a line with the
 * SHA-256 of header line + payload (so the header is covered too), then the payload: the transfer-file
 * JSON, gzip-compressed. Listing reads only the header; verifying re-hashes the
 * payload, decompresses and parses it.
 */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib'
import { z } from 'zod'
import { backupReasonSchema, type BackupReason } from '../../../src/shared/ipc/backup'
import { BackupError } from './errors'

const gzip = promisify(gzipCallback)
const gunzip = promisify(gunzipCallback)

const MAGIC = 'MRBAK1\n'
const MAX_HEADER_BYTES = 64 * 1024

const chainHeadSchema = z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().max(64) })
const countsSchema = z.record(z.string().max(40), z.number().int().nonnegative())

export const backupHeaderSchema = z.strictObject({
  format: z.literal('mediation-room/backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  reason: backupReasonSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  counts: countsSchema,
  chainHead: chainHeadSchema,
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
  payloadBytes: z.number().int().nonnegative(),
})
export type BackupHeader = z.infer<typeof backupHeaderSchema>

/** What the main process checks of the renderer's snapshot: the transfer envelope, not every record. */
const snapshotEnvelopeSchema = z.looseObject({
  format: z.literal('mediation-room/transfer'),
  formatVersion: z.literal(1),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  scope: z.literal('all'),
  manifest: z.looseObject({ counts: countsSchema, chainHead: chainHeadSchema }),
  tables: z.record(z.string(), z.array(z.unknown())),
})

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function parseSnapshot(text: string): z.infer<typeof snapshotEnvelopeSchema> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new BackupError('invalid-snapshot', '备份内容不是有效的数据，未写入')
  }
  const parsed = snapshotEnvelopeSchema.safeParse(raw)
  if (!parsed.success) throw new BackupError('invalid-snapshot', '备份内容不是完整的数据库快照，未写入')
  for (const [table, count] of Object.entries(parsed.data.manifest.counts)) {
    if ((parsed.data.tables[table]?.length ?? 0) !== count)
      throw new BackupError('invalid-snapshot', `备份内容不完整（${table}），未写入`)
  }
  return parsed.data
}

export interface EncodedBackup {
  header: BackupHeader
  bytes: Uint8Array
}

export async function encodeBackup(
  snapshotText: string,
  reason: BackupReason,
  createdAt: Date,
): Promise<EncodedBackup> {
  const snapshot = parseSnapshot(snapshotText)
  const payload = new Uint8Array(await gzip(Buffer.from(snapshotText, 'utf8')))
  const header: BackupHeader = {
    format: 'mediation-room/backup',
    formatVersion: 1,
    createdAt: createdAt.toISOString(),
    reason,
    appVersion: snapshot.appVersion,
    schemaVersion: snapshot.schemaVersion,
    counts: snapshot.manifest.counts,
    chainHead: snapshot.manifest.chainHead,
    payloadSha256: sha256Hex(payload),
    payloadBytes: payload.length,
  }
  const headerLine = Buffer.from(JSON.stringify(header), 'utf8')
  const seal = sha256Hex(Buffer.concat([headerLine, payload]))
  return { header, bytes: Buffer.concat([Buffer.from(MAGIC), headerLine, Buffer.from(`\n${seal}\n`), payload]) }
}

/** Splits the container; throws BackupError('corrupt') on anything unexpected. */
export function decodeHeader(bytes: Uint8Array): {
  header: BackupHeader
  headerLine: Uint8Array
  seal: string
  payloadOffset: number
} {
  const prefix = Buffer.from(bytes.subarray(0, Math.min(bytes.length, MAX_HEADER_BYTES)))
  if (prefix.subarray(0, MAGIC.length).toString('utf8') !== MAGIC)
    throw new BackupError('corrupt', '备份文件已损坏：文件头不正确')
  const end = prefix.indexOf(0x0a, MAGIC.length)
  if (end < 0) throw new BackupError('corrupt', '备份文件已损坏：文件头不完整')
  let raw: unknown
  try {
    raw = JSON.parse(prefix.subarray(MAGIC.length, end).toString('utf8'))
  } catch {
    throw new BackupError('corrupt', '备份文件已损坏：文件头无法读取')
  }
  const parsed = backupHeaderSchema.safeParse(raw)
  if (!parsed.success) throw new BackupError('corrupt', '备份文件已损坏：文件头内容不正确')
  const sealEnd = end + 1 + 64
  if (prefix[sealEnd] !== 0x0a) throw new BackupError('corrupt', '备份文件已损坏：校验行不完整')
  const seal = prefix.subarray(end + 1, sealEnd).toString('utf8')
  return { header: parsed.data, headerLine: prefix.subarray(MAGIC.length, end), seal, payloadOffset: sealEnd + 1 }
}

/** Checks length and hash only (fast enough for listing). */
export function checkPayload(bytes: Uint8Array): { header: BackupHeader; payload: Uint8Array } {
  const { header, headerLine, seal, payloadOffset } = decodeHeader(bytes)
  const payload = bytes.subarray(payloadOffset)
  if (payload.length !== header.payloadBytes) throw new BackupError('corrupt', '备份文件不完整（长度不符）')
  if (sha256Hex(payload) !== header.payloadSha256 || sha256Hex(Buffer.concat([headerLine, payload])) !== seal) {
    throw new BackupError('corrupt', '备份文件已损坏（校验值不符）')
  }
  return { header, payload }
}

/** Full verification: hash, decompression, parse, and the snapshot agreeing with the header. Returns the text. */
export async function verifyBackupBytes(bytes: Uint8Array): Promise<{ header: BackupHeader; snapshot: string }> {
  const { header, payload } = checkPayload(bytes)
  let snapshot: string
  try {
    snapshot = (await gunzip(payload)).toString('utf8')
  } catch {
    throw new BackupError('corrupt', '备份文件已损坏（无法解压）')
  }
  let parsed: z.infer<typeof snapshotEnvelopeSchema>
  try {
    parsed = parseSnapshot(snapshot)
  } catch {
    throw new BackupError('corrupt', '备份文件已损坏（内容无法读取）')
  }
  if (
    JSON.stringify(parsed.manifest.counts) !== JSON.stringify(header.counts) ||
    parsed.manifest.chainHead.hash !== header.chainHead.hash
  ) {
    throw new BackupError('corrupt', '备份文件内容与文件头不一致')
  }
  return { header, snapshot }
}
