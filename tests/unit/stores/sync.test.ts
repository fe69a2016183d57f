/**
 * The sync store: the replicator is loaded and started on demand with the sources given; its snapshots
 * become the store's state and words; stop() ends it and says nothing again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { useSyncStore } from '../../../src/stores/sync'

const db = new MediationDb('sync-store', { indexedDB: new IDBFactory(), IDBKeyRange })
vi.mock('../../../src/db/connection', () => ({ getDatabase: async () => ({ db, persisted: true }) }))

afterEach(async () => {
  await useSyncStore().stop()
})

describe('useSyncStore', () => {
  it('says nothing before it starts, and while no server is configured', async () => {
    setActivePinia(createPinia())
    const store = useSyncStore()
    expect(store.label).toBeUndefined()
    const remote = vi.fn(async () => undefined)
    await store.start({ remote, committeeKey: async () => undefined })
    await store.syncNow()
    expect(remote).toHaveBeenCalled()
    expect(store.snapshot.configured).toBe(false)
    expect(store.label).toBeUndefined()
  })

  it('shows a refusal in words, and nothing once stopped', async () => {
    setActivePinia(createPinia())
    const store = useSyncStore()
    // plain http to another computer is refused before any request
    const remote = { url: 'http://192.0.2.10:5984/mr-x' }
    await store.start({ remote: async () => remote, committeeKey: async () => ({}) as never })
    await vi.waitFor(() => expect(store.snapshot.refused).toBe('insecure'))
    expect(store.label).toEqual({ text: '同步未启动：服务器地址须以 https:// 开头', tone: 'attention' })
    await store.stop()
    expect(store.snapshot.configured).toBe(false)
    expect(store.label).toBeUndefined()
  })
})
