/**
 * 矛盾纠纷排查 rounds: the validation messages written out per input, the search, and the case link.
 */
import { describe, expect, it } from 'vitest'
import {
  casesOfRound,
  filterScreenings,
  linkedCounts,
  parseParticipants,
  roundChoices,
  screeningLinkOf,
  validateScreening,
  type ScreeningInput,
} from '../../../src/domain/screening'
import type { ScreeningRound } from '../../../src/domain/types'

const TODAY = '2026-11-20'
const good: ScreeningInput = {
  heldOn: '2026-11-05',
  area: '东村第三网格',
  kind: 'regular',
  mediatorIds: ['m1'],
  participantsText: '',
  found: 3,
  note: '',
}

describe('validateScreening', () => {
  const cases: { name: string; change: Partial<ScreeningInput>; linked?: number; errors: Record<string, string> }[] = [
    { name: 'no date', change: { heldOn: '' }, errors: { heldOn: '请填写排查日期' } },
    { name: 'spaces only', change: { heldOn: '  ' }, errors: { heldOn: '请填写排查日期' } },
    {
      name: 'not a day',
      change: { heldOn: '2026-11-31' },
      errors: { heldOn: '排查日期：没有2026年11月31日这一天，请检查' },
    },
    {
      name: 'not a date',
      change: { heldOn: '11月5日' },
      errors: { heldOn: '排查日期：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）' },
    },
    { name: 'tomorrow', change: { heldOn: '2026-11-21' }, errors: { heldOn: '排查日期不能晚于今天' } },
    { name: 'no area', change: { area: ' ' }, errors: { area: '请填写排查区域（村、社区或网格）' } },
    { name: 'area too long', change: { area: '村'.repeat(61) }, errors: { area: '排查区域不能超过60个字' } },
    { name: 'no kind', change: { kind: '' }, errors: { kind: '请选择排查类型' } },
    {
      name: 'nobody took part',
      change: { mediatorIds: [], participantsText: ' 、 ' },
      errors: { participants: '请选择或填写参加排查的人员' },
    },
    { name: 'found empty', change: { found: null }, errors: { found: '请填写发现的矛盾纠纷数，没有发现请填0' } },
    { name: 'found NaN', change: { found: Number.NaN }, errors: { found: '请填写发现的矛盾纠纷数，没有发现请填0' } },
    { name: 'found negative', change: { found: -1 }, errors: { found: '发现的矛盾纠纷数不能为负数' } },
    { name: 'found fraction', change: { found: 1.5 }, errors: { found: '发现的矛盾纠纷数应为整数' } },
    { name: 'found huge', change: { found: 10_001 }, errors: { found: '发现的矛盾纠纷数过大，请核对' } },
    {
      name: 'fewer found than cases',
      change: { found: 1 },
      linked: 2,
      errors: { found: '已有2件案件由本次排查登记，发现的矛盾纠纷数不能少于2' },
    },
    { name: 'note too long', change: { note: '记'.repeat(2001) }, errors: { note: '备注不能超过2000字' } },
    {
      name: 'everything wrong at once',
      change: { heldOn: '', area: '', kind: '', mediatorIds: [], found: -2 },
      errors: {
        heldOn: '请填写排查日期',
        area: '请填写排查区域（村、社区或网格）',
        kind: '请选择排查类型',
        participants: '请选择或填写参加排查的人员',
        found: '发现的矛盾纠纷数不能为负数',
      },
    },
  ]
  for (const c of cases) {
    it(`refuses: ${c.name}`, () => {
      expect(validateScreening({ ...good, ...c.change }, TODAY, c.linked)).toEqual({ ok: false, errors: c.errors })
    })
  }

  it('accepts today, zero found, others only, and cleans the input', () => {
    const r = validateScreening(
      {
        ...good,
        heldOn: ' 2026/11/20 ',
        area: ' 西村 ',
        mediatorIds: [],
        participantsText: '网格员王五、村干部赵六，王五 ; 张三',
        found: 0,
        note: ' 走访12户 ',
      },
      TODAY,
    )
    expect(r).toEqual({
      ok: true,
      value: {
        heldOn: '2026-11-20',
        area: '西村',
        kind: 'regular',
        mediatorIds: [],
        participants: ['网格员王五', '村干部赵六', '王五', '张三'],
        found: 0,
        note: '走访12户',
      },
    })
  })

  it('accepts as many found as linked cases', () => {
    expect(validateScreening({ ...good, found: 2 }, TODAY, 2).ok).toBe(true)
  })
})

