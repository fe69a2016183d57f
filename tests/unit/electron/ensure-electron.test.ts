import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  electronCacheFolder,
  ensureElectron,
  firstErrorLine,
  runElectronInstaller,
  type ElectronFiles,
  type InstallerOptions,
  type InstallerResult,
} from '../../../electron/build/ensure-electron.mjs'
// @electron/get's own cache naming, the reference for where a handed-over zip must go.
import { Cache } from '../../../node_modules/@electron/get/dist/Cache.js'
import { getArtifactRemoteURL } from '../../../node_modules/@electron/get/dist/artifact-utils.js'

const PACKAGE_DIR = join('/repo', 'node_modules', 'electron')
const VERSION = '45.4.1'
const LINUX = { platform: 'linux', arch: 'x64' }

/** A file system of written-out paths; copyFile records what was copied. */
function fakeFiles(contents: Record<string, string>) {
  const files = new Map(Object.entries(contents))
  const copies: Array<[string, string]> = []
  const api: ElectronFiles = {
    exists: (file) => files.has(file),
    readText: (file) => {
      const text = files.get(file)
      if (text === undefined) throw new Error(`ENOENT: ${file}`)
      return text
    },
    copyFile: (from, to) => {
      copies.push([from, to])
      files.set(to, files.get(from) ?? '')
    },
  }
  return { api, files, copies }
}

/** An installer that succeeds by writing what electron/install.js writes: path.txt and dist/<executable>. */
function installerWriting(files: Map<string, string>, executable = 'electron') {
  return vi.fn(async (_options: InstallerOptions): Promise<InstallerResult> => {
    files.set(join(PACKAGE_DIR, 'path.txt'), executable)
    files.set(join(PACKAGE_DIR, 'dist', executable), 'binary')
    return { ok: true }
  })
}

function ensure(options: {
  files: ElectronFiles
  env?: NodeJS.ProcessEnv
  runInstaller: (options: InstallerOptions) => Promise<InstallerResult>
  target?: { platform: string; arch: string }
}) {
  return ensureElectron({
    packageDir: PACKAGE_DIR,
    version: VERSION,
    target: LINUX,
    env: {},
    log: () => undefined,
    ...options,
  })
}

const installed = {
  [join(PACKAGE_DIR, 'path.txt')]: 'electron',
  [join(PACKAGE_DIR, 'dist', 'electron')]: 'binary',
}

describe('ensureElectron: binary present → start it without installing', () => {
  it('finds node_modules/electron/dist/<path.txt>', async () => {
    const { api } = fakeFiles(installed)
    const runInstaller = vi.fn()
    await expect(ensure({ files: api, runInstaller })).resolves.toEqual({
      ok: true,
      executable: join(PACKAGE_DIR, 'dist', 'electron'),
      installed: false,
    })
    expect(runInstaller).not.toHaveBeenCalled()
  })

  it('uses ELECTRON_OVERRIDE_DIST_PATH with the platform executable when there is no path.txt', async () => {
    const { api } = fakeFiles({ [join('/opt', 'electron-45', 'electron.exe')]: 'binary' })
    const runInstaller = vi.fn()
    const env = { ELECTRON_OVERRIDE_DIST_PATH: join('/opt', 'electron-45') }
    await expect(
      ensure({ files: api, env, runInstaller, target: { platform: 'win32', arch: 'x64' } }),
    ).resolves.toEqual({
      ok: true,
      executable: join('/opt', 'electron-45', 'electron.exe'),
      installed: false,
    })
    expect(runInstaller).not.toHaveBeenCalled()
  })

  it('uses ELECTRON_EXEC_PATH first, as electron-vite does', async () => {
    const { api } = fakeFiles({ ...installed, [join('/usr', 'lib', 'electron45', 'electron')]: 'binary' })
    const runInstaller = vi.fn()
    const env = { ELECTRON_EXEC_PATH: join('/usr', 'lib', 'electron45', 'electron') }
    await expect(ensure({ files: api, env, runInstaller })).resolves.toMatchObject({
      ok: true,
      executable: join('/usr', 'lib', 'electron45', 'electron'),
    })
    expect(runInstaller).not.toHaveBeenCalled()
  })
})

