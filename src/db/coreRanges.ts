/**
 * Key ranges at Dexie's DBCore level, where middlewares read. Dexie's own `DBCoreRangeType` is a const
 * enum, which isolated modules cannot use, so its values are written out here once.
 */

/** IndexedDB's "every key" (Dexie's own AnyRange: type Any). */
export const ANY_KEY = { type: 3, lower: -Infinity, lowerOpen: false, upper: [[]], upperOpen: false } as const

/** Keys from `lower` (included) up to `upper` (excluded): type Range. */
export function halfOpenRange(lower: string, upper: string) {
  return { type: 2, lower, lowerOpen: false, upper, upperOpen: true } as const
}
