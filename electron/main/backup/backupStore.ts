/**
 * The backup folder: write (free-space check, atomic write, verification, sentinel, extra copy,
 * rotation of both folders), list and read. Plain Node, so it is tested with a temp dir and no Electron.
 * A page sends the snapshots, so nothing it sends may erase the safety net: the sentinel's case count
 * drops, and the high-water backup (src/domain/backupRotation.ts) becomes rotatable, only when the user
 * confirms it in main's own dialog (`confirmCaseDrop`).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  BACKUP_NAME_PATTERN,
  type BackupInfo,
  type BackupReason,
  type Sentinel,
  type WriteBackupResult,
} from '../../../src/shared/ipc/backup'
import { atomicWrite, removeStaleTemps, type AtomicWriteOptions } from './atomicWrite'
import { checkPayload, decodeHeader, encodeBackup, verifyBackupBytes, type BackupHeader } from './backupFile'
import { assertFreeSpace, type StatFs } from './diskSpace'
import { BackupError } from './errors'
import { selectBackupsToKeep } from '../../../src/domain/backupRotation'
import { advanceSentinel, casesIn, confirmRestore, readSentinel, type ConfirmCaseDrop } from './sentinel'
import type { BackupKeys } from '../vault/vault'

export interface BackupStoreOptions {
  /** where backups live, e.g. `<userData>/backups` */
  dir: string
  /** where the sentinel lives */
  userDataDir: string
  /** a second folder (USB stick) for copies, read at each write */
  extraFolder?: () => Promise<string | null>
  now?: () => Date
  statfs?: StatFs
  /** test seams for the atomic write */
  atomic?: AtomicWriteOptions
  /** main's native question before the case count drops; without it, it never drops */
  confirmCaseDrop?: ConfirmCaseDrop
  /** the vault's backup keys (every backup is encrypted); rejects while the vault is locked */
  backupKeys: () => Promise<BackupKeys>
  /**
   * told when a backup was opened and verified for a restore: its head (the log may go back to it) and
   * the audit keys it carries (the vault adopts another PC's); nothing is told of a file that did not open
   */
  onOpenedForRestore?: (opened: OpenedBackup) => Promise<void>
}

/** A backup opened and fully verified for a restore. */
export interface OpenedBackup {
  /** the file's name, or 备份文件 for one the user chose elsewhere */
  name: string
  chainHead: { seq: number; hash: string }
  auditKeys: Uint8Array[]
  /**
   * whether its head is a state the log may now go back to that main would not otherwise know: another
   * PC's backup, or a file from outside the backup folder (this folder's own backups are known already)
   */
  restoreTarget: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')

export function backupName(at: Date, reason: BackupReason): string {
  const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  return `backup-${date}-${time}-${reason}.mrbak`
}

/** The local time encoded in a backup's name. */
export function timeFromName(name: string): Date | null {
  const match = BACKUP_NAME_PATTERN.exec(name)
  if (!match) return null
  const [d, t] = [match[1], match[2]]
  return new Date(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6))
}

function toInfo(name: string, header: BackupHeader, sizeBytes: number, verified: boolean): BackupInfo {
  return {
    name,
    createdAt: header.createdAt,
    reason: header.reason,
    sizeBytes,
    counts: header.counts,
    chainHead: header.chainHead,
    appVersion: header.appVersion,
    schemaVersion: header.schemaVersion,
    verified,
  }
}

