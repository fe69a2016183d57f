import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { chainHead } from '../db/audit'
import type { MediationDb } from '../db/schema'
import { platform } from '../platform'

/** How often the log's head is looked at: one indexed read, as for the backup scheduler. */
export const ANCHOR_POLL_MS = 3_000

/**
 * Reports the audit log's head to the host after appends (looked at every few seconds, and when the
 * page is hidden or closed), so the host's anchor record keeps up with the log. The host decides what
 * it records; a refusal is kept for the 审计日志 page, which compares the log with the record anyway.
 */
export const useAuditAnchorStore = defineStore('auditAnchors', () => {
  const refusal = shallowRef<string>()
  let timer: ReturnType<typeof setInterval> | undefined
  let reported = ''
  let busy = false

  async function report(db: MediationDb): Promise<void> {
    if (busy) return
    busy = true
    try {
      const head = await chainHead(db)
      const key = `${head.seq}:${head.hash}`
      if (key === reported) return
      const result = await platform().auditAnchors.record(head)
      reported = key
      refusal.value = result.status === 'refused' ? result.reason : undefined
    } catch {
      // The host could not be reached this time: the next look reports the head again.
    } finally {
      busy = false
    }
  }

  let onPageHide: (() => void) | undefined

  function start(db: MediationDb, pollMs = ANCHOR_POLL_MS): void {
    if (timer) return
    // First look at the first tick, not at once: start-up calls this before the first screen, and the
    // browser host's anchor record loads its schema (zod) on first use, which the first screen does not need.
    timer = setInterval(() => void report(db), pollMs)
    onPageHide = () => void report(db)
    window.addEventListener('pagehide', onPageHide)
  }

  function stop(): void {
    clearInterval(timer)
    timer = undefined
    if (onPageHide) window.removeEventListener('pagehide', onPageHide)
    onPageHide = undefined
  }

  return { refusal, report, start, stop }
})
