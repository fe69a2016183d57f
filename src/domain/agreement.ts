/**
 * When an agreement may be started, changed, replaced and finalised (确认生效并锁定). The repository
 * (src/db/agreementsRepo.ts) stores what these rules allow and refuses with their messages.
 */
import type { Agreement, CaseRecord, CaseStatus, Committee } from './types'
import type { CanonicalContext } from './canonical'
import { blocksPrinting, type Finding } from './checklist'
import { onScreenSigningRefusal, unsignedMessage, type RequiredSigner } from './signers'

export const AGREEMENT_LOCKED_MESSAGE =
  '协议已确认生效并锁定，不能修改。如需修改，请点“修改协议”生成新版本，原协议会保留。'

/** Only a draft may be edited, signed or finalised. */
export function agreementEditRefusal(a: Pick<Agreement, 'status'>): string | undefined {
  return a.status === 'draft' ? undefined : AGREEMENT_LOCKED_MESSAGE
}

/** The draft being written among a case's versions (there is at most one). */
export function pendingDraft<A extends Pick<Agreement, 'status'>>(versions: readonly A[]): A | undefined {
  return versions.find((a) => a.status === 'draft')
}

/**
 * 拟定书面协议: an existing draft is opened again; a case whose agreement is already final needs
 * 修改协议 instead; a mediating case moves to 协议拟定中 with its new draft; a drafting one just gets it.
 */
export type DraftStart<A> =
  { kind: 'existing'; draft: A } | { kind: 'refused'; message: string } | { kind: 'new'; moveCaseToDrafting: boolean }

export function draftStart<A extends Pick<Agreement, 'status'>>(
  caseStatus: CaseStatus,
  versions: readonly A[],
): DraftStart<A> {
  const draft = pendingDraft(versions)
  if (draft) return { kind: 'existing', draft }
  if (versions.some((a) => a.status === 'final'))
    return { kind: 'refused', message: '本案已有生效的协议。如需修改，请点“修改协议”生成新版本。' }
  if (caseStatus === 'mediating') return { kind: 'new', moveCaseToDrafting: true }
  if (caseStatus === 'drafting') return { kind: 'new', moveCaseToDrafting: false }
  return { kind: 'refused', message: '案件须处于“调解中”才能拟定书面协议。请先开始调解。' }
}

/** 修改协议 starts only from the agreement in force: a draft is edited directly, a superseded one is history. */
export function newVersionRefusal(source: Pick<Agreement, 'status'>): string | undefined {
  if (source.status === 'final') return undefined
  return source.status === 'draft' ? '草稿可以直接修改，不需要新版本。' : '该版本已被替代，请在最新版本上修改。'
}

/** What the signature and the printed code stand for: the case number and committee; none before 受理. */
export function agreementContext(
  c: Pick<CaseRecord, 'caseNo'>,
  committee: Pick<Committee, 'fullName'>,
): { ok: true; ctx: CanonicalContext } | { ok: false; message: string } {
  if (!c.caseNo) return { ok: false, message: '案件尚未受理，没有案号，不能确认协议生效。' }
  return { ok: true, ctx: { caseNo: c.caseNo, committeeName: committee.fullName } }
}

export interface FinaliseCheck {
  /** the checklist of the draft as stored */
  findings: readonly Finding[]
  /** 'screen': every signer has signed on screen; 'paper': printed, signed and fingerprinted by hand */
  signing: 'screen' | 'paper'
  category: string
  /** on the screen path: the signers without a signature on this version */
  unsigned: readonly RequiredSigner[]
}

/** Why the draft may not be finalised yet: a checklist block first, then (on screen) the signatures. */
export function finaliseRefusal(check: FinaliseCheck): string | undefined {
  if (blocksPrinting(check.findings)) {
    const first = check.findings.find((f) => f.level === 'block')
    return `协议还有必须改正的问题：${first?.message ?? ''}`
  }
  if (check.signing === 'paper') return undefined
  return onScreenSigningRefusal(check.category) ?? unsignedMessage(check.unsigned)
}
