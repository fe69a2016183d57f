/**
 * Who signs an agreement (each party, each mediator of the case, the recorder), who has not yet signed
 * this version on screen, and what an on-screen signature must be.
 */
import type { Agreement, CaseRecord, Party, SignatureRecord, SignerRole, UUID } from './types'
import { electronicSignatureLimit } from './categories'
import { guardiansOf } from './parties'

export interface RequiredSigner {
  signerRole: SignerRole
  signerId: UUID
  name: string
  /** e.g. 申请人 / 人民调解员 / 记录人 */
  label: string
}

/**
 * Parties in their order (an organisation signs by its legal representative, else its first agent; a
 * person with a 法定代理人 is followed by that guardian), then the case's mediators, then the recorder.
 */
export function requiredSigners(
  c: Pick<CaseRecord, 'mediatorIds' | 'recorderId'>,
  parties: readonly Party[],
  mediatorName: (id: UUID) => string,
): RequiredSigner[] {
  const signers: RequiredSigner[] = [...parties]
    .sort((a, b) => a.order - b.order)
    .flatMap((p) => {
      const own: RequiredSigner = {
        signerRole: 'party',
        signerId: p.id,
        name: p.kind === 'org' ? p.legalRep || p.agents[0]?.name || p.name : p.name,
        label: p.kind === 'org' ? `${p.role}（${p.name}）` : p.role,
      }
      // a person's 监护人/法定代理人 (a minor's guardian) signs beside them, as the agent of that party
      const guardian = p.kind === 'person' ? guardiansOf(p)[0] : undefined
      if (!guardian) return [own]
      return [own, { signerRole: 'agent', signerId: p.id, name: guardian.name, label: `法定代理人（${p.name}）` }]
    })
  for (const id of c.mediatorIds)
    signers.push({ signerRole: 'mediator', signerId: id, name: mediatorName(id), label: '人民调解员' })
  if (c.recorderId)
    signers.push({ signerRole: 'recorder', signerId: c.recorderId, name: mediatorName(c.recorderId), label: '记录人' })
  return signers
}

/** A signature by this signer (same person, same role) on this version of the agreement. */
export function isSignatureOf(
  s: Pick<SignatureRecord, 'agreementId' | 'agreementVersion' | 'signerId' | 'signerRole'>,
  signer: Pick<RequiredSigner, 'signerId' | 'signerRole'>,
  agreement: Pick<Agreement, 'id' | 'version'>,
): boolean {
  return (
    s.agreementId === agreement.id &&
    s.agreementVersion === agreement.version &&
    s.signerId === signer.signerId &&
    s.signerRole === signer.signerRole
  )
}

/** Signers still without an on-screen signature on this version. */
export function unsignedSigners(
  signers: readonly RequiredSigner[],
  agreement: Pick<Agreement, 'id' | 'version'>,
  signatures: readonly SignatureRecord[],
): RequiredSigner[] {
  return signers.filter((s) => !signatures.some((r) => isSignatureOf(r, s, agreement)))
}

/** 还有人没有签名：… naming each, or undefined when everyone has signed. */
export function unsignedMessage(unsigned: readonly RequiredSigner[]): string | undefined {
  return unsigned.length > 0 ? `还有人没有签名：${unsigned.map((m) => `${m.label}${m.name}`).join('、')}` : undefined
}

/** Why this kind of dispute cannot be signed on screen, or undefined when it can. */
export function onScreenSigningRefusal(category: string): string | undefined {
  const limit = electronicSignatureLimit(category)
  return limit.allowed ? undefined : (limit.notice ?? '本类纠纷不适用电子签名，请打印后签字。')
}

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/
/** A large pad at 2x is well under this; anything bigger is not a signature. */
export const MAX_SIGNATURE_CHARS = 2_000_000

/** What is wrong with a signature from the pad (a PNG data URL and the signer's name), if anything. */
export function signatureProblem(input: { image: string; signerName: string }): string | undefined {
  if (!PNG_DATA_URL.test(input.image) || input.image.length > MAX_SIGNATURE_CHARS) return '签名图像无效，请重新签名。'
  if (input.signerName.trim() === '') return '签名人姓名缺失。'
  return undefined
}
