import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FACTS_CHUNK, mayMentionInJson, searchFacts } from '../../../src/db/caseFacts'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import { type NewCaseDoc } from '../../../src/db/records'
import { createCase } from '../../../src/db/casesRepo'
import { listCases, type CaseQuery } from '../../../src/db/caseQueries'
import type { MediationDb } from '../../../src/db/schema'
import { matchesFilter, newestFirst } from '../../../src/domain/caseDigest'
import { isFactsQuery, matchesFacts, matchesQuery } from '../../../src/domain/search'
import type { CaseRecord, CaseStatus } from '../../../src/domain/types'
import { makeCase, makeParty } from '../domain/arbitraries'
import { freshDb } from './helpers'
import { intake, person, setUpCommittee } from './caseFixtures'

let seq = 0

/** A stored case with one applicant; received `daysAgo` days before 2026-11-20. */
function doc(over: Partial<CaseRecord> & { daysAgo?: number; party?: string } = {}): NewCaseDoc {
  const { daysAgo = 0, party = '李淑珺', ...record } = over
  const id = `case-${String(++seq).padStart(6, '0')}`
  const day = new Date(Date.UTC(2026, 10, 20 - daysAgo)).toISOString().slice(0, 10)
  const c = makeCase({
    id,
    receivedOn: day,
    title: '相邻纠纷',
    facts: '双方因琐事发生争执。',
    partySummary: party,
    ...record,
  })
  return { ...c, parties: [makeParty({ caseId: id, name: party })], sessions: [] }
}

async function store(db: MediationDb, docs: NewCaseDoc[]): Promise<void> {
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, docs))
}

const ids = (rows: readonly CaseRecord[]) => rows.map((r) => r.id)

