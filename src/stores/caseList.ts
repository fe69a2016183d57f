import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { CaseRecord } from '../domain/types'
import { getDatabase } from '../db/connection'
import { countCases, listCases, type CaseQuery } from '../db/caseQueries'

export const CASE_PAGE_SIZE = 50

/**
 * The case list: one query at a time, a page of 50 at a time. A newer query makes the answers of an
 * older one (still in flight) be dropped, so typing fast never shows stale rows; an older count that
 * reads records stops.
 */
export const useCaseListStore = defineStore('caseList', () => {
  const query = ref<CaseQuery>({ stage: 'open' })
  const rows = shallowRef<CaseRecord[]>([])
  const total = ref<number>()
  const hasMore = ref(false)
  const loading = ref(false)
  const errorMessage = ref('')
  let generation = 0
  let counting: AbortController | undefined

  async function run(next: CaseQuery) {
    const mine = ++generation
    counting?.abort()
    counting = new AbortController()
    const { signal } = counting
    query.value = next
    loading.value = true
    errorMessage.value = ''
    total.value = undefined
    try {
      const { db } = await getDatabase()
      const page = await listCases(db, next, 0, CASE_PAGE_SIZE)
      if (mine !== generation) return
      rows.value = page.rows
      hasMore.value = page.hasMore
      loading.value = false
      // counted after the first page is on screen
      const count = await countCases(db, next, signal)
      if (mine === generation) total.value = count
    } catch (error) {
      if (mine !== generation) return
      errorMessage.value = error instanceof Error ? error.message : String(error)
      rows.value = []
      hasMore.value = false
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function loadMore() {
    if (!hasMore.value || loading.value) return
    const mine = generation
    loading.value = true
    try {
      const { db } = await getDatabase()
      const page = await listCases(db, query.value, rows.value.length, CASE_PAGE_SIZE)
      if (mine !== generation) return
      const seen = new Set(rows.value.map((r) => r.id))
      rows.value = [...rows.value, ...page.rows.filter((r) => !seen.has(r.id))]
      hasMore.value = page.hasMore
    } catch (error) {
      if (mine === generation) errorMessage.value = error instanceof Error ? error.message : String(error)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  return { query, rows, total, hasMore, loading, errorMessage, run, loadMore }
})
