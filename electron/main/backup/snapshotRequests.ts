/**
 * Asking the renderer for snapshots: every 15 minutes (the renderer answers only when something
 * changed) and once on quit, where the main process waits for the answer, up to a timeout, before
 * letting the app close. The renderer answers by calling `backup:write`.
 */
import { BACKUP_SNAPSHOT_REQUEST, QUIT_SNAPSHOT_TIMEOUT_MS, type BackupReason } from '../../../src/shared/ipc/backup'
import { BACKUP_INTERVAL_MS } from '../../../src/domain/backupSchedule'

export interface SnapshotRequester {
  /** sends `{ reason }` on BACKUP_SNAPSHOT_REQUEST to the window; false when there is no window */
  send: (channel: string, payload: { reason: BackupReason }) => boolean
  timeoutMs?: number
  intervalMs?: number
}

export function createSnapshotRequests(requester: SnapshotRequester) {
  const waiting = new Set<(reason: BackupReason) => void>()
  let timer: ReturnType<typeof setInterval> | undefined

  /** Call from the `backup:write` handler after a verified write. */
  function notifyWritten(reason: BackupReason): void {
    for (const resolve of [...waiting]) resolve(reason)
  }

  /** Asks for the quit snapshot and resolves when it is written or the timeout passes. */
  function requestQuitSnapshot(): Promise<'written' | 'timeout' | 'no-window'> {
    if (!requester.send(BACKUP_SNAPSHOT_REQUEST, { reason: 'quit' })) return Promise.resolve('no-window')
    return new Promise((resolve) => {
      const done = (outcome: 'written' | 'timeout') => {
        clearTimeout(timeout)
        waiting.delete(onWritten)
        resolve(outcome)
      }
      const onWritten = (reason: BackupReason) => reason === 'quit' && done('written')
      const timeout = setTimeout(() => done('timeout'), requester.timeoutMs ?? QUIT_SNAPSHOT_TIMEOUT_MS)
      waiting.add(onWritten)
    })
  }

  function startInterval(): void {
    stopInterval()
    timer = setInterval(
      () => requester.send(BACKUP_SNAPSHOT_REQUEST, { reason: 'interval' }),
      requester.intervalMs ?? BACKUP_INTERVAL_MS,
    )
  }

  function stopInterval(): void {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }

  return { notifyWritten, requestQuitSnapshot, startInterval, stopInterval }
}
