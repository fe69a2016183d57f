/**
 * Every filter and search kind of the case list, against a small hand-made set of cases, with the
 * expected cases written out by hand (in list order). The same table is run through the real query
 * path (src/db/caseQueries.ts, src/db/caseFacts.ts over fake-indexeddb) and through the domain's
 * predicates (src/domain/caseDigest.ts `matchesFilter`, `digestSearch`; src/domain/search.ts
 * `matchesQuery`, `matchesFacts`), so neither is its own reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCaseDocs, caseDocTables } from '../../../src/db/caseDocs'
import type { NewCaseDoc } from '../../../src/db/records'
import { countCases, findRepeatParties, listCases, type CaseQuery } from '../../../src/db/caseQueries'
import { withoutStageFilter } from '../../../src/domain/caseQuery'
import { searchFacts } from '../../../src/db/caseFacts'
import type { MediationDb } from '../../../src/db/schema'
import { digestOf, digestSearch, matchesFilter } from '../../../src/domain/caseDigest'
import { matchesFacts, matchesQuery } from '../../../src/domain/search'
import type { CaseFlag, CaseRecord, CaseSource, CaseStatus, Party } from '../../../src/domain/types'
import { freshDb } from './helpers'

const TODAY = '2026-06-15'
const R1 = 'room-1'
const R2 = 'room-2'
const M1 = 'mediator-1'
const M2 = 'mediator-2'
/** The settings' mediators a search may name; 周建华 has no case. */
const MEDIATORS = [
  { id: M1, name: '周建国' },
  { id: M2, name: '吴秀英' },
  { id: 'mediator-3', name: '周建华' },
]

interface Spec {
  id: string
  status: CaseStatus
  receivedOn: string
  category: string
  roomId: string
  source: CaseSource
  mediatorIds: string[]
  flags: CaseFlag[]
  title: string
  facts: string
  caseNo?: string
  dueOn?: string
  parties: Partial<Party>[]
}

const who = (name: string, extra: Partial<Party> = {}): Partial<Party> => ({ kind: 'person', name, ...extra })
const org = (name: string, creditCode: string): Partial<Party> => ({ kind: 'org', name, creditCode })

/**
 * List order (newest intake first): c07 06-15, c03 06-10, c01 06-01, c09 05-25, c02 05-20, c08 04-01,
 * c06 01-02, c05 01-01, c04 2025-12-30.
 */
