/**
 * Why the host will not open a backup without the 恢复密钥 (electron/main/backup/backupFile.ts). The page
 * decides by the code, never by the words (src/shared/ipc/backup.ts BACKUP_RECOVERY_MESSAGES, what it shows):
 * - 'needs-recovery-key': the backup was made on another PC, or on this one before a reinstall; the
 *   恢复密钥 of the PC that made it opens it
 * - 'wrong-recovery-key': the 恢复密钥 typed does not open it
 * Over IPC the code goes beside the message as the error's `refusal`, as a signer's does (./signingRefusal.ts).
 */
export const BACKUP_REFUSAL_CODES = ['needs-recovery-key', 'wrong-recovery-key'] as const

export type BackupRefusalCode = (typeof BACKUP_REFUSAL_CODES)[number]

export function isBackupRefusalCode(value: unknown): value is BackupRefusalCode {
  return (BACKUP_REFUSAL_CODES as readonly unknown[]).includes(value)
}
