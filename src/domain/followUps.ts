/**
 * 回访 (follow-up visits): how a visit is made and how satisfied the parties are (the choices offered),
 * the form a new visit starts from, and what it needs before it is stored.
 */
import type { FollowUp, FollowUpMethod, PerformanceStatus, UUID } from './types'
import { readTypedDate } from './typedDate'

export const FOLLOW_UP_METHODS: readonly FollowUpMethod[] = ['上门', '电话', '当面', '其他']
export const SATISFACTION_LEVELS: readonly string[] = ['满意', '基本满意', '不满意']

/** A visit as the user records it (the case is the one on screen). */
export type FollowUpInput = Omit<FollowUp, 'id' | 'createdAt' | 'updatedAt' | 'caseId'>

/** The form while it is filled in: the two choices start unanswered. */
export type FollowUpForm = Omit<FollowUpInput, 'performance' | 'satisfaction'> & {
  performance: PerformanceStatus | null
  satisfaction: string | null
}

/** A new visit: today, by phone, by the case's mediators, nothing answered yet. */
export function newFollowUpForm(today: string, mediatorIds: readonly UUID[]): FollowUpForm {
  return {
    visitedOn: today,
    method: '电话',
    visitorIds: [...mediatorIds],
    performance: null,
    satisfaction: null,
    escalationSigns: false,
    notes: '',
  }
}

/** The form as a visit to store (notes trimmed), or the first thing missing, in Chinese. */
export function readFollowUpForm(
  f: FollowUpForm,
  today: string,
): { ok: true; value: FollowUpInput } | { ok: false; message: string } {
  const visited = readTypedDate(f.visitedOn)
  if (!visited.ok) return { ok: false, message: `回访日期：${visited.message}` }
  if (visited.date === '') return { ok: false, message: '请填写回访日期' }
  if (visited.date > today) return { ok: false, message: '回访日期不能晚于今天' }
  if (!f.visitorIds.length) return { ok: false, message: '请选择回访人' }
  if (!f.performance) return { ok: false, message: '请选择协议履行情况' }
  if (!f.satisfaction) return { ok: false, message: '请选择当事人满意度' }
  return {
    ok: true,
    value: {
      visitedOn: visited.date,
      method: f.method,
      visitorIds: f.visitorIds,
      performance: f.performance,
      satisfaction: f.satisfaction,
      escalationSigns: f.escalationSigns,
      notes: f.notes.trim(),
    },
  }
}
