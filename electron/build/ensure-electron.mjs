// Makes sure the Electron executable that electron-vite starts is on disk before `npm start` / `npm run dev`.
// Since Electron 42 the `electron` package has no install script: its binary is downloaded the first time
// `require('electron')` runs, but electron-vite 6 reads node_modules/electron/path.txt directly and never
// triggers that download, so a fresh clone stopped at "Electron uninstall" (issue #18, alex8088/electron-vite#904).
// Plain Node and no dependencies: it runs before anything else is known to work.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import nodeFs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * The longest Electron's installer may run (download of ~100 MB, checksum, unzip) before it is stopped.
 * Node's fetch already gives up on an unreachable host after 10 s and on a stalled connection after 5 min;
 * this caps everything else (a proxy that trickles), so a blocked network never hangs `npm start`.
 */
export const INSTALL_TIMEOUT_MS = 10 * 60 * 1000
export const CHINA_MIRROR = 'https://npmmirror.com/mirrors/electron/'
export const PREVIEW_URL = 'http://127.0.0.1:4173'
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'
const HEARTBEAT_MS = 30_000

/** Platform and arch of the binary to install, read as electron/install.js reads them. */
export function installTarget(env, hostPlatform = process.platform, hostArch = process.arch) {
  return {
    platform: env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || hostPlatform,
    arch: env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || hostArch,
  }
}

/** The executable inside an Electron zip, as electron/install.js writes it to path.txt; null where there is none. */
export function platformExecutable(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron'
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron'
    case 'win32':
      return 'electron.exe'
    default:
      return null
  }
}

export function electronZipName(version, platform, arch) {
  return `electron-v${version}-${platform}-${arch}.zip`
}

/**
 * Where the Electron executable is, in the order electron-vite and electron/index.js look:
 * ELECTRON_EXEC_PATH, then ELECTRON_OVERRIDE_DIST_PATH, then node_modules/electron/dist/<path.txt>.
 * A variable that points nowhere is reported as such: installing would not help, the variable wins.
 */
export function locateElectron({ packageDir, env, platform, files }) {
  const execPath = env.ELECTRON_EXEC_PATH
  if (execPath) {
    return files.exists(execPath)
      ? { kind: 'present', executable: execPath }
      : { kind: 'misconfigured', variable: 'ELECTRON_EXEC_PATH', path: execPath }
  }
  const pathFile = path.join(packageDir, 'path.txt')
  const relative = files.exists(pathFile) ? files.readText(pathFile).trim() : ''
  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH
  if (overrideDir) {
    const executable = path.join(overrideDir, relative || platformExecutable(platform) || 'electron')
    return files.exists(executable)
      ? { kind: 'present', executable }
      : { kind: 'misconfigured', variable: 'ELECTRON_OVERRIDE_DIST_PATH', path: overrideDir }
  }
  if (relative) {
    const executable = path.join(packageDir, 'dist', relative)
    if (files.exists(executable)) return { kind: 'present', executable }
  }
  return { kind: 'missing' }
}

/** A download setting as @electron/get reads it (its mirrorVar): npm config, package.json config, then ELECTRON_*. */
function electronGetSetting(env, name) {
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()
  return (
    env[`npm_config_electron_${name.toLowerCase()}`] ||
    env[`NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`] ||
    env[`npm_config_electron_${snake}`] ||
    env[`npm_package_config_electron_${name}`] ||
    env[`npm_package_config_electron_${snake}`] ||
    env[`ELECTRON_${snake.toUpperCase()}`] ||
    undefined
  )
}

/**
 * The folder @electron/get keeps a zip in, below its cache root: the sha256 of the download URL's folder
 * (e.g. of https://github.com/electron/electron/releases/download/v45.4.1), so the same zip fetched from a
 * mirror is cached under another name.
 */
