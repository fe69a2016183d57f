import { computed, onBeforeUnmount, ref, watch } from 'vue'
import { storeToRefs } from 'pinia'
import type { IntakeInput } from '../../domain/intake'
import { validateIntake } from '../../domain/intake'
import { CASE_SOURCES, sourceInfo } from '../../domain/sources'
import { SCREENING_SOURCE } from '../../domain/screening'
import { useSettingsStore } from '../../stores/settings'
import { useCasesStore, type RepeatCase } from '../../stores/cases'
import { useFieldErrors } from '../../composables/useFieldErrors'
import { newPartyInput, withMinorFlag } from '../../domain/parties'
import { todayInChina } from '../../domain/dates'
import { intakePrefillOf } from '../../domain/visits'
import { fillPartyFromCard, flagsWithEnterprise } from '../../domain/enterpriseCode'
import type { Visit } from '../../domain/types'

const REPEAT_CHECK_DELAY_MS = 400

/**
 * The intake form: defaults that suit the desk, validation beside each field, the repeat-party check.
 * `screeningId`: registering a case found by that round (the 排查 page's 登记案件): source 主动排查, the round chosen.
 */
export function useIntakeForm(screeningId?: string) {
  const settings = useSettingsStore()
  const { committee, rooms, activeMediators } = storeToRefs(settings)
  const cases = useCasesStore()
  const { errors, feedback, set, clear } = useFieldErrors()
  const today = todayInChina()

  const form = ref<IntakeInput>({
    source: screeningId ? SCREENING_SOURCE : '当事人申请',
    sourceBody: '',
    sourceRefNo: '',
    screeningId: screeningId ?? '',
    gridWorkerId: '',
    oralApplication: false,
    category: '',
    title: '',
    facts: '',
    requests: [''],
    amountYuan: 0,
    peopleCount: 2,
    flags: [],
    roomId: rooms.value.find((r) => r.active)?.id ?? '',
    mediatorIds: [],
    receivedOn: today,
    parties: [newPartyInput('申请人'), newPartyInput('被申请人')],
  })

  const hasReferringBody = computed(() => sourceInfo(form.value.source).hasReferringBody)
  const namesRound = computed(() => form.value.source === SCREENING_SOURCE)
  const sourceOptions = CASE_SOURCES.map((s) => ({ label: s.label, value: s.source }))
  const categoryOptions = computed(() => (committee.value?.categories ?? []).map((c) => ({ label: c, value: c })))
  const roomOptions = computed(() => rooms.value.filter((r) => r.active).map((r) => ({ label: r.name, value: r.id })))
  const mediatorOptions = computed(() =>
    activeMediators.value.map((m) => ({ label: `${m.name}（${m.role}）`, value: m.id })),
  )

  // people count follows the party list until the user sets it higher (e.g. 12 workers)
  watch(
    () => form.value.parties.length,
    (count, before) => {
      if (form.value.peopleCount === before || form.value.peopleCount < count) form.value.peopleCount = count
    },
  )

  // a party under 18 ticks 涉及未成年人 as soon as the birth date is known (validateIntake does it too)
  watch(
    () => [form.value.receivedOn, ...form.value.parties.map((p) => `${p.kind}|${p.birthDate ?? ''}`)].join('\n'),
    () => {
      const flags = withMinorFlag(form.value.flags, form.value.parties, form.value.receivedOn)
      if (flags.length !== form.value.flags.length) form.value.flags = flags
    },
  )

  const repeats = ref<RepeatCase[]>([])
  let repeatTimer: ReturnType<typeof setTimeout> | undefined
  let repeatGeneration = 0
  watch(
    () => form.value.parties.map((p) => `${p.name}|${p.idNumber ?? ''}|${p.phone}`).join('\n'),
    () => {
      clearTimeout(repeatTimer)
      repeatTimer = setTimeout(async () => {
        const mine = ++repeatGeneration
        try {
          const found = await cases.findRepeats(
            form.value.parties.map((p) => ({ name: p.name, idNumber: p.idNumber, phone: p.phone })),
          )
          if (mine === repeatGeneration) repeats.value = found
        } catch {
          // the warning is a help, not a gate: a failed look-up leaves the last answer on screen
        }
      }, REPEAT_CHECK_DELAY_MS)
    },
  )
  onBeforeUnmount(() => clearTimeout(repeatTimer))

  /** 登记为调解案件 from the desk: what the visit recorded (src/domain/visits.ts decides what goes where). */
  function prefillFromVisit(visit: Visit) {
    const p = intakePrefillOf(visit, committee.value?.categories ?? [])
    const applicant = { ...form.value.parties[0]!, name: p.applicantName, phone: p.applicantPhone }
    const parties = [applicant, ...form.value.parties.slice(1)]
    if (p.organisation) {
      const at = p.organisation.partyIndex
      parties[at] = fillPartyFromCard(parties[at]!, p.organisation.card)
    }
    form.value = {
      ...form.value,
      visitId: p.visitId,
      category: p.category || form.value.category,
      facts: p.facts,
      oralApplication: p.oralApplication,
      flags: p.enterprise ? flagsWithEnterprise(form.value.flags) : form.value.flags,
      parties,
    }
    form.value.peopleCount = p.peopleCount
  }

  function addParty(role: IntakeInput['parties'][number]['role'] = '申请人') {
    form.value.parties.push(newPartyInput(role))
  }

  const saving = ref(false)
  /** Validates and stores; returns the new case id, or undefined with the errors shown. */
  async function submit(): Promise<string | undefined> {
    clear()
    const check = validateIntake(form.value, committee.value?.categories ?? [], today)
    if (!check.ok) {
      set(check.errors)
      return undefined
    }
    saving.value = true
    try {
      return (await cases.registerCase(check.value)).id
    } finally {
      saving.value = false
    }
  }

  return {
    form,
    errors,
    feedback,
    hasReferringBody,
    namesRound,
    sourceOptions,
    categoryOptions,
    roomOptions,
    mediatorOptions,
    repeats,
    addParty,
    submit,
    saving,
    prefillFromVisit,
  }
}
