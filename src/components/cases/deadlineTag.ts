import type { DeadlineState } from '../../domain/deadlines'

/** The Naive UI tag type a deadline badge is drawn with, by the state of the clock. */
export const DEADLINE_TAG_TYPE = {
  overdue: 'error',
  'due-soon': 'warning',
  ok: 'success',
  stopped: 'default',
} as const satisfies Record<DeadlineState, string>

export type DeadlineTagType = (typeof DEADLINE_TAG_TYPE)[DeadlineState]
