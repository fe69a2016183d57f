/**
 * An agreement finalised before the signing ledger existed (tests/fixtures/legacy-agreement.json: the
 * record as the older version stored it, its signature made the old way — the main process signed the
 * bare hash a page sent and recorded nothing). 核验 must never call it verified (that old signing proves
 * only that a page asked for it), must not call it changed either, and says plainly why it cannot be
 * verified: 无法核验, 早期签署，未登记签名账本. The same record with a later finalisation time, or content
 * the ledger holds otherwise, stays 与记录不符. Both the main process's signer and the browser's.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { createNodeSigner, keyIdOf, PRIVATE_KEY_FILE } from '../../../electron/main/signing'
import { createBrowserSigner, memoryLedgerStore } from '../../../src/documents/webcrypto-signer'
import { verifyAgreementRecord } from '../../../src/documents/verify'
import { verifyOutcomeOf } from '../../../src/domain/verifyCode'
import { agreementHash } from '../../../src/domain/canonical'
import { signableContent } from '../../../src/domain/agreementSigning'
import { canonicalAgreement } from '../../../src/domain/canonical'
import type { Agreement, Party } from '../../../src/domain/types'
import { verifyByCode } from '../../../src/db/agreementsRepo'
import { typicalAgreementBundle } from '../../fixtures/cases/typical-agreement'
import { freshDb, load } from '../transfer/arbitraries'

interface LegacyFixture {
  committeeKeyPem: string
  ctx: { caseNo: string; committeeName: string }
  agreement: Agreement
  parties: Party[]
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/legacy-agreement.json', import.meta.url), 'utf8'),
) as LegacyFixture

/** The user-data folder of the PC that finalised it: its committee key, and a ledger begun since the upgrade. */
function upgradedPc() {
  const dir = mkdtempSync(join(tmpdir(), 'mr-legacy-'))
  writeFileSync(join(dir, PRIVATE_KEY_FILE), fixture.committeeKeyPem, { mode: 0o600 })
  return createNodeSigner(dir)
}

const EARLY =
  '早期签署，未登记签名账本：电子签章是本调解委员会的，但该协议确认生效于本机启用签发登记簿之前，当时的程序不登记签发内容，本机无法证明它就是当时定稿的协议。请以存档的纸质协议书核对'

describe('an agreement finalised before the signing ledger', () => {
  it('is stored as the old version left it: content, hash and signature agree', () => {
    const { agreement, parties, ctx } = fixture
    expect(agreement.status).toBe('final')
    expect(agreementHash(agreement, parties, ctx)).toBe(agreement.contentHash)
  })

  it('shows 无法核验 with the plain reason, on a PC whose ledger is empty or began after it', async () => {
    const signer = upgradedPc()
    const { agreement, parties, ctx } = fixture
    const check = () => verifyAgreementRecord({ agreement, parties, ctx, verifier: signer })
    const alone = await check()
    expect(alone).toEqual({ valid: false, message: EARLY, version: 1, unverifiable: true })
    // another agreement signed since the upgrade starts the ledger (its time is after the fixture's)
    await signer.sign(signableContent(canonicalAgreement({ ...agreement, version: 2, status: 'draft' }, parties, ctx)))
    expect(await check()).toEqual(alone)
    const outcome = verifyOutcomeOf(agreement, ctx.caseNo, alone)
    expect(outcome).toMatchObject({ state: 'unknown', message: EARLY, caseNo: ctx.caseNo, version: 1 })
  })

  it('is 与记录不符 when it claims a time after the ledger began, or the ledger holds that version with other content', async () => {
    const { agreement, parties, ctx } = fixture
    const began = upgradedPc()
    await began.sign(signableContent(canonicalAgreement({ ...agreement, version: 2, status: 'draft' }, parties, ctx)))
    const later = await verifyAgreementRecord({
      agreement: { ...agreement, finalizedAt: '2099-01-01T00:00:00.000Z' },
      parties,
      ctx,
      verifier: began,
    })
    expect(later).toMatchObject({ valid: false, message: expect.stringContaining('不在本机的签发登记簿中') })
    expect(later).not.toHaveProperty('unverifiable')
    expect(verifyOutcomeOf(agreement, ctx.caseNo, later).state).toBe('invalid')

    const signer = upgradedPc()
    // the same case number and version signed since, with other content (one more copy)
    await signer.sign(signableContent(canonicalAgreement({ ...agreement, copies: 4, status: 'draft' }, parties, ctx)))
    const conflicting = await verifyAgreementRecord({ agreement, parties, ctx, verifier: signer })
    expect(conflicting.message).toContain('不在本机的签发登记簿中')
    expect(conflicting).not.toHaveProperty('unverifiable')
  })

  it('is still found changed when its content was edited (the early status never hides an edit)', async () => {
    const { agreement, parties, ctx } = fixture
    const edited = await verifyAgreementRecord({
      agreement: { ...agreement, copies: 9 },
      parties,
      ctx,
      verifier: upgradedPc(),
    })
    expect(edited).toEqual({ valid: false, message: '协议内容与定稿时不一致：记录已被改动', version: 1 })
  })

  it('shows the same in the browser preview (its signer follows the same ledger rule)', async () => {
    const { agreement, parties, ctx } = fixture
    // the fixture's committee key, as the browser keeps one (a WebCrypto key pair)
    const pkcs8 = createPrivateKey(fixture.committeeKeyPem).export({ format: 'der', type: 'pkcs8' })
    const rawPublic = createPublicKey(fixture.committeeKeyPem).export({ format: 'der', type: 'spki' }).subarray(-32)
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, 'Ed25519', false, ['sign'])
    const publicKey = await crypto.subtle.importKey('raw', rawPublic, 'Ed25519', true, ['verify'])
    const stored = {
      keyPair: { privateKey, publicKey },
      keyId: keyIdOf(rawPublic),
      publicKeyBase64: rawPublic.toString('base64'),
    }
    const signer = createBrowserSigner({ get: async () => stored, put: async () => undefined }, memoryLedgerStore())
    expect(await verifyAgreementRecord({ agreement, parties, ctx, verifier: signer })).toEqual({
      valid: false,
      message: EARLY,
      version: 1,
      unverifiable: true,
    })
  })

  it('is found by its printed 核验码 in the store and shown as 无法核验 (grey), with its case and version', async () => {
    const { agreement, parties, ctx } = fixture
    const bundle = typicalAgreementBundle()
    const db = freshDb()
    await load(db, {
      cases: [bundle.case],
      parties,
      sessions: [],
      committees: [bundle.committee],
      agreements: [agreement],
    } as unknown as Parameters<typeof load>[1])
    const outcome = await verifyByCode(db, agreement.verifyCode!, upgradedPc())
    expect(outcome).toMatchObject({
      state: 'unknown',
      message: EARLY,
      caseNo: ctx.caseNo,
      version: 1,
      finalizedAt: agreement.finalizedAt,
    })
    db.close()
  })
})
