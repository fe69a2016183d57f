import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { parseDevServerUrl, resolveRuntime } from '../../../electron/main/runtime'

vi.mock('electron', () => ({}))

const { DEV_USER_DATA_FOLDER, USER_DATA_FOLDER, pinUserDataPath, userDataPathFor } =
  await import('../../../electron/main/paths')

const APP_DATA = join('/home', '李淑珺', '.config')

describe('userData', () => {
  it('is a constant ASCII folder, never derived from the product name', () => {
    expect(USER_DATA_FOLDER).toBe('mediation-room')
    expect(DEV_USER_DATA_FOLDER).toBe('mediation-room-dev')
    expect(USER_DATA_FOLDER).toMatch(/^[\x20-\x7e]+$/)
  })

  it('is separate for unpackaged (development) runs', () => {
    const packaged = userDataPathFor(APP_DATA, resolveRuntime(true, {}))
    const development = userDataPathFor(APP_DATA, resolveRuntime(false, {}))
    expect(packaged).toBe(join(APP_DATA, 'mediation-room'))
    expect(development).toBe(join(APP_DATA, 'mediation-room-dev'))
  })

  it('ignores every environment variable in a packaged app (fuzz)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (env) => {
        const runtime = resolveRuntime(true, {
          ...env,
          MEDIATION_ROOM_USER_DATA_DIR: '/tmp/x',
          ELECTRON_RENDERER_URL: 'http://localhost:5173',
        })
        expect(runtime).toEqual({ packaged: true, devServerUrl: null, userDataOverride: null })
        expect(userDataPathFor(APP_DATA, runtime)).toBe(join(APP_DATA, USER_DATA_FOLDER))
      }),
    )
  })

  it('lets an unpackaged test run choose its own folder', () => {
    const runtime = resolveRuntime(false, { MEDIATION_ROOM_USER_DATA_DIR: '/tmp/e2e-profile' })
    expect(userDataPathFor(APP_DATA, runtime)).toBe('/tmp/e2e-profile')
  })

  it('is pinned through app.setPath before anything else reads it', () => {
    const app = { getPath: vi.fn(() => APP_DATA), setPath: vi.fn() }
    const pinned = pinUserDataPath(app, resolveRuntime(true, {}))
    expect(app.getPath).toHaveBeenCalledWith('appData')
    expect(app.setPath).toHaveBeenCalledExactlyOnceWith('userData', join(APP_DATA, USER_DATA_FOLDER))
    expect(pinned).toBe(join(APP_DATA, USER_DATA_FOLDER))
  })
})

describe('the dev server URL', () => {
  it('is accepted only as http on this machine', () => {
    expect(parseDevServerUrl('http://localhost:5173/')).toBe('http://localhost:5173/')
    expect(parseDevServerUrl('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/')
    for (const url of [
      'https://localhost:5173',
      'http://evil.example:5173',
      'file:///tmp/index.html',
      'localhost:5173',
      '',
      undefined,
    ]) {
      expect(parseDevServerUrl(url)).toBeNull()
    }
  })
})
