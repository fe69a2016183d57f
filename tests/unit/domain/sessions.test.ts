import { describe, expect, it } from 'vitest'
import { newSessionRecord } from '../../../src/domain/sessions'

describe('newSessionRecord', () => {
  it('starts at the given time and place with the case mediators and recorder, everything typed blank', () => {
    expect(
      newSessionRecord(
        { id: 'c1', mediatorIds: ['m1', 'm2'], recorderId: 'm3' },
        'mediation',
        '第一调解室',
        '2026-11-23T01:30:00.000Z',
      ),
    ).toEqual({
      caseId: 'c1',
      kind: 'mediation',
      startedAt: '2026-11-23T01:30:00.000Z',
      place: '第一调解室',
      mediatorIds: ['m1', 'm2'],
      recorderId: 'm3',
      present: '',
      statements: [],
      factsChecked: '',
      riskWarning: '',
      outcome: '',
      notes: '',
    })
  })

  it('has no recorder field when the case has none, and copies the mediator list', () => {
    const mediatorIds = ['m1']
    const record = newSessionRecord({ id: 'c1', mediatorIds }, 'investigation', '', '2026-11-23T01:30:00.000Z')
    expect('recorderId' in record).toBe(false)
    expect(record.kind).toBe('investigation')
    mediatorIds.push('m9')
    expect(record.mediatorIds).toEqual(['m1'])
  })
})
