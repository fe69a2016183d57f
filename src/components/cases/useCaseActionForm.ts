import { computed, ref } from 'vue'
import { storeToRefs } from 'pinia'
import type { CaseAction } from '../../domain/lifecycle'
import type { PerformanceStatus, PreventionKind } from '../../domain/types'
import { preventionRecord } from '../../domain/statistics'
import { recusalFlags } from '../../domain/recusal'
import { defaultReferralDueOn, readReferralForm } from '../../domain/referrals'
import { todayInChina } from '../../domain/dates'
import { readTypedDate } from '../../domain/typedDate'
import { useSettingsStore } from '../../stores/settings'
import { useCaseDetailStore } from '../../stores/caseDetail'
import { failureText } from '../../domain/failureText'

/** Every input any lifecycle action asks for; the dialog shows only the ones its action needs. */
export interface ActionFormState {
  acceptedOn: string
  deadlineDays: number
  mediatorIds: string[]
  recorderId: string | null
  reason: string
  routes: string
  content: string
  escalationWarning: boolean
  department: string | null
  matter: string
  dueOn: string
  days: number
  partiesConsent: boolean
  performance: PerformanceStatus | null
  note: string
  receipts: File[]
  /** 结案: people each prevention concerned (防止民转刑 …), empty when none */
  preventionPeople: Record<PreventionKind, number | null>
  abnormalDeath: boolean
}

/** The state of the action dialog and the one call that performs the chosen action. */
export function useCaseActionForm() {
  const settings = useSettingsStore()
  const { committee, mediators } = storeToRefs(settings)
  const detail = useCaseDetailStore()
  const { caseRecord, parties } = storeToRefs(detail)

  const form = ref<ActionFormState>(blank())
  const errorMessage = ref('')
  const busy = ref(false)

  function blank(): ActionFormState {
    const today = todayInChina()
    return {
      acceptedOn: today,
      deadlineDays: committee.value?.defaultDeadlineDays ?? 30,
      mediatorIds: [...(caseRecord.value?.mediatorIds ?? [])],
      recorderId: caseRecord.value?.recorderId ?? null,
      reason: '',
      routes: '',
      content: '',
      escalationWarning: false,
      department: null,
      matter: '',
      dueOn: defaultReferralDueOn(today),
      days: 15,
      partiesConsent: false,
      performance: null,
      note: '',
      receipts: [],
      preventionPeople: {
        criminal: caseRecord.value?.prevention?.people.criminal ?? null,
        suicide: caseRecord.value?.prevention?.people.suicide ?? null,
        petition: caseRecord.value?.prevention?.people.petition ?? null,
        fight: caseRecord.value?.prevention?.people.fight ?? null,
      },
      abnormalDeath: caseRecord.value?.prevention?.abnormalDeath ?? false,
    }
  }

  function reset() {
    form.value = blank()
    errorMessage.value = ''
  }

  /** 回避: chosen mediators sharing a name, ID number or address with a party (or an agent). */
  const recusalWarnings = computed(() => {
    const chosen = mediators.value.filter((m) => form.value.mediatorIds.includes(m.id))
    return recusalFlags(chosen, parties.value).map((f) => f.message)
  })

  /** Runs the action; returns true when stored, otherwise shows the Chinese reason and keeps the form. */
  async function perform(action: CaseAction): Promise<boolean> {
    const f = form.value
    errorMessage.value = ''
    busy.value = true
    try {
      switch (action) {
        case 'accept': {
          // typed as any date is (src/domain/typedDate.ts); the case stores the date it names
          const accepted = readTypedDate(f.acceptedOn)
          if (!accepted.ok) throw new Error(`受理日期：${accepted.message}`)
          await detail.runAction('accept', {
            acceptedOn: accepted.date,
            deadlineDays: f.deadlineDays,
            mediatorIds: f.mediatorIds,
            ...(f.recorderId ? { recorderId: f.recorderId } : {}),
          })
          break
        }
        case 'reject':
          await detail.runAction('reject', { reason: f.reason, routes: f.routes })
          break
        case 'resumeMediation':
          await detail.runAction('resumeMediation', { reason: f.reason })
          break
        case 'registerOralAgreement':
          await detail.runAction('registerOralAgreement', { content: f.content })
          break
        case 'terminate':
          await detail.runAction('terminate', {
            reason: f.reason,
            routesTold: f.routes,
            escalationWarning: f.escalationWarning,
          })
          break
        case 'withdraw':
          await detail.runAction('withdraw', { note: f.note })
          break
        case 'refer': {
          const read = readReferralForm(f)
          if (!read.ok) throw new Error(read.message)
          await detail.referWholeCase(read.value)
          break
        }
        case 'extendDeadline':
          await detail.runAction('extendDeadline', { days: f.days, reason: f.reason, partiesConsent: f.partiesConsent })
          break
        case 'recordPerformance':
          if (!f.performance) throw new Error('请选择履行情况')
          await detail.recordPerformance({ status: f.performance, note: f.note, receipts: f.receipts })
          break
        case 'close': {
          const prevention = preventionRecord(f.preventionPeople, f.abnormalDeath)
          await detail.runAction('close', { summary: f.content, ...(prevention ? { prevention } : {}) })
          break
        }
        case 'recordPrevention':
          await detail.runAction('recordPrevention', {
            prevention: preventionRecord(f.preventionPeople, f.abnormalDeath),
          })
          break
        case 'reopen':
          await detail.runAction('reopen', { reason: f.reason })
          break
        case 'investigate':
        case 'mediate':
        case 'draftAgreement':
        case 'finalizeAgreement':
        case 'archive':
          await detail.runAction(action, {})
          break
      }
      return true
    } catch (error) {
      errorMessage.value = failureText(error)
      return false
    } finally {
      busy.value = false
    }
  }

  return { form, errorMessage, busy, reset, perform, recusalWarnings }
}
