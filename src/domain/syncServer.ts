/**
 * How a committee's data sits on its CouchDB server: the database's name, the role its PCs' users hold,
 * the ids of the documents, and the `validate_doc_update` function the server runs on every write
 * (including writes that arrive by replication from another server).
 *
 * The validation is the server's copy of the app's own refusals, so that an old or altered client, or a
 * replication from a township server, cannot change what the app never changes:
 * - an archived case (状态 已归档) is read-only, except for its reopening (重新打开: back to 已结案 with one
 *   more entry in `reopenCount`); it cannot be deleted;
 * - a finalised agreement (已生效) keeps its content: only its status may become 已被新版本替代, and it
 *   cannot be deleted. The server cannot read the hash, signature or 核验码 (syncFields.ts says why); it keeps
 *   their keyed digest (FINAL_DIGEST_FIELD) unchanged instead. A copy pushed by a version before the digest,
 *   with those three in clear, may be replaced once by one under its digest (the first later write of a
 *   newer version), keeping its case, version, key and time; otherwise the three stay as they were;
 * - an audit entry (`audit:…`) is append-only: never changed or deleted once written;
 * - a chain's published keys (`auditKey:…`) are never deleted, and its signing key never replaced once set;
 * - every document names its kind (`type`) and only a member of the committee writes (the database's
 *   `_security` lets no one else in; the function refuses an anonymous user as well);
 * - a change stamped (`updatedAt`) more than FUTURE_STAMP_MARGIN_MS past the server's clock is refused: the
 *   later change stands between PCs (src/domain/laterChange.ts), so a PC whose clock runs ahead, or a page
 *   stamping 2099, would otherwise win every comparison. The server's clock is the one all PCs share.
 * The function is ES5 (CouchDB 3 runs it in SpiderMonkey; PouchDB Server in Node) and reads only the
 * clear fields of a document (src/domain/syncFields.ts): the personal ones are sealed.
 */

import { FUTURE_STAMP_MARGIN_MS } from './laterChange'
import { AGREEMENT_DIGESTED_FIELDS, FINAL_DIGEST_FIELD } from './syncFields'

/** A CouchDB database name: lower-case, starts with a letter. One database per committee. */
export function committeeDbName(committeeId: string): string {
  return `mr-${committeeId.toLowerCase()}`
}

/** The role every user of one committee's PCs holds (`_security.members.roles`). */
export function committeeRole(committeeId: string): string {
  return `mr-member-${committeeId.toLowerCase()}`
}

export type SyncDocType =
  | 'case'
  | 'agreement'
  | 'committee'
  | 'signature'
  | 'followUp'
  | 'referral'
  | 'visit'
  | 'screening'
  | 'room'
  | 'mediator'
  | 'counter'
  | 'attachment'
  | 'audit'
  | 'auditKey'

/** Documents of different kinds share one database: the id says the kind, so ids never collide. */
export function syncDocId(type: SyncDocType, id: string): string {
  return `${type}:${id}`
}

/** Where the case-number counter of one committee and year lives (src/domain/syncNumbering.ts). */
export function counterDocId(committeeId: string, year: number): string {
  return syncDocId('counter', `${committeeId}:${year}`)
}

/** One entry of a PC's audit chain: the seq padded, so the ids sort in the chain's order. */
export function auditDocId(chainId: string, seq: number): string {
  return syncDocId('audit', auditRecordId(chainId, seq))
}

export function auditRecordId(chainId: string, seq: number): string {
  return `${chainId}:${String(seq).padStart(10, '0')}`
}

/**
 * How far along the server's changes a sequence is, to count what is still to pull: CouchDB 3 writes a
 * sequence as an opaque text led by that number ('12-g1AAA…'), PouchDB Server as the number itself. The
 * text is otherwise passed back to the server as it came; 0 when there is no number to read.
 */
export function seqNumber(seq: string | number | undefined | null): number {
  const n = parseInt(String(seq ?? '0'), 10)
  return Number.isFinite(n) && n > 0 ? n : 0
}

export const VALIDATION_DESIGN_DOC_ID = '_design/mediation-room'

/**
 * The messages the server answers with (`{forbidden: …}`). The app shows one of these (its own words) for
 * a change turned away, never the server's text itself: refusalShown.
 */
