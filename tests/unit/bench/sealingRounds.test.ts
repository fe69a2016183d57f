import { describe, expect, it } from 'vitest'
import { roundOrder, summariseCpu, summariseRounds } from '../../bench/sealingRounds'

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

describe("issue 12's sealing rounds: the CPU the browser used", () => {
  const cpu = (main: number, worker: number) =>
    new Map([
      ['renderer:main', main],
      ['renderer:DedicatedWorker', worker],
    ])

  it('the median of the rounds’ CPU ratios, and the extra CPU by thread per 1,000 cases', () => {
    // written out, 2,000 cases a load:
    // round 1: sealed 1000 + 300 = 1300, plain 1000 + 0 = 1000 -> 1.3; extra main 0, worker 300
    // round 2: sealed 1100 + 200 = 1300, plain 1200 + 0 = 1200 -> 1.0833…; extra main -100, worker 200
    // round 3: sealed 900 + 250 = 1150, plain 1000 + 0 = 1000 -> 1.15; extra main -100, worker 250
    const rounds = [
      { sealedMs: 1, plainMs: 1, sealedCpu: cpu(1000, 300), plainCpu: cpu(1000, 0) },
      { sealedMs: 1, plainMs: 1, sealedCpu: cpu(1100, 200), plainCpu: cpu(1200, 0) },
      { sealedMs: 1, plainMs: 1, sealedCpu: cpu(900, 250), plainCpu: cpu(1000, 0) },
    ]
    const c = summariseCpu(rounds, 2000, '<= 1.1')!
    expect(c.ratios[0]).toBe(1.3)
    expect(c.ratios[1]).toBeCloseTo(1300 / 1200, 12)
    expect(c.median).toBe(1.15)
    expect(c.min).toBeCloseTo(1300 / 1200, 12)
    expect(c.met).toBe(1)
    // medians: worker 250, main -100; per 1,000 cases: 125 and -50
    expect(c.extraPerThousand).toEqual([
      ['renderer:DedicatedWorker', 125],
      ['renderer:main', -50],
    ])
  })

  it('says nothing of CPU when a round could not read it (no /proc)', () => {
    const rounds = [
      { sealedMs: 1, plainMs: 1, sealedCpu: cpu(1, 1), plainCpu: cpu(1, 1) },
      { sealedMs: 1, plainMs: 1 },
    ]
    expect(summariseCpu(rounds, 1000, '<= 1.1')).toBeUndefined()
    expect(summariseCpu([{ sealedMs: 1, plainMs: 1 }], 1000, '<= 1.1')).toBeUndefined()
  })
})
