/**
 * A PC's cases put on the committee's server as if it had pushed them, for the sync figures (sync.ts,
 * syncList.ts in Node, syncChromium.ts in the bench page): no Node-only imports, so the page uses it too.
 */
import type { MediationDb } from '../../src/db/schema'
import type { NewCaseDoc } from '../../src/db/records'
import { DexieReplica } from '../../src/db/sync/dexieReplica'
import { sealForServer, type CommitteeKey } from '../../src/db/sync/seal'

/**
 * The state PC `a` would be in after pushing its cases: each sealed case on the server, its revision
 * remembered, the outbox empty, the checkpoint after them. Written directly: the bench measures the pull
 * (pushCases reads its outbox again for every batch, which makes a first push of 10,000 take long).
 * `authorization`: the PC's Basic credentials on the server.
 */
export async function seedServer(
  url: string,
  authorization: string,
  a: MediationDb,
  docs: readonly NewCaseDoc[],
  key: CommitteeKey,
): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const sealed = await Promise.all(docs.slice(i, i + 500).map((d) => sealForServer('case', d, key)))
    const res = await fetch(`${url}/_bulk_docs`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: sealed }),
    })
    const answers = (await res.json()) as { id: string; rev?: string }[]
    const revs = answers.map((r) => ({ id: r.id.slice('case:'.length), rev: r.rev ?? '' }))
    if (revs.some((r) => !r.rev)) throw new Error(`the server refused a seeded case: ${JSON.stringify(answers[0])}`)
    await a.syncRevs.bulkPut(revs)
  }
  await a.syncOutbox.clear()
  const info = (await (await fetch(url, { headers: { Authorization: authorization } })).json()) as {
    update_seq: string | number
  }
  await new DexieReplica(a).writeCheckpoint(String(info.update_seq))
}
