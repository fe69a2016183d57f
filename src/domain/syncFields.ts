/**
 * What the committee's server may read of a replicated record, and what it may not.
 *
 * The server (and a city server replicating it, and whoever administers either) sees the fields that
 * supervision and the statistics need: ids, categories, dates, states, amounts and counts. Everything
 * that could say who a party is or what happened to them — names, ID and phone numbers, addresses, the
 * facts, requests, statements, notes, reasons, titles and summaries — travels as one sealed blob under the
 * committee's data key (src/db/sync/seal.ts), readable only on the committee's PCs.
 *
 * The rule is an allowlist: a field is clear only if it is named below. A field added to a record later
 * is sealed until someone decides, here, that the server may read it.
 */
import type {
  Agreement,
  Attachment,
  AuditEntry,
  CaseRecord,
  Committee,
  FollowUp,
  Mediator,
  Party,
  Referral,
  Room,
  ScreeningRound,
  SessionRecord,
  SignatureRecord,
  Visit,
} from './types'

/** A case as it replicates: the record with its parties and sessions inside (one document per case). */
export interface CaseDocument extends CaseRecord {
  parties: Party[]
  sessions: SessionRecord[]
}

/** The case fields the server reads as they are. */
export const CASE_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'committeeId',
  'roomId',
  'caseNo',
  'status',
  'source',
  'category',
  'amountFen',
  'peopleCount',
  'flags',
  'mediatorIds',
  'recorderId',
  'oralApplication',
  'receivedOn',
  'acceptedOn',
  'dueOn',
  'closedAt',
  'archivedAt',
  'prevention',
  'screeningId',
  'visitId',
  'gridWorkerId',
] as const satisfies readonly (keyof CaseRecord)[]

/** Figures the server reads that are worked out from sealed fields: counts and kinds, never content. */
export interface CaseFigures {
  /** how the mediation ended (written/oral/terminated/withdrawn/referred), if it has */
  outcomeKind?: string
  partyCount: number
  sessionCount: number
  /** times the archived case was reopened (the server's validation allows each reopening once) */
  reopenCount: number
  /** days the deadline was extended by, if it was */
  extensionDays?: number
}

export function caseFigures(doc: CaseDocument): CaseFigures {
  return {
    outcomeKind: doc.outcome?.kind,
    partyCount: doc.parties.length,
    sessionCount: doc.sessions.length,
    reopenCount: doc.reopenings?.length ?? 0,
    extensionDays: doc.extension?.days,
  }
}

/**
 * The agreement fields the server reads. Not the hash, the signature or the 核验码: each is a digest of the
 * agreement as signed, full ID numbers and birth dates included, so whoever holds one and a masked copy of
 * the agreement could test every birth date of the masked decade against it and find the hidden number.
 * The server keeps a finalised agreement unchanged through FINAL_DIGEST_FIELD instead.
 */
export const AGREEMENT_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'caseId',
  'version',
  'replacesId',
  'status',
  'copies',
  'template',
  'finalizedAt',
  'keyId',
  'chainHead',
] as const satisfies readonly (keyof Agreement)[]

/** What a finalised agreement is signed as: sealed, and covered on the server by FINAL_DIGEST_FIELD. */
export const AGREEMENT_DIGESTED_FIELDS = [
  'contentHash',
  'signature',
  'verifyCode',
] as const satisfies readonly (keyof Agreement)[]

/**
 * The agreement fields the server read from versions before the keyed digest: a document they pushed opens
 * with this list (its hash was already on the server; nothing here can take it back).
 */
export const LEGACY_AGREEMENT_CLEAR_FIELDS = [...AGREEMENT_CLEAR_FIELDS, ...AGREEMENT_DIGESTED_FIELDS] as const

/** Whether a server document was pushed before the keyed digest (one of the digested fields is in clear). */
export function isLegacyAgreementDoc(doc: Readonly<Record<string, unknown>>): boolean {
  return AGREEMENT_DIGESTED_FIELDS.some((field) => field in doc)
}

/**
 * The clear field that stands for AGREEMENT_DIGESTED_FIELDS: a keyed digest (HMAC under a key derived from
 * the committee's data key, src/db/sync/seal.ts) of finalDigestText. Equal when they are equal, and without
 * the key no guess of the agreement's content can be tested against it.
 */
export const FINAL_DIGEST_FIELD = 'finalDigest'

/** What the keyed digest covers; undefined for an agreement not yet signed (nothing to keep). */
export function finalDigestText(a: Agreement): string | undefined {
  if (a.contentHash === undefined && a.signature === undefined && a.verifyCode === undefined) return undefined
  return JSON.stringify([a.contentHash ?? null, a.signature ?? null, a.verifyCode ?? null])
}

export interface AgreementFigures {
  clauseCount: number
  /** the sum of the payment clauses' amounts, in fen */
  amountFen: number
}

export function agreementFigures(a: Agreement): AgreementFigures {
  return {
    clauseCount: a.clauses.length,
    amountFen: a.clauses.reduce((sum, c) => sum + (c.kind === 'payment' ? (c.amountFen ?? 0) : 0), 0),
  }
}

/** The committee's fields the server reads: its details (names, address, seal) are sealed. */
export const COMMITTEE_CLEAR_FIELDS = ['id', 'createdAt', 'updatedAt'] as const satisfies readonly (keyof Committee)[]

