/**
 * The list queries run back to back while something else goes on (a pull), shared by the Node figure
 * (syncList.ts) and the bench page's (page/syncPull.ts): no Node-only imports.
 */
import { listCases, type CaseQuery } from '../../src/db/caseQueries'
import type { MediationDb } from '../../src/db/schema'
import { timed } from './liveSyncIdle'

/** The queries in turn (round again after the last), each the first page of 50, timed, until `until` says so. */
export async function runQueries(
  db: MediationDb,
  queries: readonly CaseQuery[],
  until: (done: number) => boolean,
): Promise<number[]> {
  const ms: number[] = []
  while (!until(ms.length)) ms.push(await timed(() => listCases(db, queries[ms.length % queries.length]!, 0, 50)))
  return ms
}
