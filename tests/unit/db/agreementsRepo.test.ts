import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { applyAction, createCase } from '../../../src/db/casesRepo'
import {
  createDraft,
  finaliseDraft,
  listAgreements,
  listSignatures,
  removeSignature,
  saveDraft,
  saveDraftChanges,
  saveSignature,
  startNewVersion,
  verifyByCode,
} from '../../../src/db/agreementsRepo'
import { requiredSigners } from '../../../src/domain/signers'
import type { AgreementDraftInput } from '../../../src/domain/agreementDraft'
import { loadCaseBundle } from '../../../src/db/caseBundle'
import { caseOf, mustGetCaseDoc, partiesOf } from '../../../src/db/caseDocs'
import { listCases } from '../../../src/db/caseQueries'
import { verifyAuditLog } from '../../../src/db/audit'
import { encodeVerificationPayload } from '../../../src/domain/canonical'
import { idNumberCheckChar } from '../../../src/domain/idNumber'
import type { Agreement, Clause, Committee } from '../../../src/domain/types'
import { createNodeSigner, SEALED_KEY_REFUSED_MESSAGE, SigningRefusal } from '../../../electron/main/signing'
import type { AgreementContentSigner, AgreementSigner } from '../../../src/shared/ipc/signing'
import { PlatformError } from '../../../src/platform/types'
import { createElectronPlatform } from '../../../src/platform/electron'
import type { MediationRoomApi } from '../../../src/shared/ipc'
import { createInvokeListener, type InvokeEvent } from '../../../electron/main/ipc'
import { createSigningHandlers } from '../../../electron/main/handlers/signing'
import { skippedVersionNotice } from '../../../src/domain/finalVersion'
import { LEDGER_DAMAGED_MESSAGE } from '../../../src/domain/signingLedger'
import { buildAgreement } from '../../../src/documents/builders/agreement'
import { restoreSnapshot, takeSnapshot } from '../../../src/db/snapshot'
import type { MediationDb } from '../../../src/db/schema'
import { freshDb } from './helpers'
import { intake, person, setUpCommittee } from './caseFixtures'

const ACTOR = '测试'
const TODAY = '2026-11-22'
const NOW = new Date('2026-11-22T02:00:00Z')

/**
 * The committee key and its signing ledger, in a folder of their own: one per test, as each test has a
 * database of its own. The ledger signs a case number and version once; every test's first case is
 * 第001号, so a ledger shared by the file would refuse (rightly) any test that finalises other content
 * for 第001号 第1版 after another test did, as it would on a PC whose database was replaced but not its ledger.
 */
const keyFolders: string[] = []
function freshSigner(): AgreementSigner {
  const folder = mkdtempSync(join(tmpdir(), 'agreement-key-'))
  keyFolders.push(folder)
  return createNodeSigner(folder)
}
afterAll(() => {
  for (const folder of keyFolders) rmSync(folder, { recursive: true, force: true })
})
/**
 * `signer` as the page reaches it in the desktop app: the real signing:* handlers behind the real IPC wrapper,
 * their answer structured-cloned as IPC does, and src/platform/electron.ts unwrapping it.
 */
function overIpc(signer: AgreementSigner): AgreementContentSigner {
  const handlers = createSigningHandlers(signer)
  const options = { trustedOrigins: ['app://mediation-room'], log: () => undefined }
  const sign = createInvokeListener('signing:sign', handlers['signing:sign'], options)
  const highest = createInvokeListener('signing:highest-version', handlers['signing:highest-version'], options)
  const event = { senderFrame: { url: 'app://mediation-room/index.html' }, sender: {} as InvokeEvent['sender'] }
  const api: Pick<MediationRoomApi, 'signAgreement' | 'highestSignedVersion'> = {
    signAgreement: async (request) => structuredClone(await sign(event, request)),
    highestSignedVersion: async (request) => structuredClone(await highest(event, request)),
  }
  const platform = createElectronPlatform(api as MediationRoomApi)
  return {
    sign: (signable) => platform.signAgreement(signable),
    highestSignedVersion: (caseNo) => platform.highestSignedVersion(caseNo),
  }
}
/** A tiny valid PNG data URL (1x1), standing in for a pad's drawing. */
const INK =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

function id(first17: string): string {
  return first17 + idNumberCheckChar(first17)
}

interface Setup {
  db: MediationDb
  committee: Committee
  caseId: string
  mediatorIds: string[]
  partyIds: string[]
  /** this test's committee key and signing ledger */
  signer: AgreementSigner
}

