/**
 * The app's own database for component tests: fake-indexeddb stands in for the browser's IndexedDB,
 * and the stores open it through src/db/connection.ts as in the app. Set the committee up once per
 * test file (the database lives as long as the file's module registry). A test file must import
 * 'fake-indexeddb/auto' before anything that loads Dexie: Dexie takes the IndexedDB it finds at load.
 */
import 'fake-indexeddb/auto'
import { getDatabase } from '../../../src/db/connection'
import { createCase } from '../../../src/db/casesRepo'
import type { IntakeInput } from '../../../src/domain/intake'
import type { CaseRecord, Committee } from '../../../src/domain/types'
import { useSettingsStore } from '../../../src/stores/settings'
import { intake, setUpCommittee } from '../db/caseFixtures'

export interface Office {
  committee: Committee
  roomId: string
  /** 李淑珺 (调解员), 王五 (记录人) */
  mediatorIds: string[]
}

let office: Promise<Office> | undefined

/** The committee of tests/unit/db/caseFixtures.ts, set up once; the settings store (of the active Pinia) loaded. */
export async function officeReady(): Promise<Office> {
  office ??= getDatabase().then(({ db }) => setUpCommittee(db))
  const ready = await office
  await useSettingsStore().load()
  return ready
}

/** A new case registered as the intake desk would, with `over` applied to the intake. */
export async function registeredCase(over: Partial<IntakeInput> = {}): Promise<CaseRecord> {
  const { committee, roomId } = await officeReady()
  const { db } = await getDatabase()
  return createCase(db, intake(roomId, over), committee, '测试')
}
