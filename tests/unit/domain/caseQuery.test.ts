import { describe, expect, it } from 'vitest'
import {
  dateFilterProblem,
  emptyFilters,
  filtersToQuery,
  withoutStageFilter,
  type CaseFilters,
} from '../../../src/domain/caseQuery'
import type { CaseQuery } from '../../../src/domain/caseQuery'

const TODAY = '2026-11-23'

describe('filtersToQuery', () => {
  it('defaults to the open stage and drops empty fields', () => {
    expect(filtersToQuery(emptyFilters(), TODAY)).toEqual({ stage: 'open' })
  })
  it('a chosen status replaces the stage; half-typed dates are ignored; deadlines carry today', () => {
    const q = filtersToQuery(
      { ...emptyFilters(), search: ' lsj ', status: 'archived', from: '2026-1', to: '2026-11-30', deadline: 'overdue' },
      TODAY,
    )
    expect(q).toEqual({ search: 'lsj', status: 'archived', to: '2026-11-30', deadline: 'overdue', today: TODAY })
  })

  // each row: the fields changed from the empty form, and the query expected, written out by hand
  const table: [string, Partial<CaseFilters>, CaseQuery][] = [
    ['all stages: no stage at all', { stage: 'all' }, {}],
    ['the done stage', { stage: 'done' }, { stage: 'done' }],
    ['a blank search is no search', { search: '   ' }, { stage: 'open' }],
    ['a status with the all stage', { stage: 'all', status: 'closed' }, { status: 'closed' }],
    [
      'category, room, mediator, source, flag',
      { category: '婚姻家庭', roomId: 'r1', mediatorId: 'm1', source: '公安移交', flag: '激化风险' },
      { stage: 'open', category: '婚姻家庭', roomId: 'r1', mediatorId: 'm1', source: '公安移交', flag: '激化风险' },
    ],
    ['due soon carries today', { deadline: 'due-soon' }, { stage: 'open', deadline: 'due-soon', today: TODAY }],
    [
      'both dates whole',
      { from: '2026-01-01', to: '2026-01-31' },
      { stage: 'open', from: '2026-01-01', to: '2026-01-31' },
    ],
    ['an impossible date is ignored', { from: '2026-02-30', to: '2026-13-01' }, { stage: 'open' }],
    [
      'dates typed as a mediator writes them',
      { from: '2026/1/1', to: '2026年1月31日' },
      { stage: 'open', from: '2026-01-01', to: '2026-01-31' },
    ],
  ]
  it.each(table)('%s', (_name, change, expected) => {
    expect(filtersToQuery({ ...emptyFilters(), ...change }, TODAY)).toEqual(expected)
  })
})

describe('a search carries the mediators it may name', () => {
  const mediators = [{ id: 'm1', name: '周建国', extra: 'not copied' }]
  it('with a search: their ids and names only', () => {
    expect(filtersToQuery({ ...emptyFilters(), search: '周建国' }, TODAY, mediators)).toEqual({
      search: '周建国',
      stage: 'open',
      mediators: [{ id: 'm1', name: '周建国' }],
    })
  })
  it('without a search: none', () => {
    expect(filtersToQuery(emptyFilters(), TODAY, mediators)).toEqual({ stage: 'open' })
  })
})

describe('withoutStageFilter', () => {
  const table: [string, CaseQuery, CaseQuery | undefined][] = [
    ['a search within the open stage', { search: '张三', stage: 'open' }, { search: '张三' }],
    [
      'a search within a status, other filters kept',
      { search: '张三', status: 'closed', roomId: 'r1' },
      { search: '张三', roomId: 'r1' },
    ],
    ['no search: nothing to tell', { stage: 'open' }, undefined],
    ['a blank search', { search: '  ', stage: 'open' }, undefined],
    ['a search without a stage or status', { search: '张三', category: '邻里' }, undefined],
  ]
  it.each(table)('%s', (_name, q, expected) => {
    expect(withoutStageFilter(q)).toEqual(expected)
  })
})

describe('dateFilterProblem', () => {
  // written out: what the list says above its rows when 登记起/止 do not filter as typed
  const table: [string, string, string | undefined][] = [
    ['', '', undefined],
    ['2026-01-01', '', undefined],
    ['2026/1/1', '2026.1.31', undefined],
    ['2026-1', '', '登记起：日期请写成 2026-01-01 这样（也可写 2026/1/1、2026.1.1 或 2026年1月1日）'],
    ['', '2026-02-30', '登记止：没有2026年2月30日这一天，请检查'],
    ['2026-02-01', '2026-01-31', '登记止不能早于登记起'],
  ]
  it.each(table)('登记起 %s, 登记止 %s', (from, to, problem) => {
    expect(dateFilterProblem({ from, to })).toBe(problem)
  })
})
