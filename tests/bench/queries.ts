/**
 * The queries the case-list figures run: every single filter and every kind of search, each with at
 * least 20 varied values taken from the generated data set itself (so searches hit real names).
 */
import type { CaseQuery } from '../../src/db/caseQueries'
import { namePinyin } from '../../src/domain/search'
import { codePoints } from '../../src/domain/text'
import { DEFAULT_CATEGORIES } from '../../src/domain/categories'
import type { CaseFlag, CaseSource, CaseStatus, Party } from '../../src/domain/types'
import { addDays } from '../../src/domain/dates'
import { generateCaseBundle, type CaseWorld } from '../fixtures/generate/cases'
import { RARE_NAME_CHARS } from '../fixtures/generate/people'
import { randomInt, seededRandom, type Random } from '../fixtures/generate/random'

export const QUERIES_PER_KIND = 24

const STATUSES: CaseStatus[] = [
  'intake',
  'rejected',
  'accepted',
  'investigating',
  'mediating',
  'drafting',
  'effective',
  'terminated',
  'withdrawn',
  'referred',
  'closed',
  'archived',
]
const SOURCES: CaseSource[] = [
  '当事人申请',
  '主动排查',
  '公安移交',
  '法院委派委托',
  '政府部门交办',
  '网格员上报',
  '信访12345转办',
  '其他',
]
const FLAGS: CaseFlag[] = ['群体性', '激化风险', '涉企', '涉及未成年人']

const cycle = <T>(values: readonly T[], n = QUERIES_PER_KIND): T[] =>
  Array.from({ length: n }, (_, i) => values[i % values.length]!)

/** Random generated people (natural persons) of the data set, with the case they belong to. */
/** Picks a data-set index among the cases actually loaded. */
export type IndexPicker = (rand: Random) => number

function samplePeople(
  rand: Random,
  pickIndex: IndexPicker,
  seed: number,
  world: CaseWorld,
  n: number,
  accept: (p: Party) => boolean = () => true,
  tries = 20_000,
): Party[] {
  const out: Party[] = []
  for (let t = 0; t < tries && out.length < n; t++) {
    const bundle = generateCaseBundle(seed, pickIndex(rand), world)
    const person = bundle.parties.find((p) => p.kind === 'person' && accept(p))
    if (person) out.push(person)
  }
  return out
}

function sampleCaseNumbers(rand: Random, pickIndex: IndexPicker, seed: number, world: CaseWorld, n: number): string[] {
  const out: string[] = []
  while (out.length < n) {
    const c = generateCaseBundle(seed, pickIndex(rand), world).case
    if (c.caseNo) out.push(c.caseNo)
  }
  return out
}

/** Two characters of a name: the given name of a 3-character name (淑珺 of 李淑珺), or the whole 2-character name. */
function twoCharFragment(name: string): string {
  const chars = codePoints(name)
  return chars.slice(-2).join('')
}

/** Two characters of a name around its rare character (喆 in 陈喆 gives 陈喆; a rare surname, itself and the next). */
function rareFragment(name: string): string {
  const chars = codePoints(name)
  const k = Math.max(
    1,
    chars.findIndex((ch) => RARE_NAME_CHARS.includes(ch)),
  )
  return chars.slice(k - 1, k + 1).join('')
}

export type QueryKinds = Record<string, CaseQuery[]>

