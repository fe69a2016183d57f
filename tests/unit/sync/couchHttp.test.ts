/**
 * Every request sync makes has a time limit (src/db/sync/couchHttp.ts): a server (or a proxy in front of
 * it) that takes the connection and never answers fails the request instead of holding sync forever.
 */
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { couchJson, couchSend, SyncHttpError, transferTimeoutMs, type RemoteDb } from '../../../src/db/sync/couchHttp'

let silent: Server
let url = ''
const held: Socket[] = []

beforeAll(async () => {
  // answers /ok at once; anything else is taken and never answered
  silent = createServer((req, res) => {
    if (req.url === '/db/ok') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ auth: req.headers.authorization ?? null }))
    } else if (req.url === '/db/gone') {
      res.writeHead(404, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: 'not_found' }))
    } else held.push(req.socket)
  })
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  const address = silent.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/db`
})

afterAll(async () => {
  for (const socket of held) socket.destroy()
  await new Promise((resolve) => silent.close(resolve))
})

describe('couchJson', () => {
  it('sends the PC’s Authorization and reads the JSON answer', async () => {
    const remote: RemoteDb = { url, authorization: 'Basic cm9vbTpwdw==' }
    expect(await couchJson(remote, 'GET', `${url}/ok`)).toEqual({ auth: 'Basic cm9vbTpwdw==' })
  })

  it('an answer other than 2xx is a SyncHttpError with its status and body', async () => {
    const failure = await couchJson({ url }, 'GET', `${url}/gone`).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(SyncHttpError)
    expect(failure).toMatchObject({ status: 404, body: { error: 'not_found' } })
  })

  it('gives up on a server that never answers, after the time limit and not long after', async () => {
    const started = performance.now()
    const failure = await couchJson({ url }, 'GET', `${url}/_changes`, { timeoutMs: 300 }).catch((e: unknown) => e)
    const took = performance.now() - started
    expect(failure).toMatchObject({ name: 'TimeoutError' })
    expect(took).toBeGreaterThanOrEqual(290)
    expect(took).toBeLessThan(5_000)
  })

  it('a caller’s own abort ends the request too (a longpoll cut short by a local write)', async () => {
    const abort = new AbortController()
    const pending = couchJson({ url }, 'GET', `${url}/_changes?feed=longpoll`, { signal: abort.signal })
    abort.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe("a fetch that loses its signal (Node's fetch after a garbage collection, nodejs/node#55428)", () => {
  // a fetch that ignores the abort it was given and never answers: only couchHttp's own guard can end it
  const deafFetch = () => vi.spyOn(globalThis, 'fetch').mockImplementation(() => new Promise<Response>(() => undefined))
  afterEach(() => vi.restoreAllMocks())

  it("live sync stopping (the remote's signal) still ends the request at once", async () => {
    deafFetch()
    const stopping = new AbortController()
    const pending = couchJson({ url, signal: stopping.signal }, 'GET', `${url}/_changes?feed=longpoll`)
    const started = performance.now()
    stopping.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('the time limit still ends it, and a request sent after an abort fails at once', async () => {
    deafFetch()
    await expect(couchJson({ url }, 'GET', `${url}/x`, { timeoutMs: 200 })).rejects.toMatchObject({
      name: 'TimeoutError',
    })
    const stopped = new AbortController()
    stopped.abort()
    await expect(couchSend({ url, signal: stopped.signal }, 'GET', `${url}/x`)).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})

describe('transferTimeoutMs', () => {
  it('gives a file its time on a 400 kbit/s line on top of the usual minute', () => {
    // bytes -> ms, worked out by hand at 50 000 bytes a second
    const table: [number, number][] = [
      [0, 60_000],
      [50_000, 61_000],
      [1, 60_001],
      // a 20 MB file as sent: sealed, then base64 (4/3)
      [27_962_068, 60_000 + 559_242],
    ]
    for (const [bytes, ms] of table) expect(transferTimeoutMs(bytes)).toBe(ms)
  })
})
