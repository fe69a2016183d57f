/**
 * Automatic backups from the renderer (where IndexedDB lives): the data is "dirty" when the audit
 * chain head moved past the head of the last written backup (every write appends an audit entry in
 * its own transaction, so the head is an exact change marker). While dirty, a snapshot goes to the
 * host every 15 minutes; after a case is closed at once; on quit when the host asks. Failures are
 * reported, never swallowed. The decisions are pure functions so they can be tested on their own.
 */
import type { BackupHost, BackupReason, WriteBackupResult } from '../shared/ipc/backup'
import type { AuditEntry } from '../domain/types'

export const BACKUP_INTERVAL_MS = 15 * 60 * 1000
/** The lifecycle action whose audit entry asks for a 'case-closed' backup. */
export const CASE_CLOSED_ACTION = 'transition:close'

/** What the scheduler can be asked to do: its own timer, a closed case, the host's quit request, an upgrade. */
export type AutoBackupTrigger = Extract<BackupReason, 'interval' | 'case-closed' | 'quit' | 'pre-upgrade'>

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

/** How the installed database's version compares with this code's schema. */
export type InstalledVersion = 'none' | 'same' | 'older' | 'newer'

/**
 * Dexie stores schema version N as IndexedDB version N*10. An older one will be upgraded when opened
 * (so it is backed up first); a newer one was written by a later release, and Dexie 4 would open it
 * anyway with this code's idea of the tables, so it must not be opened at all.
 */
export function compareInstalledVersion(installedIdbVersion: number | undefined, currentSchemaVersion: number): InstalledVersion {
  if (installedIdbVersion === undefined || installedIdbVersion <= 0) return 'none'
  const installed = installedIdbVersion / 10
  return installed < currentSchemaVersion ? 'older' : installed > currentSchemaVersion ? 'newer' : 'same'
}

/** A pre-upgrade backup is due when a database exists at an older version than this code's schema. */
export function preUpgradeBackupNeeded(installedIdbVersion: number | undefined, currentSchemaVersion: number): boolean {
  return compareInstalledVersion(installedIdbVersion, currentSchemaVersion) === 'older'
}

export type TriggerOutcome = 'written' | 'skipped' | 'failed'

export interface SchedulerDeps {
  /** the whole database as transfer-file text, and the chain head seq it contains */
  snapshot(): Promise<{ text: string; headSeq: number }>
  host: Pick<BackupHost, 'writeBackup'>
  /** shows a failure to the user (Chinese) */
  onFailure(message: string, reason: BackupReason): void
  onWritten?(result: WriteBackupResult): void
  /** waits until the page is idle, so a snapshot never competes with typing; default: next macrotask */
  whenIdle?(): Promise<void>
  intervalMs?: number
}

export interface BackupScheduler {
  readonly state: Readonly<DirtyState>
  /** the database head moved (seq), with the entries appended since the last call */
  noteHead(headSeq: number, newEntries?: readonly Pick<AuditEntry, 'action'>[]): Promise<TriggerOutcome> | undefined
  trigger(reason: AutoBackupTrigger): Promise<TriggerOutcome>
  /** a backup was written outside the scheduler (立即备份) */
  markBackedUp(headSeq: number): void
  start(): void
  stop(): void
}

const defaultIdle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error)
}

export function createBackupScheduler(deps: SchedulerDeps, initial: DirtyState): BackupScheduler {
  const state: DirtyState = { ...initial }
  const whenIdle = deps.whenIdle ?? defaultIdle
  let timer: ReturnType<typeof setInterval> | undefined
  // One write at a time: a trigger that arrives meanwhile waits for it, then decides afresh.
  let running: Promise<TriggerOutcome> = Promise.resolve('skipped')

  async function write(reason: AutoBackupTrigger): Promise<TriggerOutcome> {
    if (!shouldWriteBackup(reason, state)) return 'skipped'
    // Quit cannot wait for idle time: the host closes the window after a few seconds.
    if (reason !== 'quit') await whenIdle()
    try {
      const { text, headSeq } = await deps.snapshot()
      const result = await deps.host.writeBackup({ reason, snapshot: text })
      if (!result.backup.verified) throw new Error('备份写入后校验未通过')
      state.backedUpSeq = headSeq
      deps.onWritten?.(result)
      return 'written'
    } catch (error) {
      deps.onFailure(messageOf(error), reason)
      return 'failed'
    }
  }

  function trigger(reason: AutoBackupTrigger): Promise<TriggerOutcome> {
    running = running.then(() => write(reason))
    return running
  }

  return {
    state,
    noteHead(headSeq, newEntries = []) {
      state.headSeq = headSeq
      return closesCase(newEntries) ? trigger('case-closed') : undefined
    },
    trigger,
    markBackedUp(headSeq) {
      state.backedUpSeq = headSeq
    },
    start() {
      if (timer !== undefined) return
      timer = setInterval(() => void trigger('interval'), deps.intervalMs ?? BACKUP_INTERVAL_MS)
    },
    stop() {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
    },
  }
}

/** The audit table, as much of it as the watcher reads (a MediationDb fits). */
export interface AuditSource {
  audit: {
    orderBy(index: 'seq'): { last(): Promise<AuditEntry | undefined> }
    where(index: 'seq'): { above(seq: number): { toArray(): Promise<AuditEntry[]> } }
  }
}

/** How often the audit head is read: one indexed lookup, so a few seconds costs nothing. */
export const HEAD_POLL_MS = 3_000

/**
 * Feeds the scheduler from the database: reads the audit head every few seconds (writes from this
 * tab, another tab or an import all show up there) and only the entries appended since the last
 * look. Polling rather than a Dexie live query: it behaves the same in every host and in tests.
 * Returns the function that stops watching.
 */
export function watchAuditHead(db: AuditSource, scheduler: BackupScheduler, pollMs = HEAD_POLL_MS): () => void {
  let seen = scheduler.state.headSeq
  let busy = false
  async function look() {
    if (busy) return
    busy = true
    try {
      const headSeq = (await db.audit.orderBy('seq').last())?.seq ?? 0
      if (headSeq === seen) return
      const fresh = headSeq > seen ? await db.audit.where('seq').above(seen).toArray() : []
      seen = headSeq
      void scheduler.noteHead(headSeq, fresh)
    } catch {
      // A failed read only delays change tracking to the next look; the timer still backs up a dirty store.
    } finally {
      busy = false
    }
  }
  const timer = setInterval(() => void look(), pollMs)
  return () => clearInterval(timer)
}
