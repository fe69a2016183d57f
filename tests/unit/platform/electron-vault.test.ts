/**
 * The desktop host hands the page the audit keys adopted with other PCs' backups, next to its own keys
 * (src/platform/electron.ts): without them, a log restored from another PC does not verify here.
 */
import { describe, expect, it } from 'vitest'
import { createElectronPlatform } from '../../../src/platform/electron'
import type { MediationRoomApi } from '../../../src/shared/ipc'
import type { VaultState } from '../../../src/shared/ipc/vault'

const key = (byte: number) => new Uint8Array(32).fill(byte)

function hostAnswering(state: VaultState) {
  const api = { getVaultKeys: async () => ({ ok: true as const, value: state }) }
  return createElectronPlatform(api as unknown as MediationRoomApi)
}

describe('the desktop host’s store keys', () => {
  it('include the adopted audit keys when the vault has some', async () => {
    const platform = hostAnswering({ status: 'ready', dataKey: key(1), auditKey: key(2), adoptedAuditKeys: [key(3)] })
    expect(await platform.storeKeys()).toEqual({ dataKey: key(1), auditKey: key(2), adoptedAuditKeys: [key(3)] })
  })

  it('are just its own when none were adopted (or an older main sent none)', async () => {
    for (const state of [
      { status: 'ready' as const, dataKey: key(1), auditKey: key(2), adoptedAuditKeys: [] },
      { status: 'ready' as const, dataKey: key(1), auditKey: key(2) },
    ]) {
      expect(await hostAnswering(state).storeKeys()).toEqual({ dataKey: key(1), auditKey: key(2) })
    }
  })
})
