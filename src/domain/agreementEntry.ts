/**
 * The one-click way into the agreement editor from a case page. The editor starts (or reopens) the draft
 * itself when asked to (`draftStart` in agreement.ts decides which), so no confirmation step is needed.
 */
import type { CaseStatus } from './types'

/** The editor's query that asks it to start the draft, or open the one being written. */
export const START_DRAFT_QUERY = { start: 'draft' } as const

/** The button on the case page that leads into the agreement editor, when the case is at that step. */
export function agreementEntryLabel(status: CaseStatus): string | undefined {
  if (status === 'mediating') return '拟定书面协议'
  if (status === 'drafting') return '继续拟定协议'
  return undefined
}