/** A committee and a case in 调解中 whose parties have every field the checklist requires. */
async function mediatingCase(category = '劳动争议（含欠薪）'): Promise<Setup> {
  const db = freshDb()
  const { committee, roomId, mediatorIds } = await setUpCommittee(db)
  const full = {
    gender: '男' as const,
    ethnicity: '汉族',
    birthDate: '1980-01-01',
    occupation: '工人',
    address: '城关镇人民路1号',
    phone: '13900001111',
  }
  const c = await createCase(
    db,
    intake(roomId, {
      category,
      facts: '被申请人拖欠申请人工资。',
      requests: ['支付拖欠工资', '出具结算清单'],
      parties: [
        person('王𠮷', '申请人', { ...full, idNumber: id('11010519800101001') }),
        person('赵堃', '被申请人', { ...full, idNumber: id('11010519800101002') }),
      ],
    }),
    committee,
    ACTOR,
  )
  await applyAction(
    db,
    c.id,
    'accept',
    { acceptedOn: '2026-11-02', deadlineDays: 30, mediatorIds: [mediatorIds[0]!], recorderId: mediatorIds[1]! },
    committee,
    ACTOR,
  )
  await applyAction(db, c.id, 'mediate', {}, committee, ACTOR)
  const parties = partiesOf(await mustGetCaseDoc(db, c.id))
  return { db, committee, caseId: c.id, mediatorIds, partyIds: parties.map((p) => p.id), signer: freshSigner() }
}

/** The case's status as the case list (its digest) shows it: a status change must reach the index too. */
async function listedStatus(s: Setup): Promise<string | undefined> {
  const { rows } = await listCases(s.db, { status: (await mustGetCaseDoc(s.db, s.caseId)).status })
  return rows.find((r) => r.id === s.caseId)?.status
}

function paymentClause(s: Setup, over: Partial<Clause> = {}): Clause {
  return {
    id: crypto.randomUUID(),
    kind: 'payment',
    obligorIds: [s.partyIds[1]!],
    obligeeIds: [s.partyIds[0]!],
    action: '支付拖欠工资',
    amountFen: 800_000,
    dueOn: '2026-12-31',
    method: '银行转账',
    ...over,
  }
}

function content(a: Agreement, clauses: Clause[]): AgreementDraftInput {
  return { facts: a.facts, disputes: a.disputes, clauses, performanceTerms: '转账至申请人账户。', copies: a.copies }
}

/** Finalises `agreementId` as the mediator confirms it: on paper unless told, with the test's signer unless another is given. */
function finaliseWith(
  s: Setup,
  agreementId: string,
  { signer = s.signer, signing = 'paper' }: { signer?: AgreementContentSigner; signing?: 'paper' | 'screen' } = {},
): Promise<Agreement> {
  return finaliseDraft(s.db, agreementId, { signing, today: TODAY }, s.committee, signer, ACTOR, NOW)
}

async function finalDraft(s: Setup, amountFen = 800_000): Promise<Agreement> {
  const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
  await saveDraft(s.db, draft.id, content(draft, [paymentClause(s, { amountFen })]), ACTOR, NOW)
  return finaliseWith(s, draft.id)
}

/**
 * A draft of 第001号 第1版 (¥5,000) on a PC whose ledger already holds 第1版 with other content (¥8,000, finalised
 * with the same key in another database): the database as an older backup had it, or a lost case's number.
 */
async function draftOverHeldVersion() {
  const before = await mediatingCase()
  await finalDraft(before, 800_000)
  // the key and its ledger stay as they are
  const s = { ...(await mediatingCase()), signer: before.signer }
  const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
  const saved = await saveDraft(s.db, draft.id, content(draft, [paymentClause(s, { amountFen: 500_000 })]), ACTOR, NOW)
  return { s, draft, saved }
}

