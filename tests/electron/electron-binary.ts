import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export const ELECTRON_MISSING_MESSAGE = 'Electron binary not available on this machine: the _electron suite was not run'

/**
 * The Electron executable installed by the `electron` package, or null when there is none.
 * Reads the package's path.txt instead of `require('electron')`, whose index.js tries to download the
 * binary when it is missing (which would hang or fail on an offline machine).
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const require = createRequire(import.meta.url)
    const packageDir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const relativeExecutable = readFileSync(pathFile, 'utf8').trim()
    const distDir = env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist')
    const executable = join(distDir, relativeExecutable)
    return existsSync(executable) ? executable : null
  } catch {
    return null
  }
}
