/**
 * IPC fuzzing through the real wrapper (createInvokeListener via registerIpcHandlers) and the real
 * handlers (createChannelHandlers over a temporary userData folder), unlike tests/unit/electron/ipc.test.ts
 * which fuzzes the wrapper around stub handlers. Properties, for every channel of the contract:
 * the listener never throws, a handler never sees a payload its schema rejects, and a rejected payload
 * writes nothing (no file in the folder changes, no host write, dialog, viewer or browser is called).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ipcChannels, ipcContract, type Channel } from '../../../src/shared/ipc'
import { eventFrom, PDF, VALID_REQUESTS } from '../electron/ipcFixtures'
import { testBackupKeys } from '../electron/backup/testBackupKeys'
import { fakeKeyStore, testVault } from '../electron/vault/fakeKeyStore'

vi.mock('electron', () => ({}))

const { registerIpcHandlers } = await import('../../../electron/main/ipc')
const { createChannelHandlers } = await import('../../../electron/main/handlers')
const { atomicWrite } = await import('../../../electron/main/backup/atomicWrite')
const { createNodeSigner } = await import('../../../electron/main/signing')
const { APP_ORIGIN } = await import('../../../electron/main/origin')
const { createPrintFolder } = await import('../../../electron/main/print-folder')
const { createSyncServerStore } = await import('../../../electron/main/syncServer')
type InvokeEvent = import('../../../electron/main/ipc').InvokeEvent
type ChannelHandlers = import('../../../electron/main/ipc').ChannelHandlers
type Listener = (event: InvokeEvent, payload: unknown) => Promise<unknown>

/** Runs per channel and per kind of input; FUZZ_RUNS raises it for a longer local run. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000)

let root: string
let listeners: Map<Channel, Listener>
let handlerCalls: Map<Channel, ReturnType<typeof vi.fn>>
const host = {
  showSaveDialog: vi.fn(),
  writeFileDurably: vi.fn(),
  openPath: vi.fn(async () => ''),
  openExternal: vi.fn(async () => undefined),
  chooseFolder: vi.fn(),
}

/**
 * Every file under the temporary root with its inode, size and nanosecond mtime: a write, an atomic
 * replace (new inode) or a new file all change it, so equal snapshots mean nothing was written.
 */
function snapshot(dir = root): string[] {
  const entries: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) entries.push(`${path}/`, ...snapshot(path))
    else {
      const { ino, size, mtimeNs } = statSync(path, { bigint: true })
      entries.push(`${path} ${ino} ${size} ${mtimeNs}`)
    }
  }
  return entries.sort()
}

function hostCallCount(): number {
  return Object.values(host).reduce((sum, spy) => sum + spy.mock.calls.length, 0)
}

const trustedEvent = () => eventFrom(`${APP_ORIGIN}/index.html`)

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mr-ipc-fuzz-'))
  const userData = join(root, 'userData')
  for (const dir of ['userData', 'documents', 'print', 'usb']) mkdirSync(join(root, dir))
  host.showSaveDialog.mockImplementation(async () => ({
    canceled: false,
    filePath: join(root, 'documents', 'saved.bin'),
  }))
  host.writeFileDurably.mockImplementation((path: string, data: Uint8Array) => atomicWrite(path, data))
  host.chooseFolder.mockImplementation(async () => join(root, 'usb'))
  const signer = createNodeSigner(userData)
  await signer.publicKey() // creates the key file now, so the fuzz loop starts from a settled folder

  const printFolder = createPrintFolder(join(root, 'print'))
  const real = createChannelHandlers({
    app: { getName: () => '调解室', getVersion: () => '0.1.0', getPath: () => userData },
    versions: { electron: '45.4.1', chrome: '140.0.0.0' },
    platform: 'linux',
    files: {
      showSaveDialog: host.showSaveDialog,
      writeFileDurably: host.writeFileDurably,
      openPath: host.openPath,
      documentsDir: () => join(root, 'documents'),
      preparePrintFolder: (bytes: number) => printFolder.prepare(bytes),
    },
    openExternal: host.openExternal,
    backup: { userDataDir: userData, chooseFolder: host.chooseFolder, backupKeys: testBackupKeys() },
    signer,
    vault: testVault(userData),
    syncServer: createSyncServerStore({ dir: userData, protector: fakeKeyStore().protector, platform: 'linux' }),
  })
  handlerCalls = new Map(
    ipcChannels.map((channel) => [channel, vi.fn(real[channel] as (...args: unknown[]) => unknown)]),
  )
  const handle = vi.fn()
  registerIpcHandlers({ handle }, Object.fromEntries(handlerCalls) as unknown as ChannelHandlers, {
    trustedOrigins: [APP_ORIGIN],
    log: () => undefined,
  })
  listeners = new Map(handle.mock.calls.map(([channel, listener]) => [channel as Channel, listener as Listener]))
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Values of the wrong type, or of the right type and hostile content. */
const hostileValue = fc.oneof(
  fc.anything({ withTypedArray: true, withMap: true, withSet: true, withDate: true, withBigInt: true }),
  fc.constantFrom<unknown>(
    null,
    undefined,
    '',
    '../../../etc/passwd',
    '..\\..\\Windows\\System32\\x.pdf',
    'C:\\x.pdf',
    '/etc/passwd',
    'a\u0000b.pdf',
    ' 协议.pdf',
    '..',
    'x'.repeat(121),
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://flk.npc.gov.cn.evil.example/',
    'https://user:pw@flk.npc.gov.cn/',
    'backup-20261122-083000-manual.mrbak/../../x',
    'G'.repeat(64),
    'AB'.repeat(32),
    new Uint8Array(0),
    new Uint8Array([1, 2, 3]),
    Array.from(PDF),
    PDF.buffer,
    new DataView(PDF.buffer),
    { length: 5, 0: 0x25 },
    Number.NaN,
    -1,
    2 ** 53,
    Symbol('x'),
    () => 'function',
    new Proxy({}, {}),
  ),
)

