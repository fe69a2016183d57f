/**
 * The `.mrbak` container: a first line `MRBAK2` (or `MRBAK1`), a one-line JSON header (the manifest: app
 * and schema version, counts per table, audit chain head, length of the payload — no personal data), a
 * line with the SHA-256 of header line + payload (listing checks it without any key), then the payload.
 * MRBAK2 (written since the vault): the transfer-file JSON, gzip-compressed, then AES-256-GCM with a
 * random file key and the magic + header line as additional data, so a changed header or payload does
 * not decrypt. The header carries the file key twice, wrapped: for this PC (a sub-key of the vault's
 * master, named by `keyId`) and for the 恢复密钥 (its scrypt parameters included), so that a backup
 * restores on a new PC. It also carries the audit keys the log's links were made with, sealed under the
 * file key: whoever opens the file (this PC, or a new one with the 恢复密钥) can verify its audit log,
 * and nobody else can. MRBAK1 (older, plain gzip) is still read.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib'
import { z } from 'zod'
import { backupReasonSchema, type BackupReason } from '../../../src/shared/ipc/backup'
import { BackupError } from './errors'
import { BACKUP_RECOVERY_MESSAGES } from '../../../src/shared/ipc/backup'
import { boxSchema, deriveKek, kdfSchema, open, seal } from '../vault/kdf'
import { normalizeRecoveryKey } from '../vault/recoveryKey'
import type { BackupKeys } from '../vault/vault'

const gzip = promisify(gzipCallback)
const gunzip = promisify(gunzipCallback)

const MAGIC_V1 = 'MRBAK1\n'
const MAGIC_V2 = 'MRBAK2\n'
const MAGIC_LENGTH = 7
const TAG_BYTES = 16
const MAX_HEADER_BYTES = 64 * 1024

const chainHeadSchema = z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().max(64) })
const countsSchema = z.record(z.string().max(40), z.number().int().nonnegative())

/** What every container version's header says (no personal data: it is read without a key, for listing). */
const headerFields = {
  format: z.literal('mediation-room/backup'),
  createdAt: z.string(),
  reason: backupReasonSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  counts: countsSchema,
  chainHead: chainHeadSchema,
}

const headerV1Schema = z.strictObject({
  ...headerFields,
  formatVersion: z.literal(1),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
  payloadBytes: z.number().int().nonnegative(),
})

const headerV2Schema = z.strictObject({
  ...headerFields,
  formatVersion: z.literal(2),
  /** names the data key of the PC that wrote it (a hash, not the key) */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  payloadBytes: z.number().int().nonnegative(),
  encryption: z.strictObject({
    cipher: z.literal('aes-256-gcm'),
    iv: z.base64(),
    /** the file key, wrapped by this PC's backup key */
    localKey: boxSchema,
    /** the file key, wrapped by the key derived from the 恢复密钥 */
    recoveryKey: z.strictObject({ kdf: kdfSchema, box: boxSchema }),
    /** the audit keys (32 bytes each, concatenated) under the file key; absent in files written before */
    auditKeys: boxSchema.optional(),
  }),
})

export const backupHeaderSchema = z.union([headerV1Schema, headerV2Schema])
export type BackupHeader = z.infer<typeof backupHeaderSchema>
type HeaderV2 = z.infer<typeof headerV2Schema>

/** How a backup is opened: this PC's keys (asked only for an encrypted file), and a typed 恢复密钥 if any. */
export interface BackupAccess {
  keys: () => Promise<BackupKeys>
  recoveryKey?: string
}

const localKeyAad = (keyId: string) => Buffer.from(`mediation-room/backup/file-key/local/${keyId}`)
const RECOVERY_KEY_AAD = Buffer.from('mediation-room/backup/file-key/recovery/v1')
const AUDIT_KEYS_AAD = Buffer.from('mediation-room/backup/audit-keys/v1')
const AUDIT_KEY_BYTES = 32

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