describe('ensureElectron: binary missing → run Electron’s installer, then start', () => {
  it('installs when there is no path.txt, passing the environment through (ELECTRON_MIRROR…)', async () => {
    const { api, files } = fakeFiles({})
    const runInstaller = installerWriting(files)
    const env = { ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' }
    await expect(ensure({ files: api, env, runInstaller })).resolves.toEqual({
      ok: true,
      executable: join(PACKAGE_DIR, 'dist', 'electron'),
      installed: true,
    })
    expect(runInstaller).toHaveBeenCalledTimes(1)
    expect(runInstaller.mock.calls[0]?.[0]).toMatchObject({ packageDir: PACKAGE_DIR, env, timeoutMs: 10 * 60 * 1000 })
  })

  it('installs when path.txt names an executable that is not there (a dist/ removed or half unpacked)', async () => {
    const { api, files } = fakeFiles({ [join(PACKAGE_DIR, 'path.txt')]: 'electron' })
    const runInstaller = installerWriting(files)
    await expect(ensure({ files: api, runInstaller })).resolves.toMatchObject({ ok: true, installed: true })
    expect(runInstaller).toHaveBeenCalledTimes(1)
  })

  it('first copies a zip handed over in electron_config_cache to where @electron/get looks for it', async () => {
    const cache = join('/media', 'usb', 'electron')
    const zip = 'electron-v45.4.1-linux-x64.zip'
    const { api, files, copies } = fakeFiles({ [join(cache, zip)]: 'zip' })
    const runInstaller = vi.fn(async (): Promise<InstallerResult> => {
      // The installer runs after the copy is in place.
      expect(copies).toHaveLength(1)
      files.set(join(PACKAGE_DIR, 'path.txt'), 'electron')
      files.set(join(PACKAGE_DIR, 'dist', 'electron'), 'binary')
      return { ok: true }
    })
    await expect(ensure({ files: api, env: { electron_config_cache: cache }, runInstaller })).resolves.toMatchObject({
      ok: true,
    })
    const urlFolder = 'https://github.com/electron/electron/releases/download/v45.4.1'
    const hashed = createHash('sha256').update(urlFolder).digest('hex')
    expect(copies).toEqual([[join(cache, zip), join(cache, hashed, zip)]])
  })
})

describe('ensureElectron: installer fails → one plain paragraph, no stack trace', () => {
  const stack = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13'

  it('says what failed, the variables that fix it and that npm run preview works, in Chinese then English', async () => {
    const { api } = fakeFiles({})
    const runInstaller = vi.fn(async (): Promise<InstallerResult> => ({
      ok: false,
      detail: firstErrorLine(stack) ?? '',
    }))
    const result = await ensure({ files: api, runInstaller })
    expect(runInstaller).toHaveBeenCalledTimes(1)
    if (result.ok) throw new Error('expected a failure')
    const lines = result.message.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^无法启动调解室桌面版：/)
    expect(lines[1]).toMatch(/^The desktop app cannot start: /)
    for (const line of lines) {
      expect(line).toContain('Electron 45.4.1')
      expect(line).toContain('TypeError: fetch failed')
      expect(line).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/')
      expect(line).toContain('ELECTRON_OVERRIDE_DIST_PATH')
      expect(line).toContain('electron_config_cache')
      expect(line).toContain('electron-v45.4.1-linux-x64.zip')
      expect(line).toContain('npm run preview')
      expect(line).toContain('http://127.0.0.1:4173')
    }
    expect(result.message).not.toContain('    at ')
  })

  it('fails plainly when the installer exits cleanly but no executable appeared', async () => {
    const { api } = fakeFiles({})
    const result = await ensure({ files: api, runInstaller: async () => ({ ok: true }) })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain('npm run preview')
  })

  it('says how long it waited when the installer was stopped by the timeout', async () => {
    const { api } = fakeFiles({})
    const result = await ensure({ files: api, runInstaller: async () => ({ ok: false, timedOut: true }) })
    if (result.ok) throw new Error('expected a failure')
    expect(result.message).toContain('10 分钟')
    expect(result.message).toContain('10 minutes')
  })

  it('names a variable that points nowhere, without installing (the variable would still win)', async () => {
    const { api } = fakeFiles({})
    const runInstaller = vi.fn()
    const result = await ensure({
      files: api,
      env: { ELECTRON_OVERRIDE_DIST_PATH: join('/opt', 'nothing') },
      runInstaller,
    })
    expect(runInstaller).not.toHaveBeenCalled()
    if (result.ok) throw new Error('expected a failure')
    expect(result.message).toContain(`ELECTRON_OVERRIDE_DIST_PATH 指向的 ${join('/opt', 'nothing')}`)
    expect(result.message).toContain('npm run preview')
  })
})

