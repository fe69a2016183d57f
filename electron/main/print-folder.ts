import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A private temporary folder for PDFs opened in the system viewer. The PDFs carry personal information,
 * so the folder is created with mode 0700 (mkdtemp) and removed when the app quits.
 */
export function createPrintFolder(parent: string = tmpdir()): { path(): Promise<string>; remove(): Promise<void> } {
  let folder: Promise<string> | null = null
  return {
    path() {
      folder ??= mkdtemp(join(parent, 'mediation-room-print-'))
      return folder
    },
    async remove() {
      if (folder === null) return
      const path = await folder.catch(() => null)
      folder = null
      // A viewer may still hold a file open (Windows); leftovers are in the OS temp folder.
      if (path !== null) await rm(path, { recursive: true, force: true }).catch(() => undefined)
    },
  }
}
