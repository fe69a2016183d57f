/**
 * The backup host for the browser (e2e tests, `npm run preview`): the same verbs as the Electron
 * `backup:*` channels, storing backups in a separate IndexedDB database. Rotation here simply keeps
 * the newest MAX_KEPT; the desktop app's rotation is src/domain/backupRotation.ts.
 * Each snapshot is sealed with AES-256-GCM (WebCrypto) under a sub-key of the browser's data key, so no
 * name or ID number lies readable in the profile folder; only the listing facts (counts, times) are clear.
 */
import Dexie, { type EntityTable } from 'dexie'
import type {
  BackupHost,
  BackupInfo,
  BackupReason,
  Sentinel,
  WriteBackupRequest,
  WriteBackupResult,
} from '../shared/ipc/backup'
import { compareOrdinal } from '../domain/text'

export const BROWSER_BACKUP_DB = 'mediation-room-backups'
const MAX_KEPT = 10
const SENTINEL_KEY = 'sentinel'

interface StoredBackup {
  name: string
  info: BackupInfo
  /** 12-byte IV, then the AES-GCM ciphertext of the snapshot text with its tag */
  sealed?: Uint8Array
  /** SHA-256 of `sealed` (of `snapshot` in rows written before encryption), for the listing's check */
  sha256: string
  /** rows written before encryption; sealed on the host's first use */
  snapshot?: string
}

interface StoredMeta {
  key: string
  value: Sentinel
}

class BackupDb extends Dexie {
  backups!: EntityTable<StoredBackup, 'name'>
  meta!: EntityTable<StoredMeta, 'key'>
  constructor(name: string, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, { chromeTransactionDurability: 'strict', ...options })
    this.version(1).stores({ backups: 'name', meta: 'key' })
  }
}

const pad = (n: number) => String(n).padStart(2, '0')
function backupName(at: Date, reason: BackupReason): string {
  return `backup-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}-${reason}.mrbak`
}

const BACKUP_KEY_INFO = new TextEncoder().encode('mediation-room/browser-backup/v1')

async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The backups' own AES-GCM key: an HKDF sub-key of the data key (never the record-sealing key itself). */
async function backupKeyFrom(dataKey: Uint8Array): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', dataKey.slice(), 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: BACKUP_KEY_INFO },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

export interface BrowserBackupOptions {
  indexedDB?: IDBFactory
  IDBKeyRange?: typeof IDBKeyRange
  now?: () => Date
  /** the browser's data key (src/platform/browser-keys.ts) */
  dataKey: () => Promise<Uint8Array>
}

