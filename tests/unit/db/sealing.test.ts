/**
 * Records sealed at rest: what the repositories write is read back through a second IndexedDB handle
 * WITHOUT the sealing middleware, as a thief with the profile's files would, and no personal data may
 * appear in it; a wrong key or a moved sealed value is a StorageError, never empty data; a v4 database
 * is sealed by the upgrade and still reads the same.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { configureStoreKeys } from '../../../src/db/keys'
import { createCase } from '../../../src/db/casesRepo'
import { addAttachment, listAttachments } from '../../../src/db/caseRecordsRepo'
import { getCaseWithParties, listCases } from '../../../src/db/caseQueries'
import { saveMediator } from '../../../src/db/settingsRepo'
import { sealPendingRecords } from '../../../src/db/sealPending'
import { StorageError } from '../../../src/db/errors'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import { intake, person, setUpCommittee } from './caseFixtures'
import { TEST_AUDIT_KEY } from '../setup/keys'
import type { DBCoreCursor } from 'dexie'
import { openingCursor } from '../../../src/db/sealing'

const ID_NUMBER = `11010519870612${'357'}${idNumberCheckChar('11010519870612357')}`
const NAME = '欧阳珺喆'
const PHONE = '13987654321'
const FACT = '被申请人拖欠工资三万七千元至今未付'
const MEDIATOR_ID_NUMBER = `33010219750101${'123'}${idNumberCheckChar('33010219750101123')}`
/** A PNG whose bytes carry a marker text: the attachment's content must not be readable either. */
const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...new TextEncoder().encode('附件机密内容'),
])
const SECRETS = [ID_NUMBER, NAME, PHONE, FACT, MEDIATOR_ID_NUMBER, '附件机密内容']

const utf8 = new TextEncoder()

/** Every string and byte sequence in a structured-cloned value (Blobs read), as text to search. */
async function textsOf(value: unknown, out: string[] = []): Promise<string[]> {
  if (typeof value === 'string') out.push(value)
  else if (value instanceof Blob) out.push(new TextDecoder().decode(await value.arrayBuffer()))
  else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    out.push(new TextDecoder().decode(bytes), Buffer.from(bytes).toString('latin1'))
  } else if (Array.isArray(value)) for (const v of value) await textsOf(v, out)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k)
      await textsOf(v, out)
    }
  return out
}

/** Every table's rows as stored, through a handle that knows nothing of sealing. */
async function rawRows(indexedDB: IDBFactory, name: string): Promise<Record<string, unknown[]>> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange })
  await raw.open()
  const rows: Record<string, unknown[]> = {}
  for (const table of raw.tables) rows[table.name] = await table.toArray()
  raw.close()
  return rows
}

/** The secrets found in the stored rows (as UTF-8 text, or as raw UTF-8 bytes read as latin1). */
async function secretsStored(indexedDB: IDBFactory, name: string, secrets: readonly string[]): Promise<string[]> {
  const texts = (await textsOf(await rawRows(indexedDB, name))).join('\n')
  return secrets.filter((s) => texts.includes(s) || texts.includes(Buffer.from(utf8.encode(s)).toString('latin1')))
}

async function writeEverything(db: MediationDb): Promise<string> {
  const { committee, roomId } = await setUpCommittee(db)
  const c = await createCase(
    db,
    intake(roomId, {
      facts: FACT,
      parties: [person(NAME, '申请人', { phone: PHONE, idNumber: ID_NUMBER }), person('赵堃', '被申请人')],
    }),
    committee,
    '测试',
  )
  await addAttachment(db, c.id, 'evidence', { name: '证据.png', type: 'image/png', bytes: PNG }, '测试')
  await saveMediator(
    db,
    {
      key: 'c',
      name: '钱七',
      gender: '男',
      phone: '13700000000',
      certificateNo: 'TJ-3',
      role: '调解员',
      active: true,
      idNumber: MEDIATOR_ID_NUMBER,
      roomIds: [roomId],
    },
    '测试',
  )
  return c.id
}