describe('participants', () => {
  it('splits on 、，,；; and spaces, keeping each name once', () => {
    expect(parseParticipants('甲、乙，丙,丁；戊;己 庚\n甲')).toEqual(['甲', '乙', '丙', '丁', '戊', '己', '庚'])
    expect(parseParticipants('   ')).toEqual([])
  })
})

const round = (id: string, heldOn: string, over: Partial<ScreeningRound> = {}): ScreeningRound => ({
  id,
  heldOn,
  createdAt: `${heldOn}T08:00:00.000Z`,
  updatedAt: `${heldOn}T08:00:00.000Z`,
  area: '东村',
  kind: 'regular',
  mediatorIds: [],
  participants: [],
  found: 0,
  note: '',
  ...over,
})

describe('the 排查 list', () => {
  const names: Record<string, string> = { m1: '李淑珺', m2: '王𠮷' }
  const name = (id: string) => names[id] ?? '（已删除）'
  const rounds = [
    round('a', '2026-10-30', { area: '东村第三网格', note: '宅基地纠纷苗头' }),
    round('b', '2026-11-05', { area: '西村', mediatorIds: ['m1'], participants: ['网格员王五'] }),
    round('c', '2026-11-05', { area: '南街社区', createdAt: '2026-11-05T09:00:00.000Z', mediatorIds: ['m2'] }),
    round('d', '2026-11-30', { area: 'Lake Village', note: 'Flood' }),
  ]
  const ids = (filter: Parameters<typeof filterScreenings>[1]) =>
    filterScreenings(rounds, filter, name).map((r) => r.id)

  it('lists the newest first, one day by entry time', () => {
    expect(ids({})).toEqual(['d', 'c', 'b', 'a'])
  })
  it('filters by the days held, both ends included', () => {
    expect(ids({ from: '2026-11-01', to: '2026-11-05' })).toEqual(['c', 'b'])
    expect(ids({ from: '2026-11-05' })).toEqual(['d', 'c', 'b'])
    expect(ids({ to: '2026-10-30' })).toEqual(['a'])
  })
  it('searches the area, the note and everyone who took part; every word must be found', () => {
    expect(ids({ search: '网格' })).toEqual(['b', 'a'])
    expect(ids({ search: '宅基地' })).toEqual(['a'])
    expect(ids({ search: '李淑珺' })).toEqual(['b'])
    expect(ids({ search: '𠮷' })).toEqual(['c'])
    expect(ids({ search: '王五 西村' })).toEqual(['b'])
    expect(ids({ search: '王五 东村' })).toEqual([])
    expect(ids({ search: 'flood' })).toEqual(['d'])
    expect(ids({ search: '  ' })).toEqual(['d', 'c', 'b', 'a'])
  })
  it('offers the newest rounds in a case’s select, and always the one it names', () => {
    expect(roundChoices(rounds, undefined, 2).map((r) => r.id)).toEqual(['d', 'c'])
    expect(roundChoices(rounds, 'a', 2).map((r) => r.id)).toEqual(['d', 'c', 'a'])
    expect(roundChoices(rounds, 'c', 2).map((r) => r.id)).toEqual(['d', 'c'])
  })
})

describe('cases found by a round', () => {
  it('keeps the link only for 主动排查 cases with a round chosen', () => {
    expect(screeningLinkOf('主动排查', 'r1')).toBe('r1')
    expect(screeningLinkOf('主动排查', '')).toBeUndefined()
    expect(screeningLinkOf('主动排查', undefined)).toBeUndefined()
    expect(screeningLinkOf('当事人申请', 'r1')).toBeUndefined()
    expect(screeningLinkOf('网格员上报', 'r1')).toBeUndefined()
  })
  it('counts the cases naming each round', () => {
    const cases = [{ screeningId: 'r1' }, {}, { screeningId: 'r2' }, { screeningId: 'r1' }]
    expect(casesOfRound(cases, 'r1')).toHaveLength(2)
    expect(casesOfRound(cases, 'r3')).toHaveLength(0)
    expect([...linkedCounts(cases)]).toEqual([
      ['r1', 2],
      ['r2', 1],
    ])
  })
})
