import { test } from '@playwright/test'
import { startLoopbackServer, type LoopbackServer } from '../../sync/server'

/**
 * A spec's real loopback CouchDB-protocol server (tests/sync/server.ts): started before the spec's tests,
 * stopped after them (after `beforeStop`, e.g. closing the PCs' pages), with the PCs in China's time zone.
 * Called at the top of a spec; the server it returns stands for the one started (a stand-in until then, so
 * that the spec reads `server.url` and passes `server` on as if it held it).
 */
export function useLoopbackServer(options: { beforeStop?: () => Promise<void> } = {}): LoopbackServer {
  let started: LoopbackServer | undefined
  test.use({ timezoneId: 'Asia/Shanghai' })
  test.beforeAll(async () => {
    started = await startLoopbackServer()
  })
  test.afterAll(async () => {
    await options.beforeStop?.()
    await started?.stop()
  })
  return new Proxy({} as LoopbackServer, {
    get(_, key) {
      if (!started) throw new Error('the loopback server is used before its beforeAll started it')
      return Reflect.get(started, key)
    },
  })
}