export function electronCacheFolder(env, version, fileName) {
  const mirror = electronGetSetting(env, 'mirror') || DEFAULT_MIRROR
  const dir = (electronGetSetting(env, 'customDir') || `v${version}`).replace('{{ version }}', version)
  const url = new URL(`${mirror}${dir}/${fileName}`)
  url.hash = ''
  url.search = ''
  url.pathname = path.posix.dirname(url.pathname)
  return createHash('sha256').update(url.toString()).digest('hex')
}

/**
 * An office without internet is handed the zip: with electron_config_cache pointing at the folder holding it,
 * copy it to the hashed place where Electron's installer looks (a zip lying flat in the cache root is not
 * found), which then unzips it without any network: it checks the zip against the checksums shipped in the
 * electron package. Returns the copy's path, or null when there is nothing to copy.
 */
export function seedCacheFromFolder({ env, version, platform, arch, files }) {
  const cacheRoot = env.electron_config_cache
  if (!cacheRoot) return null
  const fileName = electronZipName(version, platform, arch)
  const handedOver = path.join(cacheRoot, fileName)
  const cached = path.join(cacheRoot, electronCacheFolder(env, version, fileName), fileName)
  if (!files.exists(handedOver)) return null
  // Copied every time the binary is missing, so a corrupt zip that was handed over first can be replaced.
  files.copyFile(handedOver, cached)
  return cached
}

/** The one paragraph a newcomer reads when the desktop app cannot start: what failed, what fixes it, what works now. */
export function failureMessage({ version, zipName, failure }) {
  const minutes = Math.round((failure.timeoutMs ?? INSTALL_TIMEOUT_MS) / 60_000)
  const whatFailedZh =
    failure.kind === 'misconfigured'
      ? `环境变量 ${failure.variable} 指向的 ${failure.path} 里找不到 Electron ${version} 的运行程序。`
      : failure.kind === 'timed-out'
        ? `本机还没有 Electron ${version}（桌面版的运行程序），自动下载在 ${minutes} 分钟内没有完成，已停止。`
        : `本机还没有 Electron ${version}（桌面版的运行程序），自动下载失败（${failure.detail}）。`
  const whatFailedEn =
    failure.kind === 'misconfigured'
      ? `${failure.variable} points at ${failure.path}, which holds no Electron ${version} executable.`
      : failure.kind === 'timed-out'
        ? `Electron ${version} (the desktop runtime) is not installed here and its download did not finish within ${minutes} minutes, so it was stopped.`
        : `Electron ${version} (the desktop runtime) is not installed here and downloading it failed (${failure.detail}).`
  return [
    `无法启动调解室桌面版：${whatFailedZh}` +
      `解决办法：在国内可设置环境变量 ELECTRON_MIRROR=${CHINA_MIRROR} 后重新运行 npm start；` +
      `没有网络时，把解压好的 Electron ${version} 文件夹设为 ELECTRON_OVERRIDE_DIST_PATH，` +
      `或把 ${zipName} 放进一个文件夹，再把 electron_config_cache 设为这个文件夹（详见 README“Quick start”）。` +
      `不装 Electron 也能先用：npm run preview 在浏览器中运行同一个应用，地址 ${PREVIEW_URL}。`,
    `The desktop app cannot start: ${whatFailedEn} ` +
      `To fix it, set ELECTRON_MIRROR=${CHINA_MIRROR} (the usual mirror in China) and run npm start again; ` +
      `offline, set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${version} folder, ` +
      `or put ${zipName} in a folder and set electron_config_cache to that folder (see the README's quick start). ` +
      `Without Electron, npm run preview runs the same app in a browser at ${PREVIEW_URL}.`,
  ].join('\n')
}

/**
 * The error's first line from what the installer printed (a stack, maybe after DEBUG logging): enough to
 * say what failed. The first line naming an error wins, else the first line printed.
 */
export function firstErrorLine(output) {
  const lines = output
    .split(/\r?\n/)
    .map((text) => text.trim())
    .filter((text) => text !== '')
  const line = lines.find((text) => /^([\w.]*Error|Error \[\w+\])\b/.test(text)) ?? lines[0]
  return line === undefined ? null : line.slice(0, 300)
}

