import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { SearchCase, SearchParty } from '../../../src/domain/search'
import { matchesQuery, namePinyin, planMatch, queryTokens, searchTokensFor, summaryShowsName } from '../../../src/domain/search'
import { partySummary } from '../../../src/domain/intake'
import { chineseNameArb, idNumberArb, mobileArb, orgNameArb } from './arbitraries'

const TITLE_CHARS = ['拖', '欠', '工', '资', '纠', '纷', '邻', '里', '噪', '音', '宅', '基', '地', '淑', '李']

const partyArb: fc.Arbitrary<SearchParty> = fc.oneof(
  fc.record({ name: chineseNameArb(), kind: fc.constant('person' as const), idNumber: fc.option(idNumberArb().map((g) => g.idNumber), { nil: undefined }), phone: fc.option(mobileArb(), { nil: undefined }) }),
  fc.record({ name: orgNameArb(), kind: fc.constant('org' as const), idNumber: fc.constant(undefined), phone: fc.option(mobileArb(), { nil: undefined }) }),
)

const caseArb: fc.Arbitrary<{ c: SearchCase; parties: SearchParty[] }> = fc.record({
  c: fc.record({
    caseNo: fc.option(fc.integer({ min: 1, max: 999 }).map((n) => `（2026）X镇调字第${String(n).padStart(3, '0')}号`), { nil: undefined }),
    title: fc.array(fc.constantFrom(...TITLE_CHARS), { minLength: 0, maxLength: 8 }).map((a) => a.join('')),
  }),
  parties: fc.array(partyArb, { minLength: 1, maxLength: 4 }),
})

/** Queries a user would type about a case: name fragments, initials, full pinyin, suffixes, title parts. */
function queriesFor(c: SearchCase, parties: readonly SearchParty[]): fc.Arbitrary<string> {
  const pick = fc.constantFrom(...parties)
  const slice = (chars: readonly string[]): fc.Arbitrary<string> =>
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => {
      if (chars.length === 0) return ''
      const start = a % chars.length
      return chars.slice(start, start + 1 + (b % (chars.length - start))).join('')
    })
  const arbs: fc.Arbitrary<string>[] = [
    pick.chain((p) => slice(Array.from(p.name))),
    pick.chain((p) => slice(namePinyin(p.name, p.kind).map((s) => s[0]))),
    pick.chain((p) => {
      const full = namePinyin(p.name, p.kind).join('')
      return fc.integer({ min: 1, max: Math.max(1, full.length) }).map((n) => full.slice(0, n))
    }),
    pick.chain((p) => {
      const syllables = namePinyin(p.name, p.kind)
      return fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 8 })).map(([from, n]) => syllables.slice(from).join('').slice(0, n))
    }),
    slice(Array.from(c.title)),
    pick.chain((p) => fc.constantFrom(4, 6, 8).map((n) => (p.phone ?? '').slice(-n))),
    pick.chain((p) => fc.constantFrom(4, 5, 6, 18).map((n) => (p.idNumber ?? '').slice(-n))),
    fc.integer({ min: 1, max: 999 }).map(String),
    fc.constantFrom('lsj', '淑珺', 'x', '纠纷', '0000'),
  ]
  return fc.oneof(...arbs)
}

function lookup(c: SearchCase, parties: readonly SearchParty[], query: string): boolean {
  const verdict = planMatch(new Set(searchTokensFor(c, parties)), queryTokens(query))
  return verdict === 'match' || (verdict === 'verify' && matchesQuery(c, parties, query))
}

describe('search keys', () => {
  const parties: SearchParty[] = [
    { name: '李淑珺', kind: 'person', idNumber: '11010519491231002X', phone: '13812345678' },
    { name: '宏达化工有限公司', kind: 'org' },
  ]
  const c: SearchCase = { caseNo: '（2026）X镇调字第012号', title: '拖欠工资纠纷' }
  const tokens = new Set(searchTokensFor(c, parties))

  it('holds the case number, name fragments, pinyin, suffixes and title bigrams', () => {
    for (const t of ['no:(2026)X镇调字第012号', 'seq:12', 'n:淑珺', 'n:李', 'n:李淑珺', 'py:lsj', 'py:sj', 'py:lishujun', 'py:shuj', 'id:002X', 'id:31002X', 'ph:5678', 'ph:345678', 'n:欠工', 'n:化工']) {
      expect(tokens).toContain(t)
    }
  })

  it('indexes only what people search by: no pinyin or single characters of organisations, full pinyin from the first two syllables', () => {
    for (const t of ['py:hdhg', 'py:huagong', 'n:化', 'n:化工有限', 'py:jun', 'py:ju']) expect(tokens, t).not.toContain(t)
  })

  it('finds the issue examples: 淑珺, lsj, full pinyin, ID and phone suffix, case number', () => {
    for (const q of ['淑珺', 'lsj', 'LSJ', 'shujun', 'lishujun', '002x', '5678', '12', '012', '（2026）X镇调字第012号', '第012号', '工资', '化工有限', '欠工资纠', '李淑珺']) {
      expect(lookup(c, parties, q), q).toBe(true)
      expect(matchesQuery(c, parties, q), q).toBe(true)
    }
    for (const q of ['王', 'wsj', '1234', '13', '邻里', '', '化', 'hdhg', 'jun', '工资欠']) expect(lookup(c, parties, q), q).toBe(false)
  })

  it('keeps astral-plane characters whole', () => {
    const rare = [{ name: '𠮷淑', kind: 'person' as const }]
    const keys = searchTokensFor({ title: '' }, rare)
    expect(keys).toEqual(expect.arrayContaining(['n:𠮷', 'n:𠮷淑', 'n:淑']))
    expect(keys.some((k) => /[\uD800-\uDFFF]/.test(k) && !/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(k))).toBe(false)
    expect(lookup({ title: '' }, rare, '𠮷')).toBe(true)
  })

  it('classifies queries', () => {
    expect(queryTokens('淑珺')).toMatchObject({ kind: 'text', alternatives: [{ tokens: ['n:淑珺'], verify: false }] })
    expect(queryTokens('化工园区')).toMatchObject({ kind: 'text', alternatives: [{ tokens: ['n:化工园区'], verify: false }, { tokens: ['n:化工', 'n:工园', 'n:园区'], verify: true }] })
    expect(queryTokens('宏达化工有限公司').alternatives).toEqual([{ tokens: ['n:宏达', 'n:达化', 'n:化工', 'n:工有', 'n:有限', 'n:限公', 'n:公司'], verify: true }])
    expect(queryTokens(' LSJ ').alternatives).toEqual([{ tokens: ['py:lsj'], verify: false }])
    expect(queryTokens('5678').alternatives.map((a) => a.tokens[0])).toEqual(['seq:5678', 'id:5678', 'ph:5678'])
    expect(queryTokens('李a1').kind).toBe('unsupported')
    expect(queryTokens('   ').kind).toBe('empty')
  })

  it('a typical case costs a bounded number of index entries', () => {
    const typical = searchTokensFor({ caseNo: '（2026）X镇调字第012号', title: '邻里宅基地边界纠纷' }, [
      { name: '李淑珺', kind: 'person', idNumber: '11010519491231002X', phone: '13812345678' },
      { name: '王建国', kind: 'person', phone: '13987654321' },
    ])
    expect(typical.length).toBeLessThan(100)
    const group = searchTokensFor({ caseNo: '（2026）X镇调字第013号', title: '化工园区拖欠工资纠纷' }, [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `张${'伟芳娜敏静强磊军洋勇艳杰'[i]}`, kind: 'person' as const, phone: `1380000${String(1000 + i)}` })),
      { name: '宏达化工有限公司', kind: 'org' as const },
    ])
    expect(group.length).toBeLessThan(500)
  })
})

