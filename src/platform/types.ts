import type { SignResult, SignTransferResult, VerifyRequest, VerifyResult } from '../shared/ipc/signing'
import type { FinalisedAgreementContent } from '../domain/agreementSigning'
import type { BackupHost, BackupReason, BackupSettings } from '../shared/ipc/backup'
import type { StoreKeys } from '../shared/storeKeys'
import type { FileKind } from '../shared/ipc/files'
import type { HeadAnchor, HostAnchors } from '../domain/auditAnchors'
import type { RecordAnchorResult } from '../shared/ipc/audit'
import type { VaultUnlockRequest } from '../shared/ipc/vault'

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
  kind: FileKind
}

export interface Platform {
  readonly kind: 'electron' | 'browser'
  info(): Promise<HostInfo>
  /** false when the user cancelled */
  saveFile(request: SaveFileRequest): Promise<boolean>
  /** opens the PDF where the system print dialog is one click away */
  printPdf(data: Uint8Array, title: string): Promise<void>
  /**
   * signs a finalised agreement's canonical content with the committee's key, which only the host holds;
   * the host hashes it, and signs a (case number, version) once (its signing ledger)
   */
  signAgreement(content: FinalisedAgreementContent): Promise<SignResult>
  /** the highest version the host's signing ledger holds for a case number, 0 when none */
  highestSignedVersion(caseNo: string): Promise<number>
  /** whether this committee's key signed this hash for this case number and version, per the ledger */
  verifyAgreementSignature(request: VerifyRequest): Promise<VerifyResult>
  /** the committee key's id and raw public key (base64), named in signed transfer files */
  signingPublicKey(): Promise<{ keyId: string; publicKeyBase64: string }>
  /** signs a transfer file's header text (src/domain/transferSignature.ts) */
  signTransferHeader(headerText: string): Promise<SignTransferResult>
  /** the keys that seal the local store and key its audit chain (src/shared/storeKeys.ts); rejects while locked */
  storeKeys(): Promise<StoreKeys>
  /** where those keys are kept: the passphrase and the 恢复密钥 */
  readonly vault: PlatformVault
  /** verified, rotated backup files kept by the host (outside IndexedDB) */
  readonly backups: PlatformBackups
  /** the audit chain heads the host records outside the page's reach (src/shared/ipc/audit.ts) */
  readonly auditAnchors: PlatformAuditAnchors
  /**
   * the host asks the page, before its window closes, to write what its autosaves still hold; `flush`
   * runs and the host is answered once it has settled. Returns the unsubscribe function.
   */
  onFlushRequest(flush: () => Promise<void>): () => void
  /** the committee's sync server (设置 → 同步) and the credentials every request to it carries */
  readonly sync: PlatformSync
}

/** 设置 → 同步 as saved: where the committee's CouchDB server is and who this PC signs in as. */
export interface SyncServerSettings {
  url: string
  database: string
  user: string
}

/** What every request to the server uses. */
export interface SyncRemote {
  /** the database's URL, no trailing slash */
  url: string
  authorization?: string
}

export interface PlatformSync {
  readServer(): Promise<SyncServerSettings | undefined>
  /** the password goes where page script cannot read it back (Electron: safeStorage in main) */
  saveServer(settings: SyncServerSettings & { password: string }): Promise<void>
  forgetServer(): Promise<void>
  /** what every request uses; in Electron `authorization` is absent because main adds the header itself */
  remote(): Promise<SyncRemote | undefined>
}

export interface PlatformAuditAnchors {
  /** reports the log's head; the host refuses one lower than it recorded (unless it is a backup's head) */
  record(head: HeadAnchor): Promise<RecordAnchorResult>
  read(): Promise<HostAnchors>
}

/** The keys, or what the user must do before there are any. */
export type VaultOpening =
  | { status: 'ready'; keys: StoreKeys }
  | { status: 'needs-setup-passphrase' }
  | { status: 'needs-passphrase' }
  | { status: 'needs-recovery-key'; newPassphraseRequired: boolean }

export interface PlatformVault {
  /**
   * true on the desktop (keys under the OS key store or a passphrase, with a 恢复密钥); false in the
   * browser preview, whose keys sit in the profile next to the data and which has no 恢复密钥
   */
  readonly protectsKeys: boolean
  open(): Promise<VaultOpening>
  /** first start without a key store */
  setPassphrase(passphrase: string): Promise<VaultOpening>
  unlock(request: VaultUnlockRequest): Promise<VaultOpening>
  /** the 恢复密钥 (`ABCD-EFGH-…`) until the user confirms they wrote it down; always null in the browser */
  recoveryKey(): Promise<string | null>
  confirmRecoveryKey(): Promise<void>
}

/** The backup verbs: write/list/read/sentinel of the IPC contract plus the extra folder and snapshot requests. */
export interface PlatformBackups extends BackupHost {
  /** false in the browser: there is no folder to choose, backups live in a second IndexedDB database */
  readonly canChooseFolder: boolean
  /** opens a folder dialog for a second copy (a USB stick) */
  chooseFolder(): Promise<BackupSettings>
  settings(): Promise<BackupSettings>
  /** the host asks for a snapshot (on quit, every 15 minutes); returns the unsubscribe function */
  onSnapshotRequest(listener: (reason: BackupReason) => void): () => void
}

export { PlatformError } from '../shared/hostError'
