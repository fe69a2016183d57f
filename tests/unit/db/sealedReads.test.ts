/**
 * Bulk reads opened after their transaction (src/db/sealedReads.ts): a read of no keys asks IndexedDB
 * nothing, so it does not wait behind a write over the same table (a load plans its next batch with such
 * reads while the batch before is being written).
 */
import { describe, expect, it } from 'vitest'
import { bulkGetOpened, bulkGetOpenedIf } from '../../../src/db/sealedReads'
import { freshDb } from './helpers'
import type { MediationDb } from '../../../src/db/schema'

describe('bulk reads opened after their transaction', () => {
  it('reads what is stored, opened', async () => {
    const db = freshDb()
    await db.caseIndex.put({ id: 'probe', v: 1 } as never)
    expect(await bulkGetOpened(db, db.caseIndex, ['probe', 'none'])).toEqual([{ id: 'probe', v: 1 }, undefined])
    db.close()
  })

  const reads = {
    bulkGetOpened,
    bulkGetOpenedIf: (db: MediationDb, table: MediationDb['caseIndex'], keys: readonly string[]) =>
      bulkGetOpenedIf(db, table, keys, () => true),
  }

  it.each(Object.keys(reads) as (keyof typeof reads)[])(
    '%s: a read of no keys answers at once, while a write over the table is still running',
    async (name) => {
      const read = reads[name]
      const db = freshDb()
      await db.caseIndex.put({ id: 'probe', v: 1 } as never)
      const order: string[] = []
      let release = false
      // a write kept running by IndexedDB requests alone (awaiting anything else would end it) until released,
      // or for 500 requests at most: a read that waits for it is then seen to come after it
      const writing = db.transaction('rw', db.caseIndex, async () => {
        await db.caseIndex.put({ id: 'probe', v: 2 } as never)
        for (let i = 0; i < 500 && !release; i++) await db.caseIndex.get('probe')
        order.push('write ended')
      })
      const reading = read(db, db.caseIndex, []).then((rows) => order.push(`read ${rows.length}`))
      // a read of one key waits for the write, as IndexedDB orders them
      const waiting = read(db, db.caseIndex, ['probe']).then((rows) =>
        order.push(`read probe v${(rows[0] as unknown as { v: number }).v}`),
      )
      void reading.then(() => (release = true))
      await Promise.all([reading, writing, waiting])
      expect(order).toEqual(['read 0', 'write ended', 'read probe v2'])
      db.close()
    },
  )
})
