import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it, vi } from 'vitest'

const require = createRequire(import.meta.url)
const root = new URL('../../../', import.meta.url)

interface FusesModule {
  (context: unknown): Promise<void>
  EXPECTED_FUSES: Record<string, boolean>
  fuseConfig(platform: string): Record<string, unknown>
}

// A CommonJS hook file loaded by electron-builder; the interface above describes what it exports.
const fuses = require('../../../electron/build/fuses.cjs') as FusesModule
const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number | string> }
const yaml = require('js-yaml') as { load(text: string): unknown }
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>
}

function builderConfig(): Record<string, unknown> {
  const config = yaml.load(readFileSync(new URL('electron-builder.yml', root), 'utf8'))
  if (typeof config !== 'object' || config === null) throw new Error('electron-builder.yml is not a mapping')
  return { ...config }
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", async () => {
    await expect(
      validateConfiguration(builderConfig(), { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined()
  })

  it('is caught by that validation when wrong (the check can fail)', async () => {
    await expect(
      validateConfiguration({ ...builderConfig(), asar: 'yes please' }, { isEnabled: false, add: () => undefined }),
    ).rejects.toThrow()
  })

  it('names the app, packs into asar, ships only out/** and flips the fuses after packing', () => {
    const config = builderConfig()
    expect(config).toMatchObject({
      appId: 'org.mediationroom.desktop',
      productName: '调解室',
      asar: true,
      afterPack: 'electron/build/fuses.cjs',
    })
    expect(config['files']).toEqual(expect.arrayContaining(['out/**', '!node_modules/**']))
  })

  it('targets Windows NSIS x64, Linux deb and AppImage on x64 and arm64, and macOS dmg', () => {
    const config = builderConfig()
    expect(config['win']).toMatchObject({ target: [{ target: 'nsis', arch: ['x64'] }] })
    expect(config['linux']).toMatchObject({
      category: 'Office',
      target: [
        { target: 'deb', arch: ['x64', 'arm64'] },
        { target: 'AppImage', arch: ['x64', 'arm64'] },
      ],
    })
    expect(config['linux']).toHaveProperty('maintainer')
    expect(config['linux']).toHaveProperty('description')
    expect(config['mac']).toMatchObject({ target: [{ target: 'dmg' }] })
  })
})

describe('the fuses hook', () => {
  it('sets every fuse @electron/fuses knows, as the security checklist asks', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)))
    expect(Object.keys(fuses.EXPECTED_FUSES).sort()).toEqual(known.sort())
    expect(fuses.EXPECTED_FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      GrantFileProtocolExtraPrivileges: false,
      EnableCookieEncryption: true,
    })
  })

  it("hands electron-builder's packager the fuse configuration", async () => {
    const addElectronFuses = vi.fn(async () => undefined)
    const context = { electronPlatformName: 'linux', packager: { addElectronFuses } }
    await fuses(context)
    expect(addElectronFuses).toHaveBeenCalledExactlyOnceWith(context, fuses.fuseConfig('linux'))
    const config = fuses.fuseConfig('linux')
    expect(config[String(FuseV1Options['RunAsNode'])]).toBe(false)
    expect(config[String(FuseV1Options['OnlyLoadAppFromAsar'])]).toBe(true)
    expect(fuses.fuseConfig('darwin')['resetAdHocDarwinSignature']).toBe(true)
  })
})

describe('the main and preload build', () => {
  it('bundles the sandboxed preload as one CommonJS file that requires only electron', async () => {
    const config = (await import('../../../electron.vite.config')).default
    const preload = typeof config === 'function' ? null : await config
    const output = preload && 'preload' in preload ? preload.preload?.build?.rollupOptions?.output : null
    expect(output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' })
    expect(preload && 'preload' in preload ? preload.preload?.build?.externalizeDeps : null).toBe(false)
  })
})
