import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { appendAudit, appendAudits, chainHead, verifyAuditLog, type AuditInput } from '../../../src/db/audit'
import { GENESIS } from '../../../src/domain/audit'
import { containsUnmaskedPersonalNumber } from '../../../src/domain/masking'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import { withoutRandomHex } from '../../fixtures/randomHex'
import { TEST_AUDIT_KEY } from '../setup/keys'

function freshDb(): MediationDb {
  return new MediationDb(`audit-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
}

const caseId = '7b0f3a52-5c1e-4f7a-9a51-2d6f1e0c9b11'

describe('appendAudit', () => {
  it('links entries in seq order inside the caller transaction, and the stored log verifies', async () => {
    const db = freshDb()
    expect(await chainHead(db)).toEqual({ seq: 0, hash: GENESIS })
    for (let i = 0; i < 5; i++) {
      await db.transaction('rw', db.caseDocs, db.audit, () =>
        appendAudit(db, {
          actor: '老李',
          action: 'update',
          entity: 'case',
          entityId: caseId,
          caseId,
          fields: ['facts'],
        }),
      )
    }
    const entries = await db.audit.orderBy('seq').toArray()
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    const head = await chainHead(db)
    expect(head).toEqual({ seq: 5, hash: entries[4].hash })
    expect(await verifyAuditLog(db)).toEqual({ ok: true, head: head.hash, length: 5, legacy: 0 })
    // keyed with the store's audit key (the test set-up's, tests/unit/setup/keys.ts), checked against node:crypto
    const { id, seq, ts, actor, action, entity, entityId, fields, prevHash } = entries[0]
    const text = JSON.stringify({ action, actor, caseId, entity, entityId, fields, id, prevHash, seq, ts })
    expect(entries[0].hash).toBe(createHmac('sha256', TEST_AUDIT_KEY).update(text).digest('hex'))

    // an edit made behind the app's back is found, and named
    await db.audit.update(entries[2].id, { fields: ['phone'] })
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, brokenAtSeq: 3 })
  })

  it('appends a batch in order with one write, linked after what was there, and the log verifies', async () => {
    const db = freshDb()
    const one = (n: number): AuditInput => ({
      actor: 'sync',
      action: 'sync-pull',
      entity: 'case',
      entityId: `${caseId.slice(0, -2)}${String(n).padStart(2, '0')}`,
      fields: ['facts'],
    })
    await db.transaction('rw', db.audit, () => appendAudit(db, one(0)))
    const batch = await db.transaction('rw', db.audit, () => appendAudits(db, [one(1), one(2), one(3)]))
    expect(await db.transaction('rw', db.audit, () => appendAudits(db, []))).toEqual([])
    const entries = await db.audit.orderBy('seq').toArray()
    expect(entries.map((e) => [e.seq, e.entityId.slice(-2)])).toEqual([
      [1, '00'],
      [2, '01'],
      [3, '02'],
      [4, '03'],
    ])
    expect(batch.map((e) => e.id)).toEqual(entries.slice(1).map((e) => e.id))
    expect(entries.slice(1).map((e) => e.prevHash)).toEqual(entries.slice(0, -1).map((e) => e.hash))
    expect(await verifyAuditLog(db)).toEqual({ ok: true, head: entries[3].hash, length: 4, legacy: 0 })

    // one entry with a personal number refuses the whole batch before anything is written
    const leaking = { ...one(5), fields: ['13812345678'] }
    await expect(db.transaction('rw', db.audit, () => appendAudits(db, [one(4), leaking]))).rejects.toThrow(
      /identifiers and field names only/,
    )
    expect(await db.audit.count()).toBe(4)
  })

  it('refuses to run outside a read-write transaction that includes the audit table', async () => {
    const db = freshDb()
    const input: AuditInput = { actor: 'a', action: 'create', entity: 'case', entityId: caseId, fields: [] }
    await expect(appendAudit(db, input)).rejects.toThrow(/inside a read-write transaction/)
    await expect(db.transaction('r', db.audit, () => appendAudit(db, input))).rejects.toThrow(/read-write/)
    await expect(db.transaction('rw', db.caseDocs, () => appendAudit(db, input))).rejects.toThrow(/includes db.audit/)
    expect(await db.audit.count()).toBe(0)
  })

  it('commits with the change or not at all', async () => {
    const db = freshDb()
    await expect(
      db.transaction('rw', db.settings, db.audit, async () => {
        await db.settings.put({ key: 'x', value: 1, updatedAt: 'now' })
        await appendAudit(db, { actor: 'a', action: 'update', entity: 'settings', entityId: 'x', fields: ['value'] })
        throw new Error('the write failed after the audit entry')
      }),
    ).rejects.toThrow('the write failed')
    expect(await db.audit.count()).toBe(0)
    expect(await db.settings.count()).toBe(0)
  })

  it('never lets a personal number or a typed value into the log', async () => {
    const idArb = fc
      .tuple(
        fc.constantFrom('110105', '330106', '440305'),
        fc.integer({ min: 1950, max: 2005 }),
        fc.integer({ min: 10, max: 28 }),
        fc.integer({ min: 100, max: 999 }),
      )
      .map(([region, year, day, seq]) => {
        const first17 = `${region}${year}01${day}${seq}`
        return first17 + idNumberCheckChar(first17)
      })
    const mobileArb = fc
      .tuple(fc.constantFrom('138', '159', '186'), fc.integer({ min: 10_000_000, max: 99_999_999 }))
      .map(([p, n]) => `${p}${n}`)
    const db = freshDb()
    await fc.assert(
      fc.asyncProperty(
        idArb,
        mobileArb,
        fc.constantFrom('phone', 'idNumber', 'address'),
        async (idNumber, phone, field) => {
          const party = { idNumber, phone, address: '某某路1号' }
          // the repository's way: field NAMES of what changed
          await db.transaction('rw', db.audit, () =>
            appendAudit(db, {
              actor: '调解员甲',
              action: 'update',
              entity: 'party',
              entityId: caseId,
              caseId,
              fields: Object.keys(party),
            }),
          )
          // a careless caller passing a value is refused, and nothing is written
          const before = await db.audit.count()
          const value = party[field as keyof typeof party]
          await expect(
            db.transaction('rw', db.audit, () =>
              appendAudit(db, { actor: 'a', action: 'update', entity: 'party', entityId: caseId, fields: [value] }),
            ),
          ).rejects.toThrow(/identifiers/)
          await expect(
            db.transaction('rw', db.audit, () =>
              appendAudit(db, { actor: phone, action: 'update', entity: 'party', entityId: caseId, fields: [] }),
            ),
          ).rejects.toThrow(/actor/)
          expect(await db.audit.count()).toBe(before)
        },
      ),
      { numRuns: 50 },
    )
    const log = JSON.stringify(await db.audit.toArray())
    // ids and hashes are random hex, which can look like a number by chance: scan everything else
    const scanned = withoutRandomHex(log)
    expect(containsUnmaskedPersonalNumber(scanned)).toBe(false)
    expect(log).not.toContain('某某路')
    expect((await verifyAuditLog(db)).ok).toBe(true)
  })
})
