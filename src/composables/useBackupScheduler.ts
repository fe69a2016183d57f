/**
 * Automatic backups from the renderer (where IndexedDB lives): the timer, the audit-head watcher and
 * one write at a time. When a backup is due is decided in src/domain/backupSchedule.ts. Failures are
 * reported, never swallowed.
 */
import type { BackupHost, BackupReason, WriteBackupResult } from '../shared/ipc/backup'
import type { AuditEntry } from '../domain/types'
import {
  BACKUP_INTERVAL_MS,
  closesCase,
  shouldWriteBackup,
  type AutoBackupTrigger,
  type DirtyState,
} from '../domain/backupSchedule'
import { failureText } from '../domain/failureText'

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
      deps.onFailure(failureText(error), reason)
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

/** What the watcher reads of the audit log (db/audit.ts `auditTail` over the database). */
export interface AuditSource {
  /** seq of the newest entry, 0 for an empty log */
  headSeq(): Promise<number>
  /** the entries appended after `seq`, oldest first */
  entriesAfter(seq: number): Promise<AuditEntry[]>
}

/** How often the audit head is read: one indexed lookup, so a few seconds costs nothing. */
export const HEAD_POLL_MS = 3_000

/**
 * Feeds the scheduler from the database: reads the audit head every few seconds (writes from this
 * tab, another tab or an import all show up there) and only the entries appended since the last
 * look. Polling rather than a Dexie live query: it behaves the same in every host and in tests.
 * Returns the function that stops watching.
 */
export function watchAuditHead(log: AuditSource, scheduler: BackupScheduler, pollMs = HEAD_POLL_MS): () => void {
  let seen = scheduler.state.headSeq
  let busy = false
  async function look() {
    if (busy) return
    busy = true
    try {
      const headSeq = await log.headSeq()
      if (headSeq === seen) return
      const fresh = headSeq > seen ? await log.entriesAfter(seen) : []
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
