/**
 * 数据交换 → 导入: a file whose source is not verified (here a forged one with its checksum recomputed)
 * is not imported until the person chooses 仍然导入; a signed file from this committee is verified.
 */
import 'fake-indexeddb/auto'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { getDatabase } from '../../../src/db/connection'
import { allCaseIds } from '../../../src/db/caseQueries'
import { createCase } from '../../../src/db/casesRepo'
import { exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { createBrowserSigner, memoryLedgerStore, type KeyStore } from '../../../src/documents/webcrypto-signer'
import { useSettingsStore } from '../../../src/stores/settings'
import { useTransferStore } from '../../../src/stores/transfer'
import { intake, setUpCommittee } from '../db/caseFixtures'
import { referenceHash } from '../signing/agreementContent'

function memoryKeys(): KeyStore {
  let saved: Awaited<ReturnType<KeyStore['get']>>
  return { get: async () => saved, put: async (k) => void (saved = k) }
}
const signer = createBrowserSigner(memoryKeys(), memoryLedgerStore())

vi.mock('../../../src/platform', () => ({
  platform: () => ({
    signingPublicKey: () => signer.publicKey(),
    signTransferHeader: (text: string) => signer.signTransfer(text),
  }),
}))

afterAll(async () => (await getDatabase()).db.close())

describe('importing a file whose source is not verified', () => {
  it('needs the explicit choice 仍然导入; a file signed here is 来源已验证', async () => {
    const { db } = await getDatabase()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId, { title: '甲案' }), committee, '测试')
    setActivePinia(createPinia())
    await useSettingsStore().load()
    const sign = {
      publicKey: () => signer.publicKey(),
      signHeader: (text: string) => signer.signTransfer(text),
      committee: { id: committee.id, name: committee.fullName },
    }
    const text = serializeTransferFile(await exportCases(db, [c.id], { actor: '测试', sign }))
    const transfer = useTransferStore()

    await transfer.chooseImport('own.json', new Blob([text]))
    expect(transfer.pending?.source).toMatchObject({ verified: true, firstSeen: false })

    // a new case slipped into the file, the checksum recomputed as the format describes it
    const file = JSON.parse(text)
    file.tables.cases.push({ ...file.tables.cases[0], id: '00000000-0000-4000-8000-0000000000aa', title: '伪造' })
    file.manifest.counts.cases += 1
    file.manifest.payloadSha256 = referenceHash(file.tables)
    await transfer.chooseImport('forged.json', new Blob([JSON.stringify(file)]))
    expect(transfer.pending?.source).toMatchObject({ verified: false, reason: 'changed' })
    await expect(transfer.applyImport()).rejects.toThrow('来源未验证')
    expect(await allCaseIds(db)).toEqual([c.id])
    const result = await transfer.applyImport({ acceptUnverified: true })
    expect(result.totals.new).toBeGreaterThan(0)
    expect((await allCaseIds(db)).sort()).toEqual([c.id, '00000000-0000-4000-8000-0000000000aa'].sort())
  })
})
