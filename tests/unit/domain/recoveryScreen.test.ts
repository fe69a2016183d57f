/**
 * The recovery screen says 数据已恢复 or 已撤销恢复 only when this session holds the record of that
 * restore or undo: an address such as #/recovery?restored=1 alone never makes it say so.
 */
import { describe, expect, it } from 'vitest'
import { recoveryScreenMode, type RecoveryScreenFacts } from '../../../src/domain/recoveryScreen'

const none: RecoveryScreenFacts = {
  asked: undefined,
  restoreRecorded: false,
  undoRecorded: false,
  startupNeedsRecovery: false,
}

// asked (the address) · a restore recorded · an undo recorded · start-up check wants recovery → the screen
const TABLE: [RecoveryScreenFacts['asked'], boolean, boolean, boolean, string][] = [
  [undefined, false, false, false, 'ok'],
  [undefined, false, false, true, 'recovery'],
  [undefined, true, false, false, 'ok'],
  [undefined, false, true, false, 'ok'],
  ['restored', false, false, false, 'ok'],
  ['restored', false, false, true, 'recovery'],
  ['restored', false, true, false, 'ok'],
  ['restored', true, false, false, 'restored'],
  ['restored', true, false, true, 'restored'],
  ['undone', false, false, false, 'ok'],
  ['undone', false, false, true, 'recovery'],
  ['undone', true, false, false, 'ok'],
  ['undone', false, true, false, 'undone'],
  ['undone', false, true, true, 'undone'],
]

describe('the recovery screen', () => {
  it.each(TABLE)(
    'asked %s, restore recorded %s, undo recorded %s, start-up recovery %s → %s',
    (asked, restoreRecorded, undoRecorded, startupNeedsRecovery, mode) => {
      expect(recoveryScreenMode({ ...none, asked, restoreRecorded, undoRecorded, startupNeedsRecovery })).toBe(mode)
    },
  )
})
