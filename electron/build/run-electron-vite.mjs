// `npm start` / `npm run dev`: makes sure the Electron binary is there, then runs electron-vite with the given
// arguments (`preview`, `dev`). electron-vite is told the executable through ELECTRON_EXEC_PATH, because it
// ignores ELECTRON_OVERRIDE_DIST_PATH and would look in node_modules/electron/dist only.
// Usage: node electron/build/run-electron-vite.mjs <electron-vite arguments…>
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { ensureElectron } from './ensure-electron.mjs'

const electron = await ensureElectron()
if (!electron.ok) {
  console.error(`\n${electron.message}\n`)
  process.exit(1)
}

const require = createRequire(import.meta.url)
const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: electron.executable },
})
// electron-vite stops Electron on these signals; forward them when only this process received one.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
