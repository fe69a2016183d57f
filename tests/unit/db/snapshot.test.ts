import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { exportAll } from '../../../src/db/transfer/export'
import { TransferError } from '../../../src/domain/transferError'
import type { TransferFile } from '../../../src/db/transfer/format'
import { restoreSnapshot, undoRestore } from '../../../src/db/snapshot'
import { dbContentArb, fingerprint, freshDb, load } from '../transfer/arbitraries'

/** The database layer holds to the same rule as the restore screen, whoever calls it. */
describe('restoring from a file that is not a whole, unmasked database', () => {
  const refused: [variant: Pick<TransferFile, 'scope' | 'masked'>, message: string][] = [
    [{ scope: 'all', masked: true }, '这是脱敏导出文件，不能用于恢复数据库'],
    [{ scope: 'cases', masked: false }, '这是部分案件的导出文件，不能用于恢复整个数据库；请使用“数据交换”中的导入'],
    [{ scope: 'cases', masked: true }, '这是脱敏导出文件，不能用于恢复数据库'],
  ]

  it.each(refused)('%o is refused before anything is kept or written', async (variant, message) => {
    const [content, other] = fc.sample(dbContentArb, { numRuns: 2, seed: 11 })
    const source = freshDb()
    await load(source, content!)
    const file: TransferFile = { ...(await exportAll(source)), ...variant }
    const target = freshDb()
    await load(target, other!)
    const before = await fingerprint(target)
    let kept = false
    for (const attempt of [
      () => restoreSnapshot(target, file, { keepPreRestore: async () => void (kept = true) }),
      () => undoRestore(target, file),
    ]) {
      const error = await attempt().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransferError)
      expect(error).toMatchObject({ code: 'wrong-scope', message })
    }
    expect(kept).toBe(false)
    expect(await fingerprint(target)).toEqual(before)
    source.close()
    target.close()
  })
})
