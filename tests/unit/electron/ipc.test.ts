import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { ipcChannels, ipcContract, type Channel } from '../../../src/shared/ipc'
import { BACKUP_INFO, eventFrom, PDF, VALID_REQUESTS as validRequests } from './ipcFixtures'

vi.mock('electron', () => ({}))

const { createInvokeListener, IpcRefusal, registerIpcHandlers } = await import('../../../electron/main/ipc')
type InvokeEvent = import('../../../electron/main/ipc').InvokeEvent
type ChannelHandlers = import('../../../electron/main/ipc').ChannelHandlers

const APP = 'app://mediation-room'
const options = { trustedOrigins: [APP], log: vi.fn() }

const validResults: { [C in Channel]: unknown } = {
  'app:info': {
    name: '调解室',
    version: '0.1.0',
    electron: '45.4.1',
    chrome: '140',
    platform: 'linux',
    userDataPath: '/x',
  },
  'app:flushed': null,
  'files:save': { saved: true, path: '/home/a/调解协议书.pdf' },
  'files:print-pdf': { opened: true },
  'shell:open-external': { opened: true },
  'backup:write': { backup: BACKUP_INFO, extraCopy: { status: 'none' }, removed: [] },
  'backup:list': [BACKUP_INFO],
  'backup:read': { name: BACKUP_INFO.name, snapshot: '{}' },
  'backup:open-file': { snapshot: '{}' },
  'backup:sentinel': null,
  'backup:choose-extra-folder': { extraFolder: null },
  'backup:settings': { extraFolder: '/media/usb' },
  'signing:sign': { signature: `${'A'.repeat(86)}==`, keyId: '0123456789abcdef', contentHash: 'ab'.repeat(32) },
  'signing:verify': { valid: true },
  'signing:highest-version': { version: 2 },
  'signing:public-key': { keyId: '0123456789abcdef', publicKeyBase64: 'AAAA' },
  'signing:sign-transfer': { signature: `${'A'.repeat(86)}==`, keyId: '0123456789abcdef' },
  'audit:anchor': { status: 'unchanged', anchors: { first: null, last: null, lastRestore: null } },
  'audit:anchors': { first: null, last: null, lastRestore: null },
  'vault:keys': { status: 'ready', dataKey: new Uint8Array(32), auditKey: new Uint8Array(32) },
  'vault:set-passphrase': { status: 'needs-setup-passphrase' },
  'vault:unlock': { status: 'needs-passphrase' },
  'vault:recovery-key': { recoveryKey: null },
  'vault:recovery-key-confirmed': { confirmed: true },
  'sync:server': { url: 'https://tiaojie.example.cn:6984', database: 'mr-abc', user: 'reception' },
  'sync:save-server': { saved: true },
  'sync:forget-server': { forgotten: true },
  'sync:remote': { url: 'https://tiaojie.example.cn:6984/mr-abc' },
}

