import { describe, expect, it } from 'vitest'
import {
  RESTORE_REFUSAL_TEXT,
  restoreRefusal,
  type RestoreCandidate,
  type RestoreRefusal,
} from '../../../src/domain/restoreEligibility'

describe('which files may replace the whole database (written-out table)', () => {
  const table: [file: RestoreCandidate, refusal: RestoreRefusal | undefined][] = [
    [{ scope: 'all', masked: false }, undefined],
    [{ scope: 'all', masked: true }, 'masked'],
    [{ scope: 'cases', masked: false }, 'partial'],
    // a masked partial export is named for its masking, the graver loss
    [{ scope: 'cases', masked: true }, 'masked'],
    // anything but the whole database is partial
    [{ scope: '', masked: false }, 'partial'],
    [{ scope: 'ALL', masked: false }, 'partial'],
  ]
  it.each(table)('%o → %s', (file, refusal) => {
    expect(restoreRefusal(file)).toBe(refusal)
  })

  it('tells the user what each refusal means, in the words of the restore screen', () => {
    expect(RESTORE_REFUSAL_TEXT).toEqual({
      masked: '这是脱敏导出文件，不能用于恢复数据库',
      partial: '这是部分案件的导出文件，不能用于恢复整个数据库；请使用“数据交换”中的导入',
    })
  })
})