describe('electronCacheFolder', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it.each([
    ['github, the default', {}],
    ['a mirror', { ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' }],
    [
      'a mirror with a custom folder',
      { ELECTRON_MIRROR: 'https://mirror.example/e/', ELECTRON_CUSTOM_DIR: '{{ version }}' },
    ],
  ])('names the folder @electron/get caches the zip in, for %s', async (_name, env: Record<string, string>) => {
    const zip = 'electron-v45.4.1-linux-x64.zip'
    // @electron/get reads its settings from process.env; this test's own environment must not leak in.
    for (const name of [
      'ELECTRON_MIRROR',
      'ELECTRON_CUSTOM_DIR',
      'npm_config_electron_mirror',
      'npm_config_electron_custom_dir',
    ]) {
      vi.stubEnv(name, env[name] ?? '')
    }
    const url = await getArtifactRemoteURL({
      version: 'v45.4.1',
      artifactName: 'electron',
      platform: 'linux',
      arch: 'x64',
    })
    expect(electronCacheFolder(env, VERSION, zip)).toBe(Cache.getCacheDirectory(url))
  })
})

describe('firstErrorLine', () => {
  it('takes the error line out of a stack printed after DEBUG logging', () => {
    const output =
      '2026-12-03T07:36:35Z @electron/get:index Checking the cache\nTypeError: fetch failed\n    at x (y:1:2)\n'
    expect(firstErrorLine(output)).toBe('TypeError: fetch failed')
  })

  it('falls back to the first line printed, and to null when nothing was printed', () => {
    expect(firstErrorLine('\n  something odd\nmore\n')).toBe('something odd')
    expect(firstErrorLine('\n\n')).toBeNull()
  })
})

describe('runElectronInstaller (a stand-in install.js in a temporary package folder)', () => {
  let dir = ''
  afterEach(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  function packageWithInstaller(script: string): string {
    dir = mkdtempSync(join(tmpdir(), 'ensure-electron-'))
    writeFileSync(join(dir, 'install.js'), script)
    return dir
  }

  it('reports the first error line of a failing installer, and passes the environment to it', async () => {
    const packageDir = packageWithInstaller(
      "console.error(new Error('no route to ' + process.env.ELECTRON_MIRROR).stack); process.exit(1)",
    )
    const result = await runElectronInstaller({
      packageDir,
      env: { ...process.env, ELECTRON_MIRROR: 'https://mirror.example/' },
    })
    expect(result).toEqual({ ok: false, detail: 'Error: no route to https://mirror.example/' })
  })

  it('reports success when the installer exits 0', async () => {
    const packageDir = packageWithInstaller('process.exit(0)')
    await expect(runElectronInstaller({ packageDir, env: process.env })).resolves.toEqual({ ok: true })
  })

  it('stops a hanging installer at the timeout and removes the dist/ it left without path.txt', async () => {
    const packageDir = packageWithInstaller('setInterval(() => {}, 1000)')
    mkdirSync(join(packageDir, 'dist')) // as if half unpacked
    const result = await runElectronInstaller({ packageDir, env: process.env, timeoutMs: 500, log: () => undefined })
    expect(result).toEqual({ ok: false, timedOut: true })
    expect(existsSync(join(packageDir, 'dist'))).toBe(false)
  })

  it('keeps dist/ when path.txt exists (a complete install is never removed)', async () => {
    const packageDir = packageWithInstaller('setInterval(() => {}, 1000)')
    mkdirSync(join(packageDir, 'dist'))
    writeFileSync(join(packageDir, 'path.txt'), 'electron')
    const result = await runElectronInstaller({ packageDir, env: process.env, timeoutMs: 500, log: () => undefined })
    expect(result).toEqual({ ok: false, timedOut: true })
    expect(existsSync(join(packageDir, 'dist'))).toBe(true)
  })
})
