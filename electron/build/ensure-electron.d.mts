// Types for ensure-electron.mjs (plain Node, so that it runs before TypeScript tooling is known to work).

export interface ElectronFiles {
  exists(file: string): boolean
  readText(file: string): string
  copyFile(from: string, to: string): void
}

export type ElectronLocation =
  | { kind: 'present'; executable: string }
  | { kind: 'missing' }
  | { kind: 'misconfigured'; variable: 'ELECTRON_EXEC_PATH' | 'ELECTRON_OVERRIDE_DIST_PATH'; path: string }

export type InstallFailure =
  | { kind: 'install-failed'; detail: string }
  | { kind: 'timed-out'; timeoutMs?: number }
  | { kind: 'misconfigured'; variable: string; path: string }

export type InstallerResult =
  { ok: true } | { ok: false; timedOut: true } | { ok: false; timedOut?: false; detail: string }

export interface InstallerOptions {
  packageDir: string
  env: NodeJS.ProcessEnv
  timeoutMs?: number
  log?: (line: string) => void
}

export type EnsureResult = { ok: true; executable: string; installed: boolean } | { ok: false; message: string }

export const INSTALL_TIMEOUT_MS: number
export const CHINA_MIRROR: string
export const PREVIEW_URL: string

export function installTarget(
  env: NodeJS.ProcessEnv,
  hostPlatform?: string,
  hostArch?: string,
): { platform: string; arch: string }
export function platformExecutable(platform: string): string | null
export function electronZipName(version: string, platform: string, arch: string): string
export function locateElectron(options: {
  packageDir: string
  env: NodeJS.ProcessEnv
  platform: string
  files: ElectronFiles
}): ElectronLocation
export function electronCacheFolder(env: NodeJS.ProcessEnv, version: string, fileName: string): string
export function seedCacheFromFolder(options: {
  env: NodeJS.ProcessEnv
  version: string
  platform: string
  arch: string
  files: ElectronFiles
}): string | null
export function failureMessage(options: { version: string; zipName: string; failure: InstallFailure }): string
export function firstErrorLine(output: string): string | null
export function runElectronInstaller(options: InstallerOptions): Promise<InstallerResult>
export function ensureElectron(options?: {
  env?: NodeJS.ProcessEnv
  files?: ElectronFiles
  packageDir?: string
  version?: string
  target?: { platform: string; arch: string }
  runInstaller?: (options: InstallerOptions) => Promise<InstallerResult>
  timeoutMs?: number
  log?: (line: string) => void
}): Promise<EnsureResult>
