import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ReferralStatus, UUID, Visit } from '../domain/types'
import type { VisitFields } from '../domain/visits'
import { getDatabase } from '../db/connection'
import * as repo from '../db/visitsRepo'
import { currentActor } from './actor'
import { failureText } from '../domain/failureText'

/**
 * The reception log (接待登记): read when a screen that shows visits opens (接待, 工作台, 统计), changed only
 * through `save`, `update`, `moveReferral` and `linkCase`. `caseHeadings`: the cases visits became, by id.
 */
export const useVisitsStore = defineStore('visits', () => {
  const visits = shallowRef<Visit[]>([])
  const loaded = ref(false)
  const errorMessage = ref('')
  const caseHeadings = shallowRef<ReadonlyMap<UUID, repo.VisitCaseHeading>>(new Map())
  let reading: Promise<void> | undefined

  async function read(): Promise<void> {
    errorMessage.value = ''
    try {
      const { db } = await getDatabase()
      visits.value = await repo.listVisits(db)
      loaded.value = true
      await readCaseHeadings()
    } catch (error) {
      errorMessage.value = failureText(error)
    }
  }

  /** Reads the visits again; calls in flight share one read. */
  function load(): Promise<void> {
    reading ??= read().finally(() => (reading = undefined))
    return reading
  }

  async function readCaseHeadings(): Promise<void> {
    const { db } = await getDatabase()
    const ids = visits.value.flatMap((v) => (v.caseId ? [v.caseId] : []))
    caseHeadings.value = new Map((await repo.visitCaseHeadings(db, ids)).map((c) => [c.id, c]))
  }

  function replace(saved: Visit): Visit {
    visits.value = [...visits.value.filter((v) => v.id !== saved.id), saved]
    return saved
  }

  /** Records a new visit (fields checked by validateVisit). */
  async function save(fields: VisitFields): Promise<Visit> {
    const { db } = await getDatabase()
    return replace(await repo.createVisit(db, fields, currentActor()))
  }

  /** Corrects visit `id` (fields checked by validateVisit; what it may become: visitEditProblem). */
  async function update(id: UUID, fields: VisitFields): Promise<Visit> {
    const { db } = await getDatabase()
    return replace(await repo.updateVisit(db, id, fields, currentActor()))
  }

  async function moveReferral(id: UUID, next: ReferralStatus, note = ''): Promise<Visit> {
    const { db } = await getDatabase()
    return replace(await repo.moveVisitReferral(db, id, next, note, currentActor()))
  }

  /** The case registered from visit `id` (intake saved). */
  async function linkCase(id: UUID, caseId: UUID): Promise<Visit> {
    const { db } = await getDatabase()
    const linked = replace(await repo.linkVisitCase(db, id, caseId, currentActor()))
    await readCaseHeadings().catch(() => undefined)
    return linked
  }

  return { visits, loaded, errorMessage, caseHeadings, load, save, update, moveReferral, linkCase }
})
