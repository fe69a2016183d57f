import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { UUID } from '../domain/types'
import {
  afterAttempt,
  attemptRefusal,
  boundedPause,
  DEFAULT_IDLE_MINUTES,
  idleMinutesProblem,
  secretNeedsChange,
  secretProblem,
  type LockConfig,
} from '../domain/appLock'
import { getDatabase } from '../db/connection'
import * as repo from '../db/lockRepo'
import { useSettingsStore } from './settings'
import { LOCAL_ACTOR, setCurrentActor } from './actor'

/**
 * The app lock: locked at start and after idle time when enabled; the person who unlocked is the
 * actor written to the audit log. Wrong attempts and pauses are kept in the database, so a restart
 * does not end a pause.
 */
export const useLockStore = defineStore('lock', () => {
  const config = ref<LockConfig>({ enabled: false, idleMinutes: DEFAULT_IDLE_MINUTES })
  const secretIds = shallowRef<Set<UUID>>(new Set())
  const locked = ref(false)
  const currentMediatorId = ref<UUID>()
  /** mediators whose secret still unlocks but would not be accepted as a new one (e.g. 4 digits) */
  const secretsToChange = shallowRef<Set<UUID>>(new Set())

  const settings = useSettingsStore()
  const actor = computed(() => (currentMediatorId.value ? settings.mediatorName(currentMediatorId.value) : LOCAL_ACTOR))
  /** People who can unlock: active mediators with a PIN. */
  const unlockers = computed(() => settings.mediators.filter((m) => m.active && secretIds.value.has(m.id)))

  let loading: Promise<void> | undefined
  /** Once per start: an enabled lock starts locked. */
  function load(): Promise<void> {
    loading ??= (async () => {
      const { db } = await getDatabase()
      config.value = await repo.loadLockConfig(db)
      const secrets = await repo.loadSecrets(db)
      secretIds.value = new Set(Object.keys(secrets))
      secretsToChange.value = new Set(Object.keys(secrets).filter((id) => secrets[id]!.needsChange === true))
      locked.value = config.value.enabled
    })().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }

  function lock() {
    if (!config.value.enabled) return
    locked.value = true
    currentMediatorId.value = undefined
    setCurrentActor(undefined)
  }

  /** Returns a Chinese message when the unlock is refused. */
  async function unlock(mediatorId: UUID, secret: string): Promise<string | undefined> {
    const now = Date.now()
    const { db } = await getDatabase()
    const stored = await repo.loadAttempts(db, mediatorId)
    const state = boundedPause(stored, now)
    const refusal = attemptRefusal(state, now)
    if (refusal) {
      if (state !== stored) await repo.saveAttempts(db, mediatorId, state)
      return refusal
    }
    const hashed = (await repo.loadSecrets(db))[mediatorId]
    const ok = hashed !== undefined && (await repo.secretMatches(secret, hashed))
    const needsChange = ok ? secretNeedsChange(secret) : undefined
    await repo.recordUnlockAttempt(db, {
      mediatorId,
      actor: settings.mediatorName(mediatorId),
      success: ok,
      attempts: afterAttempt(state, ok, now),
      needsChange,
    })
    if (!ok) return '密码不正确'
    secretsToChange.value = withOrWithout(secretsToChange.value, mediatorId, needsChange === true)
    currentMediatorId.value = mediatorId
    setCurrentActor(settings.mediatorName(mediatorId))
    locked.value = false
    return undefined
  }

  async function saveConfig(next: LockConfig): Promise<string | undefined> {
    const problem = idleMinutesProblem(next.idleMinutes)
    if (problem) return problem
    if (next.enabled && unlockers.value.length === 0) return '请先为至少一名在岗调解员设置密码，否则启用后无人能解锁'
    const { db } = await getDatabase()
    await repo.saveLockConfig(db, next, actor.value)
    config.value = { ...next }
    return undefined
  }

  async function setSecret(mediatorId: UUID, secret: string, confirmation: string): Promise<string | undefined> {
    const problem = secretProblem(secret, confirmation)
    if (problem) return problem
    const { db } = await getDatabase()
    await repo.setSecret(db, mediatorId, secret, actor.value)
    secretIds.value = new Set([...secretIds.value, mediatorId])
    secretsToChange.value = withOrWithout(secretsToChange.value, mediatorId, false)
    return undefined
  }

  async function removeSecret(mediatorId: UUID): Promise<string | undefined> {
    const remaining = unlockers.value.filter((m) => m.id !== mediatorId)
    if (config.value.enabled && remaining.length === 0) return '这是最后一个可以解锁的密码，请先关闭应用锁'
    const { db } = await getDatabase()
    await repo.setSecret(db, mediatorId, undefined, actor.value)
    secretIds.value = withOrWithout(secretIds.value, mediatorId, false)
    secretsToChange.value = withOrWithout(secretsToChange.value, mediatorId, false)
    return undefined
  }

  return {
    config,
    secretIds,
    secretsToChange,
    locked,
    currentMediatorId,
    actor,
    unlockers,
    load,
    lock,
    unlock,
    saveConfig,
    setSecret,
    removeSecret,
  }
})

/** A new set (for a shallowRef to notice) with or without the id. */
function withOrWithout(ids: ReadonlySet<UUID>, id: UUID, present: boolean): Set<UUID> {
  const next = new Set(ids)
  if (present) next.add(id)
  else next.delete(id)
  return next
}
