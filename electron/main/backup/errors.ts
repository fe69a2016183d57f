/** Errors of the backup module; `message` is Simplified Chinese, shown to the user as is. */
export type BackupErrorCode =
  | 'disk-full'
  | 'invalid-snapshot'
  | 'verify-failed'
  | 'not-found'
  | 'corrupt'
  /** the user answered 取消 in main's dialog */
  | 'declined'

export class BackupError extends Error {
  override readonly name = 'BackupError'
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message)
  }
}