export const SERVER_REFUSALS = {
  anonymous: '未登录的用户不能写入',
  noType: '文档缺少类型',
  archived: '已归档的案件不能修改，请先重新打开',
  archivedDelete: '已归档的案件不能删除',
  finalAgreement: '已生效的协议不能修改',
  finalAgreementDelete: '已生效的协议不能删除',
  futureStamp: '修改时间比服务器时间晚，请校准这台电脑的日期和时间',
  auditAppendOnly: '审计日志只能追加，不能修改或删除',
  auditKeyFixed: '审计日志的签名密钥发布后不能更换或删除',
} as const

/** What the app says for a refusal it did not write: the server's own text could say anything. */
export const SERVER_OTHER_REFUSAL = '服务器以其他原因拒绝（请告诉服务器管理员）'

const KNOWN_REFUSALS: ReadonlySet<string> = new Set(Object.values(SERVER_REFUSALS))

/**
 * The reason shown for a write the server turned away: its reason when it is one of SERVER_REFUSALS, else
 * SERVER_OTHER_REFUSAL. A hostile or misconfigured server must not put its own words on a mediator's screen
 * (a phone number to call, a false instruction); what it said is for the server's own log.
 */
export function refusalShown(answer: { error?: string; reason?: string } | undefined): string {
  return answer?.reason !== undefined && KNOWN_REFUSALS.has(answer.reason) ? answer.reason : SERVER_OTHER_REFUSAL
}

/**
 * The source of the validation function. Written as text, not as a compiled function, so that what the
 * server runs is exactly what is reviewed here (a bundler would rename or wrap a function).
 */
export const VALIDATE_DOC_UPDATE = `function (newDoc, oldDoc, userCtx) {
  var R = ${JSON.stringify(SERVER_REFUSALS)};
  function refuse(message) { throw { forbidden: message }; }
  var isAdmin = userCtx.roles.indexOf('_admin') !== -1;
  if (!userCtx.name && !isAdmin) throw { unauthorized: R.anonymous };
  if (newDoc._id.indexOf('_design/') === 0) return;
  if (!newDoc._deleted && typeof newDoc.type !== 'string') refuse(R.noType);
  if (!newDoc._deleted && typeof newDoc.updatedAt === 'string') {
    var stamp = Date.parse(newDoc.updatedAt);
    if (!(stamp <= Date.now() + ${FUTURE_STAMP_MARGIN_MS})) refuse(R.futureStamp);
  }
  if (!oldDoc || oldDoc._deleted) return;
  if (oldDoc.type === 'audit') refuse(R.auditAppendOnly);
  if (oldDoc.type === 'auditKey') {
    if (newDoc._deleted) refuse(R.auditKeyFixed);
    if (typeof oldDoc.publicKey === 'string' && newDoc.publicKey !== oldDoc.publicKey) refuse(R.auditKeyFixed);
  }
  if (oldDoc.type === 'case' && oldDoc.status === 'archived') {
    if (newDoc._deleted) refuse(R.archivedDelete);
    var reopened = newDoc.status === 'closed' && newDoc.reopenCount === (oldDoc.reopenCount || 0) + 1;
    if (!reopened) refuse(R.archived);
  }
  if (oldDoc.type === 'agreement' && oldDoc.status === 'final') {
    if (newDoc._deleted) refuse(R.finalAgreementDelete);
    if (newDoc.status !== 'final' && newDoc.status !== 'superseded') refuse(R.finalAgreement);
    var kept = ['caseId', 'version', 'keyId', 'finalizedAt', ${JSON.stringify(FINAL_DIGEST_FIELD)}].concat(${JSON.stringify(AGREEMENT_DIGESTED_FIELDS)});
    if (typeof oldDoc.${FINAL_DIGEST_FIELD} !== 'string' && typeof newDoc.${FINAL_DIGEST_FIELD} === 'string') kept = kept.slice(0, 4);
    for (var i = 0; i < kept.length; i++) {
      if (JSON.stringify(newDoc[kept[i]]) !== JSON.stringify(oldDoc[kept[i]])) refuse(R.finalAgreement);
    }
  }
}`

/** The design document that carries the validation, as PUT to `<db>/_design/mediation-room`. */
export function validationDesignDoc(): { _id: string; language: 'javascript'; validate_doc_update: string } {
  return { _id: VALIDATION_DESIGN_DOC_ID, language: 'javascript', validate_doc_update: VALIDATE_DOC_UPDATE }
}

/** A database's `_security`: no per-database admins beyond the server's, members by the committee's role. */
export function committeeSecurity(committeeId: string): {
  admins: { names: string[]; roles: string[] }
  members: { names: string[]; roles: string[] }
} {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [committeeRole(committeeId)] } }
}
