// @vitest-environment happy-dom
/**
 * The action dialog asks what each lifecycle action needs and refuses, in Chinese, what the procedure
 * does not allow, through the real stores and database (fake-indexeddb).
 */
// first: Dexie takes the IndexedDB it finds when it is loaded
import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import CaseActionDialog from '../../../../src/components/cases/CaseActionDialog.vue'
import { findRule, type CaseAction, type TransitionRule } from '../../../../src/domain/lifecycle'
import type { CaseStatus } from '../../../../src/domain/types'
import { useCaseDetailStore } from '../../../../src/stores/caseDetail'
import { getDatabase } from '../../../../src/db/connection'
import { applyAction } from '../../../../src/db/casesRepo'
import { person } from '../../db/caseFixtures'
import { officeReady, registeredCase, type Office } from '../appData'
import { clickButton, freshPinia, mountInApp, pageText, type Mounted } from '../mountInApp'

let office: Office
let mounted: Mounted | undefined

beforeAll(async () => {
  freshPinia()
  office = await officeReady()
})

afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

/** Opens the dialog for `action` on a case in `status`; returns what it emitted so far. */
async function dialogFor(
  status: 'intake' | 'accepted' | 'mediating',
  action: CaseAction,
  over: Parameters<typeof registeredCase>[0] = {},
) {
  const pinia = freshPinia()
  await officeReady()
  const created = await registeredCase(over)
  const { db } = await getDatabase()
  if (status !== 'intake')
    await applyAction(
      db,
      created.id,
      'accept',
      { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds: [office.mediatorIds[0]!] },
      office.committee,
      '测试',
    )
  if (status === 'mediating') await applyAction(db, created.id, 'mediate', {}, office.committee, '测试')
  const detail = useCaseDetailStore()
  await detail.load(created.id)
  const rule = ref<TransitionRule | undefined>()
  const done: string[] = []
  const closed: number[] = []
  mounted = await mountInApp(
    () =>
      h(CaseActionDialog, {
        rule: rule.value,
        onDone: (label: string) => done.push(label),
        onClose: () => closed.push(1),
      }),
    { pinia },
  )
  rule.value = findRule(status as CaseStatus, action)
  await flushPromises()
  /** Confirms, then waits for the dialog's answer: done, or a refusal shown. */
  async function confirm(): Promise<void> {
    await clickButton(`确定${findRule(status as CaseStatus, action)!.label}`)
    await vi.waitFor(() => expect(done.length > 0 || alertText() !== '').toBe(true))
  }
  return { detail, done, closed, confirm }
}

function alertText(): string {
  return [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent?.trim()).join(' | ')
}

