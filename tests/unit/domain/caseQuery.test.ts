import { describe, expect, it } from 'vitest'
import { emptyFilters, filtersToQuery, type CaseFilters } from '../../../src/domain/caseQuery'
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
  ]
  it.each(table)('%s', (_name, change, expected) => {
    expect(filtersToQuery({ ...emptyFilters(), ...change }, TODAY)).toEqual(expected)
  })
})
