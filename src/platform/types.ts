import type { SignResult, VerifyRequest } from '../shared/ipc/signing'

/**
 * What the renderer asks of its host. One interface, two implementations: Electron (over the
 * preload API) and the browser (for end-to-end tests and `npm run preview`). Components reach it
 * through stores, never directly.
 */
export interface HostInfo {
  kind: 'electron' | 'browser'
  name: string
  version: string
  /** where the data lives, in words for the 设置 page */
  dataLocation: string
}

export interface SaveFileRequest {
  suggestedName: string
  mime: string
  data: Uint8Array
  kind: 'pdf' | 'json' | 'backup'
}

export interface Platform {
  readonly kind: 'electron' | 'browser'
  info(): Promise<HostInfo>
  /** false when the user cancelled */
  saveFile(request: SaveFileRequest): Promise<boolean>
  /** opens the PDF where the system print dialog is one click away */
  printPdf(data: Uint8Array, title: string): Promise<void>
  /** signs the SHA-256 of a finalised agreement with the committee's key, which only the host holds */
  signAgreementHash(hashHex: string): Promise<SignResult>
  /** whether a signature was made by this committee's key over this hash */
  verifyAgreementSignature(request: VerifyRequest): Promise<boolean>
}

/** A host request that failed; the message is Chinese and ready to show. */
export class PlatformError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PlatformError'
  }
}