export function createBrowserBackupHost(options: BrowserBackupOptions): BackupHost {
  const db = new BackupDb(BROWSER_BACKUP_DB, options)
  const factory = options.indexedDB ?? globalThis.indexedDB
  const now = options.now ?? (() => new Date())
  /**
   * Whether the backup database is there: reading it opens it, and opening creates it. The start-up check of
   * a new profile reads the sentinel and the list: with no database they are none, and the first screen
   * does not wait for a database to be created. Once there (or written), it is not asked again.
   */
  let present = false
  async function stored(): Promise<boolean> {
    if (present || db.isOpen() || !factory?.databases) return true
    const names = await factory.databases().then(
      (list) => list.map((d) => d.name),
      () => [BROWSER_BACKUP_DB],
    )
    return (present = names.includes(BROWSER_BACKUP_DB))
  }
  let key: Promise<CryptoKey> | undefined
  const backupKey = () => (key ??= options.dataKey().then(backupKeyFrom))

  async function seal(name: string, snapshot: string): Promise<Uint8Array> {
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const data = new TextEncoder().encode(snapshot)
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(name) },
      await backupKey(),
      data,
    )
    const sealed = new Uint8Array(12 + cipher.byteLength)
    sealed.set(iv)
    sealed.set(new Uint8Array(cipher), 12)
    return sealed
  }

  async function unseal(name: string, sealed: Uint8Array): Promise<string> {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.slice(0, 12), additionalData: new TextEncoder().encode(name) },
        await backupKey(),
        sealed.slice(12),
      )
      return new TextDecoder().decode(plain)
    } catch {
      throw new Error('备份文件已损坏或被改动（解密校验未通过）')
    }
  }

  /** Rows from before encryption are sealed once, the first time the host is used. */
  let sealedOld: Promise<void> | undefined
  function sealOldRows(): Promise<void> {
    sealedOld ??= (async () => {
      const old = await db.backups.filter((row) => typeof row.snapshot === 'string').toArray()
      for (const row of old) {
        const sealed = await seal(row.name, row.snapshot!)
        await db.backups.put({ name: row.name, info: row.info, sealed, sha256: await sha256Of(sealed) })
      }
    })()
    return sealedOld
  }

  async function verified(stored: StoredBackup): Promise<boolean> {
    return stored.sealed !== undefined && (await sha256Of(stored.sealed)) === stored.sha256
  }

  return {
    async writeBackup(request: WriteBackupRequest): Promise<WriteBackupResult> {
      await sealOldRows()
      // the manifest's schema (zod) loads with the first backup, not with the start-up check
      const snapshot = (await import('./browser-backupManifest')).readManifest(request.snapshot)
      let at = now()
      while (await db.backups.get(backupName(at, request.reason))) at = new Date(at.getTime() + 1000)
      const name = backupName(at, request.reason)
      const info: BackupInfo = {
        name,
        createdAt: at.toISOString(),
        reason: request.reason,
        sizeBytes: new TextEncoder().encode(request.snapshot).length,
        counts: snapshot.manifest.counts,
        chainHead: snapshot.manifest.chainHead,
        appVersion: snapshot.appVersion,
        schemaVersion: snapshot.schemaVersion,
        verified: true,
      }
      const sealed = await seal(name, request.snapshot)
      await db.backups.add({ name, info, sealed, sha256: await sha256Of(sealed) })
      const reread = await db.backups.get(name)
      if (!reread || !(await verified(reread))) throw new Error('备份写入后校验失败')
      const sentinel: Sentinel = {
        counts: info.counts,
        chainHead: info.chainHead,
        lastBackupName: name,
        lastBackupAt: info.createdAt,
        schemaVersion: info.schemaVersion,
      }
      await db.meta.put({ key: SENTINEL_KEY, value: sentinel })
      const names = (await db.backups.toCollection().primaryKeys()).sort().reverse()
      const removed = names.slice(MAX_KEPT)
      await db.backups.bulkDelete(removed)
      return { backup: info, extraCopy: { status: 'none' }, removed }
    },
    async listBackups(): Promise<BackupInfo[]> {
      if (!(await stored())) return []
      await sealOldRows()
      const all = await db.backups.toArray()
      const infos = await Promise.all(all.map(async (b) => ({ ...b.info, verified: await verified(b) })))
      return infos.sort((a, b) => compareOrdinal(b.name, a.name))
    },
    async readBackup({ name }: { name: string }): Promise<{ name: string; snapshot: string }> {
      await sealOldRows()
      const stored = await db.backups.get(name)
      if (!stored) throw new Error('找不到该备份文件')
      if (!stored.sealed || !(await verified(stored))) throw new Error('备份文件已损坏（校验值不符）')
      return { name, snapshot: await unseal(name, stored.sealed) }
    },
    async openBackupFile(): Promise<{ snapshot: string }> {
      throw new Error('浏览器版不能打开 .mrbak 备份文件：请在桌面版中恢复，或选择完整导出的 .json 文件。')
    },
    async readSentinel(): Promise<Sentinel | null> {
      if (!(await stored())) return null
      return (await db.meta.get(SENTINEL_KEY))?.value ?? null
    },
  }
}
