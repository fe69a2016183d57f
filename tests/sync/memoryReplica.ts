/**
 * A PC's store as the case replication sees it (src/db/sync/caseReplication.ts `CaseReplica`), in memory:
 * a plain model for the tests. It outlives a replication session, so a "restart" is a new session over
 * the same replica. `edit` is what the app's own writes do: the case changes and is marked changed.
 */
import type { CaseReplica, LocalCase, SettleChoice, SyncConflict } from '../../src/db/sync/caseReplication'
import type { CaseDocument } from '../../src/domain/syncFields'
import { canonicalJson } from '../../src/domain/canonical'

export class MemoryReplica implements CaseReplica {
  cases = new Map<string, LocalCase>()
  conflicts = new Map<string, SyncConflict>()
  checkpoint: string | undefined
  /** order of local changes, oldest first */
  private changed: string[] = []

  edit(record: CaseDocument): void {
    const now = this.cases.get(record.id)
    this.cases.set(record.id, { record: structuredClone(record), rev: now?.rev, dirty: true })
    this.changed = [...this.changed.filter((id) => id !== record.id), record.id]
  }

  record(id: string): CaseDocument | undefined {
    return this.cases.get(id)?.record
  }

  async readCheckpoint(): Promise<string | undefined> {
    return this.checkpoint
  }
  async writeCheckpoint(since: string): Promise<void> {
    this.checkpoint = since
  }
  async get(id: string): Promise<LocalCase | undefined> {
    const c = this.cases.get(id)
    return c && structuredClone(c)
  }
  async getMany(ids: readonly string[]): Promise<(LocalCase | undefined)[]> {
    return Promise.all(ids.map((id) => this.get(id)))
  }
  async dirty(limit: number, skip: ReadonlySet<string> = new Set()): Promise<LocalCase[]> {
    return this.changed
      .map((id) => this.cases.get(id)!)
      .filter((c) => c.dirty && !this.conflicts.has(c.record.id) && !skip.has(c.record.id))
      .slice(0, limit)
      .map((c) => structuredClone(c))
  }
  async put(local: LocalCase): Promise<void> {
    this.cases.set(local.record.id, structuredClone(local))
    if (!local.dirty) this.changed = this.changed.filter((id) => id !== local.record.id)
    else if (!this.changed.includes(local.record.id)) this.changed.push(local.record.id)
  }
  async putMany(locals: readonly LocalCase[]): Promise<void> {
    for (const local of locals) await this.put(local)
  }
  async confirmPushed(taken: readonly { record: CaseDocument; rev: string }[]): Promise<void> {
    for (const { record, rev } of taken) {
      const now = this.cases.get(record.id)
      if (now) await this.put({ record: now.record, rev, dirty: canonicalJson(now.record) !== canonicalJson(record) })
    }
  }
  async putConflict(conflict: SyncConflict): Promise<void> {
    this.conflicts.set(conflict.recordId, structuredClone(conflict))
  }
  async getConflict(recordId: string): Promise<SyncConflict | undefined> {
    const c = this.conflicts.get(recordId)
    return c && structuredClone(c)
  }
  async settle(recordId: string, settled: LocalCase, _choice?: SettleChoice): Promise<void> {
    await this.put(settled)
    this.conflicts.delete(recordId)
  }
}