function openOn(indexedDB: IDBFactory, name: string): MediationDb {
  return new MediationDb(name, { indexedDB, IDBKeyRange })
}

describe('records sealed at rest', () => {
  it('leaves no name, ID number, phone, fact or file content in the stored records, and reads them back', async () => {
    const indexedDB = new IDBFactory()
    const db = openOn(indexedDB, 'sealed')
    const caseId = await writeEverything(db)
    // read back through the app: every value as written
    const detail = await getCaseWithParties(db, caseId)
    expect(detail?.case.facts).toBe(FACT)
    expect(detail?.parties.find((p) => p.name === NAME)).toMatchObject({ idNumber: ID_NUMBER, phone: PHONE })
    expect((await listCases(db, { search: NAME.slice(0, 2) })).rows.map((r) => r.id)).toEqual([caseId])
    const [file] = await listAttachments(db, caseId)
    expect(new Uint8Array(await file!.data.arrayBuffer())).toEqual(PNG)
    db.close()

    // the scan finds what is there: the reference check that it would see clear text
    expect(await secretsStored(indexedDB, 'sealed', ['evidence', '老李调解工作室'])).toEqual([
      'evidence',
      '老李调解工作室',
    ])
    expect(await secretsStored(indexedDB, 'sealed', SECRETS)).toEqual([])
  })

  it('refuses to read with another key: a StorageError, not empty data', async () => {
    const indexedDB = new IDBFactory()
    const db = openOn(indexedDB, 'other-key')
    const caseId = await writeEverything(db)
    db.close()
    configureStoreKeys(async () => ({ dataKey: new Uint8Array(32).fill(9), auditKey: TEST_AUDIT_KEY }))
    const other = openOn(indexedDB, 'other-key')
    const failure = await getCaseWithParties(other, caseId).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(StorageError)
    expect(failure).toMatchObject({ code: 'unreadable' })
    expect((failure as Error).message).toMatch(/无法解密/)
    await expect(listCases(other, {})).rejects.toMatchObject({ code: 'unreadable' })
    other.close()
  })

  it('refuses a sealed value moved onto another record, or a changed clear field', async () => {
    const indexedDB = new IDBFactory()
    const db = openOn(indexedDB, 'moved')
    const { committee, roomId } = await setUpCommittee(db)
    const a = await createCase(db, intake(roomId, { facts: FACT }), committee, '测试')
    const b = await createCase(db, intake(roomId), committee, '测试')
    const rooms = await db.rooms.toArray()
    db.close()

    const raw = new Dexie('moved', { indexedDB, IDBKeyRange })
    await raw.open()
    const storedA = (await raw.table('caseDocs').get(a.id)) as { sealed: Uint8Array }
    await raw.table('caseDocs').put({ ...storedA, id: b.id })
    const room = (await raw.table('rooms').get(rooms[0]!.id)) as { name: string }
    await raw.table('rooms').put({ ...room, name: '改过的名字' })
    raw.close()

    const again = openOn(indexedDB, 'moved')
    await expect(getCaseWithParties(again, b.id)).rejects.toMatchObject({ code: 'unreadable' })
    expect((await getCaseWithParties(again, a.id))?.case.facts).toBe(FACT)
    await expect(again.rooms.toArray()).rejects.toMatchObject({ code: 'unreadable' })
    again.close()
  })

  it('round-trips any record (property)', async () => {
    const db = openOn(new IDBFactory(), 'round-trip')
    // what records hold: plain data, no -0 or NaN (JSON-like), and bytes
    const leaf = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
      fc.boolean(),
      fc.constant(null),
      fc.uint8Array({ maxLength: 40 }),
    )
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
      ),
    })).node
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), value, async (key, v) => {
        const row = { key, value: v, updatedAt: '2026-12-03T00:00:00.000Z' }
        await db.settings.put(row)
        expect(await db.settings.get(key)).toEqual(row)
        await db.settings.delete(key)
      }),
      { numRuns: 150 },
    )
    db.close()
  })
})

