/**
 * A backup restored on ANOTHER PC, end to end below the page: two simulated installs (two vaults with
 * their own key stores, two user-data folders, two fake-indexeddb databases). PC A backs up; PC B opens
 * that .mrbak with A's 恢复密钥, restores it, and its 审计日志 must verify as complete there: the backup
 * carries A's audit key, B's vault adopts it, and B's anchor file takes A's head as a restore.
 * A wrong 恢复密钥 changes nothing on B and says so in plain Chinese.
 */
import { copyFile, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { fakeKeyStore, TEST_SCRYPT_COST } from './vault/fakeKeyStore'
import { handlerDependencies, tempFolders } from './userDataHost'
import { eventFrom } from './ipcFixtures'
import { freshDb } from '../db/helpers'
import { intake, person, setUpCommittee } from '../db/caseFixtures'
import { configureStoreKeys, storeKeys } from '../../../src/db/keys'
import { createCase } from '../../../src/db/casesRepo'
import { agreementChainHeads, chainHead, readVerifiedLog } from '../../../src/db/audit'
import { countRows, restoreSnapshot, takeSnapshot } from '../../../src/db/snapshot'
import { serializeTransferFile } from '../../../src/db/transfer/export'
import { readTransferFile } from '../../../src/db/transfer/read'
import { auditReport, type AuditAnchors } from '../../../src/domain/auditAnchors'
import { verifyChain } from '../../../src/domain/audit'
import { BACKUP_RECOVERY_MESSAGES, type BackupInfo } from '../../../src/shared/ipc/backup'
import type { MediationDb } from '../../../src/db/schema'

vi.mock('electron', () => ({}))

const { createChannelHandlers } = await import('../../../electron/main/handlers')
const { createInvokeListener } = await import('../../../electron/main/ipc')
const { createVault, VAULT_FILE } = await (async () => ({
  ...(await import('../../../electron/main/vault/vault')),
  ...(await import('../../../electron/main/vault/vaultFile')),
}))()
type HandlerContext = import('../../../electron/main/ipc').HandlerContext

const context = { sender: {} } as HandlerContext
const tempFolder = tempFolders()

/** One installation: its user-data folder, its key store and vault, its main-process handlers and its database. */
async function install(name: string) {
  const dir = await tempFolder(name)
  const keyStore = fakeKeyStore()
  const openVault = () =>
    createVault({ dir, protector: keyStore.protector, platform: 'linux', scryptCost: TEST_SCRYPT_COST })
  const vault = openVault()
  const handlers = createChannelHandlers(
    handlerDependencies(dir, {
      backup: {
        userDataDir: dir,
        chooseFolder: async () => null,
        backupKeys: () => vault.backupKeys(),
        // the page reloads after a restore, so its anchor report comes a moment after the pre-restore backup
        now: () => new Date(Date.now() - 2_000),
      },
      vault,
    }),
  )
  const db = freshDb()
  return { dir, vault, openVault, handlers, db }
}
type Install = Awaited<ReturnType<typeof install>>

/** The page's keys, as src/platform/electron.ts hands them to the store (and the store opened with them). */
async function usePageKeys(pc: Pick<Install, 'vault'>) {
  const state = await pc.vault.keys()
  if (state.status !== 'ready') throw new Error(`vault not ready: ${state.status}`)
  const { dataKey, auditKey, adoptedAuditKeys } = state
  configureStoreKeys(async () => ({ dataKey, auditKey, adoptedAuditKeys }))
  await storeKeys()
  return state
}

async function registerCases(db: MediationDb, names: string[]) {
  const { committee, roomId } = await setUpCommittee(db)
  for (const name of names)
    await createCase(db, intake(roomId, { parties: [person(name, '申请人')] }), committee, '测试')
}

const reportHead = async (pc: Install) => pc.handlers['audit:anchor'](await chainHead(pc.db), context)

async function backUp(pc: Install, reason: 'manual' | 'pre-restore', snapshot?: string): Promise<BackupInfo> {
  const text = snapshot ?? serializeTransferFile(await takeSnapshot(pc.db))
  return (await pc.handlers['backup:write']({ reason, snapshot: text }, context)).backup
}

/** What 设置 → 审计日志 compares (src/stores/auditLog.ts): the host's anchors, sentinel, newest backup, agreements. */
async function auditPage(pc: Install) {
  const [{ entries, chain }, host, sentinel, backups, agreements] = await Promise.all([
    readVerifiedLog(pc.db),
    pc.handlers['audit:anchors'](undefined, context),
    pc.handlers['backup:sentinel'](undefined, context),
    pc.handlers['backup:list'](undefined, context),
    agreementChainHeads(pc.db),
  ])
  const newest = backups.filter((b) => b.verified).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
  const anchors: AuditAnchors = {
    host,
    sentinel: sentinel ? { ...sentinel.chainHead, at: sentinel.lastBackupAt } : null,
    newestBackup: newest ? { name: newest.name, at: newest.createdAt, ...newest.chainHead } : null,
    agreements,
  }
  return { entries, chain, report: auditReport(entries, chain, anchors) }
}

/** PC A with two cases, backed up; its .mrbak as copied to a USB stick; its 恢复密钥 as written down. */
async function pcAWithBackup() {
  const a = await install('pc-a')
  const keysA = await usePageKeys(a)
  const recoveryKeyA = await a.vault.recoveryKey()
  await registerCases(a.db, ['欧阳珺喆', '司马相如'])
  await reportHead(a)
  const info = await backUp(a, 'manual')
  const file = new Uint8Array(await readFile(join(a.dir, 'backups', info.name)))
  return { a, keysA, recoveryKeyA: recoveryKeyA!, file, info }
}

/** PC B, already in use: one case of its own, reported and backed up. */
async function pcBInUse() {
  const b = await install('pc-b')
  const keysB = await usePageKeys(b)
  await registerCases(b.db, ['诸葛亮'])
  await reportHead(b)
  await backUp(b, 'manual')
  return { b, keysB }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

describe("a backup restored on another PC with that PC's 恢复密钥", () => {
  it('restores, and 审计日志 verifies there as complete, before and after new entries', async () => {
    const { a, keysA, recoveryKeyA, file, info } = await pcAWithBackup()
    a.db.close()
    const { b, keysB } = await pcBInUse()

    // 从文件恢复 on B: the host asks for the 恢复密钥, then opens the file with A's
    await expect(b.handlers['backup:open-file']({ data: file }, context)).rejects.toMatchObject({
      message: BACKUP_RECOVERY_MESSAGES.needsRecoveryKey,
      refusal: 'needs-recovery-key',
    })
    const opened = await b.handlers['backup:open-file'](
      { data: file, recoveryKey: recoveryKeyA.toLowerCase() },
      context,
    )
    const snapshot = await readTransferFile(opened.snapshot)
    expect(snapshot.manifest.chainHead).toEqual(info.chainHead)

    // B keeps its own keys and adopted A's audit key (verify only); the page gets it after its reload
    const keysAfter = await usePageKeys(b)
    expect(b64(keysAfter.dataKey)).toBe(b64(keysB.dataKey))
    expect(b64(keysAfter.auditKey)).toBe(b64(keysB.auditKey))
    expect(keysAfter.adoptedAuditKeys.map(b64)).toEqual([b64(keysA.auditKey)])

    // the restore as the page runs it: the current state kept as a pre-restore backup first
    await restoreSnapshot(b.db, snapshot, {
      keepPreRestore: async (current) => void (await backUp(b, 'pre-restore', serializeTransferFile(current))),
    })
    expect((await countRows(b.db)).cases).toBe(2)
    expect(await reportHead(b)).toMatchObject({ status: 'restored' })

    const { chain, report } = await auditPage(b)
    // without the adopted key, B could not prove a single restored link (the gap this closes)
    expect(verifyChain((await readVerifiedLog(b.db)).entries, keysB.auditKey).ok).toBe(false)
    expect(chain).toMatchObject({ ok: true, length: info.chainHead.seq, adopted: info.chainHead.seq })
    expect(report.checks.find((c) => c.id === 'chain')).toMatchObject({ status: 'passed' })
    expect(report.checks.find((c) => c.id === 'chain')!.detail).toContain('来自另一台电脑的备份')
    expect(report.checks.find((c) => c.id === 'host')).toMatchObject({ status: 'passed' })
    expect(report.ok).toBe(true)

    // B goes on working: its new entries are keyed with its own key, after A's, and still verify
    const committee = (await b.db.committees.toArray())[0]!
    const roomId = (await b.db.rooms.toArray())[0]!.id
    await createCase(b.db, intake(roomId, { parties: [person('黄月英', '申请人')] }), committee, '测试')
    expect(await reportHead(b)).toMatchObject({ status: 'recorded' })
    await backUp(b, 'manual')
    const later = await auditPage(b)
    expect(later.report.ok).toBe(true)
    expect(later.chain).toMatchObject({ ok: true, adopted: info.chainHead.seq })
    expect(later.report.checks.map((c) => c.status)).not.toContain('failed')
    b.db.close()
  })

  it('keeps the adopted key across a restart, and carries it in the backups B writes (a third PC verifies both parts)', async () => {
    const { a, keysA, recoveryKeyA, file } = await pcAWithBackup()
    a.db.close()
    const { b, keysB } = await pcBInUse()
    await b.handlers['backup:open-file']({ data: file, recoveryKey: recoveryKeyA }, context)
    // a restart: a new vault over the same folder and key store
    const restarted = await b.openVault().keys()
    expect(restarted.status === 'ready' && restarted.adoptedAuditKeys.map(b64)).toEqual([b64(keysA.auditKey)])

    // B's own backups carry both audit keys: a third PC that restores one with B's key adopts both
    const recoveryKeyB = await b.vault.recoveryKey()
    const info = await backUp(b, 'manual')
    const fromB = new Uint8Array(await readFile(join(b.dir, 'backups', info.name)))
    const c = await install('pc-c')
    const keysC = await usePageKeys(c)
    await c.handlers['backup:open-file']({ data: fromB, recoveryKey: recoveryKeyB! }, context)
    const afterC = await c.vault.keys()
    expect(afterC.status === 'ready' && afterC.adoptedAuditKeys.map(b64).sort()).toEqual(
      [b64(keysA.auditKey), b64(keysB.auditKey)].sort(),
    )
    expect(afterC.status === 'ready' && b64(afterC.auditKey)).toBe(b64(keysC.auditKey))
    b.db.close()
    c.db.close()
  })

  it('with a wrong 恢复密钥: refused in plain Chinese, and nothing on B changes (data, vault, anchors, backups)', async () => {
    const { a, recoveryKeyA, file } = await pcAWithBackup()
    a.db.close()
    const { b } = await pcBInUse()
    const before = {
      vault: await readFile(join(b.dir, VAULT_FILE)),
      anchors: await b.handlers['audit:anchors'](undefined, context),
      backups: (await readdir(join(b.dir, 'backups'))).sort(),
      counts: await countRows(b.db),
      audit: await b.db.audit.toArray(),
    }
    // one character changed (still a well-formed key), and something that is not a key at all
    const oneOff = (recoveryKeyA.startsWith('0') ? '1' : '0') + recoveryKeyA.slice(1)
    for (const wrong of [oneOff, '不是密钥']) {
      await expect(b.handlers['backup:open-file']({ data: file, recoveryKey: wrong }, context)).rejects.toMatchObject({
        message: BACKUP_RECOVERY_MESSAGES.wrongRecoveryKey,
        refusal: 'wrong-recovery-key',
      })
    }
    expect(BACKUP_RECOVERY_MESSAGES.wrongRecoveryKey).toBe('恢复密钥与这份备份不符，请核对后重新输入。')
    // over IPC the page gets the code beside the words, as plain data that survives the structured clone
    const APP = 'app://mediation-room'
    const openFile = createInvokeListener('backup:open-file', b.handlers['backup:open-file'], {
      trustedOrigins: [APP],
      log: vi.fn(),
    })
    const answer = await openFile(eventFrom(`${APP}/index.html#/settings`), { data: file, recoveryKey: oneOff })
    const expected = {
      ok: false,
      error: { code: 'failed', message: '恢复密钥与这份备份不符，请核对后重新输入。', refusal: 'wrong-recovery-key' },
    }
    expect(answer).toEqual(expected)
    expect(structuredClone(answer)).toEqual(expected)
    const keys = await b.vault.keys()
    expect(keys.status === 'ready' && keys.adoptedAuditKeys).toEqual([])
    expect(await readFile(join(b.dir, VAULT_FILE))).toEqual(before.vault)
    expect(await b.handlers['audit:anchors'](undefined, context)).toEqual(before.anchors)
    expect((await readdir(join(b.dir, 'backups'))).sort()).toEqual(before.backups)
    expect(await countRows(b.db)).toEqual(before.counts)
    expect(await b.db.audit.toArray()).toEqual(before.audit)
    b.db.close()
  })

  it('works the same for another PC’s backup copied into this PC’s backup folder (listed, read with the key)', async () => {
    const { a, keysA, recoveryKeyA, info } = await pcAWithBackup()
    a.db.close()
    const { b } = await pcBInUse()
    await copyFile(join(a.dir, 'backups', info.name), join(b.dir, 'backups', info.name))
    await expect(b.handlers['backup:read']({ name: info.name }, context)).rejects.toMatchObject({
      message: BACKUP_RECOVERY_MESSAGES.needsRecoveryKey,
      refusal: 'needs-recovery-key',
    })
    const { snapshot } = await b.handlers['backup:read']({ name: info.name, recoveryKey: recoveryKeyA }, context)
    const keys = await usePageKeys(b)
    expect(keys.adoptedAuditKeys.map(b64)).toEqual([b64(keysA.auditKey)])
    await restoreSnapshot(b.db, await readTransferFile(snapshot), {
      keepPreRestore: async (current) => void (await backUp(b, 'pre-restore', serializeTransferFile(current))),
    })
    expect(await reportHead(b)).toMatchObject({ status: 'restored' })
    expect((await auditPage(b)).report.ok).toBe(true)
    b.db.close()
  })

  it('does not take the head of one of this PC’s own backups, only read, for a restore', async () => {
    const { b } = await pcBInUse()
    const committee = (await b.db.committees.toArray())[0]!
    const roomId = (await b.db.rooms.toArray())[0]!.id
    await createCase(b.db, intake(roomId, { parties: [person('黄月英', '申请人')] }), committee, '测试')
    // backed up before the page reported the new head, then looked at (e.g. a restore started and cancelled)
    const own = await backUp(b, 'manual')
    await b.handlers['backup:read']({ name: own.name }, context)
    expect(await reportHead(b)).toMatchObject({ status: 'recorded' })
    const host = await b.handlers['audit:anchors'](undefined, context)
    expect(host.lastRestore).toBeNull()
    b.db.close()
  })
})
