import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { AuditEntry } from '../domain/types'
import type { ChainVerdict } from '../domain/audit'
import { getDatabase } from '../db/connection'
import { verifyAuditLog } from '../db/audit'

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
    total.value = await db.audit.count()
    page.value = Math.max(1, n)
    const entries = await db.audit
      .orderBy('seq')
      .reverse()
      .offset((page.value - 1) * AUDIT_PAGE_SIZE)
      .limit(AUDIT_PAGE_SIZE)
      .toArray()
    const caseIds = [...new Set(entries.map((e) => e.caseId).filter((id) => id !== undefined))]
    // a case without a number has not been accepted yet; one not found was deleted or restored away
    const caseNos = new Map((await db.caseDocs.bulkGet(caseIds)).filter((c) => c !== undefined).map((c) => [c.id, c.caseNo ?? '未受理']))
    rows.value = entries.map((e) => ({
      seq: e.seq,
      ts: e.ts,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      fields: e.fields,
      ...(e.caseId ? { caseNo: caseNos.get(e.caseId) ?? '（已不在本机）' } : {}),
    }))
  }

  return { verdict, verifying, rows, total, page, verify, loadPage }
})
