import type { BackupRefusalCode } from '../../../src/domain/backupRefusal'

/** Errors of the backup module; `message` is Simplified Chinese, shown to the user as is. */
export type BackupErrorCode =
  | 'disk-full'
  | 'invalid-snapshot'
  | 'verify-failed'
  | 'not-found'
  | 'corrupt'
  /** the user answered 取消 in main's dialog */
  | 'declined'
  /** an encrypted backup from another PC (or this one before a reinstall), or a wrong 恢复密钥: passed to the page */
  | BackupRefusalCode
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