const SPECS: Spec[] = [
  {
    id: 'c01',
    status: 'intake',
    receivedOn: '2026-06-01',
    category: '邻里',
    roomId: R1,
    source: '当事人申请',
    mediatorIds: [],
    flags: [],
    title: '相邻通行纠纷',
    facts: '双方因院墙通道发生争执。',
    parties: [who('王𠮷', { phone: '13900001111', idNumber: '110101199003071234' }), who('赵堃')],
  },
  {
    id: 'c02',
    status: 'accepted',
    receivedOn: '2026-05-20',
    category: '合同',
    roomId: R1,
    source: '公安移交',
    mediatorIds: [M1],
    flags: ['群体性'],
    title: '货款拖欠纠纷',
    facts: '建材货款至今未付。',
    caseNo: '（2026）城关镇调字第007号',
    dueOn: '2026-06-14',
    parties: [
      who('李淑珺', { idNumber: '43060219850101002X', phone: '138-1234-5678' }),
      org('岳阳市云溪区建材有限公司', '91430603MA4L123456'),
    ],
  },
  {
    id: 'c03',
    status: 'mediating',
    receivedOn: '2026-06-10',
    category: '邻里',
    roomId: R2,
    source: '网格员上报',
    mediatorIds: [M1, M2],
    flags: ['激化风险'],
    title: '宅基地界址纠纷',
    facts: '两家因院墙通道和宅基地界址争执。',
    caseNo: '（2026）城关镇调字第012号',
    dueOn: '2026-06-18',
    parties: [who('欧阳喆', { phone: '13712345678' }), who('张赟')],
  },
  {
    id: 'c04',
    status: 'drafting',
    receivedOn: '2025-12-30',
    category: '物业',
    roomId: R2,
    source: '当事人申请',
    mediatorIds: [M2],
    flags: ['涉企'],
    title: '物业费纠纷',
    facts: '业主拖欠物业费两年。',
    caseNo: '（2025）城关镇调字第120号',
    dueOn: '2026-06-15',
    parties: [org('城关物业服务有限公司', '91430603MA4L654321'), who('王五', { idNumber: '430602197001011234' })],
  },
  {
    id: 'c05',
    status: 'closed',
    receivedOn: '2026-01-01',
    category: '邻里',
    roomId: R1,
    source: '法院委派委托',
    mediatorIds: [M2],
    flags: [],
    title: '噪音扰民纠纷',
    facts: '楼上夜间噪音，影响休息。',
    caseNo: '（2026）城关镇调字第001号',
    dueOn: '2026-01-31',
    parties: [who('李四', { phone: '0730-8123456' })],
  },
  {
    id: 'c06',
    status: 'archived',
    receivedOn: '2026-01-02',
    category: '婚姻家庭',
    roomId: R1,
    source: '当事人申请',
    mediatorIds: [M1],
    flags: [],
    title: '赡养费纠纷',
    facts: '子女之间分担赡养费。',
    caseNo: '（2026）城关镇调字第002号',
    parties: [who('张三')],
  },
  {
    id: 'c07',
    status: 'rejected',
    receivedOn: '2026-06-15',
    category: '合同',
    roomId: R1,
    source: '主动排查',
    mediatorIds: [],
    flags: [],
    title: '借款纠纷',
    facts: '已由法院受理。',
    parties: [who('单雄')],
  },
  {
    id: 'c08',
    status: 'effective',
    receivedOn: '2026-04-01',
    category: '婚姻家庭',
    roomId: R2,
    source: '信访12345转办',
    mediatorIds: [M1],
    flags: ['群体性', '涉及未成年人'],
    title: '抚养费纠纷',
    facts: '抚养费按月给付。',
    caseNo: '（2026）城关镇调字第020号',
    dueOn: '2026-06-10',
    parties: [who('曾强')],
  },
  {
    id: 'c09',
    status: 'investigating',
    receivedOn: '2026-05-25',
    category: '劳动争议（含欠薪）',
    roomId: R1,
    source: '当事人申请',
    mediatorIds: [M2],
    flags: ['涉企'],
    title: '工资拖欠纠纷',
    facts: '工地欠薪三个月。',
    caseNo: '（2026）城关镇调字第008号',
    dueOn: '2026-06-19',
    parties: [who('刘洋', { phone: '15800000000' })],
  },
]

const STAMP = '2026-06-15T00:00:00.000Z'

function docOf(s: Spec): NewCaseDoc {
  const parties: Party[] = s.parties.map((p, i) => ({
    id: `${s.id}-p${i}`,
    createdAt: STAMP,
    updatedAt: STAMP,
    caseId: s.id,
    role: i === 0 ? '申请人' : '被申请人',
    kind: 'person',
    name: '',
    order: i,
    agents: [],
    ...p,
  }))
  const record: CaseRecord = {
    id: s.id,
    createdAt: STAMP,
    updatedAt: STAMP,
    committeeId: 'committee-1',
    roomId: s.roomId,
    status: s.status,
    source: s.source,
    category: s.category,
    title: s.title,
    facts: s.facts,
    requests: [],
    amountFen: 0,
    peopleCount: parties.length,
    flags: s.flags,
    mediatorIds: s.mediatorIds,
    receivedOn: s.receivedOn,
    performance: [],
    partySummary: parties.map((p) => p.name).join(' 与 '),
    ...(s.caseNo !== undefined ? { caseNo: s.caseNo } : {}),
    ...(s.dueOn !== undefined ? { dueOn: s.dueOn } : {}),
  }
  return { ...record, parties, sessions: [] }
}

