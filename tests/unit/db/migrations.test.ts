/**
 * Every released schema version keeps a fixture (tests/fixtures/schema-v<N>.json): the stores
 * declaration of that version and rows written by it. Each is loaded with that version's own
 * declaration, then opened with the current code: counts and rows must survive.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb, CURRENT_SCHEMA, CURRENT_SCHEMA_VERSION } from '../../../src/db/schema'
import { withDerivedKeys } from '../../../src/db/casesRepo'
import type { CaseRecord, Party } from '../../../src/domain/types'

interface SchemaFixture {
  version: number
  stores: Record<string, string>
  tables: Record<string, Record<string, unknown>[]>
}

const fixturesDir = join(import.meta.dirname, '../../fixtures')
const fixtures = readdirSync(fixturesDir)
  .filter((f) => /^schema-v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')) as SchemaFixture)

describe('schema migrations', () => {
  it('keeps a fixture for every schema version up to the current one', () => {
    const versions = fixtures.map((f) => f.version).sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i + 1))
  })

  for (const fixture of fixtures) {
    it(`opens a database written by schema v${fixture.version} with the same rows`, async () => {
      const indexedDB = new IDBFactory()
      const name = `fixture-v${fixture.version}`
      const old = new Dexie(name, { indexedDB, IDBKeyRange })
      old.version(fixture.version).stores(fixture.stores)
      await old.open()
      for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows)
      old.close()

      const current = new MediationDb(name, { indexedDB, IDBKeyRange })
      await current.open()
      expect(current.verno).toBe(CURRENT_SCHEMA_VERSION)
      const parties = (fixture.tables.parties ?? []) as unknown as Party[]
      for (const [table, rows] of Object.entries(fixture.tables)) {
        expect(await current.table(table).count(), table).toBe(rows.length)
        for (const row of rows) {
          const key = row.id ?? row.key
          const stored = (await current.table(table).get(key as string)) as Record<string, unknown> | undefined
          if (table !== 'cases') {
            expect(stored, `${table} ${String(key)}`).toMatchObject(row)
            continue
          }
          // Search keys are derived data: every upgrade leaves them as the current code derives them.
          const { searchTokens: _old, ...fields } = row
          expect(stored, `case ${String(key)}`).toMatchObject(fields)
          const own = parties.filter((p) => p.caseId === row.id)
          expect(stored?.searchTokens, `search keys of case ${String(key)}`).toEqual(withDerivedKeys(row as unknown as CaseRecord, own).searchTokens)
        }
      }
      current.close()
    })
  }

  it('never changes a primary key (Dexie cannot migrate one)', () => {
    const primaryKeys = Object.fromEntries(Object.entries(CURRENT_SCHEMA).map(([t, spec]) => [t, spec.split(',')[0]!.trim()]))
    for (const fixture of fixtures) {
      for (const [table, spec] of Object.entries(fixture.stores)) {
        expect(primaryKeys[table], `primary key of ${table} in v${fixture.version}`).toBe(spec.split(',')[0]!.trim())
      }
    }
  })
})
