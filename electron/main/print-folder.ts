import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requiredFreeBytes, type StatFs } from './backup/diskSpace'

/**
 * A private temporary folder for PDFs opened in the system viewer. The PDFs carry personal information,
 * so the folder is created with mode 0700 (mkdtemp) and removed when the app quits. A page may ask for
 * many prints, so each PDF is bounded in size, the folder keeps only the newest few (by count and in all),
 * and nothing is written when the disk is nearly full (a full disk is what corrupts the case database).
 */

export const PRINT_LIMITS = {
  maxFileBytes: 50 * 1024 * 1024,
  maxFiles: 10,
  maxTotalBytes: 200 * 1024 * 1024,
} as const

const FOLDER_PREFIX = 'mediation-room-print-'
/** A print folder this old was left by a run that did not quit cleanly (a crash, a power cut). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000

/** A print the folder will not take; the message is for the user. */
export class PrintRefused extends Error {
  override readonly name = 'PrintRefused'
}

export interface PrintFolderOptions {
  statfs?: StatFs
  now?: () => number
}

export interface PrintFolder {
  /** The private folder, created on first use. */
  path(): Promise<string>
  /** A fresh sub-folder for one PDF of `bytes`, after older prints made room; throws PrintRefused. */
  prepare(bytes: number): Promise<string>
  /** Removes the folder and every PDF in it (at quit). */
  remove(): Promise<void>
}

const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024))

async function removeQuietly(path: string): Promise<void> {
  // A viewer may still hold a file open (Windows); what stays is removed at quit or by the next run.
  await fs.rm(path, { recursive: true, force: true }).catch(() => undefined)
}

/** Removes the print folders of earlier runs that were never cleaned up, once they are a day old. */
async function removeStaleFolders(parent: string, now: number): Promise<void> {
  const names = await fs.readdir(parent).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(FOLDER_PREFIX)) continue
    const folder = join(parent, name)
    const info = await fs.stat(folder).catch(() => null)
    if (info?.isDirectory() === true && now - info.mtimeMs > STALE_AFTER_MS) await removeQuietly(folder)
  }
}

export function createPrintFolder(parent: string = tmpdir(), options: PrintFolderOptions = {}): PrintFolder {
  const statfs = options.statfs ?? ((dir: string) => fs.statfs(dir))
  const now = options.now ?? Date.now
  let folder: Promise<string> | null = null
  /** This run's prints, oldest first. */
  const prints: { path: string; bytes: number }[] = []

  function path(): Promise<string> {
    folder ??= removeStaleFolders(parent, now()).then(() => fs.mkdtemp(join(parent, FOLDER_PREFIX)))
    return folder
  }

  async function makeRoomFor(bytes: number): Promise<void> {
    const total = () => prints.reduce((sum, print) => sum + print.bytes, 0)
    while (
      prints.length > 0 &&
      (prints.length >= PRINT_LIMITS.maxFiles || total() + bytes > PRINT_LIMITS.maxTotalBytes)
    ) {
      const oldest = prints.shift()
      if (oldest !== undefined) await removeQuietly(oldest.path)
    }
  }

  return {
    path,
    async prepare(bytes) {
      if (bytes > PRINT_LIMITS.maxFileBytes) {
        throw new PrintRefused(
          `这份PDF有 ${mb(bytes)} MB，超过打印上限 ${mb(PRINT_LIMITS.maxFileBytes)} MB。请先“保存”为文件，再用PDF阅读器打开打印。`,
        )
      }
      const root = await path()
      await makeRoomFor(bytes)
      const stats = await statfs(root)
      const free = stats.bavail * stats.bsize
      const needed = requiredFreeBytes(bytes)
      if (free < needed) {
        throw new PrintRefused(`磁盘空间不足：剩余 ${mb(free)} MB，打印至少需要 ${mb(needed)} MB。请清理磁盘后再打印。`)
      }
      // The OS temp cleaner (or another run's sweep) may have removed the folder since: made again, still private.
      await fs.mkdir(root, { recursive: true, mode: 0o700 })
      // A fresh sub-folder per print: a viewer still holding the previous file open cannot block this one.
      const sub = await fs.mkdtemp(join(root, 'print-'))
      prints.push({ path: sub, bytes })
      return sub
    },
    async remove() {
      if (folder === null) return
      const root = await folder.catch(() => null)
      folder = null
      prints.length = 0
      if (root !== null) await removeQuietly(root)
    },
  }
}
