/** What every backup write starts from: the whole database as transfer-file text, stamped with this release. */
import type { MediationDb } from '../db/schema'
import { platform } from '../platform'

/** This release's version for the file's manifest; a host that cannot tell does not stop a backup. */
export async function appVersion(): Promise<string> {
  try {
    return (await platform().info()).version
  } catch {
    return '0.0.0'
  }
}

/** The whole database as transfer-file text, and the audit chain head it contains (the scheduler's change marker). */
export async function snapshotText(db: MediationDb): Promise<{ text: string; headSeq: number }> {
  // Loaded when a backup is first written, not with the first screen (zod's schemas, the pinyin tables).
  const [{ takeSnapshot }, { serializeTransferFile }] = await Promise.all([
    import('../db/snapshot'),
    import('../db/transfer/export'),
  ])
  const file = await takeSnapshot(db, { appVersion: await appVersion() })
  return { text: serializeTransferFile(file), headSeq: file.manifest.chainHead.seq }
}
