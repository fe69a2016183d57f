/**
 * 司法确认: when the parties may still ask a court to confirm their agreement. Which categories may
 * apply at all is decided by `judicialConfirmationLimit` in categories.ts (it shares their keywords).
 *
 * 人民调解法 Art. 33: the parties apply jointly "自调解协议生效之日起三十日内". The day the agreement
 * takes effect is not counted (民事诉讼法 Art. 85), so an agreement effective 03-01 may be brought until 03-31.
 */
import { addDays, localDate } from './dates'

export const JUDICIAL_CONFIRMATION_DAYS = 30

/** The last day to apply, for an agreement that took effect at the stored instant `finalizedAt` (China date). */
export function judicialConfirmationLastDay(finalizedAt: string): string {
  return addDays(localDate(finalizedAt), JUDICIAL_CONFIRMATION_DAYS)
}
