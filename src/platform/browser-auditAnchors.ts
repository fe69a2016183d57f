import { decideAnchor, type AnchorRecord, type HostAnchors } from '../domain/auditAnchors'
import { hostAnchorsSchema, type RecordAnchorResult } from '../shared/ipc/audit'
import type { BackupHost } from '../shared/ipc/backup'
import type { PlatformAuditAnchors } from './types'

const STORAGE_KEY = 'mediation-room.audit-anchors'

/**
 * The browser preview's anchor record, in this origin's localStorage by the same rule as the desktop
 * app's file (src/domain/auditAnchors.ts). A page can rewrite localStorage, so here it only catches
 * accidents, not a hostile page; the desktop app keeps its record in the main process.
 */
export function createBrowserAuditAnchors(
  backups: Pick<BackupHost, 'listBackups'>,
  storage: Storage = window.localStorage,
  now: () => Date = () => new Date(),
): PlatformAuditAnchors {
  function read(): HostAnchors {
    try {
      const parsed = hostAnchorsSchema.safeParse(JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null'))
      if (parsed.success) return parsed.data
    } catch {
      // unreadable: start again
    }
    return { first: null, last: null, lastRestore: null }
  }
  return {
    read: async () => read(),
    async record(head): Promise<RecordAnchorResult> {
      const current = read()
      const heads = current.last
        ? (await backups.listBackups()).filter((b) => b.verified).map((b) => ({ name: b.name, ...b.chainHead }))
        : []
      const decision = decideAnchor(current.last, head, heads)
      if (!decision.accept) return { status: 'refused', reason: decision.reason, anchors: current }
      if (decision.kind === 'unchanged') return { status: 'unchanged', anchors: current }
      const entry: AnchorRecord = {
        ...head,
        at: now().toISOString(),
        kind: decision.kind,
        ...(decision.backup ? { backup: decision.backup } : {}),
      }
      const next: HostAnchors =
        entry.kind === 'restore'
          ? { first: entry, last: entry, lastRestore: entry }
          : { first: current.first ?? entry, last: entry, lastRestore: current.lastRestore }
      storage.setItem(STORAGE_KEY, JSON.stringify(next))
      return { status: entry.kind === 'restore' ? 'restored' : 'recorded', anchors: next }
    },
  }
}
