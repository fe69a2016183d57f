/**
 * The list queries run back to back while something else goes on (a pull), shared by the Node figure
 * (syncList.ts) and the bench page's (page/syncPull.ts): no Node-only imports.
 */
import { listCases, type CaseQuery } from '../../src/db/caseQueries'
import type { MediationDb } from '../../src/db/schema'
import { timed } from './liveSyncIdle'

/**
 * The queries in turn (round again after the last), each the first page of 50, timed, until `until` says so.
 * Each starts in a task of its own, as a query typed or clicked does: a query answered from memory alone
 * settles in microtasks, and back to back such queries would never let the pull's events in.
 */
export async function runQueries(
  db: MediationDb,
  queries: readonly CaseQuery[],
  until: (done: number) => boolean,
): Promise<number[]> {
  const ms: number[] = []
  while (!until(ms.length)) {
    await nextTask()
    ms.push(await timed(() => listCases(db, queries[ms.length % queries.length]!, 0, 50)))
  }
  return ms
}

/** Resolves in a new task (a message, not a timer: timers nested this deep wait at least 4 ms in a page). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(undefined)
  })
}
