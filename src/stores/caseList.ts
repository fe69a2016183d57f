import { defineStore } from 'pinia'
import { ref, shallowRef, type Ref } from 'vue'
import type { CaseRecord } from '../domain/types'
import { getDatabase } from '../db/connection'
import { countCases, listCases, type CaseQuery } from '../db/caseQueries'
import { searchFacts } from '../db/caseFacts'
import { withoutStageFilter } from '../domain/caseQuery'
import { failureText } from '../domain/failureText'

export const CASE_PAGE_SIZE = 50

/** The search in the facts (案情), asked for by the user after the list's own search. */
export interface FactsSearch {
  state: 'idle' | 'running' | 'done' | 'error'
  /** what was searched for */
  phrase: string
  /** cases read so far, of `total` */
  done: number
  total: number
  rows: CaseRecord[]
  /** more cases mention the phrase than are shown */
  more: boolean
  errorMessage: string
}

const IDLE_FACTS: FactsSearch = {
  state: 'idle',
  phrase: '',
  done: 0,
  total: 0,
  rows: [],
  more: false,
  errorMessage: '',
}

/**
 * The facts search of the list's current query: one at a time; a new one, a cancel or a new list
 * query (`stop`) aborts the one running, and its answers are dropped.
 */
function factsSearchOf(query: Ref<CaseQuery>) {
  const facts = shallowRef<FactsSearch>(IDLE_FACTS)
  let running: AbortController | undefined

  function stop() {
    running?.abort()
    running = undefined
    facts.value = IDLE_FACTS
  }

  async function find() {
    stop()
    const mine = new AbortController()
    running = mine
    const q = query.value
    const phrase = q.search?.trim() ?? ''
    const update = (patch: Partial<FactsSearch>) => {
      if (running === mine) facts.value = { ...facts.value, ...patch }
    }
    facts.value = { ...IDLE_FACTS, state: 'running', phrase }
    try {
      const { db } = await getDatabase()
      const found = await searchFacts(db, q, {
        signal: mine.signal,
        onProgress: (done, total) => update({ done, total }),
      })
      update({ state: 'done', rows: found.rows, more: found.more })
    } catch (error) {
      update({ state: 'error', errorMessage: failureText(error) })
    } finally {
      if (running === mine) running = undefined
    }
  }

  return { facts, findInFacts: find, cancelFacts: stop }
}

/**
 * The case list: one query at a time, a page of 50 at a time. A newer query makes the answers of an
 * older one (still in flight) be dropped, so typing fast never shows stale rows; an older count that
 * reads records stops, and so does a search in the facts.
 */
export const useCaseListStore = defineStore('caseList', () => {
  const query = ref<CaseQuery>({ stage: 'open' })
  const rows = shallowRef<CaseRecord[]>([])
  const total = ref<number>()
  /** cases the search finds that the stage/status filter hides (counted after the total) */
  const hiddenByStage = ref(0)
  const hasMore = ref(false)
  const loading = ref(false)
  const errorMessage = ref('')
  let generation = 0
  let counting: AbortController | undefined
  const { facts, findInFacts, cancelFacts } = factsSearchOf(query)

  async function run(next: CaseQuery) {
    const mine = ++generation
    counting?.abort()
    cancelFacts()
    counting = new AbortController()
    const { signal } = counting
    query.value = next
    loading.value = true
    errorMessage.value = ''
    total.value = undefined
    hiddenByStage.value = 0
    try {
      const { db } = await getDatabase()
      const page = await listCases(db, next, 0, CASE_PAGE_SIZE)
      if (mine !== generation) return
      rows.value = page.rows
      hasMore.value = page.hasMore
      loading.value = false
      // counted after the first page is on screen
      const count = await countCases(db, next, signal)
      if (mine !== generation) return
      total.value = count
      const wider = withoutStageFilter(next)
      if (wider) {
        const all = await countCases(db, wider, signal)
        if (mine === generation) hiddenByStage.value = all - count
      }
    } catch (error) {
      if (mine !== generation) return
      errorMessage.value = failureText(error)
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
      if (mine === generation) errorMessage.value = failureText(error)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  return {
    query,
    rows,
    total,
    hiddenByStage,
    hasMore,
    loading,
    errorMessage,
    run,
    loadMore,
    facts,
    findInFacts,
    cancelFacts,
  }
})