describe('finding cases by their facts', () => {
  it('finds a case registered at intake by a phrase only its facts hold, which the normal search misses', async () => {
    const db = freshDb()
    const { committee, roomId } = await setUpCommittee(db)
    const other = await createCase(db, intake(roomId), committee, '测试')
    const c = await createCase(
      db,
      intake(roomId, {
        facts: '申请人家中化粪池渗漏，污水流入被申请人院内。',
        parties: [person('钱多多', '申请人'), person('孙小美', '被申请人')],
      }),
      committee,
      '测试',
    )
    expect((await listCases(db, { search: '化粪池' })).rows).toEqual([])
    const found = await searchFacts(db, { search: '化粪池' })
    expect(ids(found.rows)).toEqual([c.id])
    expect(found.rows[0]).toMatchObject({ id: c.id, title: c.title, partySummary: '钱多多 与 孙小美' })
    expect(found.rows[0]).not.toHaveProperty('parties')
    expect(found.more).toBe(false)
    expect(ids((await searchFacts(db, { search: '化 粪 池' })).rows)).toEqual([c.id])
    expect(ids((await searchFacts(db, { search: '琐事' })).rows)).not.toContain(c.id)
    expect(ids((await searchFacts(db, { search: '院墙通道' })).rows)).toEqual([other.id])
  })

  it('returns the cases newest first and leaves out those the name or title search already finds', async () => {
    const db = freshDb()
    const old = doc({ daysAgo: 30, facts: '化粪池渗漏多年。' })
    const newest = doc({ daysAgo: 1, facts: '因化粪池清掏费用争执。' })
    const byTitle = doc({ daysAgo: 2, title: '化粪池渗漏纠纷', facts: '化粪池渗漏。' })
    const byName = doc({ daysAgo: 3, party: '化粪池', facts: '化粪池渗漏。' })
    const unrelated = doc({ daysAgo: 4 })
    await store(db, [old, byTitle, unrelated, newest, byName])
    expect(ids((await listCases(db, { search: '化粪池' })).rows).sort()).toEqual([byTitle.id, byName.id].sort())
    expect(ids((await searchFacts(db, { search: '化粪池' })).rows)).toEqual([newest.id, old.id])
  })

  it('reads only the cases passing the list filters', async () => {
    const db = freshDb()
    const open = doc({ daysAgo: 1, facts: '化粪池渗漏。', category: '邻里' })
    const closed = doc({ daysAgo: 2, facts: '化粪池渗漏。', category: '邻里', status: 'closed' })
    const otherCategory = doc({ daysAgo: 3, facts: '化粪池渗漏。', category: '物业' })
    const tooOld = doc({ daysAgo: 200, facts: '化粪池渗漏。', category: '邻里' })
    await store(db, [open, closed, otherCategory, tooOld])
    const search = '化粪池'
    expect(ids((await searchFacts(db, { search, stage: 'open' })).rows)).toEqual([open.id, otherCategory.id, tooOld.id])
    expect(ids((await searchFacts(db, { search, category: '邻里' })).rows)).toEqual([open.id, closed.id, tooOld.id])
    expect(ids((await searchFacts(db, { search, stage: 'open', category: '邻里', from: '2026-06-01' })).rows)).toEqual([
      open.id,
    ])
    expect(ids((await searchFacts(db, { search, status: 'closed' })).rows)).toEqual([closed.id])
  })

  it('reads nothing for a query that is not a Chinese phrase of two characters or more', async () => {
    const db = freshDb()
    await store(db, [doc({ facts: '化粪池 hfc 2026 池' })])
    for (const search of ['', '池', 'hfc', '2026', undefined]) {
      const progress: number[][] = []
      const found = await searchFacts(db, { search }, { onProgress: (done, total) => progress.push([done, total]) })
      expect(found).toEqual({ rows: [], more: false })
      expect(progress).toEqual([])
    }
  })

  it('reports its progress after each chunk read', async () => {
    const db = freshDb()
    const docs = Array.from({ length: 2 * FACTS_CHUNK + 50 }, (_, i) =>
      doc({ daysAgo: i, facts: i === 2 * FACTS_CHUNK + 10 ? '化粪池渗漏。' : '相邻通行。' }),
    )
    await store(db, docs)
    const progress: number[][] = []
    const found = await searchFacts(
      db,
      { search: '化粪池' },
      { onProgress: (done, total) => progress.push([done, total]) },
    )
    const total = docs.length
    expect(progress).toEqual([
      [0, total],
      [FACTS_CHUNK, total],
      [2 * FACTS_CHUNK, total],
      [total, total],
    ])
    expect(ids(found.rows)).toEqual([docs[2 * FACTS_CHUNK + 10]!.id])
  })

  it('stops reading when aborted, and rejects with the abort', async () => {
    const db = freshDb()
    const docs = Array.from({ length: 3 * FACTS_CHUNK }, (_, i) => doc({ daysAgo: i, facts: '化粪池渗漏。' }))
    await store(db, docs)
    const stop = new AbortController()
    const progress: number[] = []
    const search = searchFacts(
      db,
      { search: '化粪池' },
      {
        signal: stop.signal,
        onProgress: (done) => {
          progress.push(done)
          if (done >= FACTS_CHUNK) stop.abort()
        },
      },
    )
    await expect(search).rejects.toMatchObject({ name: 'AbortError' })
    expect(progress).toEqual([0, FACTS_CHUNK])

    const already = new AbortController()
    already.abort()
    const none: number[] = []
    await expect(
      searchFacts(db, { search: '化粪池' }, { signal: already.signal, onProgress: (done) => none.push(done) }),
    ).rejects.toMatchObject({ name: 'AbortError' })
    expect(none).toEqual([])
  })

  it('returns at most `limit` cases, the newest, and says whether there were more', async () => {
    const db = freshDb()
    const docs = Array.from({ length: 5 }, (_, i) => doc({ daysAgo: i, facts: '化粪池渗漏。' }))
    await store(db, [...docs].reverse())
    const three = await searchFacts(db, { search: '化粪池' }, { limit: 3 })
    expect(ids(three.rows)).toEqual(ids(docs.slice(0, 3)))
    expect(three.more).toBe(true)
    expect(await searchFacts(db, { search: '化粪池' }, { limit: 5 })).toMatchObject({ more: false })
    expect((await searchFacts(db, { search: '化粪池' })).rows).toHaveLength(5)
  })

  it('property: finds exactly the filtered cases whose facts (not names or title) mention the phrase, newest first', async () => {
    const CHARS = ['化', '粪', '池', '渗', '漏', '李', '淑', '珺']
    const textArb = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((a) => a.join(''))
    const STATUSES: CaseStatus[] = ['intake', 'accepted', 'closed']
    const caseArb = fc.record({
      daysAgo: fc.integer({ min: 0, max: 9 }),
      facts: textArb(12),
      title: textArb(4),
      party: fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
      status: fc.constantFrom(...STATUSES),
    })
    const queryArb = fc.record({
      search: fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
      stage: fc.constantFrom(undefined, 'open' as const, 'done' as const),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { maxLength: 12 }), queryArb, async (specs, q) => {
        const db = freshDb()
        const docs = specs.map((s) => doc(s))
        await store(db, docs)
        const query: CaseQuery = q.stage ? { search: q.search, stage: q.stage } : { search: q.search }
        const expected = docs
          .filter((d) => matchesFilter(d, query) && !matchesQuery(d, d.parties, q.search) && matchesFacts(d, q.search))
          .sort(newestFirst)
        expect(ids((await searchFacts(db, query)).rows)).toEqual(ids(expected))
        db.close()
      }),
      { numRuns: 40 },
    )
  })

  it('property: the test of a stored document before it is parsed keeps every document whose facts mention the phrase', () => {
    // Han characters (one outside the BMP), full-width forms, spaces, and what JSON escapes
    const CHARS = ['化', '粪', '池', '𠮷', '，', ',', 'Ａ', 'A', ' ', '\u3000', '\n', '"', '\\', '々']
    const text = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((a) => a.join(''))
    fc.assert(
      fc.property(text(14), text(4), (facts, phrase) => {
        fc.pre(isFactsQuery(phrase))
        const stored = JSON.stringify(doc({ facts }))
        if (matchesFacts({ facts }, phrase)) expect(mayMentionInJson(phrase)(stored)).toBe(true)
      }),
      { numRuns: 2000 },
    )
    // and it does leave documents out
    expect(mayMentionInJson('化粪池')(JSON.stringify(doc({ facts: '化肥池塘' })))).toBe(false)
    expect(mayMentionInJson('化 粪，池')(JSON.stringify(doc({ facts: '化粪,池' })))).toBe(true)
  })
})
