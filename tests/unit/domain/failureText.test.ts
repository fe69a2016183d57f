import { describe, expect, it } from 'vitest'
import { failureText } from '../../../src/domain/failureText'
import { StorageError } from '../../../src/db/errors'

describe('the words a failure shows', () => {
  it('is the message of an error, and the text of anything else thrown', () => {
    const table: [unknown, string][] = [
      [new Error('案号格式不对'), '案号格式不对'],
      [new StorageError('quota', '磁盘空间不足，请清理后重试'), '磁盘空间不足，请清理后重试'],
      [
        new DOMException('The operation failed for reasons unrelated to the database itself', 'UnknownError'),
        'The operation failed for reasons unrelated to the database itself',
      ],
      [new TypeError(''), ''],
      ['没有找到这个案件', '没有找到这个案件'],
      [42, '42'],
      [undefined, 'undefined'],
    ]
    for (const [thrown, words] of table) expect(failureText(thrown)).toBe(words)
  })
})
