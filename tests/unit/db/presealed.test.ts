/**
 * Values sealed before their transaction (src/db/presealed.ts, sealedWrites.ts): the middleware stores the
 * seal made ahead only for exactly the value and record it was made for, once; anything else it seals
 * itself, so no value reaches the store in clear. The stored rows are read through a second handle that
 * knows nothing of sealing, as a thief with the profile's files would.
 */
import { describe, expect, it, vi } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { presealed } from '../../../src/db/sealedWrites'
import { openBytes, openBytesAsync, sealBytes, sealBytesAsync } from '../../../src/db/sealCipher'
import { TEST_DATA_KEY } from '../setup/keys'

const SECRET = '欧阳珺喆 110105198706123578'
const UPDATED = '2026-12-03T00:00:00.000Z'

function openOn(indexedDB: IDBFactory, name: string): MediationDb {
  return new MediationDb(name, { indexedDB, IDBKeyRange })
}

/** One table's rows as stored, through a handle without the sealing middleware. */
async function rawRows(indexedDB: IDBFactory, name: string, table: string): Promise<Record<string, unknown>[]> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange })
  await raw.open()
  const rows = (await raw.table(table).toArray()) as Record<string, unknown>[]
  raw.close()
  return rows
}

async function rawPut(indexedDB: IDBFactory, name: string, table: string, row: object): Promise<void> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange })
  await raw.open()
  await raw.table(table).put(row)
  raw.close()
}

/** Every string of a stored row, its bytes read as UTF-8 and as latin1: what a search of the files would see. */
function storedText(row: Record<string, unknown>): string {
  return Object.entries(row)
    .flatMap(([k, v]) =>
      v instanceof Uint8Array
        ? [k, new TextDecoder().decode(v), Buffer.from(v).toString('latin1')]
        : [k, JSON.stringify(v)],
    )
    .join('\n')
}

const utf8Latin1 = (s: string) => Buffer.from(new TextEncoder().encode(s)).toString('latin1')

async function setUp(name: string) {
  const indexedDB = new IDBFactory()
  const db = openOn(indexedDB, name)
  await db.open()
  const row = { key: 'note', value: { text: SECRET }, updatedAt: UPDATED }
  return { indexedDB, db, row }
}

