import { promises as fs, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diskFullText, freeSpaceFor, mb, type StatFs } from './backup/diskSpace'

/**
 * A private temporary folder for PDFs opened in the system viewer. The PDFs carry personal information,
 * so the folder is created with mode 0700 (mkdtemp), removed when the app quits, and what a crashed run
 * left behind is removed at the next start. A page may ask for
 * many prints, so each PDF is bounded in size, the folder keeps only the newest few (by count and in all),
 * and nothing is written when the disk is nearly full (a full disk is what corrupts the case database).
 */

export const PRINT_LIMITS = {
  maxFileBytes: 50 * 1024 * 1024,
  maxFiles: 10,
  maxTotalBytes: 200 * 1024 * 1024,
} as const

const FOLDER_PREFIX = 'mediation-room-print-'
/** A print folder without its maker's pid in its name (older releases) is taken as left behind once this old. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000

/** A print the folder will not take; the message is for the user. */
export class PrintRefused extends Error {
  override readonly name = 'PrintRefused'
}

export interface PrintFolderOptions {
  statfs?: StatFs
  now?: () => number
  /** whether a process still runs (test seam); a folder whose owner is gone is removed at start */
  isRunning?: (pid: number) => boolean
}

export interface PrintFolder {
  /** The private folder, created on first use. */
  path(): Promise<string>
  /** A fresh sub-folder for one PDF of `bytes`, after older prints made room; throws PrintRefused. */
  prepare(bytes: number): Promise<string>
  /** Removes the print folders earlier runs left behind (a crash, a power cut): called at start. */
  sweep(): Promise<void>
  /** Removes the folder and every PDF in it. */
  remove(): Promise<void>
  /** The same, synchronously: at quit, where an unfinished asynchronous removal would be cut off. */
  removeNow(): void
}

async function removeQuietly(path: string): Promise<void> {
  // A viewer may still hold a file open (Windows); what stays is removed at quit or by the next run.
  await fs.rm(path, { recursive: true, force: true }).catch(() => undefined)
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, under another user
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of the process that made a print folder, from its name (`mediation-room-print-<pid>-XXXXXX`). */
function ownerOf(name: string): number | null {
  const match = /^(\d{1,10})-/.exec(name.slice(FOLDER_PREFIX.length))
  const pid = match ? Number(match[1]) : NaN
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null
}

/**
 * Removes the print folders of earlier runs that were never cleaned up: at once when the process that
 * made one is gone, after a day when it does not say who made it. Another running copy's folder stays.
 */
async function removeStaleFolders(
  parent: string,
  now: number,
  isRunning: (pid: number) => boolean,
  own: string | null,
): Promise<void> {
  const names = await fs.readdir(parent).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(FOLDER_PREFIX)) continue
    const folder = join(parent, name)
    if (folder === own) continue
    const info = await fs.stat(folder).catch(() => null)
    if (info?.isDirectory() !== true) continue
    const owner = ownerOf(name)
    const stale = owner === null ? now - info.mtimeMs > STALE_AFTER_MS : owner !== process.pid && !isRunning(owner)
    if (stale) await removeQuietly(folder)
  }
}

export function createPrintFolder(parent: string = tmpdir(), options: PrintFolderOptions = {}): PrintFolder {
  const now = options.now ?? Date.now
  const isRunning = options.isRunning ?? processRuns
  let folder: Promise<string> | null = null
  /** The folder once made, for the synchronous removal at quit. */
  let made: string | null = null
  /** This run's prints, oldest first. */
  const prints: { path: string; bytes: number }[] = []

  function sweep(): Promise<void> {
    return removeStaleFolders(parent, now(), isRunning, made)
  }

  async function makeFolder(): Promise<string> {
    await sweep()
    // The pid in the name tells the next start whether the run that made the folder is gone.
    const root = await fs.mkdtemp(join(parent, `${FOLDER_PREFIX}${process.pid}-`))
    made = root
    return root
  }

  function path(): Promise<string> {
    folder ??= makeFolder()
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
    sweep,
    async prepare(bytes) {
      if (bytes > PRINT_LIMITS.maxFileBytes) {
        throw new PrintRefused(
          `这份PDF有 ${mb(bytes)} MB，超过打印上限 ${mb(PRINT_LIMITS.maxFileBytes)} MB。请先“保存”为文件，再用PDF阅读器打开打印。`,
        )
      }
      const root = await path()
      await makeRoomFor(bytes)
      const space = await freeSpaceFor(root, bytes, options.statfs)
      if (!space.enough) throw new PrintRefused(`${diskFullText(space, '打印')}请清理磁盘后再打印。`)
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
      made = null
      prints.length = 0
      if (root !== null) await removeQuietly(root)
    },
    removeNow() {
      const root = made
      folder = null
      made = null
      prints.length = 0
      if (root === null) return
      try {
        rmSync(root, { recursive: true, force: true })
      } catch {
        // a viewer still holds a PDF open (Windows): the next start removes the folder, its owner gone
      }
    },
  }
}
