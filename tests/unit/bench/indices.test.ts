import { describe, expect, it } from 'vitest'
import { indicesOf } from '../../bench/page/indices'
import type { CaseWorld } from '../../fixtures/generate/cases'

const world = (total: number) => ({ total }) as CaseWorld

describe('the indices a bench load writes', () => {
  it('a slice: start, step and count, below the total', () => {
    expect(indicesOf({ world: world(10), start: 2, step: 3, count: 5 })).toEqual([2, 5, 8])
    expect(indicesOf({ world: world(100), start: 0, step: 10, count: 4 })).toEqual([0, 10, 20, 30])
  })

  it("the full-size floor in the load's order: slice after slice, as loadSlices requests them", () => {
    // written out: 3 slices of 0..7 are 0 3 6 | 1 4 7 | 2 5
    expect(indicesOf({ world: world(8), start: 0, step: 1, count: 8, interleave: 3 })).toEqual([0, 3, 6, 1, 4, 7, 2, 5])
    // the slices of a load of 8 cases in 3 slices (start c, step 3), one after the other
    const slices = [0, 1, 2].flatMap((c) => indicesOf({ world: world(8), start: c, step: 3, count: 8 }))
    expect(indicesOf({ world: world(8), start: 0, step: 1, count: 8, interleave: 3 })).toEqual(slices)
  })

  it('one slice, or none given, keeps key order', () => {
    expect(indicesOf({ world: world(4), start: 0, step: 1, count: 4, interleave: 1 })).toEqual([0, 1, 2, 3])
    expect(indicesOf({ world: world(4), start: 0, step: 1, count: 4 })).toEqual([0, 1, 2, 3])
  })
})