describe('values sealed ahead of their transaction', () => {
  it('stores the seal made ahead for exactly the value written, and reads it back', async () => {
    const { indexedDB, db, row } = await setUp('ahead')
    const { stored, drop } = await presealed(db, [{ table: db.settings, values: [row] }])
    await db.settings.put(row)
    drop()
    const [raw] = await rawRows(indexedDB, 'ahead', 'settings')
    expect(raw).toEqual(stored[0])
    expect(Object.keys(raw!).sort()).toEqual(['key', 'sealed'])
    expect(await db.settings.get('note')).toEqual(row)
    db.close()
  })

  it('seals a value the middleware was not given ahead itself: nothing of it is stored in clear', async () => {
    const { indexedDB, db, row } = await setUp('not-ahead')
    await db.settings.put(row)
    const [raw] = await rawRows(indexedDB, 'not-ahead', 'settings')
    // the reference check: the search sees a clear value where there is one
    expect(storedText({ key: 'x', value: row.value })).toContain(SECRET)
    expect(Object.keys(raw!).sort()).toEqual(['key', 'sealed'])
    expect(storedText(raw!)).not.toContain(SECRET)
    expect(storedText(raw!)).not.toContain(utf8Latin1(SECRET))
    expect(await db.settings.get('note')).toEqual(row)
    db.close()
  })

  it('seals again a value changed after it was sealed ahead', async () => {
    const { indexedDB, db, row } = await setUp('changed')
    const { stored, drop } = await presealed(db, [{ table: db.settings, values: [row] }])
    const changed = { ...row, value: { text: `${SECRET} 已改` } }
    await db.settings.put(changed)
    drop()
    const [raw] = await rawRows(indexedDB, 'changed', 'settings')
    expect(raw!.sealed).not.toEqual(stored[0]!.sealed)
    expect(Object.keys(raw!).sort()).toEqual(['key', 'sealed'])
    expect(storedText(raw!)).not.toContain(SECRET)
    expect(storedText(raw!)).not.toContain(utf8Latin1(SECRET))
    expect(await db.settings.get('note')).toEqual(changed)
    db.close()
  })

  it('uses each seal made ahead for one write only, and none once dropped', async () => {
    const { indexedDB, db, row } = await setUp('once')
    const first = await presealed(db, [{ table: db.settings, values: [row] }])
    await db.settings.put(row)
    expect((await rawRows(indexedDB, 'once', 'settings'))[0]).toEqual(first.stored[0])
    await db.settings.put(row)
    const again = (await rawRows(indexedDB, 'once', 'settings'))[0]!
    expect(again.sealed).not.toEqual(first.stored[0]!.sealed)
    first.drop()

    const dropped = await presealed(db, [{ table: db.settings, values: [row] }])
    dropped.drop()
    await db.settings.put(row)
    expect((await rawRows(indexedDB, 'once', 'settings'))[0]!.sealed).not.toEqual(dropped.stored[0]!.sealed)
    expect(await db.settings.get('note')).toEqual(row)
    db.close()
  })

  it('finds the seal of a value its write owns by identity, without encoding the value again', async () => {
    const { indexedDB, db } = await setUp('owned')
    const value = { id: 'r1', committeeId: 'c1', name: '一号调解室', note: SECRET }
    const { stored, drop } = await presealed(db, [{ table: db.rooms, values: [value], owned: true }])
    const stringify = vi.spyOn(JSON, 'stringify')
    try {
      await db.rooms.put(value as never)
      // the reference: a value not owned is encoded by the middleware to be compared
      expect(stringify.mock.calls.filter(([v]) => v === value)).toHaveLength(0)
    } finally {
      stringify.mockRestore()
    }
    drop()
    expect((await rawRows(indexedDB, 'owned', 'rooms'))[0]).toEqual(stored[0])
    expect(await db.rooms.get('r1')).toEqual(value)
    db.close()
  })

  it('a value not owned is encoded again to find its seal (the reference for the test above)', async () => {
    const { indexedDB, db } = await setUp('not-owned')
    const value = { id: 'r1', committeeId: 'c1', name: '一号调解室', note: SECRET }
    const { stored, drop } = await presealed(db, [{ table: db.rooms, values: [value] }])
    const stringify = vi.spyOn(JSON, 'stringify')
    try {
      await db.rooms.put(value as never)
      expect(stringify.mock.calls.filter(([v]) => v === value).length).toBeGreaterThan(0)
    } finally {
      stringify.mockRestore()
    }
    drop()
    expect((await rawRows(indexedDB, 'not-owned', 'rooms'))[0]).toEqual(stored[0])
    db.close()
  })

  it('an owned value written to another table is sealed for that table', async () => {
    const { indexedDB, db } = await setUp('owned-other-table')
    const value = { id: 'r1', committeeId: 'c1', name: '一号调解室', note: SECRET }
    const { stored, drop } = await presealed(db, [{ table: db.rooms, values: [value], owned: true }])
    await db.committees.put(value as never)
    drop()
    const [raw] = await rawRows(indexedDB, 'owned-other-table', 'committees')
    expect(raw!.sealed).not.toEqual(stored[0]!.sealed)
    expect(Object.keys(raw!).sort()).toEqual(['id', 'sealed'])
    expect(storedText(raw!)).not.toContain(SECRET)
    expect(await db.committees.get('r1')).toEqual(value)
    db.close()
  })

  it('uses an owned seal for one write only, and none once dropped', async () => {
    const { indexedDB, db } = await setUp('owned-once')
    const value = { id: 'r1', committeeId: 'c1', name: '一号调解室', note: SECRET }
    const first = await presealed(db, [{ table: db.rooms, values: [value], owned: true }])
    await db.rooms.put(value as never)
    await db.rooms.put(value as never)
    expect((await rawRows(indexedDB, 'owned-once', 'rooms'))[0]!.sealed).not.toEqual(first.stored[0]!.sealed)
    first.drop()
    const dropped = await presealed(db, [{ table: db.rooms, values: [value], owned: true }])
    dropped.drop()
    await db.rooms.put(value as never)
    expect((await rawRows(indexedDB, 'owned-once', 'rooms'))[0]!.sealed).not.toEqual(dropped.stored[0]!.sealed)
    expect(await db.rooms.get('r1')).toEqual(value)
    db.close()
  })

  it('does not serve another table: the same value written there is sealed for it', async () => {
    const { indexedDB, db } = await setUp('other-table')
    const value = { id: 'r1', committeeId: 'c1', name: '一号调解室', note: SECRET }
    const { stored, drop } = await presealed(db, [{ table: db.rooms, values: [value] }])
    await db.committees.put(value as never)
    drop()
    const [raw] = await rawRows(indexedDB, 'other-table', 'committees')
    expect(raw!.sealed).not.toEqual(stored[0]!.sealed)
    expect(Object.keys(raw!).sort()).toEqual(['id', 'sealed'])
    expect(storedText(raw!)).not.toContain(SECRET)
    expect(storedText(raw!)).not.toContain(utf8Latin1(SECRET))
    expect(await db.committees.get('r1')).toEqual(value)
    db.close()
  })

  it('a value sealed ahead for one table or record does not open under another', async () => {
    const { indexedDB, db } = await setUp('moved-ahead')
    const value = { id: 'r1', committeeId: 'c1', name: '一号调解室', note: SECRET }
    const { stored, drop } = await presealed(db, [{ table: db.rooms, values: [value] }])
    drop()
    const sealed = stored[0]!
    db.close()
    // as made ahead, it opens as the record it was made for
    await rawPut(indexedDB, 'moved-ahead', 'rooms', sealed)
    // the same seal under another table, and under another record of its table
    await rawPut(indexedDB, 'moved-ahead', 'committees', { id: 'r1', sealed: sealed.sealed })
    await rawPut(indexedDB, 'moved-ahead', 'rooms', { ...sealed, id: 'r2' })
    const again = openOn(indexedDB, 'moved-ahead')
    expect(await again.rooms.get('r1')).toEqual(value)
    await expect(again.committees.get('r1')).rejects.toMatchObject({ code: 'unreadable' })
    await expect(again.rooms.get('r2')).rejects.toMatchObject({ code: 'unreadable' })
    again.close()
  })
})