async function typeInto(label: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[aria-label="${label}"]`)
  if (!input) throw new Error(`no field labelled ${label}`)
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await flushPromises()
}

describe('受理', () => {
  it('refuses without a mediator and leaves the case as registered', async () => {
    const { detail, done, confirm } = await dialogFor('intake', 'accept', { mediatorIds: [] })
    expect(pageText()).toContain('受理后将自动生成案件编号')
    await confirm()
    expect(alertText()).toBe('受理时请指派至少一名调解员')
    expect(done).toEqual([])
    expect(detail.caseRecord?.status).toBe('intake')
    expect(detail.caseRecord?.caseNo).toBeUndefined()
  })

  it('accepts with the mediator of the intake, numbering the case', async () => {
    const { detail, done, confirm } = await dialogFor('intake', 'accept', { mediatorIds: [office.mediatorIds[1]!] })
    await confirm()
    expect(alertText()).toBe('')
    expect(done).toEqual(['受理'])
    expect(detail.caseRecord?.status).toBe('accepted')
    expect(detail.caseRecord?.caseNo).toMatch(/^（\d{4}）城关镇调字第\d{3}号$/)
  })

  it('a date before the intake is refused', async () => {
    const { detail, confirm } = await dialogFor('intake', 'accept', {
      mediatorIds: [office.mediatorIds[1]!],
      receivedOn: '2026-03-01',
    })
    await typeInto('受理日期', '2026-02-28')
    await confirm()
    expect(alertText()).toBe('受理日期不能早于登记日期')
    expect(detail.caseRecord?.status).toBe('intake')
  })

  it('warns when the mediator shares a name with a party (回避)', async () => {
    await dialogFor('intake', 'accept', {
      mediatorIds: [office.mediatorIds[0]!],
      parties: [person('李淑珺', '申请人'), person('赵堃', '被申请人')],
    })
    expect(pageText()).toContain('回避提示')
    expect(pageText()).toContain('调解员李淑珺与当事人李淑珺姓名相同，请确认是否需要回避')
  })
})

describe('the other actions refuse what the procedure needs, in Chinese', () => {
  /** [action, state, fields to type (label → value), the refusal shown] */
  const REFUSALS: [CaseAction, 'intake' | 'accepted' | 'mediating', Record<string, string>, string][] = [
    ['reject', 'intake', {}, '请填写不予受理的理由'],
    ['reject', 'intake', { 不予受理理由: '不属于民间纠纷' }, '请填写告知当事人的其他解决途径'],
    ['withdraw', 'intake', { 撤回说明: '   ' }, '请填写撤回申请的情况说明'],
    ['refer', 'intake', { 转办事项: '涉嫌违法建设' }, '请选择转办部门'],
    ['terminate', 'mediating', { 终止原因: '双方分歧过大' }, '请填写已告知当事人的其他解决途径（仲裁、行政、诉讼等）'],
    ['registerOralAgreement', 'mediating', {}, '请填写口头协议的内容'],
    ['extendDeadline', 'accepted', { 延长理由: '当事人外出务工' }, '延长期限须经双方当事人同意'],
    ['extendDeadline', 'accepted', {}, '请填写延长期限的理由'],
  ]
  it.each(REFUSALS)('%s from %s with %o: %s', async (action, status, fields, refusal) => {
    const { detail, done, confirm } = await dialogFor(status, action)
    for (const [label, value] of Object.entries(fields)) await typeInto(label, value)
    await confirm()
    expect(alertText()).toBe(refusal)
    expect(done).toEqual([])
    expect(detail.caseRecord?.status).toBe(status)
  })

  it('extending a deadline that already ran out says so first (accepted 2026-03-02 for 30 days)', async () => {
    await dialogFor('accepted', 'extendDeadline')
    expect(pageText()).toContain('办理期限已于2026-04-01届满，已超期')
    expect(pageText()).toContain('新的期限仍从原期限2026-04-01起算')
    // a notice, not a refusal: it is not an alert
    expect(alertText()).toBe('')
  })

  it('rejects once reason and routes are given', async () => {
    const { detail, done, confirm } = await dialogFor('intake', 'reject')
    await typeInto('不予受理理由', '不属于民间纠纷')
    await typeInto('告知的途径', '可向人民法院提起诉讼')
    await confirm()
    expect(done).toEqual(['不予受理'])
    expect(detail.caseRecord?.status).toBe('rejected')
    expect(detail.caseRecord?.rejection).toMatchObject({ reason: '不属于民间纠纷', routes: '可向人民法院提起诉讼' })
  })

  it('a possible escalation asks for a report', async () => {
    await dialogFor('mediating', 'terminate')
    expect(pageText()).not.toContain('防止民转刑')
    const box = [...document.querySelectorAll('.n-checkbox')].find((c) => c.textContent?.includes('纠纷可能激化'))
    if (!box) throw new Error('no escalation checkbox')
    ;(box as HTMLElement).click()
    await flushPromises()
    expect(pageText()).toContain('请及时向调委会和有关部门报告，防止民转刑。')
  })

  it('a step without inputs only asks to confirm', async () => {
    const { detail, done, confirm } = await dialogFor('accepted', 'mediate')
    expect(pageText()).toContain('确定要“开始调解”吗？')
    await confirm()
    expect(done).toEqual(['开始调解'])
    expect(detail.caseRecord?.status).toBe('mediating')
  })
})