const DOCS = SPECS.map(docOf)
const ALL_IN_ORDER = ['c07', 'c03', 'c01', 'c09', 'c02', 'c08', 'c06', 'c05', 'c04']

/** [what it shows, the query, the expected case ids in list order] */
type Row = [string, CaseQuery, string[]]

const FILTERS: Row[] = [
  ['no filter: every case', {}, ALL_IN_ORDER],
  ['status 调解中', { status: 'mediating' }, ['c03']],
  ['status 已归档', { status: 'archived' }, ['c06']],
  ['stage open: not closed, archived or rejected', { stage: 'open' }, ['c03', 'c01', 'c09', 'c02', 'c08', 'c04']],
  ['stage done', { stage: 'done' }, ['c07', 'c06', 'c05']],
  ['category 邻里', { category: '邻里' }, ['c03', 'c01', 'c05']],
  ['category with brackets', { category: '劳动争议（含欠薪）' }, ['c09']],
  ['room 2', { roomId: R2 }, ['c03', 'c08', 'c04']],
  ['mediator 1 (one of several)', { mediatorId: M1 }, ['c03', 'c02', 'c08', 'c06']],
  ['source 当事人申请', { source: '当事人申请' }, ['c01', 'c09', 'c06', 'c04']],
  ['source 信访12345转办', { source: '信访12345转办' }, ['c08']],
  ['flag 群体性', { flag: '群体性' }, ['c02', 'c08']],
  ['flag 涉企', { flag: '涉企' }, ['c09', 'c04']],
  ['received from (inclusive)', { from: '2026-06-01' }, ['c07', 'c03', 'c01']],
  ['received to (inclusive, across the year)', { to: '2026-01-02' }, ['c06', 'c05', 'c04']],
  ['received between', { from: '2026-05-20', to: '2026-06-01' }, ['c01', 'c09', 'c02']],
  ['received on one day', { from: '2026-01-01', to: '2026-01-01' }, ['c05']],
  ['an empty date range', { from: '2026-02-01', to: '2026-03-31' }, []],
  // the clock runs for accepted, investigating, mediating, drafting: c08 (effective) and c05 (closed) have
  // a past last day but are not overdue
  ['overdue: last day before today, clock running', { deadline: 'overdue', today: TODAY }, ['c02']],
  // most urgent first: c04 is due today, c03 in three days; c09 in four days is not due soon
  ['due soon: today to three days ahead', { deadline: 'due-soon', today: TODAY }, ['c04', 'c03']],
  ['due soon on a later day', { deadline: 'due-soon', today: '2026-06-16' }, ['c03', 'c09']],
  ['overdue on a later day, most urgent first', { deadline: 'overdue', today: '2026-06-19' }, ['c02', 'c04', 'c03']],
  ['category and stage', { category: '邻里', stage: 'open' }, ['c03', 'c01']],
  ['room and flag', { roomId: R1, flag: '群体性' }, ['c02']],
  ['due soon and mediator', { deadline: 'due-soon', today: TODAY, mediatorId: M1 }, ['c03']],
  ['status and dates', { status: 'intake', from: '2026-06-02' }, []],
]

