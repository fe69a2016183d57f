// @vitest-environment happy-dom
/**
 * What an autosave keeps when the page goes away (src/db/autosaveRescue.ts): sealed under the data key,
 * read back for the same record only, never in the clear, dropped once stored.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { storeKeys } from '../../../src/db/keys'
import { dropUnsaved, keepUnsaved, keptUnsaved } from '../../../src/db/autosaveRescue'

const value = {
  id: 's1',
  notes: '申请人称：住址幸福路八号，电话13812345678。',
  statements: [{ speaker: '张三', text: '同意' }],
}

beforeAll(async () => {
  await storeKeys()
})
beforeEach(() => localStorage.clear())

describe('a copy of what is unsaved', () => {
  it('is read back as it was kept, for its record only', () => {
    expect(keepUnsaved('session', 's1', value)).toBe(true)
    expect(keptUnsaved('session', 's1')).toEqual(value)
    expect(keptUnsaved('session', 's2')).toBeUndefined()
    expect(keptUnsaved('agreement', 's1')).toBeUndefined()
  })

  it('holds nothing in the clear', () => {
    keepUnsaved('session', 's1', value)
    const stored = JSON.stringify({ ...localStorage })
    for (const plain of ['幸福路', '13812345678', '张三', 'notes']) expect(stored).not.toContain(plain)
  })

  it('moved to another record does not open, and is dropped', () => {
    keepUnsaved('session', 's1', value)
    const entries = Object.keys(localStorage)
    expect(entries).toHaveLength(1)
    localStorage.setItem(entries[0]!.replace('s1', 's2'), localStorage.getItem(entries[0]!)!)
    expect(keptUnsaved('session', 's2')).toBeUndefined()
    expect(Object.keys(localStorage)).toEqual(entries)
  })

  it('is gone once dropped', () => {
    keepUnsaved('session', 's1', value)
    dropUnsaved('session', 's1')
    expect(keptUnsaved('session', 's1')).toBeUndefined()
    expect(localStorage.length).toBe(0)
  })
})
