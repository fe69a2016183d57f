/**
 * A record as the committee's server stores it, and back: the fields the server may read stay clear
 * (src/domain/syncFields.ts), the rest is one AES-256-GCM blob under the committee's data key, which only
 * the committee's PCs hold. WebCrypto, outside any Dexie transaction (sealing happens on the way to and
 * from the network).
 *
 * The blob is bound (as GCM additional data) to the document's id, the key's id and every clear field:
 * a blob moved onto another document, or a clear field changed on the server (a status, an amount),
 * does not open. A new random IV for every seal.
 *
 * A file's bytes (an attachment's) are sealed on their own (`sealFileForServer`), bound to their document's id.
 */
import { canonicalJson } from '../../domain/canonical'
import { SEAL_OVERHEAD, openWithWebKey, sealWithWebKey } from '../sealCipher'
import {
  AGREEMENT_CLEAR_FIELDS,
  ATTACHMENT_CLEAR_FIELDS,
  FINAL_DIGEST_FIELD,
  LEGACY_AGREEMENT_CLEAR_FIELDS,
  finalDigestText,
  isLegacyAgreementDoc,
  AUDIT_CLEAR_FIELDS,
  AUDIT_KEY_CLEAR_FIELDS,
  CASE_CLEAR_FIELDS,
  COMMITTEE_CLEAR_FIELDS,
  FOLLOW_UP_CLEAR_FIELDS,
  MEDIATOR_CLEAR_FIELDS,
  REFERRAL_CLEAR_FIELDS,
  ROOM_CLEAR_FIELDS,
  SCREENING_CLEAR_FIELDS,
  SIGNATURE_CLEAR_FIELDS,
  VISIT_CLEAR_FIELDS,
  agreementFigures,
  caseFigures,
  joinFields,
  noFigures,
  splitFields,
  type AttachmentMeta,
  type AuditDocument,
  type AuditKeyDocument,
  type CaseDocument,
} from '../../domain/syncFields'
import { syncDocId } from '../../domain/syncServer'
import type {
  Agreement,
  Committee,
  FollowUp,
  Mediator,
  Referral,
  Room,
  ScreeningRound,
  SignatureRecord,
  Visit,
} from '../../domain/types'
import { base64ToBytes, bytesToBase64 } from '../transfer/base64'

/** The committee's data key, as a non-extractable WebCrypto key, with its id (first 16 hex of SHA-256). */
export interface CommitteeKey {
  id: string
  key: CryptoKey
  /** HMAC-SHA-256 key derived from the data key (HKDF): the keyed digest of a finalised agreement */
  digestKey: CryptoKey
}

export interface SealedBlob {
  v: 1
  alg: 'A256GCM'
  /** the committee key's id: a PC holding another key says so instead of failing to decrypt */
  kid: string
  iv: string
  ct: string
}

/** What the server holds: CouchDB's members, the kind, the clear fields and figures, and the blob. */
export interface ServerDoc {
  _id: string
  _rev?: string
  _deleted?: boolean
  type: SealedType
  sealed: SealedBlob
  [clear: string]: unknown
}

export type SealedType =
  | 'case'
  | 'agreement'
  | 'committee'
  | 'room'
  | 'mediator'
  | 'signature'
  | 'followUp'
  | 'referral'
  | 'visit'
  | 'screening'
  | 'attachment'
  | 'audit'
  | 'auditKey'

interface Shape {
  clearFields: readonly string[]
  figures: (record: never) => object
  /** clear fields worked out under the committee's key (a keyed digest), if the kind has any */
  keyed?: (record: never, key: CommitteeKey) => Promise<object>
}

async function agreementKeyed(a: Agreement, key: CommitteeKey): Promise<object> {
  const text = finalDigestText(a)
  if (text === undefined) return {}
  const mac = await crypto.subtle.sign('HMAC', key.digestKey, new TextEncoder().encode(text))
  return { [FINAL_DIGEST_FIELD]: bytesToBase64(new Uint8Array(mac)) }
}

