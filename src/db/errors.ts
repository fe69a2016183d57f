/**
 * Storage failures in words a mediator can act on. Never swallowed: every repository call that
 * fails reaches the user through one of these messages, and the form keeps what was typed.
 */
import { failureText } from '../domain/failureText'

export class StorageError extends Error {
  constructor(
    readonly code: 'quota' | 'version' | 'blocked' | 'abort' | 'constraint' | 'unavailable' | 'unreadable' | 'unknown',
    message: string,
    readonly causeName?: string,
  ) {
    super(message)
    this.name = 'StorageError'
  }
}

const MESSAGES: Record<StorageError['code'], string> = {
  quota: '磁盘空间不足，这次保存没有成功。请清理磁盘后再点保存，屏幕上的内容仍然保留。',
  version: '本机数据由更新版本的调解室写入，当前版本无法打开。请安装最新版本，数据不会被改动。',
  blocked: '另一个调解室窗口正在使用数据，请关闭其他窗口后重试。',
  abort: '保存被中断，没有写入任何内容。请再试一次。',
  constraint: '保存失败：记录与已有数据冲突（编号或主键重复），没有写入任何内容。',
  unavailable: '无法打开本机数据库。请不要删除任何文件，联系管理员从备份恢复。',
  unreadable:
    '本机数据无法解密：密钥与数据不符，或记录已损坏。请不要删除任何文件，也不要重新设置，联系管理员从备份恢复。',
  unknown: '保存失败，没有写入任何内容。请再试一次；如果反复出现，请联系管理员。',
}

/** A sealed record that does not open (another key, or changed bytes): never read as empty data. */
export function unreadableRecord(): StorageError {
  return new StorageError('unreadable', MESSAGES.unreadable, 'UnreadableRecord')
}

/** Maps an IndexedDB/Dexie error (by its name) to a StorageError with a Chinese message. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error
  const name = errorName(error)
  const code: StorageError['code'] =
    name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(failureText(error)))
      ? 'quota'
      : name === 'VersionError'
        ? 'version'
        : name === 'BlockedError' || name === 'DatabaseClosedError'
          ? 'blocked'
          : name === 'AbortError' || name === 'TransactionInactiveError'
            ? 'abort'
            : name === 'ConstraintError'
              ? 'constraint'
              : name === 'OpenFailedError' ||
                  name === 'InvalidStateError' ||
                  name === 'UnknownError' ||
                  name === 'MissingAPIError'
                ? 'unavailable'
                : 'unknown'
  return new StorageError(code, MESSAGES[code], name)
}

function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return ''
  const inner = (error as { inner?: unknown }).inner
  const own = (error as { name?: unknown }).name
  // Dexie wraps the native error; the inner name is the precise one.
  if (own === 'OpenFailedError' && inner && typeof inner === 'object' && 'name' in inner) {
    const innerName = String((inner as { name: unknown }).name)
    if (innerName === 'VersionError' || innerName === 'QuotaExceededError') return innerName
  }
  return typeof own === 'string' ? own : ''
}
