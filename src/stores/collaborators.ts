import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { CheckedCollaborator } from '../domain/collaborators'
import type { Collaborator } from '../domain/types'
import { getDatabase } from '../db/connection'
import * as repo from '../db/collaboratorsRepo'
import { currentActor } from './actor'
import { failureText } from '../domain/failureText'

/** 协同人员: the roster in 设置, read by intake (网格员上报) and sessions (邀请参加人员). */
export const useCollaboratorsStore = defineStore('collaborators', () => {
  const roster = shallowRef<Collaborator[]>([])
  const loaded = shallowRef(false)
  /** why the roster could not be read; the selects then offer nobody rather than fail the page */
  const errorMessage = shallowRef('')
  const byId = computed(() => new Map(roster.value.map((c) => [c.id, c])))

  let loading: Promise<void> | undefined
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const { db } = await getDatabase()
        roster.value = await repo.loadCollaborators(db)
        loaded.value = true
      } catch (error) {
        loading = undefined
        errorMessage.value = failureText(error)
      }
    })()
    return loading
  }

  /** Reads the roster again if it was read (after an import or a settled conflict). */
  function reload(): Promise<void> {
    if (!loaded.value && loading === undefined) return Promise.resolve()
    loading = undefined
    return load()
  }

  async function save(input: CheckedCollaborator & { id?: string }): Promise<void> {
    const { db } = await getDatabase()
    roster.value = await repo.saveCollaborator(db, input, currentActor())
  }

  async function reveal(id: string): Promise<void> {
    const { db } = await getDatabase()
    await repo.logCollaboratorReveal(db, id, currentActor())
  }

  return { roster, loaded, errorMessage, byId, load, reload, save, reveal }
})