/** Writes MRBAK2: the snapshot gzip-compressed and encrypted under a new file key. */
export async function encodeBackup(
  snapshotText: string,
  reason: BackupReason,
  createdAt: Date,
  keys: BackupKeys,
): Promise<EncodedBackup> {
  const snapshot = parseSnapshot(snapshotText)
  const compressed = await gzip(Buffer.from(snapshotText, 'utf8'))
  const fileKey = randomBytes(32)
  const iv = randomBytes(12)
  const header: HeaderV2 = {
    format: 'mediation-room/backup',
    formatVersion: 2,
    createdAt: createdAt.toISOString(),
    reason,
    appVersion: snapshot.appVersion,
    schemaVersion: snapshot.schemaVersion,
    counts: snapshot.manifest.counts,
    chainHead: snapshot.manifest.chainHead,
    keyId: keys.keyId,
    payloadBytes: compressed.length + TAG_BYTES,
    encryption: {
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      localKey: seal(keys.localWrapKey, fileKey, localKeyAad(keys.keyId)),
      recoveryKey: { kdf: keys.recovery.kdf, box: seal(keys.recovery.kek, fileKey, RECOVERY_KEY_AAD) },
      ...(keys.auditKeys.length > 0 ? { auditKeys: seal(fileKey, Buffer.concat(keys.auditKeys), AUDIT_KEYS_AAD) } : {}),
    },
  }
  const headerLine = Buffer.from(JSON.stringify(header), 'utf8')
  const cipher = createCipheriv('aes-256-gcm', fileKey, iv)
  cipher.setAAD(Buffer.concat([Buffer.from(MAGIC_V2), headerLine]))
  const payload = Buffer.concat([cipher.update(compressed), cipher.final(), cipher.getAuthTag()])
  const sealLine = sha256Hex(Buffer.concat([headerLine, payload]))
  return { header, bytes: Buffer.concat([Buffer.from(MAGIC_V2), headerLine, Buffer.from(`\n${sealLine}\n`), payload]) }
}

/** Splits the container; throws BackupError('corrupt') on anything unexpected. */
export function decodeHeader(bytes: Uint8Array): {
  header: BackupHeader
  headerLine: Uint8Array
  sealLine: string
  payloadOffset: number
} {
  const prefix = Buffer.from(bytes.subarray(0, Math.min(bytes.length, MAX_HEADER_BYTES)))
  const magic = prefix.subarray(0, MAGIC_LENGTH).toString('utf8')
  if (magic !== MAGIC_V1 && magic !== MAGIC_V2) throw new BackupError('corrupt', '备份文件已损坏：文件头不正确')
  const end = prefix.indexOf(0x0a, MAGIC_LENGTH)
  if (end < 0) throw new BackupError('corrupt', '备份文件已损坏：文件头不完整')
  let raw: unknown
  try {
    raw = JSON.parse(prefix.subarray(MAGIC_LENGTH, end).toString('utf8'))
  } catch {
    throw new BackupError('corrupt', '备份文件已损坏：文件头无法读取')
  }
  const parsed = backupHeaderSchema.safeParse(raw)
  if (!parsed.success) throw new BackupError('corrupt', '备份文件已损坏：文件头内容不正确')
  // the magic names the version: an MRBAK1 line with a version-2 header (or the reverse) is not ours
  if (parsed.data.formatVersion !== (magic === MAGIC_V2 ? 2 : 1))
    throw new BackupError('corrupt', '备份文件已损坏：文件头不正确')
  const sealEnd = end + 1 + 64
  if (prefix[sealEnd] !== 0x0a) throw new BackupError('corrupt', '备份文件已损坏：校验行不完整')
  const sealLine = prefix.subarray(end + 1, sealEnd).toString('utf8')
  return { header: parsed.data, headerLine: prefix.subarray(MAGIC_LENGTH, end), sealLine, payloadOffset: sealEnd + 1 }
}

