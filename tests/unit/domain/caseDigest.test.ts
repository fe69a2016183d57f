import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { NamedMediator, SearchCase, SearchParty } from '../../../src/domain/search'
import { matchesQuery, namePinyin, queryKind } from '../../../src/domain/search'
import {
  digestOf,
  digestSearch,
  fromTuple,
  matchesFilter,
  toTuple,
  TAIL,
  type CaseDigest,
  type CaseFilter,
} from '../../../src/domain/caseDigest'
import type { CaseFlag, CaseStatus } from '../../../src/domain/types'
import { chineseNameArb, idNumberArb, makeCase, mobileArb, orgNameArb } from './arbitraries'

const TITLE_CHARS = ['拖', '欠', '工', '资', '纠', '纷', '邻', '里', '噪', '音', '宅', '基', '地', '淑', '李']

const partyArb: fc.Arbitrary<SearchParty> = fc.oneof(
  fc.record({
    name: chineseNameArb(),
    kind: fc.constant('person' as const),
    idNumber: fc.option(
      idNumberArb().map((g) => g.idNumber),
      { nil: undefined },
    ),
    phone: fc.option(mobileArb(), { nil: undefined }),
  }),
  fc.record({
    name: orgNameArb(),
    kind: fc.constant('org' as const),
    idNumber: fc.constant(undefined),
    phone: fc.option(mobileArb(), { nil: undefined }),
  }),
)

/** The settings' mediators a search may name (m3 is never assigned below; 周 and 建 are shared). */
const MEDIATORS: NamedMediator[] = [
  { id: 'm1', name: '周建国' },
  { id: 'm2', name: '吴秀英' },
  { id: 'm3', name: '周建华' },
  { id: 'm4', name: '李淑' },
]

const caseArb: fc.Arbitrary<{ c: SearchCase; parties: SearchParty[] }> = fc.record({
  c: fc.record({
    mediatorIds: fc.subarray(['m1', 'm2', 'm4']),
    caseNo: fc.option(
      fc.integer({ min: 1, max: 999 }).map((n) => `（2026）X镇调字第${String(n).padStart(3, '0')}号`),
      { nil: undefined },
    ),
    title: fc.array(fc.constantFrom(...TITLE_CHARS), { minLength: 0, maxLength: 8 }).map((a) => a.join('')),
  }),
  parties: fc.array(partyArb, { minLength: 1, maxLength: 4 }),
})

/**
 * Queries a user would type about a case: name fragments, initials, full pinyin, suffixes, title parts,
 * mediators' names; and two or three of these as words apart.
 */
function queriesFor(c: SearchCase, parties: readonly SearchParty[]): fc.Arbitrary<string> {
  const one = wordsFor(c, parties)
  return fc.oneof(
    { arbitrary: one, weight: 3 },
    {
      arbitrary: fc
        .tuple(fc.array(one, { minLength: 2, maxLength: 3 }), fc.constantFrom(' ', '　', '  '))
        .map(([words, gap]) => words.join(gap)),
      weight: 2,
    },
  )
}

function wordsFor(c: SearchCase, parties: readonly SearchParty[]): fc.Arbitrary<string> {
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
      return fc
        .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 8 }))
        .map(([from, n]) => syllables.slice(from).join('').slice(0, n))
    }),
    slice(Array.from(c.title)),
    pick.chain((p) => fc.constantFrom(4, 6, 8).map((n) => (p.phone ?? '').slice(-n))),
    pick.chain((p) => fc.constantFrom(4, 5, 6, 18).map((n) => (p.idNumber ?? '').slice(-n))),
    fc.integer({ min: 1, max: 999 }).map(String),
    fc.constantFrom('lsj', '淑珺', 'x', '纠纷', '0000', 'yxgs', 'hd'),
    fc.constantFrom(...MEDIATORS).chain((m) => slice(Array.from(m.name))),
  ]
  return fc.oneof(...arbs)
}

function digestFor(c: SearchCase, parties: readonly SearchParty[]): CaseDigest {
  return digestOf(makeCase({ caseNo: c.caseNo, title: c.title, mediatorIds: c.mediatorIds ?? [] }), parties)
}

