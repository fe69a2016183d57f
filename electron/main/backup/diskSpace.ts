/** Refusing to write when the disk is nearly full: a full disk is what corrupts LevelDB (brief §2). */
import { promises as fs } from 'node:fs'
import { BackupError } from './errors'

export const MIN_FREE_BYTES = 200 * 1024 * 1024

export type StatFs = (dir: string) => Promise<{ bavail: number; bsize: number }>

export function requiredFreeBytes(backupBytes: number): number {
  return Math.max(MIN_FREE_BYTES, 3 * backupBytes)
}

const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024))

export async function assertFreeSpace(
  dir: string,
  backupBytes: number,
  statfs: StatFs = (d) => fs.statfs(d),
): Promise<void> {
  const stats = await statfs(dir)
  const free = stats.bavail * stats.bsize
  const needed = requiredFreeBytes(backupBytes)
  if (free < needed) {
    throw new BackupError(
      'disk-full',
      `磁盘空间不足：剩余 ${mb(free)} MB，至少需要 ${mb(needed)} MB。请清理磁盘后再备份，现有数据未受影响。`,
    )
  }
}