/** Checks length and hash only (fast enough for listing). */
export function checkPayload(bytes: Uint8Array): { header: BackupHeader; headerLine: Uint8Array; payload: Uint8Array } {
  const { header, headerLine, sealLine, payloadOffset } = decodeHeader(bytes)
  const payload = bytes.subarray(payloadOffset)
  if (payload.length !== header.payloadBytes) throw new BackupError('corrupt', '备份文件不完整（长度不符）')
  const payloadHashOk = header.formatVersion === 2 || sha256Hex(payload) === header.payloadSha256
  if (!payloadHashOk || sha256Hex(Buffer.concat([headerLine, payload])) !== sealLine) {
    throw new BackupError('corrupt', '备份文件已损坏（校验值不符）')
  }
  return { header, headerLine, payload }
}

/** The file key of an MRBAK2 backup: with this PC's key when it wrote it, else with the 恢复密钥. */
async function fileKeyOf(header: HeaderV2, access: BackupAccess): Promise<Uint8Array> {
  const keys = await access.keys()
  if (header.keyId === keys.keyId) {
    const fileKey = open(keys.localWrapKey, header.encryption.localKey, localKeyAad(header.keyId))
    if (fileKey) return fileKey
  }
  if (access.recoveryKey === undefined)
    throw new BackupError('needs-recovery-key', BACKUP_RECOVERY_MESSAGES.needsRecoveryKey)
  const canonical = normalizeRecoveryKey(access.recoveryKey)
  if (canonical === null) throw new BackupError('wrong-recovery-key', BACKUP_RECOVERY_MESSAGES.wrongRecoveryKey)
  const kek = await deriveKek(canonical, header.encryption.recoveryKey.kdf)
  const fileKey = open(kek, header.encryption.recoveryKey.box, RECOVERY_KEY_AAD)
  if (!fileKey) throw new BackupError('wrong-recovery-key', BACKUP_RECOVERY_MESSAGES.wrongRecoveryKey)
  return fileKey
}

/** The gzip bytes of an MRBAK2 payload and the audit keys it carries; a changed header or payload fails GCM's tag. */
async function decryptPayload(
  header: HeaderV2,
  headerLine: Uint8Array,
  payload: Uint8Array,
  access: BackupAccess,
): Promise<{ compressed: Buffer; auditKeys: Uint8Array[] }> {
  const fileKey = await fileKeyOf(header, access)
  let compressed: Buffer
  try {
    const decipher = createDecipheriv('aes-256-gcm', fileKey, Buffer.from(header.encryption.iv, 'base64'))
    decipher.setAAD(Buffer.concat([Buffer.from(MAGIC_V2), headerLine]))
    decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES))
    compressed = Buffer.concat([decipher.update(payload.subarray(0, payload.length - TAG_BYTES)), decipher.final()])
  } catch {
    throw new BackupError('corrupt', '备份文件已损坏或被改动（解密校验未通过）')
  }
  return { compressed, auditKeys: auditKeysOf(header, fileKey) }
}

/** The audit keys sealed in the header (none in files written before they were carried). */
function auditKeysOf(header: HeaderV2, fileKey: Uint8Array): Uint8Array[] {
  const box = header.encryption.auditKeys
  if (!box) return []
  const plain = open(fileKey, box, AUDIT_KEYS_AAD)
  if (!plain || plain.length % AUDIT_KEY_BYTES !== 0)
    throw new BackupError('corrupt', '备份文件已损坏或被改动（审计密钥校验未通过）')
  const keys: Uint8Array[] = []
  for (let at = 0; at < plain.length; at += AUDIT_KEY_BYTES)
    keys.push(new Uint8Array(plain.subarray(at, at + AUDIT_KEY_BYTES)))
  return keys
}

/** Full verification: hash, decompression, parse, and the snapshot agreeing with the header. Returns the text. */
export async function verifyBackupBytes(
  bytes: Uint8Array,
  access: BackupAccess,
): Promise<{ header: BackupHeader; snapshot: string; auditKeys: Uint8Array[] }> {
  const { header, headerLine, payload } = checkPayload(bytes)
  const opened =
    header.formatVersion === 2
      ? await decryptPayload(header, headerLine, payload, access)
      : { compressed: payload, auditKeys: [] }
  const { compressed, auditKeys } = opened
  let snapshot: string
  try {
    snapshot = (await gunzip(compressed)).toString('utf8')
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
  return { header, snapshot, auditKeys }
}
