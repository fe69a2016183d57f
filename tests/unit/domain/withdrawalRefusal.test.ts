/**
 * 撤回申请 is for a party's application only. The table below is written out by hand from the intake
 * form's sources: the committee's own cases (主动排查, 网格员上报, 其他) have no application to withdraw.
 */
import { describe, expect, it } from 'vitest'
import { availableActions, withdrawalRefusal } from '../../../src/domain/lifecycle'
import { transition } from '../../../src/domain/transition'
import type { CaseRecord, CaseSource } from '../../../src/domain/types'
import { makeCase } from './arbitraries'

const WITHDRAWABLE: [CaseSource, boolean][] = [
  ['当事人申请', true],
  ['主动排查', false],
  ['网格员上报', false],
  ['公安移交', true],
  ['法院委派委托', true],
  ['政府部门交办', true],
  ['信访12345转办', true],
  ['其他', false],
]

describe('撤回申请 by case source', () => {
  it.each(WITHDRAWABLE)('%s: offered %s', (source, offered) => {
    for (const status of ['intake', 'accepted', 'mediating'] as const) {
      const c: CaseRecord = makeCase({ source, status })
      expect(availableActions(c).some((a) => a.action === 'withdraw')).toBe(offered)
      expect(withdrawalRefusal(c) === undefined).toBe(offered)
      const r = transition(c, 'withdraw', { note: '当事人表示不再要求调解' }, '2026-06-10T00:00:00.000Z')
      expect(r.ok).toBe(offered)
      if (!r.ok) expect(r.message).toContain('终止调解')
    }
  })
})
