/**
 * Which version a draft is finalised as. The signing ledger (./signingLedger.ts) signs a (case number,
 * version) once and lives outside the database and its backups, so it may hold a version the database never
 * stored as final: signed, then refused by the finalising transaction's recheck (a change taken in by sync
 * meanwhile); finalised after the backup the database was restored from; or a lost case whose number a new
 * case now has. Never two documents under one case number and version: such a draft is finalised as the
 * next version above every one the ledger and the database know, and the mediator is told.
 */
import type { Agreement } from './types'
import { SIGNED_OTHER_CONTENT_MESSAGE } from './signingLedger'

export interface FinalVersionFacts {
  /** the draft's version */
  draftVersion: number
  /** the ledger holds this case number at `draftVersion` with other content (it refused to sign the draft) */
  ledgerHoldsOther: boolean
  /** the highest version the ledger holds for this case number (0: none) */
  ledgerHighest: number
  /** this case's agreements as stored, the draft among them */
  stored: readonly Pick<Agreement, 'version' | 'status'>[]
}

export type FinalVersionChoice =
  | { kind: 'as-drafted'; version: number }
  /** the draft's version is held with other content: finalised as `version` instead */
  | { kind: 'next'; version: number; skipped: number }
  /** the database holds a final (or superseded) agreement at this version: that is what the ledger holds */
  | { kind: 'refused'; message: string }

export function finalVersionChoice(facts: FinalVersionFacts): FinalVersionChoice {
  const { draftVersion, ledgerHoldsOther, ledgerHighest, stored } = facts
  if (!ledgerHoldsOther) return { kind: 'as-drafted', version: draftVersion }
  if (stored.some((a) => a.version === draftVersion && a.status !== 'draft'))
    return { kind: 'refused', message: SIGNED_OTHER_CONTENT_MESSAGE }
  const version = Math.max(draftVersion, ledgerHighest, ...stored.map((a) => a.version)) + 1
  return { kind: 'next', version, skipped: draftVersion }
}

/** What the mediator is told when the agreement was finalised as another version than its draft's; else undefined. */
export function skippedVersionNotice(draftVersion: number, finalVersion: number): string | undefined {
  if (finalVersion === draftVersion) return undefined
  return `第${draftVersion}版已在签发登记簿中登记过其他内容（可能是恢复备份前或另一次确认时签发的），本次确认为第${finalVersion}版。`
}
