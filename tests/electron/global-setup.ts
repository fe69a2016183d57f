import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ELECTRON_MISSING_MESSAGE, findElectronBinary } from './electron-binary'

const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

/** Says plainly when the suite cannot run; otherwise builds main, preload and renderer (out/) once. */
export default function globalSetup(): void {
  if (findElectronBinary() === null) {
    console.log(`\n${ELECTRON_MISSING_MESSAGE}\n`)
    return
  }
  if (process.env['MEDIATION_ROOM_SKIP_BUILD'] === '1') return
  execFileSync('npx', ['electron-vite', 'build'], { cwd: projectRoot, stdio: 'inherit' })
}
