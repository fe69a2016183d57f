/**
 * The committee's data key on a PC (src/db/sync/committeeKeyStore.ts): made once on the first PC, carried
 * to another PC of the same committee by its join code and nowhere else; never stored in clear, never in a
 * file; a wrong code, another committee's code or a second different key refused with the reason; each
 * step in the audit log.
 */
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { MediationDb } from '../../../src/db/schema'
import {
  CommitteeKeyError,
  committeeKeyInfo,
  createCommitteeKey,
  joinCodeFor,
  joinWithCode,
  readCommitteeKey,
} from '../../../src/db/sync/committeeKeyStore'
import { importCommitteeKey, openFromServer, sealForServer, type CommitteeKey } from '../../../src/db/sync/seal'
import { OWN_COMMITTEE_SETTING, loadSettings } from '../../../src/db/settingsRepo'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { restoreSnapshot, takeSnapshot } from '../../../src/db/snapshot'
import { readTransferFile } from '../../../src/db/transfer/read'
import { encodeJoinCode } from '../../../src/domain/syncJoinCode'
import { auditActionLabel, auditEntityLabel } from '../../../src/domain/labels'
import type { Committee } from '../../../src/domain/types'
import { setUpCommittee } from '../db/caseFixtures'
import { makeCase } from '../domain/arbitraries'

const ACTOR = '李淑珺'

async function pc(indexedDB = new IDBFactory(), name = `pc-${crypto.randomUUID()}`) {
  const db = new MediationDb(name, { indexedDB, IDBKeyRange })
  const { committee } = await setUpCommittee(db)
  return { db, committee, indexedDB, name }
}

/** A second PC of the same committee: set up as its own, then given the first PC's committee (as a restore would). */
async function secondPcOf(committee: Committee) {
  const other = await pc()
  await other.db.committees.put(committee)
  await other.db.settings.put({ key: OWN_COMMITTEE_SETTING, value: committee.id, updatedAt: committee.updatedAt })
  return other
}

/** One case stored on this PC, as acceptance at the desk would leave it. */
async function withOneCase(db: MediationDb): Promise<void> {
  const record = { ...makeCase({ id: crypto.randomUUID() }), parties: [], sessions: [] }
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, [record]))
}

async function refusal(promise: Promise<unknown>): Promise<CommitteeKeyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CommitteeKeyError)
  return error as CommitteeKeyError
}

async function auditActions(db: MediationDb): Promise<string[]> {
  return (await db.audit.orderBy('seq').toArray()).filter((e) => e.entity === 'committeeKey').map((e) => e.action)
}

/** Two keys are the same key when what one seals the other opens (the keys themselves cannot be read out). */
async function sameKey(a: CommitteeKey, b: CommitteeKey): Promise<boolean> {
  const record = { ...makeCase({ id: crypto.randomUUID(), facts: '相邻通行纠纷' }), parties: [], sessions: [] }
  const sealed = await sealForServer('case', record, a)
  return openFromServer('case', sealed, b).then(
    () => true,
    () => false,
  )
}

/** Every string, number list and byte run of every stored row, read without the sealing middleware. */
async function rawContents(indexedDB: IDBFactory, name: string): Promise<{ texts: string[]; bytes: Uint8Array[] }> {
  const raw = new Dexie(name, { indexedDB, IDBKeyRange })
  await raw.open()
  const texts: string[] = []
  const bytes: Uint8Array[] = []
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value)
    else if (value instanceof ArrayBuffer) bytes.push(new Uint8Array(value))
    else if (ArrayBuffer.isView(value)) bytes.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
    else if (Array.isArray(value)) {
      texts.push(value.join(','))
      value.forEach(walk)
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        texts.push(k)
        walk(v)
      }
  }
  for (const table of raw.tables) walk(await table.toArray())
  raw.close()
  for (const b of bytes) texts.push(Buffer.from(b).toString('latin1'), new TextDecoder().decode(b))
  return { texts, bytes }
}

