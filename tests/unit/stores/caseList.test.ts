/**
 * The case list's search in the facts: it runs on the list's current query, reports progress, and a new
 * list query or a cancel stops it so that its answers never show under another query.
 */
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { watch } from 'vue'
import { getDatabase } from '../../../src/db/connection'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { type NewCaseDoc } from '../../../src/db/records'
import { FACTS_CHUNK } from '../../../src/db/caseFacts'
import { useCaseListStore, type FactsSearch } from '../../../src/stores/caseList'
import { makeCase, makeParty } from '../domain/arbitraries'

const COUNT = 3 * FACTS_CHUNK
/** the one case whose facts mention the phrase: the oldest, so a search reads every chunk to find it */
const TARGET = `facts-${COUNT - 1}`

beforeAll(async () => {
  const { db } = await getDatabase()
  const docs: NewCaseDoc[] = Array.from({ length: COUNT }, (_, i) => {
    const id = `facts-${i}`
    const receivedOn = new Date(Date.UTC(2026, 10, 20) - i * 86_400_000).toISOString().slice(0, 10)
    const facts = id === TARGET ? '申请人家中化粪池渗漏，污水流入邻院。' : '双方因琐事发生争执。'
    return {
      ...makeCase({ id, receivedOn, title: `相邻纠纷`, facts, status: i % 2 ? 'closed' : 'intake' }),
      parties: [makeParty({ caseId: id })],
      sessions: [],
    }
  })
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
})

afterAll(async () => (await getDatabase()).db.close())

beforeEach(() => setActivePinia(createPinia()))

describe('the case list store: search in the facts', () => {
  it('finds the cases of the current query by their facts, reporting progress', async () => {
    const list = useCaseListStore()
    await list.run({ search: '化粪池' })
    expect(list.rows).toEqual([])
    const seen: FactsSearch[] = []
    const stopWatching = watch(
      () => list.facts,
      (f) => seen.push(f),
    )
    await list.findInFacts()
    stopWatching()
    expect(list.facts).toMatchObject({ state: 'done', phrase: '化粪池', done: COUNT, total: COUNT, more: false })
    expect(list.facts.rows.map((r) => r.id)).toEqual([TARGET])
    expect(seen.filter((f) => f.state === 'running').map((f) => f.done)).toEqual([
      0,
      0,
      FACTS_CHUNK,
      2 * FACTS_CHUNK,
      COUNT,
    ])
  })

  it('searches with the list filters', async () => {
    const list = useCaseListStore()
    await list.run({ search: '化粪池', stage: 'open' })
    await list.findInFacts()
    // the target is case COUNT-1 (odd): closed, so not an open case
    expect(list.facts).toMatchObject({ state: 'done', rows: [], total: COUNT / 2 })
  })

  it('a new list query stops a running facts search; its answer never shows', async () => {
    const list = useCaseListStore()
    await list.run({ search: '化粪池' })
    const finding = list.findInFacts()
    await new Promise<void>((resolve) => {
      const stopWatching = watch(
        () => list.facts.done,
        (done) => done > 0 && (stopWatching(), resolve()),
      )
    })
    expect(list.facts.state).toBe('running')
    const next = list.run({ search: '琐事' })
    expect(list.facts.state).toBe('idle')
    await Promise.all([finding, next])
    expect(list.facts).toMatchObject({ state: 'idle', rows: [], phrase: '' })
  })

  it('cancel stops the search and goes back to the button', async () => {
    const list = useCaseListStore()
    await list.run({ search: '化粪池' })
    const finding = list.findInFacts()
    list.cancelFacts()
    await finding
    expect(list.facts).toMatchObject({ state: 'idle', rows: [] })
  })

  it('a second request restarts the search and shows only its own answer', async () => {
    const list = useCaseListStore()
    await list.run({ search: '化粪池' })
    const first = list.findInFacts()
    const second = list.findInFacts()
    await Promise.all([first, second])
    expect(list.facts).toMatchObject({ state: 'done', done: COUNT })
    expect(list.facts.rows.map((r) => r.id)).toEqual([TARGET])
  })
})
