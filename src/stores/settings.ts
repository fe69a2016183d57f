import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Committee, Mediator, Room, UUID } from '../domain/types'
import type { CommitteeInput, MediatorInput, SetupInput } from '../domain/settings'
import { getDatabase } from '../db/connection'
import * as repo from '../db/settingsRepo'
import { currentActor } from './actor'

export { LOCAL_ACTOR } from './actor'

/**
 * The committee, rooms and mediators: loaded once at start, changed only through these actions.
 */
export const useSettingsStore = defineStore('settings', () => {
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const errorMessage = ref('')
  const persisted = ref(false)
  const committee = shallowRef<Committee>()
  const rooms = shallowRef<Room[]>([])
  const mediators = shallowRef<Mediator[]>([])

  const isSetUp = computed(() => committee.value !== undefined)
  const activeMediators = computed(() => mediators.value.filter((m) => m.active))
  const mediatorName = (id: UUID) => mediators.value.find((m) => m.id === id)?.name ?? '（已删除）'
  const roomName = (id: UUID) => rooms.value.find((r) => r.id === id)?.name ?? '（已删除）'

  function apply(snapshot: repo.SettingsSnapshot) {
    committee.value = snapshot.committee
    rooms.value = snapshot.rooms
    mediators.value = snapshot.mediators
  }

  let loading: Promise<void> | undefined
  function load(): Promise<void> {
    loading ??= (async () => {
      status.value = 'loading'
      try {
        const { db, persisted: p } = await getDatabase()
        persisted.value = p
        apply(await repo.loadSettings(db))
        status.value = 'ready'
      } catch (error) {
        errorMessage.value = error instanceof Error ? error.message : String(error)
        status.value = 'error'
        loading = undefined
      }
    })()
    return loading
  }

  /** Reads the settings again: after an import or a settled conflict changed what is stored. */
  function reload(): Promise<void> {
    loading = undefined
    return load()
  }

  async function completeSetup(input: SetupInput) {
    const { db } = await getDatabase()
    apply(await repo.completeSetup(db, input, currentActor()))
  }

  async function saveCommittee(
    patch: Partial<CommitteeInput> & Partial<Pick<Committee, 'categories' | 'referralDepartments' | 'sealImage'>>,
  ) {
    const current = committee.value
    if (!current) return
    const { db } = await getDatabase()
    committee.value = await repo.saveCommittee(db, current.id, patch, currentActor())
  }

  async function saveRoom(room: { id?: UUID; name: string; active: boolean; leadMediatorId?: UUID }) {
    const current = committee.value
    if (!current) return
    const { db } = await getDatabase()
    const saved = await repo.saveRoom(db, { ...room, committeeId: current.id }, currentActor())
    rooms.value = upsert(rooms.value, saved)
  }

  async function saveMediator(mediator: MediatorInput & { id?: UUID; roomIds: UUID[] }) {
    const { db } = await getDatabase()
    const saved = await repo.saveMediator(db, mediator, currentActor())
    mediators.value = upsert(mediators.value, saved)
  }

  return {
    status,
    errorMessage,
    persisted,
    committee,
    rooms,
    mediators,
    isSetUp,
    activeMediators,
    mediatorName,
    roomName,
    load,
    reload,
    completeSetup,
    saveCommittee,
    saveRoom,
    saveMediator,
  }
})

function upsert<T extends { id: UUID }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id)
  return i === -1 ? [...list, item] : list.map((x) => (x.id === item.id ? item : x))
}