describe('the two ciphers', () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'))
  // "The Galois/Counter Mode of Operation" (McGrew, Viega), test case 16: AES-256, 60-byte text, 20 bytes of AAD
  const KEY = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308')
  const IV = hex('cafebabefacedbaddecaf888')
  const AAD = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2')
  const PLAIN = hex(
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
  )
  const SEALED = hex(
    'cafebabefacedbaddecaf888' +
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
      '76fc6ece0f4e1768cddf8853bb2d551b',
  )

  it('both open the published test vector (iv || ciphertext || tag)', async () => {
    expect(openBytes(KEY, AAD, SEALED)).toEqual(PLAIN)
    expect(await openBytesAsync(KEY, AAD, SEALED)).toEqual(PLAIN)
    expect(SEALED.subarray(0, 12)).toEqual(IV)
  })

  it('each opens what the other sealed, and neither under other additional data', async () => {
    const key = TEST_DATA_KEY
    const context = new TextEncoder().encode('caseDocs\u0000[["id","c1"]]')
    const other = new TextEncoder().encode('rooms\u0000[["id","c1"]]')
    const plain = new TextEncoder().encode(SECRET)
    const bySync = sealBytes(key, context, plain)
    const byAsync = await sealBytesAsync(key, context, plain)
    expect(await openBytesAsync(key, context, bySync)).toEqual(plain)
    expect(openBytes(key, context, byAsync)).toEqual(plain)
    expect(() => openBytes(key, other, byAsync)).toThrow()
    await expect(openBytesAsync(key, other, bySync)).rejects.toThrow()
    // a fresh IV each time
    expect((await sealBytesAsync(key, context, plain)).subarray(0, 12)).not.toEqual(byAsync.subarray(0, 12))
  })
})