describe('the v4 → v5 upgrade', () => {
  const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/schema-v4.json'), 'utf8')) as {
    stores: Record<string, string>
    tables: Record<string, Record<string, unknown>[]>
  }
  const doc = fixture.tables.caseDocs![0] as {
    parties: { name: string; idNumber?: string; phone?: string }[]
    facts: string
  }
  const fixtureSecrets = [
    doc.facts,
    ...doc.parties.flatMap((p) => [p.name, p.idNumber ?? '', p.phone ?? ''].filter((s) => s.length >= 3)),
  ]
  const attachment = {
    id: 'a0000000-0000-4000-8000-000000000001',
    caseId: (doc as unknown as { id: string }).id,
    kind: 'evidence',
    name: '证据.png',
    mime: 'image/png',
    size: PNG.length,
    createdAt: '2026-03-02T08:30:00.000Z',
    updatedAt: '2026-03-02T08:30:00.000Z',
  }

  async function writeV4(indexedDB: IDBFactory, name: string): Promise<void> {
    const old = new Dexie(name, { indexedDB, IDBKeyRange })
    old.version(4).stores(fixture.stores)
    await old.open()
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows)
      await old.table('attachments').add({ ...attachment, data: new Blob([PNG], { type: 'image/png' }) })
    })
    old.close()
  }

  it('seals every record (attachments right after open) and reads each as it was', async () => {
    expect(fixtureSecrets.length).toBeGreaterThan(2)
    const indexedDB = new IDBFactory()
    await writeV4(indexedDB, 'v4')
    expect(await secretsStored(indexedDB, 'v4', fixtureSecrets)).toEqual(fixtureSecrets)

    const db = openOn(indexedDB, 'v4')
    await db.open()
    // the upgrade could not read the attachment's Blob: it waits, in clear, until sealed after open
    expect(await db.sealPending.count()).toBe(1)
    await sealPendingRecords(db)
    expect(await db.sealPending.count()).toBe(0)
    for (const [table, rows] of Object.entries(fixture.tables))
      for (const row of rows) expect(await db.table(table).get((row.id ?? row.key) as string), table).toEqual(row)
    const [file] = await listAttachments(db, attachment.caseId)
    expect(file).toMatchObject(attachment)
    expect(new Uint8Array(await file!.data.arrayBuffer())).toEqual(PNG)
    db.close()

    expect(await secretsStored(indexedDB, 'v4', [...fixtureSecrets, '附件机密内容'])).toEqual([])
  })

  it('goes on sealing after a start stopped before the attachments were sealed', async () => {
    const indexedDB = new IDBFactory()
    await writeV4(indexedDB, 'v4-stopped')
    const first = openOn(indexedDB, 'v4-stopped')
    await first.open()
    first.close() // stopped before sealPendingRecords ran
    const second = openOn(indexedDB, 'v4-stopped')
    await second.open()
    const [file] = await listAttachments(second, attachment.caseId)
    expect(new Uint8Array(await file!.data.arrayBuffer())).toEqual(PNG)
    await sealPendingRecords(second)
    second.close()
    expect(await secretsStored(indexedDB, 'v4-stopped', ['附件机密内容'])).toEqual([])
  })
})

describe('the opening cursor', () => {
  /** Like Chromium's IDBCursor: its methods refuse to run on any object but the cursor itself. */
  class BrandedCursor {
    readonly #brand = true
    readonly value = { sealed: 'stored' }
    moves = 0
    continue(): void {
      if (!this.#brand) throw new TypeError('Illegal invocation')
      this.moves++
    }
  }

  it('opens the value once per position and calls the real cursor’s methods on the real cursor', () => {
    const real = new BrandedCursor()
    let opens = 0
    const cursor = openingCursor(real as unknown as DBCoreCursor, (stored) => {
      opens++
      return { opened: stored }
    })
    expect(cursor.value).toEqual({ opened: { sealed: 'stored' } })
    expect(cursor.value).toEqual({ opened: { sealed: 'stored' } })
    expect(opens).toBe(1)
    cursor.continue()
    expect(real.moves).toBe(1)
  })
})