describe('drafting', () => {
  it('starts from the case: facts and requests prefilled, parties + 1 copies, the case moves to 协议拟定中', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    expect(draft).toMatchObject({
      version: 1,
      status: 'draft',
      facts: '被申请人拖欠申请人工资。',
      disputes: '支付拖欠工资；出具结算清单',
      copies: 3,
      clauses: [],
    })
    expect((await s.db.caseDocs.get(s.caseId))?.status).toBe('drafting')
    expect(await listedStatus(s)).toBe('drafting')
    // asking again opens the same draft
    expect((await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)).id).toBe(draft.id)
    expect(await listAgreements(s.db, s.caseId)).toHaveLength(1)
  })

  it('refuses a case that is not being mediated, and changes nothing', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const c = await createCase(db, intake(roomId), committee, ACTOR)
    await expect(createDraft(db, c.id, committee, ACTOR)).rejects.toThrow('调解中')
    expect(await db.agreements.count()).toBe(0)
    expect((await db.caseDocs.get(c.id))?.status).toBe('intake')
  })

  it('saves structured clauses; autosaves of the same fields share one audit entry', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    const before = await s.db.audit.count()
    const clause = paymentClause(s, {
      method: '分期',
      dueOn: undefined,
      installments: [
        { dueOn: '2026-12-15', amountFen: 300_000 },
        { dueOn: '2027-01-15', amountFen: 500_000 },
      ],
    })
    await saveDraft(s.db, draft.id, content(draft, [clause]), ACTOR)
    await saveDraft(s.db, draft.id, content(draft, [{ ...clause, action: '支付拖欠的工' }]), ACTOR)
    await saveDraft(s.db, draft.id, content(draft, [{ ...clause, action: '支付拖欠的工资' }]), ACTOR)
    const saved = await s.db.agreements.get(draft.id)
    expect(saved?.clauses[0]).toMatchObject({
      action: '支付拖欠的工资',
      amountFen: 800_000,
      installments: [{ amountFen: 300_000 }, { amountFen: 500_000 }],
    })
    const entries = await s.db.audit.orderBy('seq').offset(before).toArray()
    expect(entries.map((e) => e.fields)).toEqual([['clauses', 'performanceTerms'], ['clauses']])
    expect(JSON.stringify(entries)).not.toContain('支付')
  })

  it('a save of the changed fields keeps what another PC stored meanwhile, and checks the whole draft', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    // another PC's change, taken in by sync (written here as a whole draft)
    await saveDraft(s.db, draft.id, { ...content(draft, draft.clauses), disputes: '乙机：工资数额' }, '乙机')
    const saved = await saveDraftChanges(
      s.db,
      draft.id,
      { performanceTerms: '甲机：本月底前付清', template: '' },
      ACTOR,
    )
    expect(await s.db.agreements.get(draft.id)).toEqual(saved)
    expect(saved).toMatchObject({ disputes: '乙机：工资数额', performanceTerms: '甲机：本月底前付清' })
    expect('template' in saved).toBe(false)
    expect((await s.db.audit.orderBy('seq').last())?.fields).toEqual(['performanceTerms'])
    // nothing changed: nothing written
    expect(await saveDraftChanges(s.db, draft.id, {}, ACTOR)).toEqual(saved)
    await expect(saveDraftChanges(s.db, draft.id, { copies: 0 }, ACTOR)).rejects.toThrow('至少一式一份')
  })

  it('bad input gets a Chinese message and nothing is written', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    await expect(
      saveDraft(s.db, draft.id, content(draft, [paymentClause(s, { amountFen: -5 })]), ACTOR),
    ).rejects.toThrow('金额不能为负数')
    await expect(
      saveDraft(s.db, draft.id, content(draft, [paymentClause(s, { amountFen: 12.5 })]), ACTOR),
    ).rejects.toThrow('两位小数')
    await expect(
      saveDraft(s.db, draft.id, content(draft, [paymentClause(s, { dueOn: '2026-02-30' })]), ACTOR),
    ).rejects.toThrow('日期不正确')
    await expect(saveDraft(s.db, draft.id, { ...content(draft, []), copies: 0 }, ACTOR)).rejects.toThrow('至少一式一份')
    expect(await s.db.agreements.get(draft.id)).toEqual(draft)
  })
})

