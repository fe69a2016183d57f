import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ImportConflict, UUID } from '../domain/types'
import { getDatabase } from '../db/connection'
import { encryptText } from '../db/transfer/encryption'
import { exportAll, exportCases, serializeTransferFile } from '../db/transfer/export'
import { TABLE_NAMES_ZH, type TransferFile } from '../db/transfer/format'
import { importFile, previewImport, type ImportPreview, type ImportResult } from '../db/transfer/import'
import { readTransferFile } from '../db/transfer/read'
import type { TransferTable } from '../db/transfer/recordSchemas'
import { TransferError } from '../db/transfer/errors'
import { platform } from '../platform'
import { currentActor } from './actor'

export interface CaseChoice {
  id: UUID
  label: string
}

export interface ExportRequest {
  /** every case, or the chosen ones */
  scope: 'all' | 'cases'
  caseIds: UUID[]
  /** ID and phone numbers masked (the default); a full export is logged as such */
  masked: boolean
  /** empty: not encrypted */
  passphrase: string
}

export interface ConflictRow {
  id: string
  table: string
  tableLabel: string
  caseLabel: string
  /** names of the members that differ between the local and the incoming record; never their values */
  fields: string[]
  sourceCreatedAt: string
  detectedAt: string
}

/** A passphrase's strength in words (length and character kinds; a hint, not a gate beyond 8 characters). */
export function passphraseStrength(passphrase: string): { level: 0 | 1 | 2 | 3; text: string } {
  if (passphrase.length < 8) return { level: 0, text: '太短：至少8个字符' }
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(passphrase)).length + (/[^ -~]/.test(passphrase) ? 1 : 0)
  if (passphrase.length >= 14 && kinds >= 3) return { level: 3, text: '强' }
  if (passphrase.length >= 10 && kinds >= 2) return { level: 2, text: '中等：再长一些、混合字母数字符号更安全' }
  return { level: 1, text: '弱：建议至少10个字符，混合字母、数字和符号' }
}

export function exportFileName(request: Pick<ExportRequest, 'scope' | 'masked' | 'passphrase'>, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`
  const what = request.scope === 'all' ? '全部案件' : '选定案件'
  const how = request.masked ? '脱敏' : '完整'
  return `调解室导出-${what}-${how}-${stamp}${request.passphrase ? '.加密' : ''}.json`
}

/** Member names whose values differ (for listing a conflict without showing personal data). */
export function differingFields(local: unknown, incoming: unknown): string[] {
  if (typeof local !== 'object' || local === null || typeof incoming !== 'object' || incoming === null) return []
  const a = local as Record<string, unknown>
  const b = incoming as Record<string, unknown>
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'data' && k !== 'dataBase64')
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort()
}

/**
 * 数据交换: exports to a file (masked by default, optionally encrypted) and imports merged by id,
 * all or nothing, with conflicts kept for a person to settle.
 */
export const useTransferStore = defineStore('transfer', () => {
  const exporting = ref(false)
  const importing = ref(false)
  /** the chosen import file, validated */
  const pending = shallowRef<{ name: string; file: TransferFile; preview: ImportPreview }>()
  const lastImport = shallowRef<ImportResult>()
  const conflicts = shallowRef<ConflictRow[]>([])

  /** Cases to choose from by number or title, newest first. */
  async function caseChoices(): Promise<CaseChoice[]> {
    const { db } = await getDatabase()
    const cases = await db.cases.orderBy('updatedAt').reverse().toArray()
    return cases.map((c) => ({ id: c.id, label: `${c.caseNo ?? '未受理'} ${c.title}` }))
  }

  /** Builds, optionally encrypts and saves the file. Returns false when the user cancelled the save. */
  async function exportToFile(request: ExportRequest): Promise<boolean> {
    if (request.scope === 'cases' && request.caseIds.length === 0) throw new Error('请至少选择一件案件')
    if (request.passphrase && request.passphrase.length < 8) throw new Error('密码至少需要8个字符')
    exporting.value = true
    try {
      const { db } = await getDatabase()
      const appVersion = (await platform().info()).version
      const actor = currentActor()
      let file: TransferFile
      if (request.scope === 'all' && !request.masked) {
        file = await exportAll(db, { actor, appVersion })
      } else {
        const ids = request.scope === 'all' ? ((await db.cases.toCollection().primaryKeys()) as UUID[]) : request.caseIds
        if (ids.length === 0) throw new Error('数据库中还没有案件，无需导出')
        file = await exportCases(db, ids, { actor, appVersion, mask: request.masked })
      }
      const text = serializeTransferFile(file)
      const output = request.passphrase ? JSON.stringify(await encryptText(text, request.passphrase)) : text
      return await platform().saveFile({
        suggestedName: exportFileName(request),
        mime: 'application/json',
        data: new TextEncoder().encode(output),
        kind: 'json',
      })
    } finally {
      exporting.value = false
    }
  }

  /** Reads and validates the file, and previews what importing would change. Writes nothing. */
  async function chooseImport(name: string, data: Blob, passphrase?: string): Promise<void> {
    pending.value = undefined
    const file = await readTransferFile(data, { passphrase })
    const { db } = await getDatabase()
    pending.value = { name, file, preview: await previewImport(db, file) }
  }

  function cancelImport() {
    pending.value = undefined
  }

  async function applyImport(): Promise<ImportResult> {
    const chosen = pending.value
    if (!chosen) throw new TransferError('not-transfer-file', '请先选择要导入的文件')
    importing.value = true
    try {
      const { db } = await getDatabase()
      const result = await importFile(db, chosen.file, { actor: currentActor() })
      lastImport.value = result
      pending.value = undefined
      await loadConflicts()
      return result
    } finally {
      importing.value = false
    }
  }

  /** Conflicts not yet settled, with the case they belong to and the names of the fields that differ. */
  async function loadConflicts(): Promise<void> {
    const { db } = await getDatabase()
    const open = (await db.conflicts.toArray()).filter((c: ImportConflict) => c.resolvedAt === undefined)
    const caseIds = [...new Set(open.map((c) => c.caseId).filter((id): id is UUID => id !== undefined))]
    const cases = new Map((await db.cases.bulkGet(caseIds)).filter((c) => c !== undefined).map((c) => [c.id, c]))
    const rows: ConflictRow[] = []
    for (const c of open) {
      const local: unknown = await db.table(c.table).get(c.recordId)
      const owner = c.caseId ? cases.get(c.caseId) : undefined
      rows.push({
        id: c.id,
        table: c.table,
        tableLabel: TABLE_NAMES_ZH[c.table as TransferTable] ?? c.table,
        caseLabel: owner ? `${owner.caseNo ?? '未受理'} ${owner.title}` : '—',
        fields: differingFields(local, c.incoming),
        sourceCreatedAt: c.sourceCreatedAt,
        detectedAt: c.detectedAt,
      })
    }
    conflicts.value = rows
  }

  return { exporting, importing, pending, lastImport, conflicts, caseChoices, exportToFile, chooseImport, cancelImport, applyImport, loadConflicts }
})
