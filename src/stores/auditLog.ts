import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { AuditEntry } from '../domain/types'
import type { ChainVerdict } from '../domain/audit'
import { getDatabase } from '../db/connection'
import { verifyAuditLog } from '../db/audit'
import { readAuditPage } from '../db/auditPages'

export const AUDIT_PAGE_SIZE = 20

/** An audit entry as the 审计日志 page lists it: identifiers and field names only, never values. */
export interface AuditRow extends Pick<AuditEntry, 'seq' | 'ts' | 'actor' | 'action' | 'entity' | 'fields'> {
  caseNo?: string
}

/** 设置 → 审计日志: verifies the chain and pages through the newest entries. */
export const useAuditLogStore = defineStore('auditLog', () => {
  const verdict = shallowRef<ChainVerdict>()
  const verifying = ref(false)
  const rows = shallowRef<AuditRow[]>([])
  const total = ref(0)
  const page = ref(1)

  async function verify(): Promise<ChainVerdict> {
    verifying.value = true
    try {
      const { db } = await getDatabase()
      verdict.value = await verifyAuditLog(db)
      return verdict.value
    } finally {
      verifying.value = false
    }
  }

  /** One page, newest first (page 1 = the latest entries). */
  async function loadPage(n = page.value): Promise<void> {
    const { db } = await getDatabase()
    page.value = Math.max(1, n)
    const {
      total: count,
      entries,
      caseNos,
    } = await readAuditPage(db, (page.value - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE)
    total.value = count
    rows.value = entries.map((e) => ({
      seq: e.seq,
      ts: e.ts,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      fields: e.fields,
      // a case without a number has not been accepted yet; one not found was deleted or restored away
      ...(e.caseId ? { caseNo: caseNos.has(e.caseId) ? (caseNos.get(e.caseId) ?? '未受理') : '（已不在本机）' } : {}),
    }))
  }

  return { verdict, verifying, rows, total, page, verify, loadPage }
})
