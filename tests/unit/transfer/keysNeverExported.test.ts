/**
 * Key material never leaves the PC in a file the page writes: the data key that seals the records and the
 * audit key that links the log stay with the host (src/db/keys.ts). A full export (as it is before its
 * passphrase encrypts it), a masked export, a case transfer file, a backup snapshot and the pre-upgrade snapshot are
 * searched for either key in every spelling a careless serialiser would use, and for the private half of the
 * audit chain's signing key (kept in the sync push state: it must never sign on another PC).
 */
import { describe, expect, it } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../../src/db/schema'
import { createCase } from '../../../src/db/casesRepo'
import { exportAll, exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { snapshotOfInstalled, takeSnapshot } from '../../../src/db/snapshot'
import { intake, setUpCommittee } from '../db/caseFixtures'
import { TEST_AUDIT_KEY, TEST_DATA_KEY } from '../setup/keys'
import { newChainSigner } from '../../../src/db/sync/auditSigning'
import { writePushState } from '../../../src/db/sync/auditStore'
import { GENESIS } from '../../../src/domain/audit'

const ACTOR = '测试'

/** A key as hex (either case), base64, base64url and a JSON array of its bytes: written out here, not by the app. */
function spellings(key: Uint8Array): string[] {
  const hex = [...key].map((b) => b.toString(16).padStart(2, '0')).join('')
  const base64 = Buffer.from(key).toString('base64')
  return [
    hex,
    hex.toUpperCase(),
    base64.replace(/=+$/, ''),
    base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
    [...key].join(','),
  ]
}

function keysIn(text: string): string[] {
  const found: string[] = []
  for (const [name, key] of [
    ['dataKey', TEST_DATA_KEY],
    ['auditKey', TEST_AUDIT_KEY],
  ] as const) {
    for (const spelled of spellings(key)) if (text.includes(spelled)) found.push(`${name} as ${spelled}`)
  }
  return found
}

describe('the store keys in files', () => {
  it('the search finds a key written into a file (the check itself works)', () => {
    const leaky = JSON.stringify({ manifest: { auditKey: Buffer.from(TEST_AUDIT_KEY).toString('base64') } })
    expect(keysIn(leaky)).toEqual([`auditKey as ${Buffer.from(TEST_AUDIT_KEY).toString('base64').replace(/=+$/, '')}`])
    expect(keysIn(JSON.stringify({ key: [...TEST_DATA_KEY] }))).toHaveLength(1)
  })

  it('are in no full export, masked or unmasked case file, backup snapshot or pre-upgrade snapshot', async () => {
    const name = `keys-${crypto.randomUUID()}`
    const indexedDB = new IDBFactory()
    const db = new MediationDb(name, { indexedDB, IDBKeyRange })
    const { committee, roomId } = await setUpCommittee(db)
    const created = await createCase(db, intake(roomId, { title: '甲乙相邻通行纠纷' }), committee, ACTOR)
    const signer = await newChainSigner()
    await writePushState(db, { chainId: crypto.randomUUID(), pushedSeq: 0, pushedHash: GENESIS, retired: [], signer })
    const privateHalf = Buffer.from(signer.privateJwk.d!, 'base64url')

    const full = serializeTransferFile(await exportAll(db, { actor: ACTOR }))
    const files = {
      full,
      masked: serializeTransferFile(await exportCases(db, [created.id], { actor: ACTOR })),
      unmasked: serializeTransferFile(await exportCases(db, [created.id], { actor: ACTOR, mask: false })),
      snapshot: serializeTransferFile(await takeSnapshot(db)),
    }
    db.close()
    const installed = serializeTransferFile(await snapshotOfInstalled(name, { indexedDB, IDBKeyRange }))
    // the files were made from a keyed log (the audit entries carry HMAC links made with the key)
    expect(full).toContain('"audit"')
    for (const [kind, text] of Object.entries({ ...files, 'pre-upgrade snapshot': installed })) {
      expect(keysIn(text), kind).toEqual([])
      expect(
        spellings(privateHalf).filter((spelled) => text.includes(spelled)),
        `${kind}: the signing key's private half`,
      ).toEqual([])
    }
  })
})
