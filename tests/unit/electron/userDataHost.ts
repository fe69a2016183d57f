/**
 * An installation's user-data folder for tests that drive the main process's handlers: a fresh folder per
 * test (removed after it), and createChannelHandlers' dependencies over it, with inert stand-ins for what
 * such a test does not use (app info, the files host, links, the committee signer). The test gives its
 * backup and vault, and overrides whatever else it exercises. Types only from electron/main: the test file
 * mocks 'electron' before it imports the handlers.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, vi } from 'vitest'
import type { HandlerDependencies } from '../../../electron/main/handlers'

/** Call once at the top of a test file: makes `mr-<name>-…` folders, each removed after its test. */
export function tempFolders(): (name: string) => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
  })
  return async (name) => {
    const dir = await mkdtemp(join(tmpdir(), `mr-${name}-`))
    made.push(dir)
    return dir
  }
}

/** The handlers' dependencies for an installation in `userData`: `deps` given, the rest inert. */
export function handlerDependencies(
  userData: string,
  deps: Pick<HandlerDependencies, 'backup' | 'vault'> & Partial<HandlerDependencies>,
): HandlerDependencies {
  return {
    app: { getName: () => '', getVersion: () => '', getPath: () => '' },
    versions: { electron: '', chrome: '' },
    platform: 'linux',
    files: {
      showSaveDialog: async () => ({ canceled: true }),
      writeFileDurably: async () => undefined,
      openPath: async () => '',
      documentsDir: () => userData,
      preparePrintFolder: async () => userData,
    },
    openExternal: async () => undefined,
    signer: {
      sign: vi.fn(),
      verify: vi.fn(),
      highestSignedVersion: vi.fn(),
      publicKey: vi.fn(),
      signTransfer: vi.fn(),
    },
    ...deps,
  }
}
