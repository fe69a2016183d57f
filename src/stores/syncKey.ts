import { useSyncStore } from './sync'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { getDatabase } from '../db/connection'
import * as repo from '../db/sync/committeeKeyStore'
import type { CommitteeKey } from '../db/sync/seal'
import { currentActor } from './actor'
import { errorText } from './backup'
import { useSettingsStore } from './settings'

export type JoinOutcome =
  | { ok: true }
  /** `replaceable`: this PC holds another key; asking again with `replace` would put this one in its place */
  | { ok: false; message: string; replaceable: boolean }

/**
 * The committee's data key on this PC, for 设置 → 同步 (SyncJoinPanel.vue): whether this PC holds it (and
 * which, by its fingerprint), making it on the first PC, joining with a code on the others, and showing
 * the code. The sync engine reads the key itself through `committeeKey()` (LiveSyncSources).
 */
export const useSyncKeyStore = defineStore('syncKey', () => {
  const info = shallowRef<repo.CommitteeKeyInfo>()
  const loaded = ref(false)
  /** why the key could not be read: the panel says so instead of offering to make a new one */
  const loadProblem = ref('')
  /** the join code while it is on screen (80 characters); cleared by hideCode */
  const shownCode = ref<string>()

  async function load(): Promise<void> {
    try {
      const { db } = await getDatabase()
      info.value = await repo.committeeKeyInfo(db)
      loadProblem.value = ''
      loaded.value = true
    } catch (error) {
      loadProblem.value = `无法读取本机的委员会数据密钥：${errorText(error)}`
    }
  }

  /** The first PC of the committee: returns why it was refused, or undefined. */
  async function create(): Promise<string | undefined> {
    const committee = useSettingsStore().committee
    if (!committee) return '请先完成本机的调解委员会设置。'
    try {
      const { db } = await getDatabase()
      info.value = await repo.createCommitteeKey(db, committee.id, currentActor())
      void useSyncStore()
        .startIfConfigured()
        .catch(() => undefined)
      return undefined
    } catch (error) {
      return errorText(error)
    }
  }

  async function join(code: string, replace = false): Promise<JoinOutcome> {
    try {
      const { db } = await getDatabase()
      info.value = await repo.joinWithCode(db, code, currentActor(), { replace })
      // joining may have given this PC the committee's id (committeeKeyStore.ts)
      await useSettingsStore().reload()
      void useSyncStore()
        .startIfConfigured()
        .catch(() => undefined)
      return { ok: true }
    } catch (error) {
      const replaceable = error instanceof repo.CommitteeKeyError && error.code === 'differentKey'
      return { ok: false, message: errorText(error), replaceable }
    }
  }

  /** Puts the join code on screen (logged); returns why it could not, or undefined. */
  async function showCode(): Promise<string | undefined> {
    try {
      const { db } = await getDatabase()
      shownCode.value = await repo.joinCodeFor(db, currentActor())
      return undefined
    } catch (error) {
      return errorText(error)
    }
  }

  function hideCode(): void {
    shownCode.value = undefined
  }

  /** The key for the sync engine (LiveSyncSources.committeeKey); undefined until this PC holds one. */
  async function committeeKey(): Promise<CommitteeKey | undefined> {
    const { db } = await getDatabase()
    return repo.readCommitteeKey(db)
  }

  return { info, loaded, loadProblem, shownCode, load, create, join, showCode, hideCode, committeeKey }
})
