/**
 * Names of rooms and mediators a record names (src/domain/rosterNames.ts), against written-out tables: a
 * known one by its name (stopped or not), one this PC does not know as another PC's, never （已删除）,
 * never the id.
 */
import { describe, expect, it } from 'vitest'
import { rosterName, rosterNames, rosterOptions, type RosterEntry } from '../../../src/domain/rosterNames'

const LI = 'a1111111-1111-4111-8111-111111111111'
const WANG = 'a2222222-2222-4222-8222-222222222222'
/** stopped (停用) here, still named */
const ZHAO = 'a3333333-3333-4333-8333-333333333333'
/** another PC's: not in this PC's settings */
const X1 = 'f1111111-1111-4111-8111-111111111111'
const X2 = 'f2222222-2222-4222-8222-222222222222'

const MEDIATORS: RosterEntry[] = [
  { id: LI, name: '李淑珺', active: true },
  { id: WANG, name: '王建国', active: true },
  { id: ZHAO, name: '赵明', active: false },
]
const ACTIVE = MEDIATORS.filter((m) => m.active)
const ROOM_A = 'b1111111-1111-4111-8111-111111111111'
const ROOMS: RosterEntry[] = [{ id: ROOM_A, name: '老李调解工作室', active: true }]

const UUID_TEXT = /[0-9a-f]{8}/

describe('rosterName', () => {
  const table: [string, 'room' | 'mediator', string, string][] = [
    ['a mediator here', 'mediator', LI, '李淑珺'],
    ['a stopped mediator keeps its name', 'mediator', ZHAO, '赵明'],
    ['another PC’s mediator', 'mediator', X1, '其他电脑的调解员'],
    ['a room here', 'room', ROOM_A, '老李调解工作室'],
    ['another PC’s room', 'room', X2, '其他电脑的调解室'],
  ]
  it.each(table)('%s', (_name, kind, id, expected) => {
    expect(rosterName(kind, id, kind === 'room' ? ROOMS : MEDIATORS)).toBe(expected)
  })
})

describe('rosterNames (the case list’s 调解员)', () => {
  const table: [string, string[], string][] = [
    ['none', [], ''],
    ['one here', [LI], '李淑珺'],
    ['two here, in the case’s order', [WANG, LI], '王建国、李淑珺'],
    ['one named twice', [LI, LI], '李淑珺'],
    ['one of another PC', [X1], '其他电脑的调解员'],
    ['one here and one of another PC, the other PC’s last', [X1, LI], '李淑珺、其他电脑的调解员'],
    ['two of another PC', [X1, X2], '其他电脑的调解员（2名）'],
    ['two of another PC, one named twice', [X1, X2, X1], '其他电脑的调解员（2名）'],
    ['a stopped one and another PC’s', [ZHAO, X2], '赵明、其他电脑的调解员'],
  ]
  it.each(table)('%s', (_name, ids, expected) => {
    const text = rosterNames('mediator', ids, MEDIATORS)
    expect(text).toBe(expected)
    expect(text).not.toContain('已删除')
    expect(text).not.toMatch(UUID_TEXT)
  })
})

describe('rosterOptions (a select that keeps what the record names)', () => {
  const table: [string, string[], [string, string][]][] = [
    [
      'nothing kept: those 在岗',
      [],
      [
        ['李淑珺', LI],
        ['王建国', WANG],
      ],
    ],
    [
      'a kept one already a choice is not listed twice',
      [WANG],
      [
        ['李淑珺', LI],
        ['王建国', WANG],
      ],
    ],
    [
      'a stopped one the record names',
      [ZHAO],
      [
        ['李淑珺', LI],
        ['王建国', WANG],
        ['赵明（已停用）', ZHAO],
      ],
    ],
    [
      'one of another PC',
      [LI, X1],
      [
        ['李淑珺', LI],
        ['王建国', WANG],
        ['其他电脑的调解员', X1],
      ],
    ],
    [
      'two of another PC, numbered in the record’s order, after a stopped one',
      [X2, ZHAO, X1, X2],
      [
        ['李淑珺', LI],
        ['王建国', WANG],
        ['赵明（已停用）', ZHAO],
        ['其他电脑的调解员（1）', X2],
        ['其他电脑的调解员（2）', X1],
      ],
    ],
    [
      'an empty id (no recorder) is no choice',
      [''],
      [
        ['李淑珺', LI],
        ['王建国', WANG],
      ],
    ],
  ]
  it.each(table)('%s', (_name, kept, expected) => {
    const options = rosterOptions('mediator', ACTIVE, MEDIATORS, kept)
    expect(options.map((o) => [o.label, o.value])).toEqual(expected)
    for (const o of options) expect(o.label).not.toMatch(UUID_TEXT)
  })

  it('labels with the caller’s words, the stopped mark after them', () => {
    const roles: Record<string, string> = { [LI]: '专职', [ZHAO]: '兼职' }
    const options = rosterOptions(
      'mediator',
      ACTIVE.slice(0, 1),
      MEDIATORS,
      [ZHAO, X1],
      (m) => `${m.name}（${roles[m.id]}）`,
    )
    expect(options.map((o) => o.label)).toEqual(['李淑珺（专职）', '赵明（兼职）（已停用）', '其他电脑的调解员'])
  })

  it('rooms: every room here, then another PC’s', () => {
    expect(rosterOptions('room', ROOMS, ROOMS, [X1]).map((o) => o.label)).toEqual([
      '老李调解工作室',
      '其他电脑的调解室',
    ])
    expect(rosterOptions('room', ROOMS, ROOMS, [ROOM_A]).map((o) => o.label)).toEqual(['老李调解工作室'])
  })
})
