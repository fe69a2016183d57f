/**
 * Dexie's version numbering: a schema declared as `version(N)` is kept by IndexedDB as version N*10
 * (Dexie multiplies so that fractional declarations fit IndexedDB's integers). Everything that reads
 * `indexedDB.databases()` compares through these, never with its own ×10.
 */

const IDB_VERSIONS_PER_DEXIE_VERSION = 10

/** The IndexedDB version that stores Dexie schema version `dexieVersion`. */
export function idbVersionOf(dexieVersion: number): number {
  return dexieVersion * IDB_VERSIONS_PER_DEXIE_VERSION
}

/** The Dexie schema version kept as IndexedDB version `idbVersion`. */
export function dexieVersionOf(idbVersion: number): number {
  return idbVersion / IDB_VERSIONS_PER_DEXIE_VERSION
}

/** How the installed database's version compares with this code's schema. */
export type InstalledVersion = 'none' | 'same' | 'older' | 'newer'

/**
 * An older database is upgraded when opened (so it is backed up first); a newer one was written by a
 * later release, and Dexie 4 would open it anyway with this code's idea of the tables, so it must not
 * be opened at all. No database (version missing or 0) is 'none'.
 */
export function compareInstalledVersion(
  installedIdbVersion: number | undefined,
  currentSchemaVersion: number,
): InstalledVersion {
  if (installedIdbVersion === undefined || installedIdbVersion <= 0) return 'none'
  const installed = dexieVersionOf(installedIdbVersion)
  return installed < currentSchemaVersion ? 'older' : installed > currentSchemaVersion ? 'newer' : 'same'
}
