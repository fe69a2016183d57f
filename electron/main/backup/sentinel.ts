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

/** What the user is asked when the sentinel's case count would drop. */
export interface CaseDrop {
  /** a smaller backup arrived, or the page asks to restore a smaller one */
  kind: 'backup' | 'restore'
  /** the cases the new or restored backup holds */
  cases: number
  /** the cases the sentinel holds now */
  previous: number
}

/** Asks the user (never the page) whether a drop is meant; true only for an explicit 确认. */
export type ConfirmCaseDrop = (drop: CaseDrop) => Promise<boolean>

export const casesIn = (sentinel: Pick<Sentinel, 'counts'>): number => sentinel.counts.cases ?? 0

/**
 * Moves the sentinel to `next`, unless that lowers its case count and the user does not confirm it: the
 * start-up check ("the database was emptied") compares the database with this count, so a page that
 * could lower it could switch that check off. Declined: the sentinel stays exactly as it was.
 */
export async function advanceSentinel(
  userDataDir: string,
  next: Sentinel,
  kind: CaseDrop['kind'],
  confirm: ConfirmCaseDrop | undefined,
): Promise<'written' | 'declined'> {
  const current = await readSentinel(userDataDir)
  if (current !== null && casesIn(next) < casesIn(current)) {
    const drop: CaseDrop = { kind, cases: casesIn(next), previous: casesIn(current) }
    if (confirm === undefined || !(await confirm(drop))) return 'declined'
  }
  await writeSentinel(userDataDir, next)
  return 'written'
}

/**
 * Before a backup is handed over for restore: when it holds fewer cases than the sentinel, the user is
 * asked, and only a confirmed drop lowers the sentinel to the backup's counts (the smaller backups after
 * the restore are then expected). A backup holding as many or more changes nothing: reading is not yet
 * restoring, and the next backup raises the sentinel anyway.
 */
export async function confirmRestore(
  userDataDir: string,
  restored: Sentinel,
  confirm: ConfirmCaseDrop | undefined,
): Promise<'unchanged' | 'lowered' | 'declined'> {
  const current = await readSentinel(userDataDir)
  if (current === null || casesIn(restored) >= casesIn(current)) return 'unchanged'
  return (await advanceSentinel(userDataDir, restored, 'restore', confirm)) === 'written' ? 'lowered' : 'declined'
}
