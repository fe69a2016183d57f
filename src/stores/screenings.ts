import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ScreeningRound, UUID } from '../domain/types'
import type { ScreeningFields } from '../domain/screening'
import { getDatabase } from '../db/connection'
import * as repo from '../db/screeningsRepo'
import { currentActor } from './actor'
import { failureText } from '../domain/failureText'

export type { ScreeningCase } from '../db/screeningsRepo'

/**
 * The 矛盾纠纷排查 rounds and the cases that name them: read when a screen that shows them opens (the 排查
 * page, a case's round select, 统计), changed only through `save`.
 */
export const useScreeningsStore = defineStore('screenings', () => {
  const rounds = shallowRef<ScreeningRound[]>([])
  const cases = shallowRef<repo.ScreeningCase[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const errorMessage = ref('')
  let reading: Promise<void> | undefined

  async function read(): Promise<void> {
    loading.value = true
    errorMessage.value = ''
    try {
      const { db } = await getDatabase()
      const [r, c] = await Promise.all([repo.listScreenings(db), repo.screeningCases(db)])
      rounds.value = r
      cases.value = c
      loaded.value = true
    } catch (error) {
      errorMessage.value = failureText(error)
    } finally {
      loading.value = false
    }
  }

  /** Reads the rounds and their cases again (cases may have been registered since); calls in flight share one read. */
  function load(): Promise<void> {
    reading ??= read().finally(() => (reading = undefined))
    return reading
  }

  /** Records a new round, or changes the round `id`; fields checked by validateScreening. */
  async function save(fields: ScreeningFields, id?: UUID): Promise<ScreeningRound> {
    const { db } = await getDatabase()
    const saved =
      id === undefined
        ? await repo.createScreening(db, fields, currentActor())
        : await repo.updateScreening(db, id, fields, currentActor())
    rounds.value = [...rounds.value.filter((r) => r.id !== saved.id), saved]
    return saved
  }

  return { rounds, cases, loaded, loading, errorMessage, load, save }
})