type Mutation = (value: unknown) => unknown

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
    ? { ...(value as Record<string, unknown>) }
    : null
}

/** What the page would send after a JSON detour: bytes become plain objects, undefined becomes null. */
function jsonRoundTrip(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value) ?? 'null')
  } catch {
    return value // BigInt or a cycle: JSON cannot carry it, so leave it for the other mutations
  }
}

/** Changes the shape of a request: keys dropped, added, retyped; the whole value wrapped or flattened. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i): Mutation => (v) => {
    const record = asRecord(v)
    const keys = record === null ? [] : Object.keys(record)
    if (record === null || keys.length === 0) return v
    delete record[keys[i % keys.length] as string]
    return record
  }),
  fc.tuple(fc.nat(), hostileValue).map(([i, replacement]): Mutation => (v) => {
    const record = asRecord(v)
    const keys = record === null ? [] : Object.keys(record)
    if (record === null || keys.length === 0) return replacement
    record[keys[i % keys.length] as string] = replacement
    return record
  }),
  fc
    .tuple(fc.string({ maxLength: 12 }), hostileValue)
    .map(([key, extra]): Mutation => (v) => ({ ...(asRecord(v) ?? {}), [key]: extra })),
  fc.constant<Mutation>((v) => JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`) ?? v),
  fc.constant<Mutation>((v) => Object.assign(Object.create({ inherited: v }) as object, asRecord(v))),
  fc.constant<Mutation>((v) => [v]),
  fc.constant<Mutation>((v) => ({ payload: v })),
  fc.constant<Mutation>(jsonRoundTrip),
  fc.constant<Mutation>((v) => (typeof v === 'object' && v !== null ? new Map(Object.entries(v)) : v)),
)

/** A valid request of the channel after one to three shape mutations (some stay valid, which is fine). */
function mutatedRequest(channel: Channel): fc.Arbitrary<unknown> {
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((ms) => ms.reduce((value, m) => m(value), VALID_REQUESTS[channel]))
}

/** Calls one channel and checks the properties; returns whether the payload was valid. */
async function callAndCheck(channel: Channel, payload: unknown): Promise<boolean> {
  const listener = listeners.get(channel)
  const handler = handlerCalls.get(channel)
  if (!listener || !handler) throw new Error(`no listener for ${channel}`)
  const valid = ipcContract[channel].request.safeParse(payload).success
  const before = valid ? [] : snapshot()
  const hostCallsBefore = hostCallCount()
  handler.mockClear()

  const answer = await listener(trustedEvent(), payload) // must resolve: a rejection fails the property

  expect(answer).toMatchObject({ ok: expect.any(Boolean) })
  if (valid) {
    expect(handler).toHaveBeenCalledTimes(1)
  } else {
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/^请求内容无效/) },
    })
    expect(handler).not.toHaveBeenCalled()
    expect(hostCallCount()).toBe(hostCallsBefore)
    expect(snapshot()).toEqual(before)
  }
  return valid
}

describe.each([...ipcChannels])('IPC channel %s, fuzzed through the real wrapper and handlers', (channel) => {
  it(`any value: never throws, never reaches the handler or the disk unless valid (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (payload) => {
        await callAndCheck(channel, payload)
      }),
      { numRuns: RUNS },
    )
  })

  it(`shape-mutated valid requests: same properties (${RUNS} runs)`, async () => {
    let rejected = 0
    await fc.assert(
      fc.asyncProperty(mutatedRequest(channel), async (payload) => {
        if (!(await callAndCheck(channel, payload))) rejected++
      }),
      { numRuns: RUNS },
    )
    // The mutations must actually produce bad input, or this test proves nothing.
    expect(rejected).toBeGreaterThan(RUNS / 2)
  })

  it('answers the unmutated valid request through the real handler', async () => {
    const handler = handlerCalls.get(channel)
    await callAndCheck(channel, VALID_REQUESTS[channel])
    expect(handler).toHaveBeenCalledTimes(1)
  })
})

describe('IPC from a frame outside the app', () => {
  const foreignUrl = fc.oneof(
    fc.webUrl({ validSchemes: ['http', 'https', 'file', 'ftp', 'ws'] }),
    fc.constantFrom(
      'app://mediation-room.evil',
      'app://evil',
      'app://user@mediation-room/index.html',
      'file:///work/main/out/renderer/index.html',
      'http://127.0.0.1:4173/index.html',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      '',
    ),
  )

  it(`a valid request from a foreign or missing frame never reaches a handler or the disk (${RUNS} runs)`, async () => {
    const before = snapshot()
    const hostCallsBefore = hostCallCount()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ipcChannels), fc.option(foreignUrl, { nil: null }), async (channel, url) => {
        const handler = handlerCalls.get(channel)
        handler?.mockClear()
        const answer = await listeners.get(channel)?.(eventFrom(url), VALID_REQUESTS[channel])
        expect(answer).toMatchObject({ ok: false, error: { code: 'sender-rejected' } })
        expect(handler).not.toHaveBeenCalled()
      }),
      { numRuns: RUNS },
    )
    expect(hostCallCount()).toBe(hostCallsBefore)
    expect(snapshot()).toEqual(before)
  })
})
