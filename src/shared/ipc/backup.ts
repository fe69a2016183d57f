import { z } from 'zod'
import { BACKUP_REASONS } from '../../domain/backupSchedule'

/**
 * Backups written by the main process. The renderer (where IndexedDB lives) produces the snapshot text
 * (a transfer file, src/db/transfer) and sends it with `backup:write`; the main process compresses,
 * writes atomically, verifies, rotates and updates the sentinel.
 * Main -> renderer: on quit and every 15 minutes the main process sends BACKUP_SNAPSHOT_REQUEST
 * `{ reason }`; the renderer answers by calling `backup:write` (or not, when nothing changed).
 */
export { BACKUP_REASONS, type BackupReason } from '../../domain/backupSchedule'
export const backupReasonSchema = z.enum(BACKUP_REASONS)

/** `backup-20261122-083000-manual.mrbak`: local time, the reason. Nothing else is ever read or written. */
export const BACKUP_NAME_PATTERN =
  /^backup-(\d{8})-(\d{6})-(interval|case-closed|pre-upgrade|pre-restore|quit|manual)\.mrbak$/
export const backupNameSchema = z.string().max(80).regex(BACKUP_NAME_PATTERN, '备份文件名无效')

/** The channel the main process uses to ask the renderer for a snapshot. */
export const BACKUP_SNAPSHOT_REQUEST = 'backup:snapshot-request'
/** How long the main process waits for the last snapshot on quit. */
export const QUIT_SNAPSHOT_TIMEOUT_MS = 8_000

const countsSchema = z.record(z.string().max(40), z.number().int().nonnegative())
const chainHeadSchema = z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string().max(64) })

export const backupInfoSchema = z.strictObject({
  name: z.string(),
  createdAt: z.string(),
  reason: backupReasonSchema,
  sizeBytes: z.number().int().nonnegative(),
  counts: countsSchema,
  chainHead: chainHeadSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  /** the payload re-hashed to the value in its header */
  verified: z.boolean(),
})
export type BackupInfo = z.infer<typeof backupInfoSchema>

/** 512 MB of snapshot text at most (the transfer format's own limit). */
export const MAX_SNAPSHOT_CHARS = 512 * 1024 * 1024

export const writeBackupRequestSchema = z.strictObject({
  reason: backupReasonSchema,
  /** the transfer file's JSON text */
  snapshot: z.string().min(2).max(MAX_SNAPSHOT_CHARS),
})
export type WriteBackupRequest = z.infer<typeof writeBackupRequestSchema>

export const writeBackupResultSchema = z.strictObject({
  backup: backupInfoSchema,
  /** the extra folder (USB stick) copy: written, not configured, or failed with a message */
  extraCopy: z.discriminatedUnion('status', [
    z.strictObject({ status: z.literal('written'), path: z.string() }),
    z.strictObject({ status: z.literal('none') }),
    z.strictObject({ status: z.literal('failed'), message: z.string() }),
  ]),
  /** names removed by rotation */
  removed: z.array(z.string()),
})
export type WriteBackupResult = z.infer<typeof writeBackupResultSchema>

export const sentinelSchema = z.strictObject({
  counts: countsSchema,
  chainHead: chainHeadSchema,
  lastBackupName: z.string(),
  lastBackupAt: z.string(),
  schemaVersion: z.number().int(),
})
export type Sentinel = z.infer<typeof sentinelSchema>

export const backupSettingsSchema = z.strictObject({
  /** a second folder (e.g. a USB stick) that receives a copy of every backup */
  extraFolder: z.string().max(1000).nullable(),
})
export type BackupSettings = z.infer<typeof backupSettingsSchema>

/**
 * What the main process says when a backup needs the 恢复密钥, beside the code the page decides by
 * (src/domain/backupRefusal.ts): the words are only shown, never compared.
 */
export const BACKUP_RECOVERY_MESSAGES = {
  needsRecoveryKey: '这份备份是在另一台电脑上（或重装系统前）做的，需要输入当时的恢复密钥才能打开。',
  wrongRecoveryKey: '恢复密钥与这份备份不符，请核对后重新输入。',
} as const

export const backupChannels = {
  'backup:write': { verb: 'writeBackup', request: writeBackupRequestSchema, result: writeBackupResultSchema },
  'backup:list': { verb: 'listBackups', request: z.undefined(), result: z.array(backupInfoSchema) },
  'backup:read': {
    verb: 'readBackup',
    request: z.strictObject({
      name: backupNameSchema,
      /** only for a backup made by another PC: the 恢复密钥 of that PC, as typed */
      recoveryKey: z.string().min(1).max(120).optional(),
    }),
    /** the snapshot text, after its checksum was verified */
    result: z.strictObject({ name: z.string(), snapshot: z.string() }),
  },
  'backup:open-file': {
    verb: 'openBackupFile',
    /** a `.mrbak` the user chose (e.g. on a USB stick from another PC), read in the page and sent as bytes */
    request: z.strictObject({
      data: z
        .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: '文件内容必须是字节数组' })
        .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_SNAPSHOT_CHARS, '备份文件为空或过大'),
      recoveryKey: z.string().min(1).max(120).optional(),
    }),
    /** the snapshot text, after the file was decrypted and verified */
    result: z.strictObject({ snapshot: z.string() }),
  },
  'backup:sentinel': { verb: 'readSentinel', request: z.undefined(), result: sentinelSchema.nullable() },
  'backup:choose-extra-folder': {
    verb: 'chooseBackupFolder',
    request: z.undefined(),
    /** opens a folder dialog; the settings as they stand after it (unchanged when the user cancelled) */
    result: backupSettingsSchema,
  },
  'backup:settings': { verb: 'getBackupSettings', request: z.undefined(), result: backupSettingsSchema },
} as const

/** Main -> renderer: "send me a snapshot" (the renderer answers with backup:write). */
export const backupEvents = {
  [BACKUP_SNAPSHOT_REQUEST]: {
    verb: 'onBackupSnapshotRequest',
    payload: z.strictObject({ reason: backupReasonSchema }),
  },
} as const

/** What the renderer asks of whichever host it runs in (Electron over IPC, or the browser fallback). */
export interface BackupHost {
  writeBackup(request: WriteBackupRequest): Promise<WriteBackupResult>
  listBackups(): Promise<BackupInfo[]>
  readBackup(request: { name: string; recoveryKey?: string }): Promise<{ name: string; snapshot: string }>
  /** a `.mrbak` file's snapshot text (the desktop app only) */
  openBackupFile(request: { data: Uint8Array; recoveryKey?: string }): Promise<{ snapshot: string }>
  readSentinel(): Promise<Sentinel | null>
}
