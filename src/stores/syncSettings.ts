import { useSyncStore } from './sync'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { basicAuthorization, testConnection } from '../db/sync/connectionTest'
import { checkServerAddress } from '../domain/syncAddress'
import { checkSyncServerForm, connectionMessage, type SyncServerForm } from '../domain/syncConnection'
import { platform, PlatformError } from '../platform'
import type { SyncServerSettings } from '../platform/types'

/** What 测试连接 or 保存 said: `ok` for the green line, otherwise the red one. */
export interface SyncNotice {
  ok: boolean
  message: string
}

/**
 * 设置 → 同步: the saved server (never its password: the host keeps that where the page cannot read it),
 * 测试连接 and 保存 / 停止同步. Every refusal is a Chinese sentence, and nothing is saved after one.
 */
export const useSyncSettingsStore = defineStore('syncSettings', () => {
  const saved = ref<SyncServerSettings>()
  const loaded = ref(false)

  async function load(): Promise<void> {
    saved.value = await platform().sync.readServer()
    loaded.value = true
  }

  const sameAsSaved = (form: SyncServerForm) => {
    const s = saved.value
    const address = checkServerAddress(form.url)
    return (
      !!s && address.ok && address.url === s.url && form.database.trim() === s.database && form.user.trim() === s.user
    )
  }

  /**
   * With a password typed: those credentials. With none, and the form as saved: the saved ones (in the
   * desktop app main adds them, so the page never holds them). The desktop's CSP opens only the saved
   * server, so a new address is saved first and tested then.
   */
  async function test(form: SyncServerForm): Promise<SyncNotice> {
    let authorization: string | undefined
    if (!form.password && sameAsSaved(form)) {
      authorization = (await platform().sync.remote())?.authorization
    } else {
      const checked = checkSyncServerForm(form)
      if (!checked.ok) return { ok: false, message: checked.message }
      if (platform().kind === 'electron' && originOf(saved.value?.url) !== checked.origin) {
        return { ok: false, message: '桌面版只连接已保存的服务器：请先点“保存”，再测试连接' }
      }
      authorization = basicAuthorization(checked.settings.user, checked.settings.password)
    }
    const address = checkServerAddress(form.url)
    if (!address.ok) return { ok: false, message: address.message }
    const outcome = await testConnection({ url: address.url, database: form.database.trim(), authorization })
    return { ok: outcome.kind === 'ok', message: connectionMessage(outcome) }
  }

  /** `problem`: why nothing was saved. `reload`: the desktop page must load again to reach a new origin (its CSP). */
  async function save(form: SyncServerForm): Promise<{ problem?: string; reload: boolean }> {
    const checked = checkSyncServerForm(form)
    if (!checked.ok) return { problem: checked.message, reload: false }
    const before = originOf(saved.value?.url)
    try {
      await platform().sync.saveServer(checked.settings)
    } catch (error) {
      if (error instanceof PlatformError) return { problem: error.message, reload: false }
      throw error
    }
    const { url, database, user } = checked.settings
    saved.value = { url, database, user }
    void useSyncStore()
      .startIfConfigured()
      .catch(() => undefined)
    return { reload: platform().kind === 'electron' && before !== checked.origin }
  }

  async function forget(): Promise<void> {
    await platform().sync.forgetServer()
    saved.value = undefined
    await useSyncStore().stop()
  }

  return { saved, loaded, load, test, save, forget }
})

function originOf(url: string | undefined): string | undefined {
  const checked = checkServerAddress(url ?? '')
  return checked.ok ? checked.origin : undefined
}