describe('finalising', () => {
  it('refuses while the checklist has a block (amount missing), and nothing changes', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    const { amountFen: _omit, ...noAmount } = paymentClause(s)
    await saveDraft(s.db, draft.id, content(draft, [noAmount]), ACTOR, NOW)
    await expect(finaliseWith(s, draft.id)).rejects.toThrow('没有金额')
    expect((await s.db.agreements.get(draft.id))?.status).toBe('draft')
    expect((await s.db.caseDocs.get(s.caseId))?.status).toBe('drafting')
  })

  it('finalises what was typed: an agreement of another amount is locked with that amount and verifies', async () => {
    const s = await mediatingCase()
    const final = await finalDraft(s, 500_000)
    expect(final.status).toBe('final')
    expect(final.clauses.map((c) => c.amountFen)).toEqual([500_000])
    expect(await s.db.agreements.get(final.id)).toEqual(final)
    expect(await verifyByCode(s.db, final.verifyCode!, s.signer)).toMatchObject({ state: 'valid', version: 1 })
  })

  it('locks the agreement with hash, signature, code and chain head, and the case becomes 协议已生效', async () => {
    const s = await mediatingCase()
    const final = await finalDraft(s)
    expect(final).toMatchObject({ status: 'final', finalizedAt: NOW.toISOString() })
    expect(final.contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(final.verifyCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)
    expect(final.chainHead).toMatch(/^[0-9a-f]{64}$/)
    const c = await s.db.caseDocs.get(s.caseId)
    expect(c?.status).toBe('effective')
    expect(await listedStatus(s)).toBe('effective')
    expect(c?.outcome?.kind).toBe('written')
    expect((await verifyAuditLog(s.db)).ok).toBe(true)
    // locked: no edit, no signature, no second finalisation
    await expect(saveDraft(s.db, final.id, content(final, []), ACTOR)).rejects.toThrow('锁定')
    await expect(
      saveSignature(
        s.db,
        { agreementId: final.id, signerRole: 'party', signerId: s.partyIds[0]!, signerName: '王𠮷', image: INK },
        ACTOR,
      ),
    ).rejects.toThrow('锁定')
    await expect(
      finaliseDraft(s.db, final.id, { signing: 'paper', today: TODAY }, s.committee, s.signer, ACTOR),
    ).rejects.toThrow('锁定')
    expect(await s.db.agreements.get(final.id)).toEqual(final)
  })

  it('on the screen path everyone must have signed this version; signing again replaces the earlier signature', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    await saveDraft(s.db, draft.id, content(draft, [paymentClause(s)]), ACTOR, NOW)
    const doc = await mustGetCaseDoc(s.db, s.caseId)
    const c = caseOf(doc)
    const parties = partiesOf(doc)
    const signers = requiredSigners(c, parties, (mid) => (mid === s.mediatorIds[0] ? '李淑珺' : '王五'))
    expect(signers.map((x) => `${x.label}:${x.name}`)).toEqual([
      '申请人:王𠮷',
      '被申请人:赵堃',
      '人民调解员:李淑珺',
      '记录人:王五',
    ])
    await saveSignature(
      s.db,
      { agreementId: draft.id, ...signers[0]!, signerName: signers[0]!.name, image: INK },
      ACTOR,
      NOW,
    )
    await expect(finaliseWith(s, draft.id, { signing: 'screen' })).rejects.toThrow('被申请人赵堃')
    for (const who of signers)
      await saveSignature(
        s.db,
        { agreementId: draft.id, signerRole: who.signerRole, signerId: who.signerId, signerName: who.name, image: INK },
        ACTOR,
        NOW,
      )
    const signatures = await listSignatures(s.db, draft.id)
    expect(signatures).toHaveLength(4)
    expect(signatures.every((x) => x.agreementVersion === 1)).toBe(true)
    const removed = signatures.find((x) => x.signerRole === 'recorder')!
    await removeSignature(s.db, removed.id, ACTOR)
    await expect(finaliseWith(s, draft.id, { signing: 'screen' })).rejects.toThrow('记录人王五')
    await saveSignature(
      s.db,
      { agreementId: draft.id, signerRole: 'recorder', signerId: removed.signerId, signerName: '王五', image: INK },
      ACTOR,
      NOW,
    )
    const final = await finaliseWith(s, draft.id, { signing: 'screen' })
    expect(final.status).toBe('final')
  })

  it("a version this PC's ledger holds with other content (its database restored from an older backup, or a lost case's number) is finalised as the next version, said and logged", async () => {
    // the database as an older backup had it: 第001号 not yet final
    const { s, draft } = await draftOverHeldVersion()
    const audit = await s.db.audit.count()
    const final = await finaliseWith(s, draft.id)
    expect(final).toMatchObject({ id: draft.id, status: 'final', version: 2 })
    expect(final.clauses.map((c) => c.amountFen)).toEqual([500_000])
    expect(await s.db.agreements.get(draft.id)).toEqual(final)
    expect(skippedVersionNotice(draft.version, final.version)).toBe(
      '第1版已在签发登记簿中登记过其他内容（可能是恢复备份前或另一次确认时签发的），本次确认为第2版。',
    )
    expect((await s.db.caseDocs.get(s.caseId))?.status).toBe('effective')
    expect(await s.signer.highestSignedVersion('（2026）城关镇调字第001号')).toBe(2)
    // the log says what happened, field names only
    const entries = await s.db.audit.orderBy('seq').offset(audit).toArray()
    expect(entries.map((e) => [e.action, e.entity, e.fields.includes('version')])).toEqual([
      ['skip-signed-version', 'agreement', true],
      ['finalize', 'agreement', true],
      ['transition:finalizeAgreement', 'case', false],
    ])
    expect((await verifyAuditLog(s.db)).ok).toBe(true)
    // it verifies as 第2版, and the printed agreement says 第2版
    expect(await verifyByCode(s.db, final.verifyCode!, s.signer)).toMatchObject({ state: 'valid', version: 2 })
    const printed = JSON.stringify(buildAgreement(await loadCaseBundle(s.db, s.caseId)))
    expect(printed).toContain('第2版\u3000定稿于')
    expect(printed).not.toContain('第1版\u3000定稿于')
  })

  it('a new version after a restored backup skips every version the ledger holds, and supersedes the one it replaces', async () => {
    const s = await mediatingCase()
    const v1 = await finalDraft(s, 800_000)
    const backup = await takeSnapshot(s.db)
    // finalised after the backup: 第2版 and 第3版, on paper and maybe handed out
    for (const amountFen of [700_000, 600_000]) {
      const last = (await listAgreements(s.db, s.caseId)).at(-1)!
      const next = await startNewVersion(s.db, last.id, ACTOR, NOW)
      await saveDraft(s.db, next.id, content(next, [paymentClause(s, { amountFen })]), ACTOR, NOW)
      await finaliseWith(s, next.id)
    }
    // the backup, holding 第1版 final only, is restored; the key and its ledger stay as they are
    await restoreSnapshot(s.db, backup, { keepPreRestore: async () => undefined })
    expect((await listAgreements(s.db, s.caseId)).map((a) => a.version)).toEqual([1])
    const draft = await startNewVersion(s.db, v1.id, ACTOR, NOW)
    expect(draft.version).toBe(2)
    await saveDraft(s.db, draft.id, content(draft, [paymentClause(s, { amountFen: 500_000 })]), ACTOR, NOW)
    const final = await finaliseWith(s, draft.id)
    expect(final.version).toBe(4)
    expect((await listAgreements(s.db, s.caseId)).map((a) => [a.version, a.status])).toEqual([
      [1, 'superseded'],
      [4, 'final'],
    ])
    const printed = JSON.stringify(buildAgreement(await loadCaseBundle(s.db, s.caseId)))
    expect(printed).toContain('本协议为第4版，替代第1版协议。')
  })

  it("content changed while it was signed (another PC's edit taken in) is not locked; confirming the changed content again finalises it as the next version", async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    await saveDraft(s.db, draft.id, content(draft, [paymentClause(s)]), ACTOR, NOW)
    const changed = content(draft, [paymentClause(s, { amountFen: 900_000 })])
    const racing: AgreementContentSigner = {
      async sign(signable) {
        const signed = await s.signer.sign(signable)
        await saveDraft(s.db, draft.id, changed, '乙机', NOW)
        return signed
      },
      highestSignedVersion: (caseNo) => s.signer.highestSignedVersion(caseNo),
    }
    await expect(finaliseWith(s, draft.id, { signer: racing })).rejects.toThrow('在确认过程中被修改')
    // the ledger holds 第1版 as it was signed, though it was never stored as final: 第2版 it is
    const final = await finaliseWith(s, draft.id)
    expect(final).toMatchObject({ status: 'final', version: 2 })
    expect(final.clauses.map((c) => c.amountFen)).toEqual([900_000])
    expect((await s.db.caseDocs.get(s.caseId))?.status).toBe('effective')
    expect(await verifyByCode(s.db, final.verifyCode!, s.signer)).toMatchObject({ state: 'valid', version: 2 })
  })

  it('the same content as the ledger holds is signed again as the same version, as before: no skip, no new ledger line', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    const original = content(draft, [paymentClause(s)])
    await saveDraft(s.db, draft.id, original, ACTOR, NOW)
    const racing: AgreementContentSigner = {
      async sign(signable) {
        const signed = await s.signer.sign(signable)
        await saveDraft(s.db, draft.id, content(draft, [paymentClause(s, { amountFen: 900_000 })]), '乙机', NOW)
        return signed
      },
      highestSignedVersion: (caseNo) => s.signer.highestSignedVersion(caseNo),
    }
    await expect(finaliseWith(s, draft.id, { signer: racing })).rejects.toThrow('在确认过程中被修改')
    // the mediator puts back what was signed
    await saveDraft(s.db, draft.id, { ...original, clauses: original.clauses }, ACTOR, NOW)
    const audit = await s.db.audit.count()
    const final = await finaliseWith(s, draft.id)
    expect(final).toMatchObject({ status: 'final', version: 1 })
    expect(await s.signer.highestSignedVersion('（2026）城关镇调字第001号')).toBe(1)
    const entries = await s.db.audit.orderBy('seq').offset(audit).toArray()
    expect(entries.map((e) => e.action)).not.toContain('skip-signed-version')
    expect(entries.find((e) => e.action === 'finalize')?.fields).not.toContain('version')
    expect(await verifyByCode(s.db, final.verifyCode!, s.signer)).toMatchObject({ state: 'valid', version: 1 })
  })

  it('signed on screen, then finalised as the next version: the signatures move with it and print, each move logged', async () => {
    const { s, draft } = await draftOverHeldVersion()
    const doc = await mustGetCaseDoc(s.db, s.caseId)
    const names = (mid: string) => (mid === s.mediatorIds[0] ? '李淑珺' : '王五')
    for (const who of requiredSigners(caseOf(doc), partiesOf(doc), names))
      await saveSignature(
        s.db,
        { agreementId: draft.id, signerRole: who.signerRole, signerId: who.signerId, signerName: who.name, image: INK },
        ACTOR,
        NOW,
      )
    const audit = await s.db.audit.count()
    const final = await finaliseWith(s, draft.id, { signing: 'screen' })
    expect(final.version).toBe(2)
    const signatures = await listSignatures(s.db, draft.id)
    expect(signatures.map((x) => x.agreementVersion)).toEqual([2, 2, 2, 2])
    const entries = await s.db.audit.orderBy('seq').offset(audit).toArray()
    expect(entries.filter((e) => e.entity === 'signature').map((e) => [e.action, e.fields])).toEqual(
      signatures.map(() => ['update', ['agreementVersion']]),
    )
    expect(JSON.stringify(buildAgreement(await loadCaseBundle(s.db, s.caseId)))).toContain(INK)
  })

  it('the ledger refusing over IPC (the real handler, the IPC answer cloned, src/platform/electron.ts) is finalised as the next version too', async () => {
    const { s, draft } = await draftOverHeldVersion()
    const final = await finaliseWith(s, draft.id, { signer: overIpc(s.signer) })
    expect(final.version).toBe(2)
  })

  it.each([
    ['over IPC', new PlatformError('第1版在登记簿里已有别的内容（措辞改过）', 'version-holds-other-content')],
    ['from the browser signer', new SigningRefusal('version-holds-other-content', '措辞改过的拒绝')],
  ])(
    'a held version is known by its code, whatever the words (%s): finalised as the next version',
    async (_from, refusal) => {
      const { s, draft } = await draftOverHeldVersion()
      const reworded: AgreementContentSigner = {
        sign: (signable) =>
          s.signer.sign(signable).catch(() => {
            throw refusal
          }),
        highestSignedVersion: (caseNo) => s.signer.highestSignedVersion(caseNo),
      }
      const final = await finaliseWith(s, draft.id, { signer: reworded })
      expect(final).toMatchObject({ status: 'final', version: 2 })
    },
  )

  it('a refusal in the very words of a held version but without its code is not taken for one: nothing is skipped', async () => {
    const { s, draft, saved } = await draftOverHeldVersion()
    const asked: string[] = []
    const uncoded: AgreementContentSigner = {
      sign: (signable) =>
        s.signer.sign(signable).catch((error: unknown) => {
          throw new PlatformError((error as Error).message)
        }),
      highestSignedVersion: async (caseNo) => {
        asked.push(caseNo)
        return s.signer.highestSignedVersion(caseNo)
      },
    }
    await expect(finaliseWith(s, draft.id, { signer: uncoded })).rejects.toThrow(
      '协议没有锁定：该协议此版本已签发，不能再次签发不同内容',
    )
    expect(asked).toEqual([])
    expect(await s.db.agreements.get(draft.id)).toEqual(saved)
  })

  it('other refusals of the signer are not taken for a held version: nothing is skipped, the refusal is said', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    const saved = await saveDraft(s.db, draft.id, content(draft, [paymentClause(s)]), ACTOR, NOW)
    const asked: string[] = []
    const damaged: AgreementContentSigner = {
      sign: () => Promise.reject(new SigningRefusal('ledger-damaged', LEDGER_DAMAGED_MESSAGE)),
      highestSignedVersion: async (caseNo) => {
        asked.push(caseNo)
        return 0
      },
    }
    await expect(finaliseWith(s, draft.id, { signer: damaged })).rejects.toThrow(
      `协议没有锁定：${LEDGER_DAMAGED_MESSAGE}`,
    )
    expect(asked).toEqual([])
    expect(await s.db.agreements.get(draft.id)).toEqual(saved)
  })

  it('a signer hashing the content otherwise than the page is said plainly, not as 保存失败', async () => {
    const s = await mediatingCase()
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    const saved = await saveDraft(s.db, draft.id, content(draft, [paymentClause(s)]), ACTOR, NOW)
    const otherHash: AgreementContentSigner = {
      sign: async (signable) => ({ ...(await s.signer.sign(signable)), contentHash: 'ab'.repeat(32) }),
      highestSignedVersion: (caseNo) => s.signer.highestSignedVersion(caseNo),
    }
    await expect(finaliseWith(s, draft.id, { signer: otherHash })).rejects.toMatchObject({
      code: 'constraint',
      message:
        '协议没有锁定：签章程序算出的协议内容摘要与本页面算出的不一致（可能是软件更新后没有重新启动）。请关闭软件重新打开后再确认一次；仍然如此请联系技术支持。',
    })
    expect(await s.db.agreements.get(draft.id)).toEqual(saved)
  })

  it('offers no on-screen signature for marriage and family matters', async () => {
    const s = await mediatingCase('婚姻家庭')
    const draft = await createDraft(s.db, s.caseId, s.committee, ACTOR, NOW)
    await expect(
      saveSignature(
        s.db,
        { agreementId: draft.id, signerRole: 'party', signerId: s.partyIds[0]!, signerName: '王𠮷', image: INK },
        ACTOR,
      ),
    ).rejects.toThrow('不适用电子签名')
    expect(await s.db.signatures.count()).toBe(0)
  })
})

