/**
 * After an import, the screens show what was imported at once: a mediator (and a 协同人员) brought by
 * the file is named, not shown as 其他电脑的调解员 until the app is reloaded.
 */
import 'fake-indexeddb/auto'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { getDatabase } from '../../../src/db/connection'
import { createCase } from '../../../src/db/casesRepo'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { useSettingsStore } from '../../../src/stores/settings'
import { useTransferStore } from '../../../src/stores/transfer'
import { intake, setUpCommittee } from '../db/caseFixtures'
import { referenceHash } from '../signing/agreementContent'
import { createBrowserSigner, memoryLedgerStore, type KeyStore } from '../../../src/documents/webcrypto-signer'

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

const NEW_MEDIATOR = '00000000-0000-4000-8000-0000000000b1'

describe('importing a file', () => {
  it('refreshes the mediators the case list names', async () => {
    const { db } = await getDatabase()
    const { committee, roomId } = await setUpCommittee(db)
    await createCase(db, intake(roomId, { title: '甲案' }), committee, '测试')
    setActivePinia(createPinia())
    const settings = useSettingsStore()
    await settings.load()
    expect(settings.mediatorName(NEW_MEDIATOR)).toBe('其他电脑的调解员')

    // a file from another install: the same data and one mediator more (unsigned, so 仍然导入)
    const file = JSON.parse(serializeTransferFile(await exportAll(db, { actor: '测试' })))
    const mediators = file.tables.mediators as { id: string; name: string }[]
    mediators.push({ ...mediators[0]!, id: NEW_MEDIATOR, name: '周建国' })
    file.manifest.counts.mediators += 1
    file.manifest.payloadSha256 = referenceHash(file.tables)
    const transfer = useTransferStore()
    await transfer.chooseImport('other.json', new Blob([JSON.stringify(file)]))
    await transfer.applyImport({ acceptUnverified: true })

    expect(settings.mediatorName(NEW_MEDIATOR)).toBe('周建国')
    expect(settings.mediators.map((m) => m.id)).toContain(NEW_MEDIATOR)
  })
})