describe('the index finds exactly what the reference finds', () => {
  it('for queries drawn from the case itself', () => {
    fc.assert(
      fc.property(caseArb.chain((k) => fc.tuple(fc.constant(k), queriesFor(k.c, k.parties))), ([{ c, parties }, query]) => {
        expect(lookup(c, parties, query)).toBe(matchesQuery(c, parties, query))
      }),
      { numRuns: 500 },
    )
  })

  it('for queries drawn from another case (no false positives, no misses)', () => {
    fc.assert(
      fc.property(caseArb, caseArb.chain((k) => queriesFor(k.c, k.parties)), ({ c, parties }, query) => {
        expect(lookup(c, parties, query)).toBe(matchesQuery(c, parties, query))
      }),
      { numRuns: 500 },
    )
  })

  it("a person's name fragments and initials never need verification and always match their own case", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), ({ c, parties }, i, len) => {
        const persons = parties.filter((p) => p.kind === 'person')
        fc.pre(persons.length > 0)
        const person = persons[i % persons.length]!
        const chars = Array.from(person.name)
        const start = i % chars.length
        const fragment = chars.slice(start, start + 1 + (len % Math.min(4, chars.length - start))).join('')
        const tokens = new Set(searchTokensFor(c, parties))
        expect(planMatch(tokens, queryTokens(fragment))).toBe('match')
        const initials = namePinyin(person.name, person.kind).map((s) => s[0]).join('').slice(0, 6)
        if (initials) expect(planMatch(tokens, queryTokens(initials))).toBe('match')
      }),
    )
  })
})

describe('a match read off the party summary', () => {
  const role = fc.constantFrom<'申请人' | '被申请人'>('申请人', '被申请人')
  const partyArb = fc.oneof(
    fc.record({ name: chineseNameArb(), kind: fc.constant<'person'>('person'), role }),
    fc.record({ name: orgNameArb(), kind: fc.constant<'org'>('org'), role }),
  )

  it('is never claimed where the parties do not match, and is found for a phrase of a named party', () => {
    fc.assert(
      fc.property(fc.array(partyArb, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), fc.nat(), fc.string({ unit: fc.constantFrom(...'张三李四与等某公司化工2人、 淑珺𠮷'), minLength: 1, maxLength: 6 }), (parties, which, at, length, noise) => {
        const summary = partySummary(parties)
        const named = parties[which % parties.length]!
        const chars = [...named.name]
        const from = at % chars.length
        const phrase = chars.slice(from, from + 2 + (length % 4)).join('')
        for (const query of [phrase, noise, `${phrase}${noise}`]) {
          if (summaryShowsName(summary, query)) expect(matchesQuery({ caseNo: undefined, title: '' }, parties, query)).toBe(true)
        }
        const sameSide = parties.filter((p) => p.role === named.role)
        const shown = sameSide.length <= 3 && (named.role === '申请人' || parties.some((p) => p.role === '申请人'))
        if (shown && [...phrase].length >= 2 && /^\p{Script=Han}+$/u.test(phrase) && !/[与等]/u.test(phrase)) expect(summaryShowsName(summary, phrase)).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  it('knows nothing of a query that is not a Chinese phrase', () => {
    expect(summaryShowsName('张三、李四 与 恒泰化工有限公司', '恒泰化工')).toBe(true)
    expect(summaryShowsName('张三、李四 与 恒泰化工有限公司', '三与李')).toBe(false)
    expect(summaryShowsName('张三、李四、王五等5人 与 某公司', '王五等')).toBe(false)
    expect(summaryShowsName('张三、李四 与 某公司', 'zs')).toBe(false)
    expect(summaryShowsName('张三、李四 与 某公司', '三、李')).toBe(false)
  })
})
