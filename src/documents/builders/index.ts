/** Every document a case can produce, by kind: the one registry the CLI, the worker and the UI use. */
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import type { CaseBundle } from '../../domain/types'
import { buildAgreement } from './agreement'
import { buildClosingReport, buildFollowUp, buildJudicialConfirmation, buildOralAgreement } from './after'
import { buildCaseFile } from './casefile'
import { buildEnterpriseCard, ENTERPRISE_CARD_TITLE } from './enterpriseCard'
import { enterpriseCardOf } from '../../domain/enterpriseCode'
import { archivedAgreementId, pickAgreement, type BuildOptions } from './common'
import { buildApplication, buildRegistration, buildRejection } from './intake'
import { buildRightsNotice, buildTermination } from './notices'
import { buildInvestigationRecord, buildMediationRecord } from './records'

export type { BuildOptions } from './common'

type Builder = (bundle: CaseBundle, opts?: BuildOptions) => TDocumentDefinitions

interface DocumentKindInfo {
  title: string
  build: Builder
  /** whether the bundle holds what this document needs */
  available: (bundle: CaseBundle) => boolean
  /** made for one party, offered beside it rather than in the case's list of documents */
  perParty?: boolean
}

const always = (): boolean => true

export const DOCUMENT_KINDS = {
  application: { title: '人民调解申请书', build: buildApplication, available: always },
  registration: { title: '人民调解受理登记表', build: buildRegistration, available: (b) => !!b.case.acceptedOn },
  rejection: { title: '不予受理通知书', build: buildRejection, available: (b) => !!b.case.rejection },
  'rights-notice': { title: '当事人权利义务告知书', build: buildRightsNotice, available: (b) => !!b.case.acceptedOn },
  investigation: {
    title: '调查记录',
    build: buildInvestigationRecord,
    available: (b) => b.sessions.some((s) => s.kind === 'investigation'),
  },
  mediation: {
    title: '调解记录',
    build: buildMediationRecord,
    available: (b) => b.sessions.some((s) => s.kind === 'mediation'),
  },
  agreement: { title: '人民调解协议书', build: buildAgreement, available: (b) => b.agreements.length > 0 },
  'oral-agreement': {
    title: '口头调解协议登记表',
    build: buildOralAgreement,
    available: (b) => b.case.outcome?.kind === 'oral',
  },
  termination: {
    title: '终止调解告知书',
    build: buildTermination,
    available: (b) => b.case.outcome?.kind === 'terminated' || b.case.outcome?.kind === 'withdrawn',
  },
  'judicial-confirmation': {
    title: '司法确认申请书',
    build: buildJudicialConfirmation,
    available: (b) => b.agreements.some((a) => a.status !== 'draft'),
  },
  'follow-up': { title: '回访记录', build: buildFollowUp, available: (b) => b.followUps.length > 0 },
  'closing-report': { title: '人民调解结案报告', build: buildClosingReport, available: always },
  casefile: { title: '人民调解卷宗', build: buildCaseFile, available: always },
  // made per organisation party (打印企业码 beside the party), not from the case's document list
  'enterprise-card': {
    title: ENTERPRISE_CARD_TITLE,
    build: buildEnterpriseCard,
    available: (b) => b.parties.some((p) => enterpriseCardOf(p).ok),
    perParty: true,
  },
} as const satisfies Record<string, DocumentKindInfo>

export type DocumentKind = keyof typeof DOCUMENT_KINDS

export const DOCUMENT_KIND_NAMES = Object.keys(DOCUMENT_KINDS) as DocumentKind[]

export function isDocumentKind(value: string): value is DocumentKind {
  return Object.hasOwn(DOCUMENT_KINDS, value)
}

export function buildDocument(kind: DocumentKind, bundle: CaseBundle, opts: BuildOptions = {}): TDocumentDefinitions {
  return DOCUMENT_KINDS[kind].build(bundle, opts)
}

/** The documents this case can produce now, in the order of the case file. */
export function availableDocuments(bundle: CaseBundle): DocumentKind[] {
  return DOCUMENT_KIND_NAMES.filter((k) => DOCUMENT_KINDS[k].available(bundle))
}

/** Whether a kind is made for one party (not listed among the case's documents). */
export function isPerPartyDocument(kind: DocumentKind): boolean {
  const info: DocumentKindInfo = DOCUMENT_KINDS[kind]
  return info.perParty === true
}

/**
 * The agreement whose terms a document prints (the agreement itself, the 司法确认 application, the case
 * file's copy), undefined for the others or when the case has none yet: what is checked before it leaves
 * the app while another PC's finalisation of that agreement stands.
 */
export function agreementPrintedBy(
  kind: DocumentKind,
  bundle: CaseBundle,
  opts: BuildOptions = {},
): string | undefined {
  if (bundle.agreements.length === 0) return undefined
  if (kind === 'agreement' || kind === 'judicial-confirmation') return pickAgreement(bundle, opts.agreementId).id
  if (kind === 'casefile') return opts.agreementId ?? archivedAgreementId(bundle) ?? pickAgreement(bundle).id
  return undefined
}
