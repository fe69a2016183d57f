/** Errors of the backup module; `message` is Simplified Chinese, shown to the user as is. */
export type BackupErrorCode =
  | 'disk-full'
  | 'invalid-snapshot'
  | 'verify-failed'
  | 'not-found'
  | 'corrupt'
  /** the user answered 取消 in main's dialog */
  | 'declined'
  /** an encrypted backup from another PC (or this one before a reinstall): its 恢复密钥 opens it */
  | 'needs-recovery-key'
  | 'wrong-recovery-key'
  /** the vault is still locked: nothing can be encrypted or decrypted */
  | 'locked'

export class BackupError extends Error {
  override readonly name = 'BackupError'
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message)
  }
}
