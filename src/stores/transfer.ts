import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { UUID } from '../domain/types'
import {
  CONFLICT_SOURCE_WORDS,
  settleRefusals,
  type ConflictSource,
  type FieldDifference,
  type SettleChoice,
} from '../domain/conflicts'
import { safeFileName } from '../domain/fileName'
import { allCaseIds, caseHeadings } from '../db/caseQueries'
import { exportNeedsPassphrase, FULL_EXPORT_NEEDS_PASSPHRASE, passphraseProblem } from '../domain/passphrase'
import { getDatabase } from '../db/connection'
import { listOpenConflicts, settleConflict as settleStoredConflict, type SettleResult } from '../db/conflictsRepo'
import { listOpenSyncConflicts, settleSyncConflict } from '../db/sync/syncConflicts'
import { encryptText } from '../db/transfer/encryption'
import { exportAll, exportCases, serializeTransferFile } from '../db/transfer/export'
import { TABLE_NAMES_ZH } from '../domain/transferTables'
import type { TransferFile } from '../db/transfer/format'
import { importFile, previewImport, type ImportPreview, type ImportResult } from '../db/transfer/import'
import { readTransferFile } from '../db/transfer/read'
import type { TransferFileSigner } from '../db/transfer/signature'
import { rememberCommitteeKey, transferSourceOf, type OwnKey } from '../db/transfer/trustedKeys'
import type { TransferSource } from '../domain/transferSignature'
import type { TransferTable } from '../db/transfer/recordSchemas'
import { TransferError } from '../domain/transferError'
import { platform } from '../platform'
import { currentActor } from './actor'
import { useSettingsStore } from './settings'
import { useCollaboratorsStore } from './collaborators'
import { useSyncStore } from './sync'
import { compareOrdinal } from '../domain/text'

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
  /** where the other version comes from: an imported file, or another PC through the sync server */
  source: ConflictSource
  /** the list's 来源: 导入文件 / 同步 */
  sourceLabel: string
  /** the other side, named as well as is known */
  sourceDetail: string
  table: string
  tableLabel: string
  /** the conflicting record's id (a sync conflict is settled by it) */
  recordId: UUID
  caseId?: UUID
  caseLabel: string
  /** the owning case is archived (an import conflict is refused both ways, a sync one 采用对方) */
  caseReadOnly: boolean
  /** labels of the fields that differ between the local and the other record; never their values */
  fields: string[]
  /** both versions side by side, personal numbers masked */
  differences: FieldDifference[]
  /** the local version compared; settling is refused if it changed since */
  localVersion: string
  /** what refuses each choice, in Chinese: that button is disabled and the reason shown */
  refusals: Partial<Record<SettleChoice, string>>
  /** when the other version was made: the file's time, or when the other PC saved it */
  theirsAt: string
  /** when this PC found the conflict ('' for a sync conflict stored before that was recorded) */
  detectedAt: string
}

const SYNC_ROW_PREFIX = 'sync:'

