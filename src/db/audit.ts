/**
 * Appending to the audit chain. Always called inside the caller's read-write transaction so that
 * the change and its audit entry commit together or not at all.
 */
import Dexie from 'dexie'
import {
  GENESIS,
  auditTokenMayHoldNumber,
  linkEntry,
  verifyChain,
  type AuditAction,
  type ChainVerdict,
} from '../domain/audit'
import { currentStoreKeys, storeKeys } from './keys'
import type { AuditEntry, UUID } from '../domain/types'
import type { MediationDb } from './schema'

export interface AuditInput {
  actor: string
  action: AuditAction
  /** the table or aggregate, e.g. 'case', 'party' */
  entity: string
  entityId: UUID
  caseId?: UUID
  /** names of the fields touched; never their values */
  fields: string[]
}

/** Identifiers only: field names, actions, ids. A name, an address or a number typed by a user fails. */
const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,100}$/

/**
 * Rejects anything that is not a plain identifier or could carry a personal number (PIPL: no PI in logs).
 */
function assertNoPersonalData(input: AuditInput): void {
  // The actor is the signed-in mediator (an id or a display name), so any short text without numbers.
  if (input.actor.length === 0 || input.actor.length > 100 || auditTokenMayHoldNumber(input.actor)) {
    throw new Error('audit actor must be a short name or id without personal numbers')
  }
  const tokens = [input.action, input.entity, input.entityId, input.caseId ?? 'none', ...input.fields]
  for (const token of tokens) {
    if (!IDENTIFIER.test(token) || auditTokenMayHoldNumber(token)) {
      throw new Error(`audit entries hold identifiers and field names only, got ${JSON.stringify(token.slice(0, 3))}…`)
    }
  }
}

export async function appendAudit(db: MediationDb, input: AuditInput, now: Date = new Date()): Promise<AuditEntry> {
  // one async level, as callers await it between other writes of their transaction (a nested Dexie
  // transaction keeps its zone only across a few native awaits): not written on top of appendAudits
  assertInsideAuditTransaction(db)
  assertNoPersonalData(input)
  const entry = linkEntry(await db.audit.orderBy('seq').last(), contentOf(input, now), currentStoreKeys().auditKey)
  await db.audit.add(entry)
  return entry
}

/**
 * Several entries in order, with one read of the chain's head and one write: a batch of changes taken in
 * by sync (a hundred cases) logs each without a hundred round trips inside its transaction, which other
 * reads of the store wait for.
 */
export async function appendAudits(
  db: MediationDb,
  inputs: readonly AuditInput[],
  now: Date = new Date(),
): Promise<AuditEntry[]> {
  assertInsideAuditTransaction(db)
  inputs.forEach(assertNoPersonalData)
  if (!inputs.length) return []
  const { auditKey } = currentStoreKeys()
  let last: AuditEntry | undefined = await db.audit.orderBy('seq').last()
  const entries = inputs.map((input) => (last = linkEntry(last, contentOf(input, now), auditKey)))
  await db.audit.bulkAdd(entries)
  return entries
}

/** An entry's content before it is linked (its seq and links come from linkEntry). */
function contentOf(input: AuditInput, now: Date): Parameters<typeof linkEntry>[1] {
  return {
    id: crypto.randomUUID(),
    ts: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    ...(input.caseId === undefined ? {} : { caseId: input.caseId }),
    fields: [...input.fields],
  }
}

function assertInsideAuditTransaction(db: MediationDb): void {
  const tx = Dexie.currentTransaction
  const auditTable = db.audit.name
  if (!tx || tx.mode !== 'readwrite' || !tx.storeNames.includes(auditTable)) {
    // A programming error, not a user error: an entry written outside the change's transaction could
    // survive a change that rolled back (or vanish while the change stays).
    throw new Error('appendAudit must run inside a read-write transaction that includes db.audit')
  }
}

export interface ChainHead {
  seq: number
  hash: string
}

/** The hash of the last entry, or the genesis for an empty log. */
export async function chainHead(db: MediationDb): Promise<ChainHead> {
  const last = await db.audit.orderBy('seq').last()
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS }
}

/**
 * The log's newest seq and what came after a seq: the backup scheduler's change marker. Here, beside the
 * chain's head, rather than with 审计日志's pages: the scheduler runs from the first screen, which must not
 * load what only 审计日志 needs (other PCs' chains and their signatures).
 */
export function auditTail(db: MediationDb): {
  headSeq(): Promise<number>
  entriesAfter(seq: number): Promise<AuditEntry[]>
} {
  return {
    headSeq: async () => (await db.audit.orderBy('seq').last())?.seq ?? 0,
    entriesAfter: (seq) => db.audit.where('seq').above(seq).toArray(),
  }
}

/** Verifies the whole stored log with the store's audit key (and the keys adopted with other PCs' backups). */
export async function verifyAuditLog(db: MediationDb): Promise<ChainVerdict> {
  return (await readVerifiedLog(db)).chain
}

/** The whole log, in seq order, with its chain verdict (the anchors are compared against these entries). */
export async function readVerifiedLog(db: MediationDb): Promise<{ entries: AuditEntry[]; chain: ChainVerdict }> {
  const { auditKey, adoptedAuditKeys } = await storeKeys()
  const entries = await db.audit.orderBy('seq').toArray()
  return { entries, chain: verifyChain(entries, auditKey, adoptedAuditKeys) }
}

/** Each agreement finalised (or since superseded) and the chain head it recorded at finalisation. */
export async function agreementChainHeads(db: MediationDb): Promise<{ id: UUID; chainHead?: string }[]> {
  const finalised = await db.agreements.where('status').anyOf('final', 'superseded').toArray()
  return finalised.map((a) => ({ id: a.id, ...(a.chainHead === undefined ? {} : { chainHead: a.chainHead }) }))
}