const SEARCHES: Row[] = [
  // Chinese text: a person's name contains it (one character is enough)
  ['a two-character name part', { search: '淑珺' }, ['c02']],
  ['one character of a name', { search: '珺' }, ['c02']],
  ['a surname in two cases', { search: '王' }, ['c01', 'c04']],
  ['a rare character outside the BMP', { search: '𠮷' }, ['c01']],
  ['spaces in the query are ignored', { search: '王 𠮷' }, ['c01']],
  ['a compound surname and given name', { search: '欧阳喆' }, ['c03']],
  ['characters not in one name', { search: '阳喆相' }, []],
  // Chinese text of two characters or more: also organisation names and titles
  ['an organisation name part', { search: '建材' }, ['c02']],
  ['one character does not search organisations', { search: '材' }, []],
  ['an organisation name and a title', { search: '物业' }, ['c04']],
  ['a title part', { search: '界址' }, ['c03']],
  ['a title part in several cases', { search: '拖欠' }, ['c09', 'c02']],
  ['the committee name is not a party', { search: '城关镇' }, []],
  // latin letters: persons' pinyin initials contain it, or the full pinyin from the first or second syllable starts with it
  ['initials', { search: 'lsj' }, ['c02']],
  ['initials typed in capitals', { search: 'LSJ' }, ['c02']],
  ['initials of a compound surname', { search: 'oyz' }, ['c03']],
  ['a part of the initials', { search: 'zk' }, ['c01']],
  ['one letter: in the initials', { search: 'k' }, ['c01']],
  ['full pinyin from the surname', { search: 'lishujun' }, ['c02']],
  ['the start of the full pinyin', { search: 'lishu' }, ['c02']],
  ['full pinyin from the second syllable', { search: 'shujun' }, ['c02']],
  ['full pinyin from the third syllable does not count', { search: 'jun' }, []],
  ['a surname in two cases, by pinyin', { search: 'wang' }, ['c01', 'c04']],
  ['单 read as a surname (shan)', { search: 'shanxiong' }, ['c07']],
  ['曾 read as a surname (zeng)', { search: 'zq' }, ['c08']],
  // two letters or more: also an organisation's pinyin initials contain it (城关物业服务有限公司: cgwyfwyxgs)
  ['an organisation by its pinyin initials', { search: 'cgwy' }, ['c04']],
  ['a part of an organisation’s initials', { search: 'jcyx' }, ['c02']],
  ['有限公司 by its initials, in both organisations', { search: 'yxgs' }, ['c02', 'c04']],
  ['one letter is not looked for in organisations', { search: 'g' }, []],
  ['organisations are not found by full pinyin', { search: 'chengguan' }, []],
  // case numbers: the number contains it, brackets full- or half-width
  ['a whole case number', { search: '（2026）城关镇调字第007号' }, ['c02']],
  ['a case number with half-width brackets', { search: '(2026)城关镇调字第007号' }, ['c02']],
  ['a year in brackets', { search: '（2025）' }, ['c04']],
  ['a number part', { search: '调字第01' }, ['c03']],
  ['第…号 with the padded number', { search: '第012号' }, ['c03']],
  // digits of up to six: the 序号 of the case number
  ['序号 7', { search: '7' }, ['c02']],
  ['序号 12', { search: '12' }, ['c03']],
  ['序号 120', { search: '120' }, ['c04']],
  ['序号 typed with zeros', { search: '001' }, ['c05']],
  ['full-width digits', { search: '１２' }, ['c03']],
  // 4, 6 or 7+ digits: an ID number or phone ends with it
  ['an ID tail of four digits in two cases', { search: '1234' }, ['c01', 'c04']],
  ['a phone tail of four digits in two cases', { search: '5678' }, ['c03', 'c02']],
  ['an ID tail ending in X', { search: '002X' }, ['c02']],
  ['an ID tail ending in lower-case x', { search: '002x' }, ['c02']],
  ['five digits are not a tail', { search: '12345' }, []],
  ['a phone tail of six digits', { search: '345678' }, ['c03', 'c02']],
  ['a phone written with dashes, by seven digits', { search: '8123456' }, ['c05']],
  ['a whole phone number (longer than the digest keeps)', { search: '13712345678' }, ['c03']],
  ['a whole ID number (longer than the digest keeps)', { search: '110101199003071234' }, ['c01']],
  ['a long number with a kept tail but another start', { search: '19912345678' }, []],
  ['the start of a phone is not a tail', { search: '0730' }, []],
  // a credit code is not a search key: its six-digit tail finds only the phone ending the same way
  ['digits that end a credit code', { search: '123456' }, ['c05']],
  // two words or more: every word matches, each by its own kind; or the words joined match as one
  ['two words: a name and a title part', { search: '李淑珺 货款' }, ['c02']],
  ['two words must both match', { search: '李淑珺 物业' }, []],
  ['two words of different kinds', { search: 'lsj 5678' }, ['c02']],
  ['words apart by a full-width space', { search: '王五　物业' }, ['c04']],
  ['three words', { search: '欧阳 张赟 界址' }, ['c03']],
  ['a phone typed with spaces is still one number', { search: '137 1234 5678' }, ['c03']],
  ['a word of no kind finds nothing', { search: '李淑珺 abc1' }, []],
  ['words within a filter', { search: '王 纠纷', stage: 'open' }, ['c01', 'c04']],
  ['an ID number typed in parts, with the words joined', { search: '430602 1970 01011234' }, ['c04']],
  // a mediator's name (two characters or more) finds the cases assigned to them
  ['a mediator by name', { search: '周建国', mediators: MEDIATORS }, ['c03', 'c02', 'c08', 'c06']],
  ['a part of a mediator’s name', { search: '秀英', mediators: MEDIATORS }, ['c03', 'c09', 'c05', 'c04']],
  [
    'a part naming two mediators, one without cases',
    { search: '周建', mediators: MEDIATORS },
    ['c03', 'c02', 'c08', 'c06'],
  ],
  ['one character does not name a mediator', { search: '吴', mediators: MEDIATORS }, []],
  ['a mediator and a party', { search: '吴秀英 刘洋', mediators: MEDIATORS }, ['c09']],
  ['a mediator within a stage', { search: '周建国', mediators: MEDIATORS, stage: 'done' }, ['c06']],
  ['a name no mediator has', { search: '周建国', mediators: [{ id: M1, name: '周某' }] }, []],
  // queries of no kind
  ['letters and digits', { search: 'abc1' }, []],
  ['Chinese and letters', { search: 'li四' }, []],
  ['blank', { search: '   ' }, ALL_IN_ORDER],
  // search and filters together
  ['a surname within a status', { search: '王', status: 'intake' }, ['c01']],
  ['an ID tail within a room', { search: '1234', roomId: R2 }, ['c04']],
  ['a title part within a deadline list', { search: '纠纷', deadline: 'due-soon', today: TODAY }, ['c04', 'c03']],
]