export function exportFileName(
  request: Pick<ExportRequest, 'scope' | 'masked' | 'passphrase'>,
  now = new Date(),
): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`
  const what = request.scope === 'all' ? '全部案件' : '选定案件'
  const how = request.masked ? '脱敏' : '完整'
  return safeFileName(`调解室导出-${what}-${how}-${stamp}${request.passphrase ? '.加密' : ''}.json`)
}

/**
 * 数据交换: exports to a file (masked by default, optionally encrypted) and imports merged by id,
 * all or nothing, with conflicts kept for a person to settle.
 */
export const useTransferStore = defineStore('transfer', () => {
  const exporting = ref(false)
  const importing = ref(false)
  /** the chosen import file, validated, with what its signature says about where it comes from */
  const pending = shallowRef<{ name: string; file: TransferFile; preview: ImportPreview; source: TransferSource }>()
  const lastImport = shallowRef<ImportResult>()
  const conflicts = shallowRef<ConflictRow[]>([])
  const settling = ref(false)
  const settings = useSettingsStore()

  /** The committee key signs every export (the host holds it); without a committee set up, nothing signs. */
  function fileSigner(): TransferFileSigner | undefined {
    const committee = settings.committee
    if (!committee) return undefined
    return {
      publicKey: () => platform().signingPublicKey(),
      signHeader: (headerText) => platform().signTransferHeader(headerText),
      committee: { id: committee.id, name: committee.fullName },
    }
  }

  /** This PC's committee and key: its own files are checked against it. */
  async function ownKey(): Promise<OwnKey | undefined> {
    const committee = settings.committee
    if (!committee) return undefined
    const key = await platform().signingPublicKey()
    return { committeeId: committee.id, committeeName: committee.fullName, ...key }
  }

  /** Cases to choose from by number or title, newest first. */
  async function caseChoices(): Promise<CaseChoice[]> {
    const { db } = await getDatabase()
    return (await caseHeadings(db)).map((c) => ({ id: c.id, label: `${c.caseNo ?? '未受理'} ${c.title}` }))
  }

  /** Builds, optionally encrypts and saves the file. Returns false when the user cancelled the save. */
  async function exportToFile(request: ExportRequest): Promise<boolean> {
    if (request.scope === 'cases' && request.caseIds.length === 0) throw new Error('请至少选择一件案件')
    if (exportNeedsPassphrase(request) && !request.passphrase) throw new Error(FULL_EXPORT_NEEDS_PASSPHRASE)
    const passphraseError = request.passphrase ? passphraseProblem(request.passphrase) : undefined
    if (passphraseError) throw new Error(passphraseError)
    exporting.value = true
    try {
      const { db } = await getDatabase()
      const appVersion = (await platform().info()).version
      const actor = currentActor()
      const sign = fileSigner()
      let file: TransferFile
      if (request.scope === 'all' && !request.masked) {
        file = await exportAll(db, { actor, appVersion, ...(sign ? { sign } : {}) })
      } else {
        const ids = request.scope === 'all' ? await allCaseIds(db) : request.caseIds
        if (ids.length === 0) throw new Error('数据库中还没有案件，无需导出')
        file = await exportCases(db, ids, { actor, appVersion, mask: request.masked, ...(sign ? { sign } : {}) })
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
    const source = await transferSourceOf(db, file, await ownKey())
    pending.value = { name, file, preview: await previewImport(db, file), source }
  }

  function cancelImport() {
    pending.value = undefined
  }

  /**
   * Imports the chosen file. A file whose source is not verified (来源未验证) is imported only when the
   * person chose 仍然导入 (`acceptUnverified`); a verified file from a committee seen for the first time
   * has that committee's key remembered.
   */
  async function applyImport(options: { acceptUnverified?: boolean } = {}): Promise<ImportResult> {
    const chosen = pending.value
    if (!chosen) throw new TransferError('not-transfer-file', '请先选择要导入的文件')
    if (!chosen.source.verified && !options.acceptUnverified)
      throw new Error('这个文件来源未验证，须先确认“仍然导入”才能导入')
    importing.value = true
    try {
      const { db } = await getDatabase()
      const result = await importFile(db, chosen.file, { actor: currentActor() })
      if (chosen.source.verified && chosen.source.firstSeen) await rememberCommitteeKey(db, chosen.file)
      lastImport.value = result
      pending.value = undefined
      await Promise.all([loadConflicts(), refreshCaches()])
      return result
    } finally {
      importing.value = false
    }
  }

  /**
   * Conflicts not yet settled, from imports and from sync in one list, oldest first, each with its
   * comparison and the case it belongs to.
   */
  async function loadConflicts(): Promise<void> {
    const { db } = await getDatabase()
    const [imported, synced] = await Promise.all([listOpenConflicts(db), listOpenSyncConflicts(db)])
    const importRows = imported.map((c): ConflictRow => ({
      id: c.conflict.id,
      source: 'import',
      sourceLabel: CONFLICT_SOURCE_WORDS.import.label,
      sourceDetail: '对方的导出文件',
      table: c.conflict.table,
      tableLabel: TABLE_NAMES_ZH[c.conflict.table as TransferTable] ?? c.conflict.table,
      recordId: c.conflict.recordId,
      ...(c.caseId ? { caseId: c.caseId } : {}),
      caseLabel: c.caseLabel,
      caseReadOnly: c.caseReadOnly,
      fields: c.differences.map((d) => d.label),
      differences: c.differences,
      localVersion: c.localVersion,
      refusals: settleRefusals('import', {
        caseReadOnly: c.caseReadOnly,
        ...(c.incomingBlocked ? { incomingBlocked: c.incomingBlocked } : {}),
      }),
      theirsAt: c.conflict.sourceCreatedAt,
      detectedAt: c.conflict.detectedAt,
    }))
    const syncRows = synced.map((c): ConflictRow => ({
      id: SYNC_ROW_PREFIX + c.recordId,
      source: 'sync',
      sourceLabel: CONFLICT_SOURCE_WORDS.sync.label,
      // the server's document does not say which PC saved it
      sourceDetail: '另一台电脑（经同步服务器）',
      table: 'cases',
      tableLabel: TABLE_NAMES_ZH.cases,
      recordId: c.recordId,
      caseId: c.recordId,
      caseLabel: c.caseLabel,
      caseReadOnly: c.caseReadOnly,
      fields: c.differences.map((d) => d.label),
      differences: c.differences,
      localVersion: c.localVersion,
      refusals: settleRefusals('sync', {
        caseReadOnly: c.caseReadOnly,
        ...(c.localStatus ? { localStatus: c.localStatus } : {}),
      }),
      theirsAt: c.remoteUpdatedAt,
      detectedAt: c.detectedAt ?? '',
    }))
    conflicts.value = [...importRows, ...syncRows].sort((a, b) => compareOrdinal(a.detectedAt, b.detectedAt))
  }

  /**
   * 保留本机 or 采用导入 / 采用对方 for one conflict, as it was compared. A sync conflict is settled through
   * the replication, and a sync round starts at once (保留本机 goes to the server in it). Throws with a Chinese message (nothing
   * changed) when it was settled elsewhere, the record changed since, or its case is archived; the list is
   * read again either way, so what is shown is what is stored.
   */
  async function settleConflict(id: string, choice: SettleChoice): Promise<SettleResult> {
    const row = conflicts.value.find((c) => c.id === id)
    settling.value = true
    try {
      const { db } = await getDatabase()
      const options = { actor: currentActor(), ...(row ? { seenLocalVersion: row.localVersion } : {}) }
      if (id.startsWith(SYNC_ROW_PREFIX)) {
        const result = await settleSyncConflict(db, id.slice(SYNC_ROW_PREFIX.length), choice, options)
        // the settlement goes to the server now, not at the next longpoll or retry: 保留本机's outbox row
        // nudges live sync only while it is not waiting out a failure, and 采用对方 writes no row at all.
        // Not awaited: the round may take long, and its state is the status line's to show.
        void useSyncStore()
          .syncNow()
          .catch(() => undefined)
        return result
      }
      return await settleStoredConflict(db, id, choice, options)
    } finally {
      settling.value = false
      await Promise.all([loadConflicts(), refreshCaches()])
    }
  }

  /**
   * What other stores hold of the stored records, read again: an import (or 采用导入) can bring
   * mediators, rooms, the committee and 协同人员 that the screens would otherwise call 已删除 until a reload.
   */
  async function refreshCaches(): Promise<void> {
    await Promise.all([settings.reload(), useCollaboratorsStore().reload()])
  }

  return {
    exporting,
    importing,
    settling,
    pending,
    lastImport,
    conflicts,
    caseChoices,
    exportToFile,
    chooseImport,
    cancelImport,
    applyImport,
    loadConflicts,
    settleConflict,
  }
})
