/** What every builder takes besides the bundle, and lookups several builders share. */
import type { Agreement, CaseBundle, Party, SessionRecord, SignatureRecord } from '../../domain/types'
import { SESSION_KIND_LABELS } from '../../domain/labels'
import { guardiansOf } from '../../domain/parties'
import { DocumentDataError, mediatorsByIds, orderedParties } from '../format'
import type { SignatureRow } from '../layout'
import { compareOrdinal } from '../../domain/text'

export interface BuildOptions {
  /** which agreement; default: the newest version */
  agreementId?: string
  /** which session for 调查记录/调解记录; default: all of that kind */
  sessionId?: string
  /** which follow-up for 回访记录; default: all */
  followUpId?: string
  /** the court for 司法确认申请书; default: a blank to fill */
  court?: string
  /** 立卷人 and 保管期限 on the case-file cover */
  filedBy?: string
  retention?: string
  /** whose 一企一码 card; default: the first organisation party */
  partyId?: string
}

export function pickAgreement(bundle: CaseBundle, agreementId?: string): Agreement {
  const found = agreementId
    ? bundle.agreements.find((a) => a.id === agreementId)
    : [...bundle.agreements].sort((a, b) => b.version - a.version)[0]
  if (!found) throw new DocumentDataError(agreementId ? `找不到编号为 ${agreementId} 的协议` : '本案还没有调解协议')
  return found
}

/** The agreement a case file files: the effective (final) version, else the newest. */
export function archivedAgreementId(bundle: CaseBundle): string | undefined {
  return [...bundle.agreements].filter((a) => a.status === 'final').sort((a, b) => b.version - a.version)[0]?.id
}

export function pickSessions(bundle: CaseBundle, kind: SessionRecord['kind'], sessionId?: string): SessionRecord[] {
  const sessions = bundle.sessions
    .filter((s) => s.kind === kind && (sessionId === undefined || s.id === sessionId))
    .sort((a, b) => compareOrdinal(a.startedAt, b.startedAt))
  if (sessions.length === 0) {
    throw new DocumentDataError(`本案没有${SESSION_KIND_LABELS[kind]}`)
  }
  return sessions
}

function signatureOf(
  signatures: readonly SignatureRecord[],
  agreement: Agreement | undefined,
  signerId: string,
  roles: readonly SignatureRecord['signerRole'][],
): string | undefined {
  if (!agreement) return undefined
  return signatures.find(
    (s) =>
      s.agreementId === agreement.id &&
      s.agreementVersion === agreement.version &&
      s.signerId === signerId &&
      roles.includes(s.signerRole),
  )?.image
}

/**
 * A row per party (an organisation signs through its representative), each person's 监护人/法定代理人
 * right under them (a minor signs with a guardian), then the mediators and the recorder. On-screen
 * signatures of this agreement version are placed on their rows.
 */
export function signatureRows(bundle: CaseBundle, agreement?: Agreement, withStaff = true): SignatureRow[] {
  const rows: SignatureRow[] = orderedParties(bundle).flatMap((p: Party) => [
    {
      label: p.role,
      name: p.kind === 'org' ? `${p.name}（盖章）\n代表人：${p.legalRep ?? p.agents[0]?.name ?? ''}` : p.name,
      // a person's guardian signs on their own line (as the party's agent); an organisation's agent on its row
      image: signatureOf(bundle.signatures, agreement, p.id, p.kind === 'person' ? ['party'] : ['party', 'agent']),
      fingerprint: true,
    },
    ...(p.kind === 'person' ? guardiansOf(p) : []).map((g, i) => ({
      label: '法定代理人',
      name: `${g.name}（${p.name}的${g.relationship || '监护人'}）`,
      // on screen, the first guardian signs (signers.ts `requiredSigners`)
      image: i === 0 ? signatureOf(bundle.signatures, agreement, p.id, ['agent']) : undefined,
      fingerprint: true,
    })),
  ])
  if (!withStaff) return rows
  for (const m of mediatorsByIds(bundle, bundle.case.mediatorIds)) {
    rows.push({
      label: '人民调解员',
      name: m.name,
      image: signatureOf(bundle.signatures, agreement, m.id, ['mediator']),
      fingerprint: false,
    })
  }
  const recorder = bundle.case.recorderId ? mediatorsByIds(bundle, [bundle.case.recorderId])[0] : undefined
  if (recorder) {
    rows.push({
      label: '记录人',
      name: recorder.name,
      image: signatureOf(bundle.signatures, agreement, recorder.id, ['recorder']),
      fingerprint: false,
    })
  }
  return rows
}