/** The facts (事实经过), looked for on request among cases the normal search did not find. */
const FACTS: Row[] = [
  ["a phrase in two cases' facts", { search: '院墙通道' }, ['c03', 'c01']],
  ['a phrase within a filter', { search: '院墙', status: 'intake' }, ['c01']],
  ['cases the normal search finds are not repeated', { search: '界址' }, []],
  ['one character is not a facts query', { search: '薪' }, []],
  ['digits are not a facts query', { search: '2026' }, []],
  ['a half-width comma meets the full-width one in the facts', { search: '噪音,影响' }, ['c05']],
]

let db: MediationDb

beforeAll(async () => {
  db = freshDb()
  await db.transaction('rw', caseDocTables(db), () => addCaseDocs(db, DOCS))
})

afterAll(() => db.close())

const byId = new Map(DOCS.map((d) => [d.id, d]))
const inListOrder = (ids: Iterable<string>): string[] => ALL_IN_ORDER.filter((id) => [...ids].includes(id))

describe('the case list query path, by a written-out table', () => {
  it.each([...FILTERS, ...SEARCHES])('%s', async (_what, q, expected) => {
    expect((await listCases(db, q, 0, 100)).rows.map((r) => r.id)).toEqual(expected)
    expect(await countCases(db, q)).toBe(expected.length)
  })

  it.each(FACTS)('facts: %s', async (_what, q, expected) => {
    expect((await searchFacts(db, q)).rows.map((r) => r.id)).toEqual(expected)
  })

  // [the search and its filter, cases found, cases the stage/status filter hid]
  it.each<[CaseQuery, number, number]>([
    [{ search: '张三', stage: 'open' }, 0, 1],
    [{ search: '纠纷', stage: 'open' }, 6, 3],
    [{ search: '纠纷', stage: 'done' }, 3, 6],
    [{ search: '李', status: 'closed' }, 1, 1],
    [{ search: '周建国', mediators: MEDIATORS, stage: 'open' }, 3, 1],
    [{ search: '刘洋', stage: 'open' }, 1, 0],
  ])('the stage filter of %j hides what it hides', async (q, found, hidden) => {
    const wider = withoutStageFilter(q)!
    expect(await countCases(db, q)).toBe(found)
    expect((await countCases(db, wider)) - found).toBe(hidden)
  })

  it('a first page of two is the head of the list, with more after it', async () => {
    const page = await listCases(db, { stage: 'open' }, 0, 2)
    expect(page.rows.map((r) => r.id)).toEqual(['c03', 'c01'])
    expect(page.hasMore).toBe(true)
    const last = await listCases(db, { stage: 'open' }, 4, 2)
    expect(last.rows.map((r) => r.id)).toEqual(['c08', 'c04'])
    expect(last.hasMore).toBe(false)
  })
})

