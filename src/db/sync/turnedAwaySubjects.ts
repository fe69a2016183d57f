/**
 * What a change the server turned away was, in a person's words: 案件 （2026）某调字第3号 邻里纠纷, the
 * agreement or follow-up of such a case, a file's name, a room or a mediator. 设置 → 同步 lists them under
 * the reason, so that a mediator knows which case to look at (reopen, correct, or ask the server's admin).
 *
 * The ids are the outbox's (a case's bare id, `agreement:<id>`, `attachment:<id>`) or the server's for the
 * roster (`room:<id>`). A record this PC does not hold (a server document that did not open here) is named
 * by its kind alone.
 */
import { AUDIT_ENTITY_LABELS } from '../../domain/labels'
import { SERVER_REFUSALS } from '../../domain/syncServer'
import type { TurnedAwayChange } from '../../domain/syncState'
import type { UUID } from '../../domain/types'
import { caseLabel } from '../conflictsRepo'
import type { MediationDb } from '../schema'
import { isCaseOutboxId, parseAttachmentOutboxId, parseRecordOutboxId } from './outbox'

/** Changes named one by one in a round; past this they are counted only (a round may turn away thousands). */
export const TURNED_AWAY_NAMED_MAX = 20

/** The audit chain's own subject (auditPush stops at the first entry refused). */
export const AUDIT_CHAIN_SUBJECT = '本机的审计日志'

const ROSTER_TABLES = { room: 'rooms', mediator: 'mediators', committee: 'committees' } as const

const entity = (kind: string): string => AUDIT_ENTITY_LABELS[kind] ?? '记录'

async function caseWords(db: MediationDb, caseId: UUID | undefined): Promise<string | undefined> {
  const doc = caseId === undefined ? undefined : await db.caseDocs.get(caseId)
  return doc && `案件 ${caseLabel(doc)}`
}

/** The case a shared record belongs to (a signature's, through its agreement). */
async function owningCase(db: MediationDb, kind: string, id: UUID): Promise<UUID | undefined> {
  if (kind === 'signature') {
    const signature = await db.signatures.get(id)
    return signature && (await db.agreements.get(signature.agreementId))?.caseId
  }
  if (kind === 'agreement') return (await db.agreements.get(id))?.caseId
  if (kind === 'followUp') return (await db.followUps.get(id))?.caseId
  if (kind === 'referral') return (await db.referrals.get(id))?.caseId
  return undefined
}

async function subjectOf(db: MediationDb, id: string): Promise<string> {
  if (isCaseOutboxId(id)) return (await caseWords(db, id)) ?? '一个本机没有的案件'
  const record = parseRecordOutboxId(id)
  if (record) {
    const of = await caseWords(db, await owningCase(db, record.kind, record.id))
    return of ? `${of} 的${entity(record.kind)}` : entity(record.kind)
  }
  const fileId = parseAttachmentOutboxId(id)
  if (fileId !== undefined) {
    const file = await db.attachments.get(fileId)
    const of = file && (await caseWords(db, file.caseId))
    return file ? `${of ? `${of} 的` : ''}附件“${file.name}”` : entity('attachment')
  }
  const cut = id.indexOf(':')
  const kind = id.slice(0, cut)
  if (kind in ROSTER_TABLES) {
    const row = await db.table(ROSTER_TABLES[kind as keyof typeof ROSTER_TABLES]).get(id.slice(cut + 1))
    const name = (row as { name?: string; shortName?: string } | undefined)?.name ?? row?.shortName
    return name ? `${entity(kind)} ${name}` : entity(kind)
  }
  return '记录'
}

/**
 * The round's refusals (id -> the reason shown) as changes named for a person; the first
 * TURNED_AWAY_NAMED_MAX are looked up, the rest keep their reason only.
 */
export async function nameTurnedAway(
  db: MediationDb,
  refused: Readonly<Record<string, string>>,
): Promise<TurnedAwayChange[]> {
  const changes: TurnedAwayChange[] = []
  for (const [id, reason] of Object.entries(refused)) {
    changes.push(changes.length < TURNED_AWAY_NAMED_MAX ? { reason, subject: await subjectOf(db, id) } : { reason })
  }
  return changes
}

const FINAL_AGREEMENT_REFUSALS: ReadonlySet<string> = new Set([
  SERVER_REFUSALS.finalAgreement,
  SERVER_REFUSALS.finalAgreementDelete,
])

/**
 * The agreements whose change the server turned away because it holds them finalised: another PC confirmed
 * them first, so this PC's copy (its own finalisation, or an edit) differs from every other PC's. The
 * agreement's page says so before it is printed.
 */
export function agreementsFinalisedElsewhere(refused: Readonly<Record<string, string>>): string[] {
  return Object.entries(refused).flatMap(([id, reason]) => {
    const record = parseRecordOutboxId(id)
    return record?.kind === 'agreement' && FINAL_AGREEMENT_REFUSALS.has(reason) ? [record.id] : []
  })
}
