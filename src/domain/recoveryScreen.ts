/**
 * What the recovery screen (#/recovery) shows. Its address only asks (…?restored=1 after a restore,
 * …?undone=1 after an undo); the screen confirms a restore or an undo only when this session holds the
 * record of it, so a typed or shared address never shows a false 数据已恢复.
 */

export type RecoveryScreenMode = 'restored' | 'undone' | 'recovery' | 'ok'

export interface RecoveryScreenFacts {
  /** what the address asks to confirm */
  asked: 'restored' | 'undone' | undefined
  /** a restore was applied in this session (its undo record is kept) */
  restoreRecorded: boolean
  /** an undo of a restore was applied just before this start */
  undoRecorded: boolean
  /** the start-up check found data missing or unreadable */
  startupNeedsRecovery: boolean
}

export function recoveryScreenMode(facts: RecoveryScreenFacts): RecoveryScreenMode {
  if (facts.asked === 'restored' && facts.restoreRecorded) return 'restored'
  if (facts.asked === 'undone' && facts.undoRecorded) return 'undone'
  return facts.startupNeedsRecovery ? 'recovery' : 'ok'
}
