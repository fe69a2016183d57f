/**
 * The step forward from each state (the green button), written out by hand from the procedure
 * 受理 → 调查 → 调解 → 协议 → 结案 → 归档; never a step back (开始调查 once 调解 has begun).
 */
import { describe, expect, it } from 'vitest'
import { canTransition, nextStepAction, STATUS_LABELS, type CaseAction } from '../../../src/domain/lifecycle'
import type { CaseStatus } from '../../../src/domain/types'

const NEXT: [CaseStatus, CaseAction | undefined][] = [
  ['intake', 'accept'],
  ['rejected', 'archive'],
  ['accepted', 'investigate'],
  ['investigating', 'mediate'],
  ['mediating', 'draftAgreement'],
  ['drafting', 'finalizeAgreement'],
  ['effective', 'close'],
  ['terminated', 'close'],
  ['withdrawn', 'close'],
  ['referred', 'close'],
  ['closed', 'archive'],
  ['archived', undefined],
]

describe('nextStepAction', () => {
  it('covers every state', () => {
    expect(NEXT.map(([s]) => s).sort()).toEqual(Object.keys(STATUS_LABELS).sort())
  })

  it.each(NEXT)('%s → %s', (status, action) => {
    expect(nextStepAction(status)).toBe(action)
    if (action) expect(canTransition(status, action)).toBe(true)
  })

  it('after 开始调解 the step forward is never 开始调查', () => {
    expect(nextStepAction('mediating')).not.toBe('investigate')
  })
})
