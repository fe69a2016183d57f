import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  compareInstalledVersion,
  dexieVersionOf,
  idbVersionOf,
  type InstalledVersion,
} from '../../../src/domain/schemaVersion'

describe("Dexie's version numbering", () => {
  // Written out from Dexie's rule: schema version N is kept by IndexedDB as N*10.
  const pairs: [dexie: number, idb: number][] = [
    [1, 10],
    [2, 20],
    [3, 30],
    [4, 40],
    [12, 120],
    [0.5, 5],
  ]
  it.each(pairs)('Dexie version %s is IndexedDB version %s, and back', (dexie, idb) => {
    expect(idbVersionOf(dexie)).toBe(idb)
    expect(dexieVersionOf(idb)).toBe(dexie)
  })

  it('round-trips every whole schema version', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (v) => {
        expect(dexieVersionOf(idbVersionOf(v))).toBe(v)
      }),
    )
  })
})

describe('installed database version against the code', () => {
  const table: [installedIdb: number | undefined, current: number, expected: InstalledVersion][] = [
    [undefined, 4, 'none'],
    [0, 4, 'none'],
    [-10, 4, 'none'],
    [10, 4, 'older'],
    [20, 4, 'older'],
    [30, 4, 'older'],
    [35, 4, 'older'],
    [40, 4, 'same'],
    [41, 4, 'newer'],
    [50, 4, 'newer'],
    [1000, 1, 'newer'],
    [10, 1, 'same'],
  ]
  it.each(table)('installed IndexedDB version %s with schema %s is %s', (installed, current, expected) => {
    expect(compareInstalledVersion(installed, current)).toBe(expected)
  })
})