const SHAPES: Record<SealedType, Shape> = {
  case: { clearFields: CASE_CLEAR_FIELDS, figures: caseFigures },
  agreement: { clearFields: AGREEMENT_CLEAR_FIELDS, figures: agreementFigures, keyed: agreementKeyed },
  committee: { clearFields: COMMITTEE_CLEAR_FIELDS, figures: noFigures },
  room: { clearFields: ROOM_CLEAR_FIELDS, figures: noFigures },
  mediator: { clearFields: MEDIATOR_CLEAR_FIELDS, figures: noFigures },
  signature: { clearFields: SIGNATURE_CLEAR_FIELDS, figures: noFigures },
  followUp: { clearFields: FOLLOW_UP_CLEAR_FIELDS, figures: noFigures },
  referral: { clearFields: REFERRAL_CLEAR_FIELDS, figures: noFigures },
  visit: { clearFields: VISIT_CLEAR_FIELDS, figures: noFigures },
  screening: { clearFields: SCREENING_CLEAR_FIELDS, figures: noFigures },
  attachment: { clearFields: ATTACHMENT_CLEAR_FIELDS, figures: noFigures },
  audit: { clearFields: AUDIT_CLEAR_FIELDS, figures: noFigures },
  auditKey: { clearFields: AUDIT_KEY_CLEAR_FIELDS, figures: noFigures },
}

interface Records {
  case: CaseDocument
  agreement: Agreement
  committee: Committee
  room: Room
  mediator: Mediator
  signature: SignatureRecord
  followUp: FollowUp
  referral: Referral
  visit: Visit
  screening: ScreeningRound
  attachment: AttachmentMeta
  audit: AuditDocument
  auditKey: AuditKeyDocument
}

type RecordOf<T extends SealedType> = Records[T]

export class SealError extends Error {
  constructor(
    /** refusedFile: a file that opened but breaks src/domain/attachments.ts's rules (its message says how) */
    readonly code: 'foreignKey' | 'unreadable' | 'malformed' | 'refusedFile',
    message: string,
  ) {
    super(message)
    this.name = 'SealError'
  }
}

const MESSAGES: Record<Exclude<SealError['code'], 'refusedFile'>, string> = {
  foreignKey: '服务器上的数据使用另一个调解委员会的密钥加密，本机无法读取。请核对同步设置中的数据库。',
  unreadable: '服务器上的一条数据无法解密：数据已被改动，或不属于这条记录。该条未导入，本机数据未受影响。',
  malformed: '服务器上的一条数据格式不正确，未导入。',
}

/** The error of `code` with its message for the user. */
export function sealError(code: keyof typeof MESSAGES): SealError {
  return new SealError(code, MESSAGES[code])
}

const IV_BYTES = 12
const FORMAT = 'mediation-room/sync-seal'
/** CouchDB's own members of a document: never part of what is bound or restored */
const COUCH_MEMBERS = new Set(['_id', '_rev', '_deleted', '_revisions', '_conflicts', '_attachments', '_revs_info'])

export async function committeeKeyId(raw: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw.slice()))
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')
}

const DIGEST_KEY_INFO = 'mediation-room/agreement-final-digest v1'

/** Imports the 32 raw bytes of a committee's data key; the key cannot be read back out. */
export async function importCommitteeKey(raw: Uint8Array): Promise<CommitteeKey> {
  if (raw.length !== 32) throw new RangeError('committee data key must be 32 bytes')
  const key = await crypto.subtle.importKey('raw', raw.slice(), 'AES-GCM', false, ['encrypt', 'decrypt'])
  // a key of its own for the digest: the same bytes are never used by two algorithms
  const material = await crypto.subtle.importKey('raw', raw.slice(), 'HKDF', false, ['deriveKey'])
  const digestKey = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(DIGEST_KEY_INFO) },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  )
  return { id: await committeeKeyId(raw), key, digestKey }
}

/** The clear fields and the clear figures of a record of `type`, as the server stores them. */
async function headOf(
  type: SealedType,
  shape: Shape,
  record: object,
  clear: Record<string, unknown>,
  key: CommitteeKey,
) {
  const keyed = shape.keyed ? await shape.keyed(record as never, key) : {}
  return { type, ...withoutUndefined(shape.figures(record as never)), ...keyed, ...clear }
}

/** The shape a server document opens with: an agreement pushed before the keyed digest has the old one. */
function shapeOfDoc(type: SealedType, doc: ServerDoc): Shape {
  const shape = SHAPES[type]
  return type === 'agreement' && isLegacyAgreementDoc(doc)
    ? { clearFields: LEGACY_AGREEMENT_CLEAR_FIELDS, figures: shape.figures }
    : shape
}

