/**
 * The fuses, end to end on a synthetic Electron binary: the afterPack hook's configuration is flipped
 * with @electron/fuses (what electron-builder's addElectronFuses runs) and read back with the hook's own
 * `--check` code. tests/unit/electron/packaging.test.ts checks the configuration object; this checks
 * that it produces the wanted wire, and that the check notices a binary that was never flipped.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)

interface FusesHook {
  EXPECTED_FUSES: Record<string, boolean>
  fuseConfig(platform: string): Record<string, unknown>
  fuseMismatches(executablePath: string): Promise<string[]>
}
// A CommonJS hook loaded by electron-builder; the interface above is what it exports.
const hook = require('../../../electron/build/fuses.cjs') as FusesHook
const fuses = require('@electron/fuses') as {
  flipFuses(path: string, config: Record<string, unknown>): Promise<number>
  FuseV1Options: Record<string, number>
}
const { SENTINEL } = require('@electron/fuses/dist/constants') as { SENTINEL: string }

/** Electron's wire as shipped, before any flipping (ASCII '1' = on, '0' = off), in FuseV1Options order. */
const ELECTRON_DEFAULT_WIRE: Record<string, boolean> = {
  RunAsNode: true,
  EnableCookieEncryption: false,
  EnableNodeOptionsEnvironmentVariable: true,
  EnableNodeCliInspectArguments: true,
  EnableEmbeddedAsarIntegrityValidation: false,
  OnlyLoadAppFromAsar: false,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: true,
}

/** The security checklist's fuse set (reliability brief §1.1 item 19), written out independently of the hook. */
const REQUIRED = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  GrantFileProtocolExtraPrivileges: false,
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mr-fuses-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Bytes around a fuse wire, as in a real executable: sentinel, wire version 1, length, one byte per fuse. */
function fakeElectron(): string {
  const names = Object.entries(fuses.FuseV1Options)
    .filter(([name]) => Number.isNaN(Number(name)))
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name)
  const wire = names.map((name) => (ELECTRON_DEFAULT_WIRE[name] ? 0x31 : 0x30))
  const bytes = Buffer.concat([
    Buffer.alloc(4096, 0xcc),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length, ...wire]),
    Buffer.alloc(4096, 0xcc),
  ])
  const path = join(dir, 'mediation-room')
  writeFileSync(path, bytes)
  return path
}

describe('fuses on a packaged binary', () => {
  it('an unflipped Electron fails the check on every security fuse', async () => {
    const mismatches = await hook.fuseMismatches(fakeElectron())
    for (const name of [
      'RunAsNode',
      'EnableNodeOptionsEnvironmentVariable',
      'EnableNodeCliInspectArguments',
      'OnlyLoadAppFromAsar',
      'EnableEmbeddedAsarIntegrityValidation',
      'GrantFileProtocolExtraPrivileges',
    ]) {
      expect(
        mismatches.some((line) => line.startsWith(`${name}:`)),
        name,
      ).toBe(true)
    }
  })

  it("after the hook's configuration is flipped in, the wire is exactly the required set and the check passes", async () => {
    const binary = fakeElectron()
    const before = readFileSync(binary)
    await fuses.flipFuses(binary, hook.fuseConfig('linux'))
    expect(await hook.fuseMismatches(binary)).toEqual([])
    expect(hook.EXPECTED_FUSES).toMatchObject(REQUIRED)
    // Only the wire changed: the bytes around it are untouched.
    const after = readFileSync(binary)
    expect(after.length).toBe(before.length)
    const changed = [...after.keys()].filter((i) => after[i] !== before[i])
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2
    expect(changed.every((i) => i >= wireStart && i < wireStart + 8)).toBe(true)
  })
})

describe('the Electron version', () => {
  /** Supported majors on 2026-11-22 (Electron 45 current); electron-version.test.ts moves this window with the release schedule. */
  const SUPPORTED_MAJORS = [45, 44, 43]

  it("package.json's electron devDependency is a supported major, and the installed one matches it", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      devDependencies: Record<string, string>
    }
    const range = pkg.devDependencies['electron'] ?? ''
    const declared = Number(/(\d+)\./.exec(range)?.[1])
    expect(SUPPORTED_MAJORS).toContain(declared)
    const installed = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
    expect(Number(installed.version.split('.')[0])).toBe(declared)
  })
})
