import { describe, expect, it } from 'vitest'
import { failureText } from '../../../src/domain/failureText'
import { StorageError } from '../../../src/db/errors'

describe('the words a failure shows', () => {
  it('is the message of an error, or the text thrown; 原因不明 (or the words given) when there are none', () => {
    const table: [unknown, string][] = [
      [new Error('案号格式不对'), '案号格式不对'],
      [new StorageError('quota', '磁盘空间不足，请清理后重试'), '磁盘空间不足，请清理后重试'],
      [
        new DOMException('The operation failed for reasons unrelated to the database itself', 'UnknownError'),
        'The operation failed for reasons unrelated to the database itself',
      ],
      [new TypeError(''), '原因不明'],
      [new Error('  '), '原因不明'],
      ['没有找到这个案件', '没有找到这个案件'],
      ['', '原因不明'],
      [42, '原因不明'],
      [undefined, '原因不明'],
      [null, '原因不明'],
      [{ code: 7 }, '原因不明'],
    ]
    for (const [thrown, words] of table) expect(failureText(thrown)).toBe(words)
    expect(failureText(new Error(''), '保存失败，请稍后重试')).toBe('保存失败，请稍后重试')
    expect(failureText(new Error('磁盘已满'), '保存失败，请稍后重试')).toBe('磁盘已满')
  })
})
