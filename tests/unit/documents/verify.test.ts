/** Finalised agreements: the printed QR code decodes, verifies against the record, and any change fails. */
import { describe, expect, it } from 'vitest'
import { agreementHash, decodeVerificationPayload, verifyCodeOf } from '../../../src/domain/canonical'
import type { CaseBundle } from '../../../src/domain/types'
import { verifyAgreementRecord } from '../../../src/documents/verify'
import { decodeQr, extractText, pageCount, requireTools } from './pdf-tools'
import { finalisedBundle, newSigner, render } from './render-fixture'

function ctxOf(b: CaseBundle): { caseNo: string; committeeName: string } {
  return { caseNo: b.case.caseNo ?? '', committeeName: b.committee.fullName }
}

function firstAgreement(b: CaseBundle): NonNullable<CaseBundle['agreements'][0]> {
  const a = b.agreements[0]
  if (!a) throw new Error('fixture has no agreement')
  return a
}

describe('finalised agreement verification', () => {
  it('prints a QR code that decodes to a payload without personal data and verifies', async () => {
    requireTools('pdftoppm', 'pdfinfo', 'pdftotext')
    const signer = newSigner()
    const bundle = await finalisedBundle(signer)
    const pdf = await render('agreement', bundle)
    const qrText = decodeQr(pdf, pageCount(pdf))
    expect(qrText).toBeDefined()
    const payload = decodeVerificationPayload(qrText ?? '')
    expect(payload).toBeDefined()
    expect(Object.keys(payload ?? {}).sort()).toEqual(['caseNo', 'keyId', 'sha256', 'sig', 'v'])
    for (const p of bundle.parties) {
      expect(qrText).not.toContain(p.name)
      if (p.idNumber) expect(qrText).not.toContain(p.idNumber)
    }
    const agreement = firstAgreement(bundle)
    expect(extractText(pdf)).toContain(agreement.verifyCode)
    const result = await verifyAgreementRecord({
      agreement,
      parties: bundle.parties,
      ctx: ctxOf(bundle),
      payload,
      verifier: signer,
    })
    expect(result).toMatchObject({ valid: true, version: 1 })
  })

  it('fails when a clause, a party detail or the QR payload is changed after finalising', async () => {
    const signer = newSigner()
    const bundle = await finalisedBundle(signer)
    const agreement = firstAgreement(bundle)
    const ctx = ctxOf(bundle)
    const payload = {
      v: 1 as const,
      caseNo: ctx.caseNo,
      sha256: agreement.contentHash ?? '',
      sig: agreement.signature ?? '',
      keyId: agreement.keyId ?? '',
    }
    const ok = await verifyAgreementRecord({ agreement, parties: bundle.parties, ctx, payload, verifier: signer })
    expect(ok.valid).toBe(true)

    const clause = agreement.clauses[0]
    if (!clause) throw new Error('no clause')
    const lowered = { ...agreement, clauses: [{ ...clause, amountFen: 1_000_000 }, ...agreement.clauses.slice(1)] }
    expect(
      (await verifyAgreementRecord({ agreement: lowered, parties: bundle.parties, ctx, payload, verifier: signer }))
        .valid,
    ).toBe(false)

    const renamed = bundle.parties.map((p, i) => (i === 0 ? { ...p, idNumber: '430621198603140127' } : p))
    expect(
      (await verifyAgreementRecord({ agreement, parties: renamed, ctx, payload, verifier: signer })).message,
    ).toMatch(/已被改动/)

    const forgedPayload = { ...payload, sha256: 'f'.repeat(64) }
    expect(
      (
        await verifyAgreementRecord({
          agreement,
          parties: bundle.parties,
          ctx,
          payload: forgedPayload,
          verifier: signer,
        })
      ).valid,
    ).toBe(false)
  })

  it('fails when the record is re-hashed by someone without the committee key', async () => {
    const signer = newSigner()
    const bundle = await finalisedBundle(signer)
    const agreement = firstAgreement(bundle)
    const ctx = ctxOf(bundle)
    const tampered = { ...agreement, performanceTerms: '被申请人无需支付。' }
    const forgedHash = agreementHash(tampered, bundle.parties, ctx)
    const forged = { ...tampered, contentHash: forgedHash, verifyCode: verifyCodeOf(forgedHash) }
    const result = await verifyAgreementRecord({ agreement: forged, parties: bundle.parties, ctx, verifier: signer })
    expect(result.valid).toBe(false)
    expect(result.message).toMatch(/签章验证失败/)
    // another office's key does not vouch for this one's agreements
    expect(
      (await verifyAgreementRecord({ agreement, parties: bundle.parties, ctx, verifier: newSigner() })).valid,
    ).toBe(false)
  })
})