describe('versions', () => {
  it('a change after finalising is a new version naming the old one; the old one is kept and superseded only when the new one is final', async () => {
    const s = await mediatingCase()
    const v1 = await finalDraft(s)
    const v2 = await startNewVersion(s.db, v1.id, ACTOR, NOW)
    expect(v2).toMatchObject({ version: 2, replacesId: v1.id, status: 'draft' })
    expect(v2.contentHash).toBeUndefined()
    expect(v2.clauses).toEqual(v1.clauses)
    expect((await startNewVersion(s.db, v1.id, ACTOR, NOW)).id).toBe(v2.id)
    expect((await s.db.agreements.get(v1.id))?.status).toBe('final')
    await saveDraft(s.db, v2.id, content(v2, [paymentClause(s, { amountFen: 900_000 })]), ACTOR, NOW)
    const v2final = await finaliseWith(s, v2.id)
    const v1after = await s.db.agreements.get(v1.id)
    expect(v1after).toEqual({ ...v1, status: 'superseded', updatedAt: NOW.toISOString() })
    expect(v2final.verifyCode).not.toBe(v1.verifyCode)
    expect((await s.db.caseDocs.get(s.caseId))?.status).toBe('effective')
    // both versions still verify; the old one says it was replaced
    const old = await verifyByCode(s.db, v1.verifyCode!, s.signer)
    expect(old).toMatchObject({ state: 'superseded', version: 1, superseded: true })
    expect(old.message).toContain('已被新版本替代')
    const bundle = await loadCaseBundle(s.db, s.caseId)
    expect(bundle.agreements.map((a) => [a.version, a.status])).toEqual([
      [1, 'superseded'],
      [2, 'final'],
    ])
  })
})