export function listQueries(seed: number, world: CaseWorld): QueryKinds {
  const rand = seededRandom(seed ^ 0x5eed)
  const today = world.today
  const dateRanges = Array.from({ length: QUERIES_PER_KIND }, () => {
    const to = addDays(today, -randomInt(rand, 0, 900))
    return { from: addDays(to, -randomInt(rand, 7, 90)), to }
  })
  return {
    none: cycle([{}]),
    status: cycle(STATUSES.map((status) => ({ status }))),
    stage: cycle([{ stage: 'open' as const }, { stage: 'done' as const }]),
    category: cycle(DEFAULT_CATEGORIES.map((category) => ({ category }))),
    room: cycle(world.roomIds.map((roomId) => ({ roomId }))),
    mediator: cycle(world.mediatorIds.map((mediatorId) => ({ mediatorId }))),
    source: cycle(SOURCES.map((source) => ({ source }))),
    flag: cycle(FLAGS.map((flag) => ({ flag }))),
    'date-range': dateRanges,
    overdue: cycle([{ deadline: 'overdue' as const, today }]),
    'due-soon': cycle([{ deadline: 'due-soon' as const, today }]),
    // not a target of the issue, but what a user does next: a second filter (rare pairs included)
    'two-filters': Array.from({ length: QUERIES_PER_KIND }, (_, i): CaseQuery => {
      const category = DEFAULT_CATEGORIES[i % DEFAULT_CATEGORIES.length]!
      const pairs: CaseQuery[] = [
        { status: STATUSES[i % STATUSES.length]!, category },
        { roomId: world.roomIds[i % world.roomIds.length]!, flag: FLAGS[i % FLAGS.length]! },
        { source: SOURCES[i % SOURCES.length]!, category },
      ]
      return pairs[i % pairs.length]!
    }),
  }
}

export function searchQueries(seed: number, world: CaseWorld, pickIndex: IndexPicker): QueryKinds {
  const rand = seededRandom(seed ^ 0x5ea7c4)
  const n = QUERIES_PER_KIND
  const people = samplePeople(rand, pickIndex, seed, world, n)
  const rare = samplePeople(rand, pickIndex, seed, world, n, (p) => RARE_NAME_CHARS.some((ch) => p.name.includes(ch)))
  const numbers = sampleCaseNumbers(rand, pickIndex, seed, world, n)
  const search = (values: string[]): CaseQuery[] => values.map((s) => ({ search: s }))
  return {
    'name-2chars': search(people.map((p) => twoCharFragment(p.name))),
    'name-full': search(people.map((p) => p.name)),
    'name-rare-char': search(rare.map((p) => rareFragment(p.name))),
    'pinyin-initials': search(
      people.map((p) =>
        namePinyin(p.name)
          .map((s) => s[0])
          .join(''),
      ),
    ),
    'pinyin-full': search(people.map((p) => namePinyin(p.name).join(''))),
    'case-no': search(numbers),
    'case-no-part': search(numbers.map((no) => /第\d+号/.exec(no)?.[0] ?? no)),
    'seq-digits': search(numbers.map((no) => String(Number(/第(\d+)号/.exec(no)?.[1] ?? '1')))),
    'id-suffix-6': search(people.map((p) => (p.idNumber ?? '').slice(-6))),
    'id-suffix-4': search(people.map((p) => (p.idNumber ?? '').slice(-4))),
    'phone-suffix-4': search(people.map((p) => (p.phone ?? '').slice(-4))),
    'title-word': search(cycle(['赡养', '欠薪', '工资', '漏水', '宅基', '噪音', '借贷', '物业', '交通', '抚养'])),
    // longer than two characters: pairs of keys (纠纷 is in nearly every title), confirmed by the reference
    'title-phrase': search(
      cycle(['赡养纠纷', '拖欠工资', '房屋漏水', '民间借贷', '噪音扰民', '交通事故', '物业服务费', '婆媳矛盾']),
    ),
    'org-name': search(
      cycle(['恒泰化工', '宏达建筑', '新安物流', '华𠮷纺织', '金桥电池', '天能劳务', '超威商贸', '长兴永兴']),
    ),
    'no-match': search(cycle(['龘龘', 'qqqzz', '999999'])),
  }
}

/** Filters whose count the list shows next to the first page (reported, no target). */
export function countQueries(seed: number, world: CaseWorld, pickIndex: IndexPicker): QueryKinds {
  const s = searchQueries(seed, world, pickIndex)
  return {
    all: [{}],
    'stage-open': [{ stage: 'open' }],
    'status-mediating': [{ status: 'mediating' }],
    'category-邻里': [{ category: '邻里' }],
    overdue: [{ deadline: 'overdue', today: world.today }],
    'search-name-2chars': s['name-2chars']!.slice(0, 1),
    'search-pinyin-initials': s['pinyin-initials']!.slice(0, 1),
    'status+category': [{ status: 'archived', category: '婚姻家庭' }],
  }
}
