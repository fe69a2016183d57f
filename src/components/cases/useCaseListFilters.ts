import { computed, ref, watch } from 'vue'
import { storeToRefs } from 'pinia'
import type { CaseStatus } from '../../domain/types'
import { STATUS_LABELS } from '../../domain/lifecycle'
import { CASE_SOURCES } from '../../domain/sources'
import { CASE_FLAGS } from '../../domain/categories'
import { dateFilterProblem, emptyFilters, filtersToQuery, type CaseFilters } from '../../domain/caseQuery'
import { useSettingsStore } from '../../stores/settings'
import { useCaseListStore } from '../../stores/caseList'
import { todayInChina } from '../../domain/dates'

const SEARCH_DELAY_MS = 200

/** Filters and search of the case list: the search box is debounced, a filter applies at once. */
export function useCaseListFilters() {
  const list = useCaseListStore()
  const { committee, rooms, mediators } = storeToRefs(useSettingsStore())
  const filters = ref<CaseFilters>(emptyFilters())

  const apply = () => void list.run(filtersToQuery(filters.value, todayInChina(), mediators.value))
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => filters.value.search,
    () => {
      clearTimeout(timer)
      timer = setTimeout(apply, SEARCH_DELAY_MS)
    },
  )
  watch(() => {
    const { search: _search, ...rest } = filters.value
    return JSON.stringify(rest)
  }, apply)

  function reset() {
    filters.value = { ...emptyFilters(), search: filters.value.search }
  }

  /** Shows the cases of every stage and status (what a search found but the stage filter hid). */
  function showAllStages() {
    filters.value = { ...filters.value, stage: 'all', status: null }
  }

  const options = {
    stage: [
      { label: '进行中', value: 'open' },
      { label: '已办结', value: 'done' },
      { label: '全部', value: 'all' },
    ],
    status: (Object.keys(STATUS_LABELS) as CaseStatus[]).map((s) => ({ label: STATUS_LABELS[s], value: s })),
    category: computed(() => (committee.value?.categories ?? []).map((c) => ({ label: c, value: c }))),
    room: computed(() => rooms.value.map((r) => ({ label: r.name, value: r.id }))),
    mediator: computed(() => mediators.value.map((m) => ({ label: m.name, value: m.id }))),
    source: CASE_SOURCES.map((s) => ({ label: s.label, value: s.source })),
    flag: CASE_FLAGS.map((f) => ({ label: f.flag, value: f.flag })),
    deadline: [
      { label: '已超期', value: 'overdue' },
      { label: '3日内到期', value: 'due-soon' },
    ],
  }

  /** why 登记起/止 do not filter as typed, shown above the list */
  const dateProblem = computed(() => dateFilterProblem(filters.value))

  return { filters, apply, reset, showAllStages, options, dateProblem }
}
