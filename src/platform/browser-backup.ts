/**
 * The backup host for the browser (e2e tests, `npm run preview`): the same verbs as the Electron
 * `backup:*` channels, storing backups in a separate IndexedDB database. Rotation here simply keeps
 * the newest MAX_KEPT; the desktop app's rotation is src/domain/backupRotation.ts.
 */
import Dexie, { type EntityTable } from 'dexie'
import { z } from 'zod'
import { sha256Hex } from '../domain/audit'
import type {
  BackupHost,
  BackupInfo,
  BackupReason,
  Sentinel,
  WriteBackupRequest,
  WriteBackupResult,
} from '../shared/ipc/backup'

export const BROWSER_BACKUP_DB = 'mediation-room-backups'
const MAX_KEPT = 10
const SENTINEL_KEY = 'sentinel'

interface StoredBackup {
  name: string
  info: BackupInfo
  snapshot: string
  sha256: string
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

const snapshotManifestSchema = z.looseObject({
  format: z.literal('mediation-room/transfer'),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  manifest: z.looseObject({
    counts: z.record(z.string(), z.number().int().nonnegative()),
    chainHead: z.strictObject({ seq: z.number().int().nonnegative(), hash: z.string() }),
  }),
})

function readManifest(text: string): z.infer<typeof snapshotManifestSchema> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    raw = undefined
  }
  const parsed = snapshotManifestSchema.safeParse(raw)
  if (!parsed.success) throw new Error('备份内容不是完整的数据库快照，未写入')
  return parsed.data
}

export function createBrowserBackupHost(
  options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; now?: () => Date } = {},
): BackupHost {
  const db = new BackupDb(BROWSER_BACKUP_DB, options)
  const now = options.now ?? (() => new Date())

  async function verified(stored: StoredBackup): Promise<boolean> {
    return sha256Hex(stored.snapshot) === stored.sha256
  }

  return {
    async writeBackup(request: WriteBackupRequest): Promise<WriteBackupResult> {
      const snapshot = readManifest(request.snapshot)
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
      await db.backups.add({ name, info, snapshot: request.snapshot, sha256: sha256Hex(request.snapshot) })
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
      const all = await db.backups.toArray()
      const infos = await Promise.all(all.map(async (b) => ({ ...b.info, verified: await verified(b) })))
      return infos.sort((a, b) => b.name.localeCompare(a.name))
    },
    async readBackup({ name }: { name: string }): Promise<{ name: string; snapshot: string }> {
      const stored = await db.backups.get(name)
      if (!stored) throw new Error('找不到该备份文件')
      if (!(await verified(stored))) throw new Error('备份文件已损坏（校验值不符）')
      return { name, snapshot: stored.snapshot }
    },
    async readSentinel(): Promise<Sentinel | null> {
      return (await db.meta.get(SENTINEL_KEY))?.value ?? null
    },
  }
}
