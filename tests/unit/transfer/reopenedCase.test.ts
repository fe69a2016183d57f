import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { exportAll, serializeTransferFile } from '../../../src/db/transfer/export'
import { importFile } from '../../../src/db/transfer/import'
import { payloadHash } from '../../../src/db/transfer/format'
import { getCaseDoc } from '../../../src/db/caseDocs'
import { dbContentArb, freshDb, load } from './arbitraries'

/** A case reopened after archiving carries its reopenings (reason and time): a transfer file keeps them. */
describe('a reopened case in a transfer file', () => {
  it('imports with its reopenings', async () => {
    const [content] = fc.sample(
      dbContentArb.filter((c) => c.cases.length >= 1),
      { numRuns: 1, seed: 7 },
    )
    const source = freshDb()
    await load(source, content!)
    const file = JSON.parse(serializeTransferFile(await exportAll(source))) as {
      tables: Record<string, Record<string, unknown>[]> & { cases: Record<string, unknown>[] }
      manifest: { payloadSha256: string }
    }
    const reopened = file.tables.cases[0]!
    reopened.reopenings = [{ at: '2026-11-02T01:00:00.000Z', reason: '当事人反映协议未履行，重新调解' }]
    file.manifest.payloadSha256 = payloadHash(file.tables as unknown as Parameters<typeof payloadHash>[0])

    const target = freshDb()
    await importFile(target, JSON.stringify(file))
    const doc = await getCaseDoc(target, reopened.id as string)
    expect(doc?.reopenings).toEqual([{ at: '2026-11-02T01:00:00.000Z', reason: '当事人反映协议未履行，重新调解' }])
  })
})
