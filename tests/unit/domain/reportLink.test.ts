import { describe, expect, it } from 'vitest'
import { decodeCell, encodeCell } from '../../../src/domain/reportCell'
import { decodeScreeningLink, encodeScreeningLink } from '../../../src/domain/statistics'

const NOV = { from: '2026-11-01', to: '2026-11-30' }

describe('a report period and scope in a route query (one rule for 排查 links and report cells)', () => {
  it('writes the 排查 page its plain keys and a report cell its prefixed ones', () => {
    expect(encodeScreeningLink(NOV, { kind: 'room', roomId: 'r1' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      room: 'r1',
    })
    expect(
      encodeCell({
        period: decodeScreeningLink(NOV)!.period,
        scope: { kind: 'mediator', mediatorId: 'm1' },
        column: 'accepted',
      }),
    ).toEqual({ rfrom: '2026-11-01', rto: '2026-11-30', rmediator: 'm1', rcol: 'accepted' })
  })

  it('reads the same written-out queries back, the first of repeated keys, and refuses a bad period', () => {
    expect(decodeScreeningLink({ from: ['2026-11-01', 'x'], to: '2026-11-30', room: 'r1' })?.scope).toEqual({
      kind: 'room',
      roomId: 'r1',
    })
    expect(decodeScreeningLink({ from: '2026-11-01', to: '2026-11-30' })?.scope).toEqual({ kind: 'committee' })
    // a cell's keys are not the 排查 page's, and the other way round
    expect(decodeScreeningLink({ rfrom: '2026-11-01', rto: '2026-11-30' })).toBeUndefined()
    expect(decodeCell({ from: '2026-11-01', to: '2026-11-30', rcol: 'accepted' })).toBeUndefined()
    const cell = decodeCell({ rfrom: '2026-11-01', rto: '2026-11-30', rroom: 'r2', rcol: 'accepted' })
    expect(cell?.scope).toEqual({ kind: 'room', roomId: 'r2' })
    expect([cell?.period.from, cell?.period.to, cell?.column]).toEqual(['2026-11-01', '2026-11-30', 'accepted'])
    expect(decodeCell({ rfrom: '2026-11-30', rto: '2026-11-01', rcol: 'accepted' })).toBeUndefined()
    expect(decodeCell({ rfrom: '2026-11-01', rto: '2026-11-30', rcol: 'no-such-column' })).toBeUndefined()
  })
})
