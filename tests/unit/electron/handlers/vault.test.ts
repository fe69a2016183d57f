import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventFrom } from '../ipcFixtures'
import { fakeKeyStore, TEST_SCRYPT_COST } from '../vault/fakeKeyStore'

vi.mock('electron', () => ({}))

const { createVaultHandlers } = await import('../../../../electron/main/handlers/vault')
const { createInvokeListener } = await import('../../../../electron/main/ipc')
const { createVault } = await import('../../../../electron/main/vault/vault')
const { APP_ORIGIN } = await import('../../../../electron/main/origin')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mr-vault-ipc-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The vault:* channels as the page reaches them: through the real invoke wrapper (sender check, schemas). */
function channels(protector = fakeKeyStore().protector as Parameters<typeof createVault>[0]['protector']) {
  const handlers = createVaultHandlers(createVault({ dir, protector, platform: 'linux', scryptCost: TEST_SCRYPT_COST }))
  const options = { trustedOrigins: [APP_ORIGIN], log: () => undefined }
  return {
    keys: (from = `${APP_ORIGIN}/index.html`) =>
      createInvokeListener('vault:keys', handlers['vault:keys'], options)(eventFrom(from), undefined),
    setPassphrase: (passphrase: string) =>
      createInvokeListener(
        'vault:set-passphrase',
        handlers['vault:set-passphrase'],
        options,
      )(eventFrom(`${APP_ORIGIN}/`), { passphrase }),
    unlock: (request: unknown) =>
      createInvokeListener('vault:unlock', handlers['vault:unlock'], options)(eventFrom(`${APP_ORIGIN}/`), request),
    recoveryKey: () =>
      createInvokeListener(
        'vault:recovery-key',
        handlers['vault:recovery-key'],
        options,
      )(eventFrom(`${APP_ORIGIN}/`), undefined),
    confirm: () =>
      createInvokeListener(
        'vault:recovery-key-confirmed',
        handlers['vault:recovery-key-confirmed'],
        options,
      )(eventFrom(`${APP_ORIGIN}/`), undefined),
  }
}

describe('the vault channels', () => {
  it('give the keys to the app page and to nothing else', async () => {
    const vault = channels()
    expect(await vault.keys('https://evil.example/')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'sender-rejected' }),
    })
    expect(await vault.keys(null as unknown as string)).toMatchObject({ ok: false })
    const answer = await vault.keys()
    expect(answer.ok && answer.value.status === 'ready' && answer.value.dataKey.byteLength).toBe(32)
  })

  it('pass a wrong passphrase on as a Chinese refusal', async () => {
    const vault = channels(null)
    expect(await vault.keys()).toEqual({ ok: true, value: { status: 'needs-setup-passphrase' } })
    expect(await vault.setPassphrase('short')).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect((await vault.setPassphrase('a good passphrase')).ok).toBe(true)
    const again = channels(null)
    expect(await again.unlock({ passphrase: 'a wrong passphrase' })).toEqual({
      ok: false,
      error: { code: 'not-allowed', message: '密码不正确，请重新输入。' },
    })
  })

  it('give the 恢复密钥 until it is confirmed', async () => {
    const vault = channels()
    await vault.keys()
    const first = await vault.recoveryKey()
    expect(first.ok && first.value.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/)
    expect(await vault.confirm()).toEqual({ ok: true, value: { confirmed: true } })
    expect(await vault.recoveryKey()).toEqual({ ok: true, value: { recoveryKey: null } })
  })
})