/** What the case list decides: the digest's verdict, confirmed by the reference only when it asks to. */
function lookup(c: SearchCase, parties: readonly SearchParty[], query: string): boolean {
  const verdict = digestSearch(query, MEDIATORS)(digestFor(c, parties))
  return verdict === 'match' || (verdict === 'verify' && matchesQuery(c, parties, query, MEDIATORS))
}

describe('a case digest', () => {
  const parties: SearchParty[] = [
    { name: '李淑珺', kind: 'person', idNumber: '11010519491231002X', phone: '13812345678' },
    { name: '宏达化工有限公司', kind: 'org' },
  ]
  const c: SearchCase = { caseNo: '（2026）X镇调字第012号', title: '拖欠工资纠纷' }

  it('finds the issue examples: 淑珺, lsj, full pinyin, ID and phone suffix, case number, title, company', () => {
    for (const q of [
      '淑珺',
      'lsj',
      'LSJ',
      'shujun',
      'lishujun',
      '002x',
      '5678',
      '12',
      '012',
      '（2026）X镇调字第012号',
      '第012号',
      '工资',
      '化工有限',
      '欠工资纠',
      '李淑珺',
      '13812345678',
      '11010519491231002X',
      'hdhg',
      'hgyx',
      '淑珺 化工',
      'lsj 5678',
      '138 1234 5678',
    ]) {
      expect(lookup(c, parties, q), q).toBe(true)
      expect(matchesQuery(c, parties, q), q).toBe(true)
    }
    for (const q of [
      '王',
      'wsj',
      '1234',
      '13',
      '邻里',
      '',
      '化',
      'jun',
      '工资欠',
      '99912345678',
      'hongda',
      'h',
      '淑珺 邻里',
      'lsj abc1',
    ])
      expect(lookup(c, parties, q), q).toBe(false)
  })

  it('keeps no whole ID, phone or credit-code number, only their last digits', () => {
    const d = digestFor(c, [
      ...parties,
      { name: '某公司', kind: 'org', creditCode: '91320500MA1MXXXX3K', phone: '051212345678' } as SearchParty,
    ])
    const text = JSON.stringify(toTuple(d))
    for (const whole of ['11010519491231002X', '13812345678', '91320500MA1MXXXX3K', '051212345678'])
      expect(text).not.toContain(whole)
    expect(d.idTails).toBe(`${'11010519491231002X'.slice(-TAIL)}\n`)
  })

  it('asks for the stored case only for numbers longer than the digits it keeps', () => {
    const d = digestFor(c, parties)
    expect(digestSearch('345678')(d)).toBe('match')
    expect(digestSearch('12345678')(d)).toBe('verify')
    expect(digestSearch('99345678')(d)).toBe('verify')
    expect(lookup(c, parties, '99345678')).toBe(false)
  })

  it('keeps astral-plane characters whole', () => {
    const rare = [{ name: '𠮷淑', kind: 'person' as const }]
    expect(lookup({ title: '' }, rare, '𠮷')).toBe(true)
    expect(lookup({ title: '' }, rare, '𠮷淑')).toBe(true)
    expect(lookup({ title: '' }, rare, '淑')).toBe(true)
  })

  it('classifies queries', () => {
    expect(queryKind('淑珺')).toBe('text')
    expect(queryKind(' LSJ ')).toBe('pinyin')
    expect(queryKind('5678')).toBe('digits')
    expect(queryKind('（2026）X镇调字第012号')).toBe('caseNo')
    expect(queryKind('李a1')).toBe('unsupported')
    expect(queryKind('   ')).toBe('empty')
  })

  it('is stored as an array and read back the same', () => {
    fc.assert(
      fc.property(caseArb, ({ c: k, parties: ps }) => {
        const d = digestFor(k, ps)
        expect(fromTuple(JSON.parse(JSON.stringify(toTuple(d))) as unknown[])).toEqual(d)
      }),
    )
  })
})

