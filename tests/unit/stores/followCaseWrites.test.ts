/**
 * followCaseWrites: a burst of writes to the followed case is read again once, REFRESH_AFTER_MS after the
 * last; another case's writes, and any after `stop`, are not. The debounce is time itself, so the timers are
 * fake (setTimeout and clearTimeout only: fake-indexeddb schedules with setImmediate). A write is told when
 * its transaction commits, before the write's promise resolves, so each step awaits the write and then
 * moves the clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCase, updateCase } from '../../../src/db/casesRepo'
import type { CaseRecordKeys } from '../../../src/db/tableWrites'
import type { MediationDb } from '../../../src/db/schema'
import { followCaseWrites, REFRESH_AFTER_MS, type CaseWritesFollower } from '../../../src/stores/followCaseWrites'
import { freshDb } from '../db/helpers'
import { intake, setUpCommittee } from '../db/caseFixtures'

let db: MediationDb
let own = ''
let other = ''
let follower: CaseWritesFollower | undefined

beforeEach(async () => {
  db = freshDb()
  const { committee, roomId } = await setUpCommittee(db)
  own = (await createCase(db, intake(roomId), committee, '测试')).id
  other = (await createCase(db, intake(roomId, { title: '另一件' }), committee, '测试')).id
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})

afterEach(() => {
  follower?.stop()
  follower = undefined
  vi.useRealTimers()
})

/** The followed case as a case page names it (its document only: enough for `updateCase`). */
const watched = (): CaseRecordKeys => ({ caseId: own, keys: { caseDocs: [own] } })
const edit = (id: string, title: string) => updateCase(db, id, { title }, '测试')

/** A follower of `own` whose re-reads are counted. */
function counted(refresh: () => Promise<void> = () => Promise.resolve()) {
  const reRead = vi.fn(refresh)
  follower = followCaseWrites(watched, reRead)
  return reRead
}

describe('followCaseWrites', () => {
  it('reads again once after a burst of the case’s writes, REFRESH_AFTER_MS after the last', async () => {
    const reRead = counted()
    follower!.start(db)
    await edit(own, '一')
    vi.advanceTimersByTime(REFRESH_AFTER_MS - 1)
    await edit(own, '二')
    vi.advanceTimersByTime(REFRESH_AFTER_MS - 1)
    await edit(own, '三')
    vi.advanceTimersByTime(REFRESH_AFTER_MS - 1)
    expect(reRead).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(reRead).toHaveBeenCalledTimes(1)
    // a later write is a new burst
    await edit(own, '四')
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    expect(reRead).toHaveBeenCalledTimes(2)
  })

  it('does not read again for another case’s writes', async () => {
    const reRead = counted()
    follower!.start(db)
    await edit(other, '他案')
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    expect(reRead).not.toHaveBeenCalled()
    await edit(own, '本案')
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    expect(reRead).toHaveBeenCalledTimes(1)
  })

  it('reads nothing before start, and after stop drops the re-read waiting and follows no more', async () => {
    const reRead = counted()
    await edit(own, '未开始')
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    expect(reRead).not.toHaveBeenCalled()
    follower!.start(db)
    follower!.start(db) // a second start subscribes no second time: one stop ends it
    await edit(own, '等待中')
    follower!.stop()
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    await edit(own, '停止后')
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    expect(reRead).not.toHaveBeenCalled()
  })

  it('drops a failed re-read and reads again at the next write', async () => {
    const reRead = counted(() => Promise.reject(new Error('读取失败')))
    follower!.start(db)
    await edit(own, '一')
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    await edit(own, '二') // the failed re-read settles meanwhile (an unhandled rejection fails the run)
    vi.advanceTimersByTime(REFRESH_AFTER_MS)
    expect(reRead).toHaveBeenCalledTimes(2)
    await expect(reRead.mock.results[1]!.value).rejects.toThrow('读取失败')
  })
})
