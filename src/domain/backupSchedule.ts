/**
 * When an automatic backup is due. The data is "dirty" when the audit chain head moved past the head
 * of the last written backup (every write appends an audit entry in its own transaction, so the head is
 * an exact change marker). While dirty, a backup every 15 minutes; after a case is closed at once; on
 * quit when the host asks; before a schema upgrade.
 */
import type { AuditEntry } from './types'
import { compareInstalledVersion } from './schemaVersion'
import { transitionAuditAction, type AuditAction } from './audit'

/** Why a backup was written: the automatic triggers, before a restore, and by hand. */
export const BACKUP_REASONS = ['interval', 'case-closed', 'pre-upgrade', 'pre-restore', 'quit', 'manual'] as const
export type BackupReason = (typeof BACKUP_REASONS)[number]

/** How often a changed store is backed up (the renderer's timer and the Electron host's request alike). */
export const BACKUP_INTERVAL_MS = 15 * 60 * 1000

/** The lifecycle action whose audit entry asks for a 'case-closed' backup. */
export const CASE_CLOSED_ACTION: AuditAction = transitionAuditAction('close')

/** What can ask for an automatic backup: the timer, a closed case, the host's quit request, an upgrade (each a BackupReason). */
export type AutoBackupTrigger = 'interval' | 'case-closed' | 'quit' | 'pre-upgrade'

export interface DirtyState {
  /** audit chain head seq of the newest written backup; null when none is known */
  backedUpSeq: number | null
  /** audit chain head seq of the database now */
  headSeq: number
}

/** Something changed since the last backup. A restore can move the head backwards: any difference counts. */
export function isDirty(state: DirtyState): boolean {
  if (state.backedUpSeq === null) return state.headSeq > 0
  return state.headSeq !== state.backedUpSeq
}

/**
 * Whether a trigger should write a backup now. A closed case and a schema upgrade always do (even
 * when an interval backup just ran: those are the moments one wants a named restore point); the timer
 * and quit only when something changed.
 */
export function shouldWriteBackup(trigger: AutoBackupTrigger, state: DirtyState): boolean {
  if (trigger === 'pre-upgrade') return state.headSeq > 0 || state.backedUpSeq !== null
  if (trigger === 'case-closed') return true
  return isDirty(state)
}

/** New audit entries that close a case (the lifecycle's 结案). */
export function closesCase(entries: readonly Pick<AuditEntry, 'action'>[]): boolean {
  return entries.some((e) => e.action === CASE_CLOSED_ACTION)
}

/** A pre-upgrade backup is due when a database exists at an older version than this code's schema. */
export function preUpgradeBackupNeeded(installedIdbVersion: number | undefined, currentSchemaVersion: number): boolean {
  return compareInstalledVersion(installedIdbVersion, currentSchemaVersion) === 'older'
}
