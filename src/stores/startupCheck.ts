import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { getDatabase } from '../db/connection'
import { StorageError, toStorageError } from '../db/errors'
import { CURRENT_SCHEMA_VERSION, DB_NAME, type MediationDb } from '../db/schema'
import { anyCaseStored } from '../db/anyCase'
import { integrityDecision, type IntegrityDecision } from '../db/transfer/integrity'
import { compareInstalledVersion, type InstalledVersion } from '../domain/schemaVersion'
import { platform } from '../platform'
import { errorText, useBackupStore } from './backup'
import { appVersion } from './backupSnapshot'
import { useBackupWriteStore } from './backupWrite'
import { useAuditAnchorStore } from './auditAnchors'

export type StartupState =
  | { kind: 'ok' }
  | {
      kind: 'recovery'
      reason: string
      expectedCases: number
      storageError?: { code: StorageError['code']; message: string }
    }

/**
 * The start-up integrity check, once per start (reliability brief R6): a database from a newer release is
 * not opened, an older one is backed up before it is upgraded, and an emptied or unopenable one leads to
 * the recovery screen instead of the first-run setup. Automatic backups start only after it passed.
 */
export const useStartupStore = defineStore('startupCheck', () => {
  const startup = shallowRef<StartupState>()
  /** what a start that upgrades the database is doing, shown instead of a blank window (can take a minute) */
  const upgradeStep = ref<'' | 'backing-up' | 'upgrading'>('')

  /**
   * Before opening the database with a newer schema, the old one is backed up as it is.
   * Runs before getDatabase() opens (and so upgrades) the store, from v1/v2 (case tables) as from later
   * versions (case documents). A failure stops the start: the upgrade must not run without it.
   */
  async function installedVersion(): Promise<InstalledVersion> {
    const installed = (await indexedDB.databases?.())?.find((d) => d.name === DB_NAME)?.version
    return compareInstalledVersion(installed, CURRENT_SCHEMA_VERSION)
  }

  async function backUpBeforeUpgrade(): Promise<void> {
    // Only before an upgrade: the snapshot code (zod's schemas, the pinyin tables) stays off the first screen.
    const [{ snapshotOfInstalled }, { serializeTransferFile }] = await Promise.all([
      import('../db/snapshot'),
      import('../db/transfer/export'),
    ])
    const file = await snapshotOfInstalled(DB_NAME, { appVersion: await appVersion() })
    await platform().backups.writeBackup({ reason: 'pre-upgrade', snapshot: serializeTransferFile(file) })
  }

  let checking: Promise<StartupState> | undefined
  function checkAtStartup(): Promise<StartupState> {
    checking ??= (async (): Promise<StartupState> => {
      const installed = await installedVersion().catch((): InstalledVersion => 'same')
      if (installed === 'newer') {
        const refused = toStorageError({ name: 'VersionError' })
        return {
          kind: 'recovery',
          reason: '数据库无法打开',
          expectedCases: 0,
          storageError: { code: refused.code, message: refused.message },
        }
      }
      try {
        if (installed === 'older') {
          upgradeStep.value = 'backing-up'
          await backUpBeforeUpgrade()
        }
      } catch (error) {
        upgradeStep.value = ''
        return {
          kind: 'recovery',
          reason: `升级前备份未能完成，为保护数据暂不升级：${errorText(error)}`,
          expectedCases: 0,
        }
      }
      let db: MediationDb | undefined
      let storageError: StorageError | undefined
      let cases: number | null = null
      try {
        if (installed === 'older') upgradeStep.value = 'upgrading'
        db = (await getDatabase()).db
        // Whether any case is there (0 or 1)
        cases = (await anyCaseStored(db)) ? 1 : 0
      } catch (error) {
        storageError = toStorageError(error)
      } finally {
        upgradeStep.value = ''
      }
      // Fast path: cases present means nothing was lost wholesale.
      if (db && cases !== null && cases > 0) {
        // started here, after the check passed; the first screen does not wait for it (it reports its own failure)
        void useBackupWriteStore().startSafely(db)
        useAuditAnchorStore().start(db)
        return { kind: 'ok' }
      }
      const [sentinel, list] = await Promise.all([
        platform()
          .backups.readSentinel()
          .catch(() => null),
        platform()
          .backups.listBackups()
          .catch(() => []),
      ])
      useBackupStore().backups = list
      const decision: IntegrityDecision = integrityDecision({
        dbCounts: cases === null ? null : { cases },
        sentinel: sentinel ? { counts: { cases: sentinel.counts.cases ?? 0 } } : null,
        backups: list,
      })
      if (decision.kind === 'ok' && db) {
        void useBackupWriteStore().startSafely(db)
        useAuditAnchorStore().start(db)
        return { kind: 'ok' }
      }
      const reason = decision.kind === 'recovery' ? decision.reason : '数据库无法打开'
      return {
        kind: 'recovery',
        reason,
        expectedCases: decision.kind === 'recovery' ? decision.expectedCases : 0,
        ...(storageError ? { storageError: { code: storageError.code, message: storageError.message } } : {}),
      }
    })()
    void checking.then((state) => (startup.value = state))
    return checking
  }

  return { startup, upgradeStep, checkAtStartup }
})