export function createBackupStore(options: BackupStoreOptions) {
  const now = options.now ?? (() => new Date())

  async function freeName(at: Date, reason: BackupReason): Promise<{ name: string; at: Date }> {
    for (let shift = 0; ; shift++) {
      const candidate = new Date(at.getTime() + shift * 1000)
      const name = backupName(candidate, reason)
      const exists = await fs.stat(path.join(options.dir, name)).then(
        () => true,
        () => false,
      )
      if (!exists) return { name, at: candidate }
    }
  }

  async function writeCopy(dir: string, name: string, bytes: Uint8Array): Promise<void> {
    await fs.mkdir(dir, { recursive: true })
    await assertFreeSpace(dir, bytes.length, options.statfs)
    const target = path.join(dir, name)
    await atomicWrite(target, bytes, options.atomic)
    await verifyBackupBytes(await fs.readFile(target), { keys: options.backupKeys })
  }

  /** The backups in `dir` (the backup folder or the USB folder), newest first. */
  async function listBackupsIn(dir: string): Promise<BackupInfo[]> {
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => BACKUP_NAME_PATTERN.test(n))
    const infos: BackupInfo[] = []
    for (const name of names) {
      const bytes = await fs.readFile(path.join(dir, name)).catch(() => null)
      if (!bytes) continue
      try {
        const { header } = checkPayload(bytes)
        infos.push(toInfo(name, header, bytes.length, true))
      } catch {
        // listed, unverified: the user sees it is damaged instead of it silently vanishing
        const header = tryHeader(bytes)
        const at = timeFromName(name) ?? new Date(0)
        infos.push(
          header
            ? toInfo(name, header, bytes.length, false)
            : {
                name,
                createdAt: at.toISOString(),
                reason: 'manual',
                sizeBytes: bytes.length,
                counts: {},
                chainHead: { seq: 0, hash: '' },
                appVersion: '',
                schemaVersion: 0,
                verified: false,
              },
        )
      }
    }
    return infos.sort((a, b) => b.name.localeCompare(a.name))
  }

  const listBackups = () => listBackupsIn(options.dir)

  /**
   * Deletes verified backups in `dir` that rotation no longer keeps; damaged ones are left for a person
   * to see. The high-water backup is the newest holding the sentinel's case count (with no sentinel yet,
   * the newest holding the most).
   */
  async function rotate(dir: string = options.dir): Promise<string[]> {
    const sentinel = await readSentinel(options.userDataDir)
    const verified = (await listBackupsIn(dir)).filter((b) => b.verified)
    const items = verified.map((b) => ({
      name: b.name,
      createdAt: timeFromName(b.name) ?? new Date(b.createdAt),
      cases: b.counts.cases ?? 0,
    }))
    const keep = selectBackupsToKeep(items, now(), sentinel === null ? undefined : casesIn(sentinel))
    const removed = items.filter((item) => !keep.has(item.name)).map((item) => item.name)
    for (const name of removed) await fs.rm(path.join(dir, name), { force: true })
    return removed
  }

  // One write or restore question at a time: the sentinel is read, compared and written as one step,
  // and a page sending many snapshots at once meets one dialog after the other, never a race.
  let queue: Promise<unknown> = Promise.resolve()
  function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run)
    queue = next.catch(() => undefined)
    return next
  }

  // A drop the user already declined in this run is not asked again (a page repeating it cannot nag).
  const declined = new Set<string>()
  const confirmBackupDrop: ConfirmCaseDrop = async (drop) => {
    const key = `${drop.cases}/${drop.previous}`
    if (declined.has(key)) return false
    const confirmed = (await options.confirmCaseDrop?.(drop)) ?? false
    if (!confirmed) declined.add(key)
    return confirmed
  }

  async function writeBackup(reason: BackupReason, snapshotText: string): Promise<WriteBackupResult> {
    return oneAtATime(() => writeBackupNow(reason, snapshotText))
  }

  async function writeBackupNow(reason: BackupReason, snapshotText: string): Promise<WriteBackupResult> {
    await fs.mkdir(options.dir, { recursive: true })
    await removeStaleTemps(options.dir)
    const { name, at } = await freeName(now(), reason)
    const { header, bytes } = await encodeBackup(snapshotText, reason, at, await options.backupKeys())
    await assertFreeSpace(options.dir, bytes.length, options.statfs)
    const target = path.join(options.dir, name)
    await atomicWrite(target, bytes, options.atomic)
    try {
      await verifyBackupBytes(await fs.readFile(target), { keys: options.backupKeys })
    } catch (error) {
      await fs.rm(target, { force: true })
      throw new BackupError(
        'verify-failed',
        `备份写入后校验失败，已删除该文件：${error instanceof Error ? error.message : String(error)}`,
      )
    }
    // A pre-restore backup keeps the state about to be replaced (in recovery, an emptied one): it says
    // nothing about what the database should hold, so it neither raises nor lowers the sentinel.
    if (reason !== 'pre-restore') {
      await advanceSentinel(options.userDataDir, sentinelOf(name, header), 'backup', confirmBackupDrop)
    }
    const extraCopy = await copyToExtraFolder(name, bytes)
    const removed = await rotate()
    return { backup: toInfo(name, header, bytes.length, true), extraCopy, removed }
  }

  async function copyToExtraFolder(name: string, bytes: Uint8Array): Promise<WriteBackupResult['extraCopy']> {
    const folder = (await options.extraFolder?.()) ?? null
    if (!folder) return { status: 'none' }
    try {
      await writeCopy(folder, name, bytes)
    } catch (error) {
      const reason = error instanceof BackupError ? error.message : '无法写入（U盘是否已拔出？）'
      return { status: 'failed', message: `额外备份位置写入失败：${reason}` }
    }
    // The USB folder is rotated by the same rule; the copy is written whatever happens to the rotation
    // (a stick pulled out just now is noticed at the next copy).
    await rotate(folder).catch(() => undefined)
    return { status: 'written', path: path.join(folder, name) }
  }

  /**
   * The snapshot text of a backup, after full verification. Restoring a backup with fewer cases than the
   * sentinel's is asked in main's dialog first: confirmed, the sentinel takes the backup's counts (so the
   * smaller backups that follow are expected); declined, nothing is read and nothing changes.
   * `recoveryKey` opens a backup made by another PC.
   */
  async function readBackup(name: string, recoveryKey?: string): Promise<{ name: string; snapshot: string }> {
    if (!BACKUP_NAME_PATTERN.test(name)) throw new BackupError('not-found', '备份文件名无效')
    const bytes = await fs.readFile(path.join(options.dir, name)).catch(() => null)
    if (!bytes) throw new BackupError('not-found', '找不到该备份文件')
    const { header, snapshot, auditKeys } = await verifyBackupBytes(bytes, { keys: options.backupKeys, recoveryKey })
    const outcome = await oneAtATime(() =>
      confirmRestore(options.userDataDir, sentinelOf(name, header), options.confirmCaseDrop),
    )
    if (outcome === 'declined') throw new BackupError('declined', '已取消恢复：现有数据和备份都没有改变。')
    const foreign = header.formatVersion === 2 && header.keyId !== (await options.backupKeys()).keyId
    await options.onOpenedForRestore?.({ name, chainHead: header.chainHead, auditKeys, restoreTarget: foreign })
    return { name, snapshot }
  }

  return { writeBackup, listBackups, readBackup, rotate }
}

function sentinelOf(name: string, header: BackupHeader): Sentinel {
  return {
    counts: header.counts,
    chainHead: header.chainHead,
    lastBackupName: name,
    lastBackupAt: header.createdAt,
    schemaVersion: header.schemaVersion,
  }
}

function tryHeader(bytes: Uint8Array): BackupHeader | null {
  try {
    return decodeHeader(bytes).header
  } catch {
    return null
  }
}

export type BackupStore = ReturnType<typeof createBackupStore>
