/**
 * Crash-safe file replacement: write a temp file in the same folder, fsync it, rename it over the
 * target, fsync the folder. A crash at any point leaves either the old file or the new one, never a
 * torn one. Renames are retried on EPERM/EBUSY/EACCES, which Windows antivirus scanners cause.
 */
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'

export interface AtomicWriteOptions {
  /** injectable for tests: the rename that may fail like Windows does */
  rename?: (from: string, to: string) => Promise<void>
  /** test hook: runs after the temp file is durable and before the rename (simulates a crash there) */
  beforeRename?: () => Promise<void>
  retries?: number
  baseDelayMs?: number
  /** file mode of the new file (e.g. 0o600 for key files); the default leaves it to the umask */
  mode?: number
}

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES'])
/** Temp files start with a dot and end in .tmp, so no listing ever mistakes them for backups. */
export const TEMP_SUFFIX = '.tmp'

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
}

export async function atomicWrite(target: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = tempPathFor(target)
  const rename = options.rename ?? fs.rename
  try {
    const handle = await fs.open(temp, 'wx', options.mode)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await options.beforeRename?.()
    await renameWithRetry(rename, temp, target, options.retries ?? 6, options.baseDelayMs ?? 50)
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  await syncDirectory(path.dirname(target))
}

async function renameWithRetry(
  rename: (from: string, to: string) => Promise<void>,
  from: string,
  to: string,
  retries: number,
  baseDelayMs: number,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (attempt >= retries || code === undefined || !RETRYABLE.has(code)) throw error
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt))
    }
  }
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync; NTFS journals renames. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Removes temp files a crash left behind (they were never renamed, so they hold nothing needed). */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[])
  const stale = names.filter((name) => name.startsWith('.') && name.endsWith(TEMP_SUFFIX))
  await Promise.all(stale.map((name) => fs.rm(path.join(dir, name), { force: true })))
  return stale
}
