// @vitest-environment happy-dom
/**
 * Asking for the 恢复密钥: the restore flow decides by the host's code (src/domain/backupRefusal.ts), which
 * crosses IPC beside the message, never by the message. The host here is the real Electron platform over
 * a preload API that answers as the main process does (IpcResult data, structured-cloned).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { IpcResult, MediationRoomApi } from '../../../../src/shared/ipc'
import { BACKUP_RECOVERY_MESSAGES, type BackupInfo } from '../../../../src/shared/ipc/backup'
import { BACKUP_INFO } from '../../electron/ipcFixtures'

const host = vi.hoisted(() => ({ answer: undefined as unknown, calls: [] as string[] }))

vi.mock('../../../../src/platform', async () => {
  const { createElectronPlatform } = await import('../../../../src/platform/electron')
  const { PlatformError } = await import('../../../../src/platform/types')
  const answering = (verb: string) => async () => {
    host.calls.push(verb)
    return structuredClone(host.answer) as IpcResult<never>
  }
  const api = { readBackup: answering('readBackup'), openBackupFile: answering('openBackupFile') }
  const electron = createElectronPlatform(api as unknown as MediationRoomApi)
  return { platform: () => electron, PlatformError }
})

const { useRestoreFlow } = await import('../../../../src/components/backup/useRestoreFlow')

const listed: BackupInfo = BACKUP_INFO
const usbFile = () => new File([new Uint8Array([1, 2, 3])], 'backup-20261122-083000-manual.mrbak')

/** what the main process answers (src/shared/ipc.ts ipcFailure), written out */
const refused = (message: string, refusal?: string) => ({
  ok: false,
  error: refusal ? { code: 'failed', message, refusal } : { code: 'failed', message },
})

// written out: the host's answer, and whether the flow then asks for the 恢复密钥
const answers: [label: string, answer: unknown, asks: boolean][] = [
  ['needs-recovery-key in other words', refused('需要另一台电脑的恢复密钥', 'needs-recovery-key'), true],
  ['wrong-recovery-key in other words', refused('密钥不对', 'wrong-recovery-key'), true],
  [
    'needs-recovery-key in the usual words',
    refused(BACKUP_RECOVERY_MESSAGES.needsRecoveryKey, 'needs-recovery-key'),
    true,
  ],
  ['the usual needs-key words without a code', refused(BACKUP_RECOVERY_MESSAGES.needsRecoveryKey), false],
  ['the usual wrong-key words without a code', refused(BACKUP_RECOVERY_MESSAGES.wrongRecoveryKey), false],
  ['a signer refusal code', refused('签发登记簿已损坏', 'ledger-damaged'), false],
  ['an unknown code', refused('备份已损坏', 'corrupt'), false],
]

describe('the restore flow asks for the 恢复密钥 by the host’s code', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    host.calls = []
  })

  describe.each([
    ['a listed backup', 'readBackup', () => listed],
    ['a .mrbak file', 'openBackupFile', usbFile],
  ] as const)('%s', (_source, verb, target) => {
    it.each(answers)('%s', async (_label, answer, asks) => {
      host.answer = answer
      const flow = useRestoreFlow()
      const chosen = target()
      if (chosen instanceof File) await flow.fromFile(chosen)
      else await flow.fromBackup(chosen)
      expect(host.calls).toEqual([verb])
      // the words are shown as the host wrote them, whichever way it goes
      expect(flow.error.value).toBe((answer as { error: { message: string } }).error.message)
      expect(flow.needsRecoveryKey.value).toBe(asks)
      if (!asks) return
      // the key typed goes to the same backup, asked of the host again
      flow.recoveryKey.value = 'ABCD-EFGH'
      await flow.unlockBackup()
      expect(host.calls).toEqual([verb, verb])
    })
  })
})
