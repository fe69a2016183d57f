import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { figure, meetsTarget, normalizeFigure, percentile, summarize } from '../../bench/stats'
import { resolveFile } from '../../bench/server'

describe('percentile', () => {
  it('is the nearest-rank value: p95 of 1..20 is 19, p50 is 10', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i)
    expect(percentile(xs, 95)).toBe(19)
    expect(percentile(xs, 50)).toBe(10)
    expect(percentile(xs, 100)).toBe(20)
    expect(Number.isNaN(percentile([], 50))).toBe(true)
  })

  it('is a sample, between the minimum and the maximum, and rises with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }),
        fc.integer({ min: 1, max: 99 }),
        (xs, p) => {
          const v = percentile(xs, p)
          expect(xs).toContain(v)
          expect(v).toBeLessThanOrEqual(percentile(xs, p + 1))
          expect(summarize(xs).p95).toBeGreaterThanOrEqual(summarize(xs).p50)
        },
      ),
    )
  })
})

describe('targets', () => {
  it('reads <, <=, >, >= and the ≤ ≥ signs', () => {
    expect(meetsTarget(49.9, '< 50')).toBe(true)
    expect(meetsTarget(50, '< 50')).toBe(false)
    expect(meetsTarget(20, '<= 20')).toBe(true)
    expect(meetsTarget(3, '>= 3')).toBe(true)
    expect(meetsTarget(3, '> 3')).toBe(false)
    expect(meetsTarget(2.9, '≥ 3')).toBe(false)
    expect(meetsTarget(1, 'fast')).toBeUndefined()
    expect(meetsTarget(Number.NaN, '< 50')).toBe(false)
  })

  it('marks a figure pass or fail from its target, and leaves pass out without one', () => {
    expect(figure('a', 12.345, 'ms', '< 50')).toEqual({
      name: 'a',
      value: 12.35,
      unit: 'ms',
      target: '< 50',
      pass: true,
    })
    expect(figure('a', 60, 'ms', '< 50').pass).toBe(false)
    expect(figure('a', 60, 'ms')).toEqual({ name: 'a', value: 60, unit: 'ms' })
  })

  it('takes figures from other modules as given, working out pass when they did not say', () => {
    expect(normalizeFigure({ name: 'd', value: 120, unit: 'ms', target: '< 100' })).toMatchObject({ pass: false })
    expect(normalizeFigure({ name: 'd', value: 80, unit: 'ms', target: 100, runs: [1] })).toEqual({
      name: 'd',
      value: 80,
      unit: 'ms',
      target: '< 100',
      pass: true,
      runs: [1],
    })
    expect(normalizeFigure({ name: 'd', value: 'fast', unit: 'ms' })).toBeUndefined()
    expect(normalizeFigure(null)).toBeUndefined()
  })
})

describe('bench server paths', () => {
  const roots = { '/__bench/': '/srv/bench', '/': '/srv/app' }
  it('maps each prefix to its root, index.html for folders', () => {
    expect(resolveFile(roots, '/')).toBe('/srv/app/index.html')
    expect(resolveFile(roots, '/assets/a.js')).toBe('/srv/app/assets/a.js')
    expect(resolveFile(roots, '/__bench/')).toBe('/srv/bench/index.html')
    expect(resolveFile(roots, '/__bench/assets/b.js')).toBe('/srv/bench/assets/b.js')
  })
  it('refuses paths that climb out of the root', () => {
    expect(resolveFile(roots, '/../etc/passwd')).toBeUndefined()
    expect(resolveFile(roots, '/__bench/../../etc/passwd')).toBeUndefined()
  })
})
