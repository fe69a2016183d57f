/**
 * Backup figures on fake-indexeddb (Node): snapshot + write of 10,000 generated cases, verification,
 * restore into an empty store. Real IndexedDB in Chromium will differ; the lead's Chromium bench may
 * measure that. Run alone: `npx tsx tests/bench/backup.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { MediationDb } from '../../src/db/schema'
import { testBackupKeys } from '../unit/electron/backup/testBackupKeys'
import { exportAll, serializeTransferFile } from '../../src/db/transfer/export'
import { readTransferFile } from '../../src/db/transfer/read'
import { restoreSnapshot } from '../../src/db/snapshot'
import { createBackupStore } from '../../electron/main/backup/backupStore'
import { addCaseDocs, caseDocTables } from '../../src/db/caseDocs'
import { useTestStoreKeys } from '../unit/setup/keys'
import { generateCaseDocs } from './caseDocs'

export interface Figure {
  name: string
  value: number
  unit: string
  target?: number
}

const CASES = 10_000

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await run()
  return { ms: Math.round(performance.now() - start), value }
}

export async function benchBackup(): Promise<Figure[]> {
  // the stores seal their records at rest (src/db/keys.ts): without keys the first open never settles
  useTestStoreKeys()
  const source = new MediationDb('bench-source', { indexedDB: new IDBFactory(), IDBKeyRange })
  const docs = generateCaseDocs(CASES, { committeeId: 'c1', caseNoPlace: 'X镇' })
  await source.transaction('rw', caseDocTables(source), () => addCaseDocs(source, docs))
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mr-bench-'))
  try {
    const store = createBackupStore({ dir, userDataDir: dir, backupKeys: testBackupKeys() })
    const snapshot = await timed(async () => serializeTransferFile(await exportAll(source)))
    const write = await timed(() => store.writeBackup('manual', snapshot.value))
    const verify = await timed(() => store.readBackup(write.value.backup.name))
    const validate = await timed(() => readTransferFile(verify.value.snapshot))
    const target = new MediationDb('bench-target', { indexedDB: new IDBFactory(), IDBKeyRange })
    const restore = await timed(() =>
      restoreSnapshot(target, validate.value, { keepPreRestore: async () => undefined }),
    )
    if ((await target.caseDocs.count()) !== CASES) throw new Error('restore lost cases')
    return [
      { name: 'backup.snapshot_10k_cases_ms', value: snapshot.ms, unit: 'ms' },
      { name: 'backup.write_verified_10k_cases_ms', value: write.ms, unit: 'ms' },
      { name: 'backup.file_size_10k_cases', value: write.value.backup.sizeBytes, unit: 'bytes' },
      { name: 'backup.snapshot_json_size_10k_cases', value: snapshot.value.length, unit: 'chars' },
      { name: 'backup.read_and_verify_10k_cases_ms', value: verify.ms, unit: 'ms' },
      { name: 'backup.validate_every_record_10k_cases_ms', value: validate.ms, unit: 'ms' },
      { name: 'backup.restore_10k_cases_ms', value: restore.ms, unit: 'ms', target: 10_000 },
      {
        name: 'backup.restore_end_to_end_10k_cases_ms',
        value: verify.ms + validate.ms + restore.ms,
        unit: 'ms',
        target: 10_000,
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const figure of await benchBackup()) console.log(JSON.stringify({ ...figure, engine: 'fake-indexeddb (Node)' }))
}
