/**
 * The one free-space rule for everything main writes on the user's disk (backups, their USB copies,
 * temporary PDFs): never fill the disk, because a full disk is what corrupts LevelDB (brief §2).
 */
import { promises as fs } from 'node:fs'
import { BackupError } from './errors'

export const MIN_FREE_BYTES = 200 * 1024 * 1024

export type StatFs = (dir: string) => Promise<{ bavail: number; bsize: number }>

export function requiredFreeBytes(writeBytes: number): number {
  return Math.max(MIN_FREE_BYTES, 3 * writeBytes)
}

export const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024))

export interface FreeSpace {
  free: number
  needed: number
  enough: boolean
}

/** How much is free in `dir` and how much a write of `writeBytes` needs there. */
export async function freeSpaceFor(
  dir: string,
  writeBytes: number,
  statfs: StatFs = (d) => fs.statfs(d),
): Promise<FreeSpace> {
  const stats = await statfs(dir)
  const free = stats.bavail * stats.bsize
  const needed = requiredFreeBytes(writeBytes)
  return { free, needed, enough: free >= needed }
}

/** The start of every "disk nearly full" message, so backups and prints say it alike. */
export function diskFullText({ free, needed }: FreeSpace, what: string): string {
  return `磁盘空间不足：剩余 ${mb(free)} MB，${what}至少需要 ${mb(needed)} MB。`
}

export async function assertFreeSpace(dir: string, backupBytes: number, statfs?: StatFs): Promise<void> {
  const space = await freeSpaceFor(dir, backupBytes, statfs)
  if (!space.enough) {
    throw new BackupError('disk-full', `${diskFullText(space, '')}请清理磁盘后再备份，现有数据未受影响。`)
  }
}
