/** The one error type of transfer files (导出/导入/备份): `message` is Simplified Chinese, for the user; `code` is for code. */
export type TransferErrorCode =
  | 'too-large'
  | 'not-json'
  | 'not-transfer-file'
  | 'newer-version'
  | 'unsafe-content'
  | 'invalid-record'
  | 'checksum-mismatch'
  | 'wrong-passphrase'
  | 'needs-passphrase'
  | 'wrong-scope'
  | 'write-failed'

export class TransferError extends Error {
  override readonly name = 'TransferError'
  constructor(
    readonly code: TransferErrorCode,
    message: string,
  ) {
    super(message)
  }
}