function containsRun(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/** The key's raw bytes, read back out of its join code (the store never hands them out otherwise). */
function keyOfCode(code: string): Uint8Array {
  const bits = [...code].map((c) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(c).toString(2).padStart(5, '0')).join('')
  const bytes = Uint8Array.from({ length: 50 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2))
  return bytes.slice(16, 48)
}

describe('the committee data key', () => {
  it('is absent until made, then made once, readable, and logged', async () => {
    const { db, committee } = await pc()
    expect(await readCommitteeKey(db)).toBeUndefined()
    expect(await committeeKeyInfo(db)).toBeUndefined()

    const info = await createCommitteeKey(db, committee.id, ACTOR)
    expect(info.origin).toBe('created')
    expect(info.committeeId).toBe(committee.id)
    expect(info.keyId).toMatch(/^[0-9a-f]{16}$/)
    const key = await readCommitteeKey(db)
    expect(key?.id).toBe(info.keyId)
    expect(await committeeKeyInfo(db)).toEqual(info)

    const again = await refusal(createCommitteeKey(db, committee.id, ACTOR))
    expect(again.code).toBe('exists')
    expect(again.message).toContain(info.keyId)
    expect((await readCommitteeKey(db))?.id).toBe(info.keyId)
    expect(await auditActions(db)).toEqual(['create'])
  })

  it('is not made for a committee that is not this PC’s own', async () => {
    const { db } = await pc()
    const error = await refusal(createCommitteeKey(db, crypto.randomUUID(), ACTOR))
    expect(error.code).toBe('noCommittee')
    expect(await readCommitteeKey(db)).toBeUndefined()
  })

  it('goes to another PC of the committee by its join code: the same key, and each step logged', async () => {
    const first = await pc()
    await createCommitteeKey(first.db, first.committee.id, ACTOR)
    const code = await joinCodeFor(first.db, ACTOR)
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{80}$/)
    expect(await auditActions(first.db)).toEqual(['create', 'show-join-code'])
    // as the 审计日志 page names them
    expect(auditActionLabel('show-join-code')).toBe('显示同步加入码')
    expect(auditEntityLabel('committeeKey')).toBe('同步数据密钥')

    const second = await secondPcOf(first.committee)
    // typed the way people type: in groups, lower case
    const typed = code.toLowerCase().replace(/(.{4})/g, '$1 ')
    const info = await joinWithCode(second.db, typed, '王五')
    expect(info.origin).toBe('joined')
    expect(info.keyId).toBe((await committeeKeyInfo(first.db))!.keyId)
    expect(await sameKey((await readCommitteeKey(first.db))!, (await readCommitteeKey(second.db))!)).toBe(true)
    expect(await auditActions(second.db)).toEqual(['import'])
    // the same code again changes nothing
    await joinWithCode(second.db, code, '王五')
    expect(await auditActions(second.db)).toEqual(['import'])
    // and the joined PC can show the code to a third
    expect(await joinCodeFor(second.db, '王五')).toBe(code)
  })

  it('refuses a mistyped code, another committee’s code and, unless asked, a second different key', async () => {
    const first = await pc()
    await createCommitteeKey(first.db, first.committee.id, ACTOR)
    const code = await joinCodeFor(first.db, ACTOR)
    const second = await secondPcOf(first.committee)

    const typo = code.slice(0, 9) + (code[9] === 'A' ? 'B' : 'A') + code.slice(10)
    const mistyped = await refusal(joinWithCode(second.db, typo, ACTOR))
    expect(mistyped.code).toBe('badCode')
    expect(mistyped.message).toContain('校验不符，可能抄错了')

    // a PC that has taken cases stays in its committee
    const stranger = await pc()
    await createCommitteeKey(stranger.db, stranger.committee.id, ACTOR)
    await withOneCase(second.db)
    const foreign = await refusal(joinWithCode(second.db, await joinCodeFor(stranger.db, ACTOR), ACTOR))
    expect(foreign.code).toBe('foreignCommittee')
    expect(foreign.message).toContain('本机已经登记过案件')
    expect(await readCommitteeKey(second.db)).toBeUndefined()
    expect((await loadSettings(second.db)).committee?.id).toBe(first.committee.id)

    // second already holds a key of its own: a code with another key would strand what it sealed
    await createCommitteeKey(second.db, first.committee.id, ACTOR)
    const ownId = (await committeeKeyInfo(second.db))!.keyId
    const different = await refusal(joinWithCode(second.db, code, ACTOR))
    expect(different.code).toBe('differentKey')
    expect(different.message).toContain(ownId)
    expect(different.message).toContain('无法再读取')
    expect((await readCommitteeKey(second.db))?.id).toBe(ownId)

    const replaced = await joinWithCode(second.db, code, ACTOR, { replace: true })
    expect(replaced.keyId).toBe((await committeeKeyInfo(first.db))!.keyId)
    expect(await auditActions(second.db)).toEqual(['create', 'update'])
  })

  it('a PC set up on its own and without cases takes the committee it joins, its rooms with it', async () => {
    const first = await pc()
    await createCommitteeKey(first.db, first.committee.id, ACTOR)
    const fresh = await pc()
    const ownRooms = (await fresh.db.rooms.toArray()).map((r) => r.id).sort()
    await joinWithCode(fresh.db, await joinCodeFor(first.db, ACTOR), ACTOR)
    const settings = await loadSettings(fresh.db)
    expect(settings.committee?.id).toBe(first.committee.id)
    expect(settings.committee?.shortName).toBe(fresh.committee.shortName)
    expect(await fresh.db.committees.get(fresh.committee.id)).toBeUndefined()
    const rooms = await fresh.db.rooms.toArray()
    expect(rooms.map((r) => r.id).sort()).toEqual(ownRooms)
    expect(rooms.every((r) => r.committeeId === first.committee.id)).toBe(true)
    expect(await sameKey((await readCommitteeKey(first.db))!, (await readCommitteeKey(fresh.db))!)).toBe(true)
    const committeeAudit = (await fresh.db.audit.toArray()).filter(
      (e) => e.entity === 'committee' && e.action === 'update',
    )
    expect(committeeAudit.map((e) => e.entityId)).toEqual([first.committee.id])

    // once it holds that key, another committee's code no longer moves it
    const stranger = await pc()
    await createCommitteeKey(stranger.db, stranger.committee.id, ACTOR)
    expect((await refusal(joinWithCode(fresh.db, await joinCodeFor(stranger.db, ACTOR), ACTOR))).code).toBe(
      'foreignCommittee',
    )
    expect((await loadSettings(fresh.db)).committee?.id).toBe(first.committee.id)
  })

  it('refuses to show a code when this PC holds no key', async () => {
    const { db } = await pc()
    expect((await refusal(joinCodeFor(db, ACTOR))).code).toBe('noKey')
  })

  it('is never in IndexedDB in clear: not its bytes, hex, base64 or join code', async () => {
    const { db, committee, indexedDB, name } = await pc()
    await createCommitteeKey(db, committee.id, ACTOR)
    const code = await joinCodeFor(db, ACTOR)
    const key = keyOfCode(code)
    // the join code's own reading gives this key: the scan looks for the right thing
    expect(encodeJoinCode({ committeeId: committee.id, key })).toBe(code)
    expect(await sameKey((await readCommitteeKey(db))!, await importCommitteeKey(key))).toBe(true)
    db.close()

    const { texts, bytes } = await rawContents(indexedDB, name)
    const hex = Buffer.from(key).toString('hex')
    const spellings = [
      hex,
      hex.toUpperCase(),
      Buffer.from(key).toString('base64'),
      Buffer.from(key).toString('base64url'),
      Buffer.from(key).toString('latin1'),
      [...key].join(','),
      code,
      code.slice(26, 76), // the code's characters that hold only key bits
    ]
    const all = texts.join('\n')
    for (const s of spellings) expect(all.includes(s), `stored in clear as ${s.slice(0, 12)}…`).toBe(false)
    for (const b of bytes) expect(containsRun(b, key.subarray(0, 16))).toBe(false)
    expect(bytes.length).toBeGreaterThan(0)
  })

  it('is in no export or backup, and a restore keeps this PC’s key', async () => {
    const { db, committee } = await pc()
    await createCommitteeKey(db, committee.id, ACTOR)
    const code = await joinCodeFor(db, ACTOR)
    const key = keyOfCode(code)
    const telltales = [Buffer.from(key).toString('base64'), Buffer.from(key).toString('hex'), 'sync.committeeKey']
    const full = serializeTransferFile(await exportAll(db, { actor: ACTOR }))
    const backup = serializeTransferFile(await takeSnapshot(db))
    for (const t of telltales) {
      expect(full.includes(t), `export carries ${t}`).toBe(false)
      expect(backup.includes(t), `backup carries ${t}`).toBe(false)
    }
    const keyId = (await committeeKeyInfo(db))!.keyId
    await restoreSnapshot(db, await readTransferFile(backup), { keepPreRestore: async () => undefined })
    expect((await readCommitteeKey(db))?.id).toBe(keyId)
  })
})