describe('createInvokeListener', () => {
  it('passes a valid request from the app to the handler and answers its result', async () => {
    const handler = vi.fn(() => ({ opened: true as const }))
    const listener = createInvokeListener('shell:open-external', handler, options)
    const answer = await listener(eventFrom(`${APP}/index.html#/cases`), { url: 'https://flk.npc.gov.cn/' })
    expect(answer).toEqual({ ok: true, value: { opened: true } })
    expect(handler).toHaveBeenCalledWith({ url: 'https://flk.npc.gov.cn/' }, expect.anything())
  })

  it.each([
    ['a null sender frame', null],
    ['a foreign https page', 'https://evil.example/index.html'],
    ['a file:// page', 'file:///tmp/evil.html'],
    ['another app:// host', 'app://mediation-room.evil/index.html'],
    ['a look-alike with credentials', 'app://user@mediation-room/index.html'],
    ['the dev server when it is not trusted', 'http://localhost:5173/'],
    ['an unparseable URL', 'not a url'],
  ])('rejects %s without calling the handler', async (_label, url) => {
    const handler = vi.fn(() => ({ opened: true as const }))
    const listener = createInvokeListener('shell:open-external', handler, options)
    const answer = await listener(eventFrom(url), { url: 'https://flk.npc.gov.cn/' })
    expect(answer).toEqual({ ok: false, error: { code: 'sender-rejected', message: '请求来源不受信任，已拒绝。' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('rejects a sender frame that throws when read (a destroyed frame)', async () => {
    const handler = vi.fn(() => ({ opened: true as const }))
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed')
      },
      sender: eventFrom(null).sender,
    }
    const answer = await createInvokeListener('shell:open-external', handler, options)(event, { url: 'x' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'sender-rejected' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('rejects a bad payload with a Chinese message, never coercing it', async () => {
    const handler = vi.fn(() => ({ saved: false }))
    const listener = createInvokeListener('files:save', handler, options)
    const cases: unknown[] = [
      { ...(validRequests['files:save'] as object), suggestedName: '../../etc/passwd' },
      { ...(validRequests['files:save'] as object), kind: 'exe' },
      { ...(validRequests['files:save'] as object), data: Array.from(PDF) },
      { ...(validRequests['files:save'] as object), mime: 'application/json' },
      { ...(validRequests['files:save'] as object), data: new Uint8Array([1, 2, 3]) },
      { ...(validRequests['files:save'] as object), extra: true },
      { suggestedName: 42 },
    ]
    for (const payload of cases) {
      const answer = await listener(eventFrom(`${APP}/index.html`), payload)
      expect(answer.ok).toBe(false)
      if (!answer.ok) {
        expect(answer.error.code).toBe('invalid-request')
        expect(answer.error.message).toMatch(/^请求内容无效/)
        expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/)
      }
    }
    expect(handler).not.toHaveBeenCalled()
  })

  it('never throws, and calls a handler only with a payload its schema accepts, on every channel (fuzz)', async () => {
    for (const channel of ipcChannels) {
      const handler = vi.fn(() => validResults[channel])
      // Each channel's handler is tested through the wrapper of that same channel.
      const listener = createInvokeListener(channel, handler as never, options)
      const schema = ipcContract[channel].request
      await fc.assert(
        fc.asyncProperty(
          fc.anything({ withTypedArray: true, withMap: true, withSet: true, withDate: true }),
          async (payload) => {
            handler.mockClear()
            const valid = schema.safeParse(payload).success
            const answer = await listener(eventFrom(`${APP}/index.html`), payload)
            expect(answer.ok).toBe(valid)
            expect(handler).toHaveBeenCalledTimes(valid ? 1 : 0)
            if (!answer.ok) expect(answer.error.code).toBe('invalid-request')
          },
        ),
        { numRuns: 300 },
      )
    }
  })

  it('answers a handler failure with a generic message and logs the details', async () => {
    const log = vi.fn()
    const listener = createInvokeListener(
      'app:info',
      () => {
        throw new Error('/secret/path exploded')
      },
      { trustedOrigins: [APP], log },
    )
    const answer = await listener(eventFrom(`${APP}/`), undefined)
    expect(answer).toEqual({ ok: false, error: { code: 'failed', message: '操作未能完成，请重试。' } })
    expect(JSON.stringify(answer)).not.toContain('secret')
    expect(log).toHaveBeenCalled()
  })

  it('answers a refusal with its own code and message', async () => {
    const listener = createInvokeListener(
      'shell:open-external',
      () => {
        throw new IpcRefusal('not-allowed', '此网址不在允许打开的名单中。')
      },
      options,
    )
    const answer = await listener(eventFrom(`${APP}/`), { url: 'https://evil.example/' })
    expect(answer).toEqual({ ok: false, error: { code: 'not-allowed', message: '此网址不在允许打开的名单中。' } })
  })

  it('refuses a handler result outside the contract', async () => {
    const listener = createInvokeListener('files:save', () => ({ saved: 'yes' }) as never, options)
    const answer = await listener(eventFrom(`${APP}/`), validRequests['files:save'])
    expect(answer).toMatchObject({ ok: false, error: { code: 'failed' } })
  })
})

describe('registerIpcHandlers', () => {
  it('registers exactly one listener per channel of the contract', async () => {
    const handle = vi.fn()
    const handlers = Object.fromEntries(ipcChannels.map((channel) => [channel, vi.fn(() => validResults[channel])]))
    registerIpcHandlers({ handle }, handlers as unknown as ChannelHandlers, options)
    expect(handle.mock.calls.map(([channel]) => channel)).toEqual([...ipcChannels])

    for (const [channel, listener] of handle.mock.calls as [
      Channel,
      (e: InvokeEvent, p: unknown) => Promise<unknown>,
    ][]) {
      const answer = await listener(eventFrom(`${APP}/index.html`), validRequests[channel])
      expect(answer, channel).toEqual({ ok: true, value: validResults[channel] })
    }
  })
})