describe('the domain predicates, by the same table', () => {
  const filterOnly = (q: CaseQuery): string[] => DOCS.filter((d) => matchesFilter(d, q)).map((d) => d.id)
  const searchHits = (q: CaseQuery): string[] =>
    q.search?.trim()
      ? DOCS.filter((d) => matchesQuery(d, d.parties, q.search ?? '', q.mediators)).map((d) => d.id)
      : DOCS.map((d) => d.id)

  it.each(FILTERS)('matchesFilter: %s', (_what, q, expected) => {
    expect(inListOrder(filterOnly(q))).toEqual(inListOrder(expected))
  })

  it.each(SEARCHES)('matchesQuery: %s', (_what, q, expected) => {
    const hits = searchHits(q)
    expect(inListOrder(filterOnly(q).filter((id) => hits.includes(id)))).toEqual(inListOrder(expected))
  })

  it.each(SEARCHES)('digestSearch: %s', (_what, q, expected) => {
    const search = q.search?.trim() ? digestSearch(q.search, q.mediators) : () => 'match'
    const found = DOCS.filter((d) => {
      const digest = digestOf(d, d.parties)
      if (!matchesFilter(digest, q)) return false
      const verdict = search(digest)
      // 'verify' is settled on the stored case, as the list does
      return verdict === 'match' || (verdict === 'verify' && matchesQuery(d, d.parties, q.search ?? '', q.mediators))
    })
    expect(inListOrder(found.map((d) => d.id))).toEqual(inListOrder(expected))
  })

  it.each(FACTS)('matchesFacts: %s', (_what, q, expected) => {
    const normal = digestSearch(q.search ?? '')
    const found = DOCS.filter(
      (d) => matchesFilter(d, q) && normal(digestOf(d, d.parties)) === 'none' && matchesFacts(d, q.search ?? ''),
    )
    expect(inListOrder(found.map((d) => d.id))).toEqual(inListOrder(expected))
  })

  it('every case of the table is looked at', () => {
    expect(new Set(ALL_IN_ORDER)).toEqual(new Set(byId.keys()))
  })
})

describe('repeat parties, by ID number, credit code, or name with phone', () => {
  const rows: [string, Parameters<typeof findRepeatParties>[1][0], string[]][] = [
    ['the same ID number', { name: '王某', idNumber: '110101199003071234' }, ['c01']],
    ['an ID number typed with a lower-case x', { name: '', idNumber: '43060219850101002x' }, ['c02']],
    ['the same credit code', { name: '某公司', creditCode: '91430603MA4L123456' }, ['c02']],
    ['a credit code with the same tail but another start', { name: '', creditCode: '91110000MA4L123456' }, []],
    ['the same name and phone', { name: '欧阳喆', phone: '137 1234 5678' }, ['c03']],
    ['the same phone under another name', { name: '欧阳', phone: '13712345678' }, []],
    ['nothing to compare', { name: '李四' }, []],
  ]
  it.each(rows)('%s', async (_what, person, expected) => {
    expect((await findRepeatParties(db, [person])).map((h) => h.case.id)).toEqual(expected)
  })

  it('leaves out the case being edited', async () => {
    expect(await findRepeatParties(db, [{ name: '', idNumber: '110101199003071234' }], 'c01')).toEqual([])
  })
})