function boundData(id: string, kid: string, head: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson({ format: FORMAT, v: 1, id, kid, head }))
}

function withoutUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}

/** The record as the server stores it (without `_rev`: the caller adds the revision it replaces). */
export async function sealForServer<T extends SealedType>(
  type: T,
  record: RecordOf<T>,
  key: CommitteeKey,
): Promise<ServerDoc> {
  const shape = SHAPES[type]
  const { clear, sealed } = splitFields(record, shape.clearFields)
  const head = await headOf(type, shape, record, clear, key)
  const _id = syncDocId(type, record.id)
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const plain = new TextEncoder().encode(canonicalJson(sealed))
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: boundData(_id, key.id, head) },
    key.key,
    plain,
  )
  const blob: SealedBlob = {
    v: 1,
    alg: 'A256GCM',
    kid: key.id,
    iv: bytesToBase64(iv),
    ct: bytesToBase64(new Uint8Array(ct)),
  }
  return { _id, ...head, sealed: blob }
}

function isBlob(value: unknown): value is SealedBlob {
  const b = value as SealedBlob
  return (
    typeof b === 'object' &&
    b !== null &&
    b.v === 1 &&
    b.alg === 'A256GCM' &&
    typeof b.kid === 'string' &&
    typeof b.iv === 'string' &&
    typeof b.ct === 'string'
  )
}

/** The record a server document holds; refuses (SealError) anything it cannot vouch for. */
export async function openFromServer<T extends SealedType>(
  type: T,
  doc: ServerDoc,
  key: CommitteeKey,
): Promise<RecordOf<T>> {
  if (doc.type !== type || !isBlob(doc.sealed)) throw new SealError('malformed', MESSAGES.malformed)
  const shape = shapeOfDoc(type, doc)
  if (doc.sealed.kid !== key.id) throw new SealError('foreignKey', MESSAGES.foreignKey)
  const head: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(doc)) if (!COUCH_MEMBERS.has(k) && k !== 'sealed') head[k] = v
  let plain: ArrayBuffer
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: base64ToBytes(doc.sealed.iv),
        additionalData: boundData(doc._id, doc.sealed.kid, head),
      },
      key.key,
      base64ToBytes(doc.sealed.ct),
    )
  } catch {
    throw new SealError('unreadable', MESSAGES.unreadable)
  }
  const sealed = JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>
  const clear = Object.fromEntries(Object.entries(head).filter(([k]) => shape.clearFields.includes(k)))
  const record = joinFields<RecordOf<T>>(clear, sealed, shape.clearFields)
  // the figures and the id were bound to the blob; they must also be this record's
  const expected = await headOf(type, shape, record, clear, key)
  if (canonicalJson(expected) !== canonicalJson(head) || syncDocId(type, record.id) !== doc._id)
    throw new SealError('unreadable', MESSAGES.unreadable)
  return record
}

const FILE_FORMAT = 'mediation-room/sync-file'
/** What sealing adds to a file: the IV before it, GCM's tag after it. */
export const SEALED_FILE_OVERHEAD = SEAL_OVERHEAD

function fileBoundData(docId: string, kid: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson({ format: FILE_FORMAT, v: 1, id: docId, kid }))
}

/**
 * A file's bytes as the server stores them (a CouchDB attachment of document `docId`): IV then ciphertext,
 * under the committee's key, bound to the document's id and the key's id.
 */
export async function sealFileForServer(
  docId: string,
  bytes: Uint8Array<ArrayBuffer>,
  key: CommitteeKey,
): Promise<Uint8Array<ArrayBuffer>> {
  return sealWithWebKey(key.key, fileBoundData(docId, key.id), bytes)
}

/** The file's bytes from what the server stores; SealError('unreadable') if they were changed or moved. */
export async function openFileFromServer(
  docId: string,
  sealed: Uint8Array<ArrayBuffer>,
  key: CommitteeKey,
): Promise<Uint8Array<ArrayBuffer>> {
  if (sealed.length < SEALED_FILE_OVERHEAD) throw new SealError('malformed', MESSAGES.malformed)
  try {
    return await openWithWebKey(key.key, fileBoundData(docId, key.id), sealed)
  } catch {
    throw new SealError('unreadable', MESSAGES.unreadable)
  }
}