/** A room's fields the server reads (its name is sealed like every other text). */
export const ROOM_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'committeeId',
  'active',
] as const satisfies readonly (keyof Room)[]

/** A mediator's fields the server reads: never the name, phone, certificate or ID number. */
export const MEDIATOR_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'role',
  'active',
  'roomIds',
] as const satisfies readonly (keyof Mediator)[]

/** A signature's fields the server reads: whose role and when, never the name or the image. */
export const SIGNATURE_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'agreementId',
  'agreementVersion',
  'signerRole',
  'signedAt',
] as const satisfies readonly (keyof SignatureRecord)[]

/** A follow-up's fields the server reads (the notes and who visited are sealed). */
export const FOLLOW_UP_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'caseId',
  'visitedOn',
  'method',
  'performance',
  'satisfaction',
  'escalationSigns',
] as const satisfies readonly (keyof FollowUp)[]

/** A referral's fields the server reads (the matter, its history's notes and the helper are sealed). */
export const REFERRAL_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'caseId',
  'department',
  'scope',
  'dueOn',
  'status',
] as const satisfies readonly (keyof Referral)[]

/**
 * A reception visit's fields the server reads: when, how many people, how they came, the category, where it
 * went and whether an enterprise was concerned (the month's 接待 figures); never the visitor's name, phone,
 * what was asked or answered, the organisation's card or who handled it.
 */
export const VISIT_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'visitedAt',
  'people',
  'channel',
  'category',
  'route',
  'enterprise',
  'caseId',
] as const satisfies readonly (keyof Visit)[]

/** A screening round's fields the server reads: the day, the kind and how many disputes it found (not where or who). */
export const SCREENING_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'heldOn',
  'kind',
  'found',
] as const satisfies readonly (keyof ScreeningRound)[]

/** A stored file as its server document describes it: the file's bytes travel beside it, sealed on their own. */
export type AttachmentMeta = Omit<Attachment, 'data'>

/** An attachment's fields the server reads: its case, kind, type, size and dates, never its name or digest. */
export const ATTACHMENT_CLEAR_FIELDS = [
  'id',
  'createdAt',
  'updatedAt',
  'caseId',
  'kind',
  'mime',
  'size',
] as const satisfies readonly (keyof AttachmentMeta)[]

/**
 * One entry of a PC's audit chain as it replicates (`audit:<chainId>:<seq>`, src/db/sync/auditPush.ts).
 * The entry holds ids and field names only, but it is sealed like the rest: who did what to which case
 * is the committee's business. The server reads which chain, which position and when.
 */
export interface AuditDocument {
  /** `<chainId>:<seq, 10 digits>` */
  id: string
  chainId: string
  seq: number
  ts: string
  entry: AuditEntry
  /** base64 ECDSA P-256 signature of ./peerAudit.ts auditSignedText by the chain's own PC (absent before signing) */
  sig?: string
}

export const AUDIT_CLEAR_FIELDS = ['id', 'chainId', 'seq', 'ts'] as const satisfies readonly (keyof AuditDocument)[]

/** A PC's audit keys as it publishes them (`auditKey:<chainId>`): only a PC holding the committee key reads them. */
export interface AuditKeyDocument {
  /** the chain id (no `updatedAt`: the keys are not a change that competes with another PC's) */
  id: string
  /** base64 of 32 bytes each: the PC's own audit key, then those it adopted with other PCs' backups */
  keys: string[]
  /** base64 SPKI of the chain's ECDSA P-256 signing key, held by its PC alone (absent before signing) */
  publicKey?: string
  /** a signature on the chain's last entry pushed when the key was published: entries pushed unsigned before */
  head?: { seq: number; sig: string }
}

/** The public signing key is clear (it is public) so that the server's validation can keep it from being replaced. */
export const AUDIT_KEY_CLEAR_FIELDS = ['id', 'publicKey'] as const satisfies readonly (keyof AuditKeyDocument)[]

/** Rooms, mediators, signatures, follow-ups, referrals, attachments and audit entries carry no figures. */
export function noFigures(): Record<string, never> {
  return {}
}

/**
 * A record split by an allowlist: `clear` holds the allowed fields that are present, `sealed` every other
 * field. `{...sealed, ...clear}` gives the record back.
 */
export function splitFields<T extends object>(
  record: T,
  clearFields: readonly string[],
): { clear: Record<string, unknown>; sealed: Record<string, unknown> } {
  const allowed = new Set(clearFields)
  const clear: Record<string, unknown> = {}
  const sealed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue
    ;(allowed.has(key) ? clear : sealed)[key] = value
  }
  return { clear, sealed }
}

/** The record from its two parts; a clear field that is not allowed is refused (a server cannot add one). */
export function joinFields<T>(
  clear: Record<string, unknown>,
  sealed: Record<string, unknown>,
  clearFields: readonly string[],
): T {
  const allowed = new Set(clearFields)
  for (const key of Object.keys(clear)) {
    if (!allowed.has(key)) throw new Error(`unexpected clear field ${key}`)
  }
  for (const key of Object.keys(sealed)) {
    if (allowed.has(key)) throw new Error(`clear field ${key} found sealed`)
  }
  return { ...sealed, ...clear } as T
}
