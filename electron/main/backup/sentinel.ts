/**
 * The sentinel: what the database held at the last verified backup, kept in userData. At startup the
 * renderer compares it with the database (src/db/transfer/integrity.ts) so an emptied store is noticed.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { sentinelSchema, type Sentinel } from '../../../src/shared/ipc/backup'
import { atomicWrite } from './atomicWrite'

export const SENTINEL_FILE = 'sentinel.json'

export async function readSentinel(userDataDir: string): Promise<Sentinel | null> {
  let text: string
  try {
    text = await fs.readFile(path.join(userDataDir, SENTINEL_FILE), 'utf8')
  } catch {
    return null
  }
  try {
    const parsed = sentinelSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export async function writeSentinel(userDataDir: string, sentinel: Sentinel): Promise<void> {
  await atomicWrite(path.join(userDataDir, SENTINEL_FILE), Buffer.from(JSON.stringify(sentinel), 'utf8'))
}