describe('verification', () => {
  it('a typed code (any case, O for 0, no dash) or the QR content verifies a record on file', async () => {
    const s = await mediatingCase()
    const final = await finalDraft(s)
    const sloppy = final.verifyCode!.toLowerCase().replace('-', ' ')
    expect(await verifyByCode(s.db, sloppy, s.signer)).toMatchObject({
      state: 'valid',
      caseNo: '（2026）城关镇调字第001号',
      version: 1,
      finalizedAt: NOW.toISOString(),
    })
    const qr = encodeVerificationPayload({
      v: 1,
      caseNo: '（2026）城关镇调字第001号',
      sha256: final.contentHash!,
      sig: final.signature!,
      keyId: final.keyId!,
    })
    expect((await verifyByCode(s.db, qr, s.signer)).state).toBe('valid')
    const forged = encodeVerificationPayload({
      v: 1,
      caseNo: '（2026）城关镇调字第001号',
      sha256: final.contentHash!,
      sig: final.signature!.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')),
      keyId: final.keyId!,
    })
    expect((await verifyByCode(s.db, forged, s.signer)).state).toBe('invalid')
  })

  it('the readable QR text and the JSON of agreements printed before it both verify; a changed code does not', async () => {
    const s = await mediatingCase()
    const final = await finalDraft(s)
    const caseNo = '（2026）城关镇调字第001号'
    // as the QR codes printed before the readable text hold it, written out by hand (sorted keys)
    const oldJson = `{"caseNo":"${caseNo}","keyId":"${final.keyId}","sha256":"${final.contentHash}","sig":"${final.signature}","v":1}`
    expect(await verifyByCode(s.db, oldJson, s.signer)).toMatchObject({ state: 'valid', caseNo, version: 1 })
    const text = [
      '人民调解协议书核验',
      `编号：${caseNo}`,
      `核验码：${final.verifyCode}`,
      '核验方法：在调解室软件「核验」页扫描或输入核验码',
      `核验数据：v1 ${final.contentHash} ${final.signature} ${final.keyId}`,
    ].join('\n')
    expect(await verifyByCode(s.db, text, s.signer)).toMatchObject({ state: 'valid', caseNo, version: 1 })
    const otherCase = text.replace(`编号：${caseNo}`, '编号：（2026）城关镇调字第002号')
    expect((await verifyByCode(s.db, otherCase, s.signer)).state).toBe('invalid')
    const otherCode = text.replace(`核验码：${final.verifyCode}`, '核验码：ZZZZZ-ZZZZZ')
    expect((await verifyByCode(s.db, otherCode, s.signer)).state).toBe('unknown')
  })

  it('a signer that cannot vouch at all (its key does not open) says so in its own words, not as a failed save', async () => {
    const s = await mediatingCase()
    const final = await finalDraft(s)
    const locked = {
      verify: () => Promise.reject(new SigningRefusal('key-refused', SEALED_KEY_REFUSED_MESSAGE)),
    }
    await expect(verifyByCode(s.db, final.verifyCode!, locked)).rejects.toThrow(
      '本机的委员会签章密钥无法解开（文件已损坏，或不是本机数据文件夹中的密钥），暂停签发和核验。请联系技术支持。',
    )
    // as the page gets any failure of the main process: a PlatformError in Chinese
    const overIpc = { verify: () => Promise.reject(new PlatformError('操作未能完成，请重试。')) }
    await expect(verifyByCode(s.db, final.verifyCode!, overIpc)).rejects.toThrow('操作未能完成，请重试。')
  })

  it('unknown codes and junk are grey, never green', async () => {
    const s = await mediatingCase()
    await finalDraft(s)
    expect((await verifyByCode(s.db, 'ZZZZZ-ZZZZZ', s.signer)).state).toBe('unknown')
    expect((await verifyByCode(s.db, '12', s.signer)).state).toBe('unknown')
    expect((await verifyByCode(s.db, '{"v":2}', s.signer)).state).toBe('unknown')
    expect((await verifyByCode(s.db, '', s.signer)).state).toBe('unknown')
  })

  it('any tampering with a stored amount after finalising is detected (property)', async () => {
    const s = await mediatingCase()
    const final = await finalDraft(s, 800_000)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 99_999_999_999 }).filter((x) => x !== 800_000),
        async (amountFen) => {
          const clauses = final.clauses.map((c) => ({ ...c, amountFen }))
          await s.db.agreements.put({ ...final, clauses })
          const result = await verifyByCode(s.db, final.verifyCode!, s.signer)
          expect(result.state).toBe('invalid')
          expect(result.message).toContain('已被改动')
        },
      ),
      { numRuns: 25 },
    )
    await s.db.agreements.put(final)
    expect((await verifyByCode(s.db, final.verifyCode!, s.signer)).state).toBe('valid')
  })

  it('a changed party detail after finalising is detected too', async () => {
    const s = await mediatingCase()
    const final = await finalDraft(s)
    // written straight into the store, as an edit of the database outside the app would be
    const doc = await mustGetCaseDoc(s.db, s.caseId)
    await s.db.caseDocs.put({
      ...doc,
      parties: doc.parties.map((p) => (p.id === s.partyIds[1] ? { ...p, name: '赵坤' } : p)),
    })
    expect((await verifyByCode(s.db, final.verifyCode!, s.signer)).state).toBe('invalid')
  })
})
