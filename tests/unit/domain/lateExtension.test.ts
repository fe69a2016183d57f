/**
 * Extending a deadline that has already passed is allowed, but not without a word: the dialog says how
 * long ago it ran out. Sentences written out by hand.
 */
import { describe, expect, it } from 'vitest'
import { lateExtensionWarning } from '../../../src/domain/deadlines'
import type { CaseStatus } from '../../../src/domain/types'

const LATE = (days: number) =>
  `办理期限已于2026-04-01届满，已超期${days}天。延长期限本应在期限届满前经双方当事人同意办理；现在延长，新的期限仍从原期限2026-04-01起算。请在延长理由中写明超期的原因。`

describe('extending a deadline already passed', () => {
  it.each<[CaseStatus, string, string | undefined]>([
    ['mediating', '2026-03-31', undefined],
    ['mediating', '2026-04-01', undefined],
    ['mediating', '2026-04-02', LATE(1)],
    ['accepted', '2026-07-01', LATE(91)],
    ['closed', '2026-07-01', undefined],
  ])('%s case due 2026-04-01, today %s', (status, today, expected) => {
    expect(lateExtensionWarning({ status, dueOn: '2026-04-01' }, today)).toBe(expected)
  })

  it('says nothing when the case has no deadline', () => {
    expect(lateExtensionWarning({ status: 'intake' }, '2026-07-01')).toBeUndefined()
  })
})
