import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { RosterFigureFacts } from '../domain/rosterFigures'
import { getDatabase } from '../db/connection'
import { rosterFigureFacts } from '../db/rosterFiguresRepo'
import { failureText } from '../domain/failureText'

/**
 * What the 统计 page's 协同人员 figures are counted from (src/domain/rosterFigures.ts), read afresh each time
 * the page opens: kept apart from the statistics store, whose case digests do not carry sessions.
 */
export const useRosterFiguresStore = defineStore('rosterFigures', () => {
  const facts = shallowRef<RosterFigureFacts>()
  const errorMessage = shallowRef('')
  let reading: Promise<void> | undefined

  /** Reads the facts again; calls in flight share one read. */
  function load(): Promise<void> {
    reading ??= (async () => {
      errorMessage.value = ''
      try {
        const { db } = await getDatabase()
        facts.value = await rosterFigureFacts(db)
      } catch (error) {
        errorMessage.value = failureText(error)
      }
    })().finally(() => (reading = undefined))
    return reading
  }

  return { facts, errorMessage, load }
})