describe('the digest finds exactly what the reference finds', () => {
  it('for queries drawn from the case itself', () => {
    fc.assert(
      fc.property(
        caseArb.chain((k) => fc.tuple(fc.constant(k), queriesFor(k.c, k.parties))),
        ([{ c, parties }, query]) => {
          expect(lookup(c, parties, query)).toBe(matchesQuery(c, parties, query, MEDIATORS))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('for queries drawn from another case (no false positives, no misses)', () => {
    fc.assert(
      fc.property(
        caseArb,
        caseArb.chain((k) => queriesFor(k.c, k.parties)),
        ({ c, parties }, query) => {
          expect(lookup(c, parties, query)).toBe(matchesQuery(c, parties, query, MEDIATORS))
        },
      ),
      { numRuns: 500 },
    )
  })

  it("a person's name fragments and initials are settled by the digest alone and match their own case", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), ({ c, parties }, i, len) => {
        const persons = parties.filter((p) => p.kind === 'person')
        fc.pre(persons.length > 0)
        const person = persons[i % persons.length]!
        const chars = Array.from(person.name)
        const start = i % chars.length
        const fragment = chars.slice(start, start + 1 + (len % (chars.length - start))).join('')
        const d = digestFor(c, parties)
        expect(digestSearch(fragment)(d)).toBe('match')
        const initials = namePinyin(person.name, person.kind)
          .map((s) => s[0])
          .join('')
        if (initials) expect(digestSearch(initials)(d)).toBe('match')
      }),
    )
  })

  it("an organisation's initials (two letters or more) are settled by the digest alone and match its case", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), ({ c, parties }, i, len) => {
        const orgs = parties.filter((p) => p.kind !== 'person')
        fc.pre(orgs.length > 0)
        const org = orgs[i % orgs.length]!
        const initials = namePinyin(org.name, org.kind).map((s) => s[0])
        const start = i % (initials.length - 1)
        const part = initials.slice(start, start + 2 + (len % (initials.length - start - 1))).join('')
        expect(part.length).toBeGreaterThanOrEqual(2)
        expect(digestSearch(part)(digestFor(c, parties))).toBe('match')
      }),
    )
  })

  it("a mediator's name finds exactly the cases assigned to them", () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...MEDIATORS), ({ c, parties }, m) => {
        const ids = c.mediatorIds ?? []
        const named = parties.some((p) => p.name.includes(m.name)) || c.title.includes(m.name)
        fc.pre(!named)
        // 周建国 and 周建华 share no full name; 李淑 may also be a person's name in the case
        expect(lookup(c, parties, m.name)).toBe(ids.includes(m.id))
      }),
    )
  })
})

describe('filters on a digest and on its case agree', () => {
  const STATUSES: CaseStatus[] = [
    'intake',
    'rejected',
    'accepted',
    'investigating',
    'mediating',
    'drafting',
    'effective',
    'terminated',
    'closed',
    'archived',
  ]
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`)
  it('for random cases and filters', () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom(...STATUSES),
          receivedOn: day,
          dueOn: fc.option(day, { nil: undefined }),
          flags: fc.subarray<CaseFlag>(['群体性', '激化风险']),
          mediatorIds: fc.subarray(['m1', 'm2']),
          category: fc.constantFrom('邻里', '合同'),
        }),
        fc.record({
          status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
          stage: fc.option(fc.constantFrom<'open' | 'done'>('open', 'done'), { nil: undefined }),
          category: fc.option(fc.constantFrom('邻里', '合同'), { nil: undefined }),
          mediatorId: fc.option(fc.constantFrom('m1', 'm2'), { nil: undefined }),
          flag: fc.option(fc.constantFrom<CaseFlag>('群体性', '激化风险'), { nil: undefined }),
          from: fc.option(day, { nil: undefined }),
          to: fc.option(day, { nil: undefined }),
          deadline: fc.option(fc.constantFrom<'overdue' | 'due-soon'>('overdue', 'due-soon'), { nil: undefined }),
          today: fc.option(day, { nil: undefined }),
        }),
        (fields, q) => {
          const record = makeCase(fields)
          const filter: CaseFilter = q
          expect(matchesFilter(digestOf(record, []), filter)).toBe(matchesFilter(record, filter))
        },
      ),
      { numRuns: 500 },
    )
  })
})
