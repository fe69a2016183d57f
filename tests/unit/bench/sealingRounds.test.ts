import { describe, expect, it } from 'vitest'
import { roundOrder, summariseRounds } from '../../bench/sealingRounds'

describe("issue 12's sealing rounds", () => {
  it('the two loads take turns to go first', () => {
    expect([0, 1, 2, 3].map(roundOrder)).toEqual([
      ['sealed', 'plain'],
      ['plain', 'sealed'],
      ['sealed', 'plain'],
      ['plain', 'sealed'],
    ])
  })

  it("the median of the rounds' ratios, their range, and the rounds that met the limit", () => {
    // written out: 1100/1000 = 1.1, 1050/1000 = 1.05, 1300/1000 = 1.3, 990/1000 = 0.99, 1200/1000 = 1.2
    const s = summariseRounds(
      [
        { sealedMs: 1100, plainMs: 1000 },
        { sealedMs: 1050, plainMs: 1000 },
        { sealedMs: 1300, plainMs: 1000 },
        { sealedMs: 990, plainMs: 1000 },
        { sealedMs: 1200, plainMs: 1000 },
      ],
      '<= 1.1',
    )
    expect(s.ratios).toEqual([1.1, 1.05, 1.3, 0.99, 1.2])
    expect(s.median).toBe(1.1)
    expect(s.min).toBe(0.99)
    expect(s.max).toBe(1.3)
    expect(s.met).toBe(3)
  })

  it('one slow round does not decide the figure; no round is an error', () => {
    const s = summariseRounds(
      [
        { sealedMs: 1000, plainMs: 1000 },
        { sealedMs: 3000, plainMs: 1000 },
        { sealedMs: 1000, plainMs: 1000 },
      ],
      '<= 1.1',
    )
    expect(s.median).toBe(1)
    expect(s.max).toBe(3)
    expect(() => summariseRounds([], '<= 1.1')).toThrow()
  })
})
