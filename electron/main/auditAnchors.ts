/**
 * The audit anchor file: an append-only record, in userData, of the audit chain heads the page has
 * reported. The page cannot rewrite it (it has no file access); main appends a head only when the rule
 * in src/domain/auditAnchors.ts accepts it, so a log cut short or rewritten shows against it.
 * Plain Node with an injected folder and clock, so it is tested without Electron.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { decideAnchor, type AnchorRecord, type HeadAnchor, type HostAnchors } from '../../src/domain/auditAnchors'
import { anchorRecordSchema, type RecordAnchorResult } from '../../src/shared/ipc/audit'

export const AUDIT_ANCHOR_FILE = 'audit-anchors.jsonl'

export interface AuditAnchorOptions {
  userDataDir: string
  /** the heads of the backups main holds: the only states the log may go back to (a restore) */
  backupHeads: () => Promise<(HeadAnchor & { name: string })[]>
  /** backup files main opened and verified for a restore in this run (e.g. another PC's, from a USB stick) */
  openedBackups?: () => readonly (HeadAnchor & { name: string })[]
  now?: () => Date
}

export interface AuditAnchorStore {
  record(head: HeadAnchor): Promise<RecordAnchorResult>
  read(): Promise<HostAnchors>
}

/** Records in file order; a torn or foreign line (a crash mid-append, a hand edit) is skipped. */
function parseRecords(text: string): AnchorRecord[] {
  const records: AnchorRecord[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      const parsed = anchorRecordSchema.safeParse(JSON.parse(line))
      if (parsed.success) records.push(parsed.data)
    } catch {
      // not JSON: skipped
    }
  }
  return records
}

function summarise(records: readonly AnchorRecord[]): HostAnchors {
  let lastRestoreIndex = -1
  records.forEach((r, i) => {
    if (r.kind === 'restore') lastRestoreIndex = i
  })
  return {
    first: records[Math.max(0, lastRestoreIndex)] ?? null,
    last: records.at(-1) ?? null,
    lastRestore: lastRestoreIndex >= 0 ? records[lastRestoreIndex] : null,
  }
}

export function createAuditAnchorStore(options: AuditAnchorOptions): AuditAnchorStore {
  const file = path.join(options.userDataDir, AUDIT_ANCHOR_FILE)
  const now = options.now ?? (() => new Date())
  // Main is the only writer: the summary is read once, then kept up to date with each append.
  let summary: HostAnchors | undefined
  // Requests are handled one at a time, so two racing reports cannot both pass the same check.
  let queue: Promise<unknown> = Promise.resolve()

  async function load(): Promise<HostAnchors> {
    if (summary) return summary
    let text = ''
    try {
      text = await fs.readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    summary = summarise(parseRecords(text))
    return summary
  }

  async function append(record: AnchorRecord): Promise<void> {
    // 'a': the file is only ever appended to; fsync so a crash right after cannot lose the record.
    const handle = await fs.open(file, 'a')
    try {
      await handle.write(`${JSON.stringify(record)}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  async function record(head: HeadAnchor): Promise<RecordAnchorResult> {
    const current = await load()
    const decision = decideAnchor(
      current.last,
      head,
      current.last ? await options.backupHeads() : [],
      options.openedBackups?.() ?? [],
    )
    if (!decision.accept) return { status: 'refused', reason: decision.reason, anchors: current }
    if (decision.kind === 'unchanged') return { status: 'unchanged', anchors: current }
    const entry: AnchorRecord = {
      seq: head.seq,
      hash: head.hash,
      at: now().toISOString(),
      kind: decision.kind,
      ...(decision.backup ? { backup: decision.backup } : {}),
    }
    await append(entry)
    summary =
      entry.kind === 'restore'
        ? { first: entry, last: entry, lastRestore: entry }
        : { first: current.first ?? entry, last: entry, lastRestore: current.lastRestore }
    return { status: entry.kind === 'restore' ? 'restored' : 'recorded', anchors: summary }
  }

  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run)
    queue = next.catch(() => undefined)
    return next
  }

  return {
    record: (head) => serial(() => record(head)),
    read: () => serial(load),
  }
}
