/**
 * Sealing ahead in the seal worker (src/db/sealWorkerClient.ts, seal.worker.ts): the page hands each job
 * over as a structured clone and takes back seals that open to exactly the item's bytes; whatever keeps the
 * worker from answering (it fails to start, cannot read a request, or an item cannot be cloned) has the
 * job sealed on the page instead, never lost or left waiting. Node has no Worker: a fake one runs the
 * worker's own answer (sealJob.ts `answerSealRequest`) on clones, as a real one would.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { answerSealRequest } from '../../../src/db/sealJob'
import {
  SEAL_WORKER_BROKEN,
  type SealJobItem,
  type SealRequest,
  type SealResponse,
} from '../../../src/db/sealWorkerProtocol'
import { openWithWebKey } from '../../../src/db/sealCipher'

type Behaviour = 'answers' | 'fails to start' | 'cannot read requests'

/** A dedicated worker as the page sees one: messages cross as structured clones, answers come in later tasks. */
class FakeWorker {
  static behaviour: Behaviour = 'answers'
  static made: FakeWorker[] = []
  onmessage: ((event: { data: SealResponse }) => void) | null = null
  onerror: (() => void) | null = null
  onmessageerror: (() => void) | null = null
  posted: SealRequest[] = []
  terminated = false

  constructor(readonly url: URL) {
    FakeWorker.made.push(this)
    if (FakeWorker.behaviour === 'fails to start') setTimeout(() => this.onerror?.(), 0)
  }

  postMessage(request: SealRequest): void {
    const copy = structuredClone(request) // throws DataCloneError as the browser does, at the call
    this.posted.push(copy)
    setTimeout(() => {
      if (this.terminated || FakeWorker.behaviour === 'fails to start') return
      // the worker's own handler for a request it could not read (seal.worker.ts)
      if (FakeWorker.behaviour === 'cannot read requests')
        return this.onmessage?.({ data: { id: SEAL_WORKER_BROKEN, ok: false, message: 'messageerror' } })
      void answerSealRequest(copy, (message) => this.onmessage?.({ data: structuredClone(message) }))
    }, 0)
  }

  terminate(): void {
    this.terminated = true
  }
}

const key = () => crypto.subtle.importKey('raw', new Uint8Array(32).fill(3), 'AES-GCM', false, ['encrypt', 'decrypt'])
const utf8 = (s: string) => new TextEncoder().encode(s)

/** The plain bytes a seal opens to under the item's additional data (the reference: layout 0 is 0 + UTF-8). */
async function opened(k: CryptoKey, item: SealJobItem, sealed: Uint8Array): Promise<number[]> {
  return [...(await openWithWebKey(k, utf8(item.context), sealed))]
}
const expectedPlain = (item: SealJobItem) => ('plain' in item ? [...item.plain] : [0, ...utf8(item.json)])

const items: SealJobItem[] = [
  { context: 'caseDocs\u0000[["id","c1"]]', json: '{"id":"c1","facts":"欧阳珺喆 110105198706123578"}' },
  { context: 'attachments\u0000[["id","a1"]]', plain: Uint8Array.from([1, 2, 3, 250]) },
]

async function freshClient() {
  vi.resetModules()
  return import('../../../src/db/sealWorkerClient')
}

beforeEach(() => {
  FakeWorker.behaviour = 'answers'
  FakeWorker.made = []
  vi.stubGlobal('Worker', FakeWorker)
})
afterEach(() => vi.unstubAllGlobals())

describe('sealing ahead in the seal worker', () => {
  it('seals every item there, in order, into seals that open to exactly its bytes', async () => {
    const { sealAhead } = await freshClient()
    const k = await key()
    const sealed = await sealAhead(k, items)
    expect(FakeWorker.made).toHaveLength(1)
    expect(String(FakeWorker.made[0]!.url)).toMatch(/seal\.worker\.ts$/)
    expect(FakeWorker.made[0]!.posted).toHaveLength(1)
    for (const [i, item] of items.entries()) expect(await opened(k, item, sealed[i]!)).toEqual(expectedPlain(item))
    // one worker, kept: a second job goes to the same one
    await sealAhead(k, items.slice(0, 1))
    expect(FakeWorker.made).toHaveLength(1)
    expect(FakeWorker.made[0]!.posted).toHaveLength(2)
  })

  it('seals on the page what is in flight when the worker fails to start, and everything after', async () => {
    FakeWorker.behaviour = 'fails to start'
    const { sealAhead } = await freshClient()
    const k = await key()
    const sealed = await sealAhead(k, items)
    for (const [i, item] of items.entries()) expect(await opened(k, item, sealed[i]!)).toEqual(expectedPlain(item))
    expect(FakeWorker.made[0]!.terminated).toBe(true)
    await sealAhead(k, items)
    expect(FakeWorker.made).toHaveLength(1) // not started again
    expect(FakeWorker.made[0]!.posted).toHaveLength(1)
  })

  it('seals on the page what the worker could not read', async () => {
    FakeWorker.behaviour = 'cannot read requests'
    const { sealAhead } = await freshClient()
    const k = await key()
    const [first, second] = await Promise.all([sealAhead(k, items), sealAhead(k, items.slice(1))])
    for (const [i, item] of items.entries()) expect(await opened(k, item, first![i]!)).toEqual(expectedPlain(item))
    expect(await opened(k, items[1]!, second![0]!)).toEqual(expectedPlain(items[1]!))
  })

  it('seals on the page a job the structured clone refuses, and keeps the worker for the next', async () => {
    const { sealAhead } = await freshClient()
    const k = await key()
    const refused = { context: 'caseDocs\u0000[["id","c2"]]', json: '{}', extra: () => 0 } as unknown as SealJobItem
    const [sealed] = await sealAhead(k, [refused])
    expect(await opened(k, refused, sealed!)).toEqual(expectedPlain(refused))
    expect(FakeWorker.made[0]!.posted).toHaveLength(0)
    await sealAhead(k, items)
    expect(FakeWorker.made[0]!.posted).toHaveLength(1)
  })

  it('fails a job whose sealing fails in the worker, with its reason', async () => {
    const { sealAhead } = await freshClient()
    const noEncrypt = await crypto.subtle.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['decrypt'])
    await expect(sealAhead(noEncrypt, items)).rejects.toThrow()
    expect(FakeWorker.made[0]!.posted).toHaveLength(1)
  })
})
