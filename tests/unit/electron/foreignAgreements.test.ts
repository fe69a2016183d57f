/**
 * An agreement that reached this PC from elsewhere — a backup of another PC restored here (the office's
 * new computer), or a case imported by transfer from another committee — was signed with a key this PC
 * does not hold, and its signing ledger has no line for it. 核验 must never show it as 在册且未被改动
 * (nothing here proves it is the finalisation that was made there), and should not call it 与记录不符
 * either (nothing shows it was changed): it shows 无法核验 and says why and what to do. An agreement
 * this PC signed stays verified after it restores its own backup; one whose key was swapped in the record
 * for another while this PC's ledger holds that version stays 与记录不符. Both the main process's signer
 * and the browser preview's.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createNodeSigner } from '../../../electron/main/signing'
import { createBrowserSigner, memoryLedgerStore, type KeyStore } from '../../../src/documents/webcrypto-signer'
import { finaliseAgreement } from '../../../src/documents/verify'
import { verifyByCode } from '../../../src/db/agreementsRepo'
import { restoreSnapshot, takeSnapshot } from '../../../src/db/snapshot'
import { exportCases, serializeTransferFile } from '../../../src/db/transfer/export'
import { importFile } from '../../../src/db/transfer/import'
import { readTransferFile } from '../../../src/db/transfer/read'
import type { AgreementSigner } from '../../../src/shared/ipc/signing'
import type { Agreement } from '../../../src/domain/types'
import { typicalAgreementBundle } from '../../fixtures/cases/typical-agreement'
import { freshDb, load } from '../transfer/arbitraries'

const ELSEWHERE =
  '签章不是本机的密钥：该协议是在其他电脑或其他调解委员会确认生效的（如备份恢复到了新电脑，或导入的案件），本机无法证明它就是当时定稿的协议。请在签发该协议的电脑上核验，或以存档的纸质协议书核对'
const NOT_OURS = '电子签章验证失败：签章无效或不是本调解委员会的密钥'

const nodeSigner = (): AgreementSigner => createNodeSigner(mkdtempSync(join(tmpdir(), 'mr-foreign-')))

/** A key kept as the browser preview keeps it (in memory here). */
function browserSigner(): AgreementSigner {
  let saved: Awaited<ReturnType<KeyStore['get']>>
  return createBrowserSigner({ get: async () => saved, put: async (k) => void (saved = k) }, memoryLedgerStore())
}

/** PC A's store with the fixture case and its agreement, finalised (signed and ledgered) by A's key. */
async function signedOnA(signerA: AgreementSigner, caseNo?: string) {
  const bundle = typicalAgreementBundle()
  if (caseNo) bundle.case.caseNo = caseNo
  // the fixture's company agent carries a made-up ID number, which a transfer file refuses
  bundle.parties = bundle.parties.map((p) => ({ ...p, agents: [] }))
  const draft = bundle.agreements[0]!
  const agreement = await finaliseAgreement(
    draft,
    bundle.parties,
    { caseNo: bundle.case.caseNo!, committeeName: bundle.committee.fullName },
    signerA,
    '2026-11-20T08:30:00.000Z',
  )
  const db = freshDb()
  await load(db, {
    cases: [bundle.case],
    parties: bundle.parties,
    sessions: [],
    committees: [bundle.committee],
    agreements: [agreement],
  } as unknown as Parameters<typeof load>[1])
  return { db, agreement, caseId: bundle.case.id, caseNo: bundle.case.caseNo! }
}

describe.each([
  ['the main process', nodeSigner],
  ['the browser preview', browserSigner],
])('an agreement signed elsewhere, verified by %s', (_host, makeSigner) => {
  it('is 在册 on the PC that signed it, also after that PC restores its own backup', async () => {
    const signerA = makeSigner()
    const { db, agreement, caseNo } = await signedOnA(signerA)
    expect(await verifyByCode(db, agreement.verifyCode!, signerA)).toMatchObject({ state: 'valid', caseNo })
    const snapshot = await readTransferFile(serializeTransferFile(await takeSnapshot(db)))
    const restored = freshDb()
    await restoreSnapshot(restored, snapshot, { keepPreRestore: async () => undefined })
    expect(await verifyByCode(restored, agreement.verifyCode!, signerA)).toMatchObject({ state: 'valid', caseNo })
  })

  it("restored from another PC's backup: 无法核验 with the reason, never 在册", async () => {
    const { db, agreement, caseNo } = await signedOnA(makeSigner())
    const snapshot = await readTransferFile(serializeTransferFile(await takeSnapshot(db)))
    const onB = freshDb()
    await restoreSnapshot(onB, snapshot, { keepPreRestore: async () => undefined })
    const signerB = makeSigner()
    expect(await verifyByCode(onB, agreement.verifyCode!, signerB)).toMatchObject({
      state: 'unknown',
      message: ELSEWHERE,
      caseNo,
      version: agreement.version,
    })
    // B's own ledger, once it has signed agreements of its own, changes nothing for A's
    const other = await signedOnA(signerB, '（2026）乙镇调字第7号')
    expect(other.agreement.keyId).not.toBe(agreement.keyId)
    expect(await verifyByCode(onB, agreement.verifyCode!, signerB)).toMatchObject({
      state: 'unknown',
      message: ELSEWHERE,
    })
  })

  it('imported by transfer from another committee: 无法核验 with the reason, never 在册', async () => {
    const { db, agreement, caseId, caseNo } = await signedOnA(makeSigner())
    const file = serializeTransferFile(await exportCases(db, [caseId], { actor: '测试', mask: false }))
    const onB = freshDb()
    await importFile(onB, file, { actor: '测试' })
    expect(await onB.agreements.get(agreement.id)).toMatchObject({ keyId: agreement.keyId, status: 'final' })
    expect(await verifyByCode(onB, agreement.verifyCode!, makeSigner())).toMatchObject({
      state: 'unknown',
      message: ELSEWHERE,
      caseNo,
    })
  })

  it("stays 与记录不符 when the record names another key for a version this PC's ledger holds", async () => {
    const signerA = makeSigner()
    const { db, agreement } = await signedOnA(signerA)
    const swapped: Agreement = { ...agreement, keyId: '0123456789abcdef' }
    await db.agreements.put(swapped)
    expect(await verifyByCode(db, agreement.verifyCode!, signerA)).toMatchObject({
      state: 'invalid',
      message: NOT_OURS,
    })
  })
})
