/**
 * PIN hashes never leave this PC: a 4-digit PIN's PBKDF2 hash falls to an offline guess in minutes, so
 * no full export, transfer file or backup carries them, and restoring an older file that does carry them
 * keeps this PC's own lock (secrets, attempts, on/off) instead.
 */
import { describe, expect, it } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import {
  hashSecret,
  loadAttempts,
  loadLockConfig,
  loadSecrets,
  recordUnlockAttempt,
  saveLockConfig,
  setSecret,
} from '../../../src/db/lockRepo'
import { exportAll, exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { buildTransferFile } from '../../../src/db/transfer/format'
import { readTransferFile } from '../../../src/db/transfer/read'
import { importFile } from '../../../src/db/transfer/import'
import { restoreSnapshot, snapshotOfInstalled, takeSnapshot, undoRestore } from '../../../src/db/snapshot'
import { createCase } from '../../../src/db/casesRepo'
import { intake, setUpCommittee } from './caseFixtures'

const ACTOR = '测试'

/** A set-up committee with one case, two PINs, a pause under way and the lock on. */
async function lockedOffice(name = `lock-${crypto.randomUUID()}`, indexedDB = new IDBFactory()) {
  const db = new MediationDb(name, { indexedDB, IDBKeyRange })
  const { committee, roomId, mediatorIds } = await setUpCommittee(db)
  const created = await createCase(db, intake(roomId, { title: '甲乙相邻通行纠纷' }), committee, ACTOR)
  await setSecret(db, mediatorIds[0]!, '2580', ACTOR)
  await setSecret(db, mediatorIds[1]!, 'wang-wu-2026', ACTOR)
  await recordUnlockAttempt(db, {
    mediatorId: mediatorIds[1]!,
    actor: '王五',
    success: false,
    attempts: { failures: 5, pausedUntil: Date.now() + 30_000 },
  })
  await saveLockConfig(db, { enabled: true, idleMinutes: 5 }, ACTOR)
  const secrets = await loadSecrets(db)
  // what would betray a secret: each hash and salt, and the keys the lock keeps them under ('lock.config'
  // is named by the audit log, which files carry, as what a change of the lock settings changed)
  const telltales = [...Object.values(secrets).flatMap((s) => [s.hash, s.salt]), 'lock.secrets', 'lock.attempts']
  return { db, name, indexedDB, mediatorIds, caseId: created.id, telltales }
}

function expectNoTelltale(text: string, telltales: readonly string[]) {
  for (const t of telltales) expect(text.includes(t), `the file carries ${t}`).toBe(false)
}

describe('lock secrets in files', () => {
  it('are in no full export, backup snapshot, pre-upgrade snapshot or case transfer file', async () => {
    const { db, name, indexedDB, caseId, telltales } = await lockedOffice()
    expect(telltales).toHaveLength(6)
    expectNoTelltale(serializeTransferFile(await exportAll(db, { actor: ACTOR })), telltales)
    expectNoTelltale(serializeTransferFile(await takeSnapshot(db)), telltales)
    expectNoTelltale(serializeTransferFile(await exportCases(db, [caseId], { actor: ACTOR, mask: false })), telltales)
    expectNoTelltale(serializeTransferFile(await exportCases(db, [caseId], { actor: ACTOR })), telltales)
    db.close()
    expectNoTelltale(serializeTransferFile(await snapshotOfInstalled(name, { indexedDB, IDBKeyRange })), telltales)
  })

  it('in an older file are ignored by a restore and its undo: this PC keeps its own lock', async () => {
    const here = await lockedOffice()
    const secretsHere = await loadSecrets(here.db)
    const attemptsHere = await loadAttempts(here.db, here.mediatorIds[1]!)
    // An older release's backup: the same data with the lock rows of another time (other hashes, lock off).
    const snapshot = await takeSnapshot(here.db)
    const old = { [here.mediatorIds[0]!]: await hashSecret('1111', 1000) }
    const oldFile = buildTransferFile({
      appVersion: '0.0.9',
      scope: 'all',
      masked: false,
      chainHead: snapshot.manifest.chainHead,
      tables: {
        ...snapshot.tables,
        settings: [
          ...snapshot.tables.settings,
          { key: 'lock.secrets', value: JSON.parse(JSON.stringify(old)), updatedAt: '2026-01-01T00:00:00.000Z' },
          { key: 'lock.config', value: { enabled: false, idleMinutes: 10 }, updatedAt: '2026-01-01T00:00:00.000Z' },
          { key: 'lock.attempts', value: {}, updatedAt: '2026-01-01T00:00:00.000Z' },
        ],
      },
    })
    const read = await readTransferFile(serializeTransferFile(oldFile))
    expect(read.tables.settings.map((r) => r.key)).toContain('lock.secrets')

    let kept: string | undefined
    const result = await restoreSnapshot(here.db, read, {
      keepPreRestore: async (f) => void (kept = serializeTransferFile(f)),
    })
    expectNoTelltale(kept!, here.telltales)
    expect(await loadSecrets(here.db)).toEqual(secretsHere)
    expect(await loadAttempts(here.db, here.mediatorIds[1]!)).toEqual(attemptsHere)
    expect(await loadLockConfig(here.db)).toEqual({ enabled: true, idleMinutes: 5 })
    // the other settings come from the file, as before
    expect(
      (await here.db.settings.toArray())
        .filter((r) => !r.key.startsWith('lock.'))
        .map((r) => r.key)
        .sort(),
    ).toEqual(snapshot.tables.settings.map((r) => r.key).sort())

    await undoRestore(here.db, result.preRestore)
    expect(await loadSecrets(here.db)).toEqual(secretsHere)
    expect(await loadLockConfig(here.db)).toEqual({ enabled: true, idleMinutes: 5 })
  })

  it('in an imported file change nothing here', async () => {
    const here = await lockedOffice()
    const secretsHere = await loadSecrets(here.db)
    const other = await lockedOffice()
    const file = await exportCases(other.db, [other.caseId], { actor: ACTOR, mask: false })
    const withSecrets = buildTransferFile({
      appVersion: '0.0.9',
      scope: 'cases',
      masked: false,
      chainHead: file.manifest.chainHead,
      tables: {
        ...file.tables,
        settings: [
          {
            key: 'lock.secrets',
            value: JSON.parse(JSON.stringify(await loadSecrets(other.db))),
            updatedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      },
    })
    await importFile(here.db, serializeTransferFile(withSecrets), { actor: ACTOR })
    expect(await loadSecrets(here.db)).toEqual(secretsHere)
  })
})
