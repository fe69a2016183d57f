import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Committee, Mediator, Room, UUID } from '../domain/types'
import type { CommitteeInput, MediatorInput, SetupInput } from '../domain/settings'
import { getDatabase } from '../db/connection'
import * as repo from '../db/settingsRepo'
import { rosterName, rosterNames, rosterOptions, type RosterOption } from '../domain/rosterNames'
import { currentActor } from './actor'
import { failureText } from '../domain/failureText'

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
  // an id not here is another PC's (src/domain/rosterNames.ts): nothing is ever removed here
  const mediatorName = (id: UUID) => rosterName('mediator', id, mediators.value)
  const roomName = (id: UUID) => rosterName('room', id, rooms.value)
  /** several mediators as one line: 李淑珺、其他电脑的调解员 */
  const mediatorNames = (ids: readonly UUID[]) => rosterNames('mediator', ids, mediators.value)
  /**
   * A mediator select's choices: those 在岗, then the others a record already names (`kept`: a stopped one
   * as 名字（已停用）, another PC's as 其他电脑的调解员), so that no select shows a bare id.
   */
  const mediatorOptions = (
    kept: readonly (UUID | null | undefined)[],
    labelOf?: (m: Mediator) => string,
  ): RosterOption[] => rosterOptions('mediator', activeMediators.value, mediators.value, present(kept), labelOf)
  /** A room select's choices: every room here, then another PC's the record names. */
  const roomOptions = (kept: readonly (UUID | null | undefined)[]): RosterOption[] =>
    rosterOptions('room', rooms.value, rooms.value, present(kept))

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
        errorMessage.value = failureText(error)
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
    mediatorNames,
    mediatorOptions,
    roomName,
    roomOptions,
    load,
    reload,
    completeSetup,
    saveCommittee,
    saveRoom,
    saveMediator,
  }
})

const present = (ids: readonly (UUID | null | undefined)[]): UUID[] => ids.filter((id): id is UUID => !!id)

function upsert<T extends { id: UUID }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id)
  return i === -1 ? [...list, item] : list.map((x) => (x.id === item.id ? item : x))
}