/**
 * Runs Electron's own installer (idempotent: it exits at once when the binary is there), with this process's
 * environment so ELECTRON_MIRROR, electron_config_cache, force_no_cache… apply. Its stack trace is captured,
 * not shown: the caller explains the failure in plain words.
 */
export function runElectronInstaller({ packageDir, env, timeoutMs = INSTALL_TIMEOUT_MS, log = console.log }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(packageDir, 'install.js')], {
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    let stderr = ''
    let timedOut = false
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 64_000) stderr += chunk
    })
    const started = Date.now()
    const heartbeat = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000)
      log(`仍在下载 Electron（${seconds} 秒）… still downloading Electron (${seconds} s)…`)
    }, HEARTBEAT_MS)
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    const finish = (result) => {
      clearInterval(heartbeat)
      clearTimeout(timer)
      // An installer stopped while unzipping leaves a dist/ without path.txt; node_modules may be shared.
      if (timedOut && !nodeFs.existsSync(path.join(packageDir, 'path.txt'))) {
        nodeFs.rmSync(path.join(packageDir, 'dist'), { recursive: true, force: true })
      }
      resolve(result)
    }
    child.on('error', (error) => finish({ ok: false, detail: error.message }))
    child.on('close', (code) => {
      if (code === 0) finish({ ok: true })
      else if (timedOut) finish({ ok: false, timedOut: true })
      else finish({ ok: false, detail: firstErrorLine(stderr) ?? `exit code ${code}` })
    })
  })
}

const nodeFiles = {
  exists: (file) => nodeFs.existsSync(file),
  readText: (file) => nodeFs.readFileSync(file, 'utf8'),
  copyFile: (from, to) => {
    nodeFs.mkdirSync(path.dirname(to), { recursive: true })
    nodeFs.copyFileSync(from, to)
  },
}

function electronPackageDir() {
  // The package's path only: require('electron') itself would start the lazy download with a stack trace.
  return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'))
}

/**
 * Binary present → its path; missing → Electron's installer runs, then the binary is looked for again;
 * installer failed, timed out or a variable points nowhere → the plain message. Every effect is injectable.
 */
export async function ensureElectron(options = {}) {
  const env = options.env ?? process.env
  const files = options.files ?? nodeFiles
  const packageDir = options.packageDir ?? electronPackageDir()
  const version = options.version ?? JSON.parse(files.readText(path.join(packageDir, 'package.json'))).version
  const { platform, arch } = options.target ?? installTarget(env)
  const runInstaller = options.runInstaller ?? runElectronInstaller
  const timeoutMs = options.timeoutMs ?? INSTALL_TIMEOUT_MS
  const log = options.log ?? console.log
  const zipName = electronZipName(version, platform, arch)

  const before = locateElectron({ packageDir, env, platform, files })
  if (before.kind === 'present') return { ok: true, executable: before.executable, installed: false }
  if (before.kind === 'misconfigured') {
    return { ok: false, message: failureMessage({ version, zipName, failure: before }) }
  }

  const seeded = seedCacheFromFolder({ env, version, platform, arch, files })
  if (seeded !== null)
    log(`已将 ${zipName} 放入 Electron 下载缓存 / copied ${zipName} into Electron's download cache: ${seeded}`)
  log(
    `正在安装 Electron ${version}（约 100 MB，最长等待 ${Math.round(timeoutMs / 60_000)} 分钟）… ` +
      `installing Electron ${version} (about 100 MB, at most ${Math.round(timeoutMs / 60_000)} minutes)…`,
  )
  const result = await runInstaller({ packageDir, env, timeoutMs, log })
  const after = locateElectron({ packageDir, env, platform, files })
  if (after.kind === 'present') return { ok: true, executable: after.executable, installed: true }
  const failure = result.timedOut
    ? { kind: 'timed-out', timeoutMs }
    : { kind: 'install-failed', detail: result.ok ? 'the installer wrote no executable' : result.detail }
  return { ok: false, message: failureMessage({ version, zipName, failure }) }
}
