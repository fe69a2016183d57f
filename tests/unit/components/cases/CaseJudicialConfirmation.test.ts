// @vitest-environment happy-dom
/**
 * The 司法确认 section of the 履行 tab: the last day to apply, recording and correcting through the dialog,
 * refusals and the 已超过申请期限 warning in Chinese, through the real stores and database (fake-indexeddb).
 * Expected dates are written out: an agreement effective 2026-03-10 may be brought until 2026-04-09.
 */
import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import CaseJudicialConfirmation from '../../../../src/components/cases/CaseJudicialConfirmation.vue'
import { useCaseDetailStore } from '../../../../src/stores/caseDetail'
import { getDatabase } from '../../../../src/db/connection'
import { applyAction } from '../../../../src/db/casesRepo'
import type { CaseAction } from '../../../../src/domain/lifecycle'
import { officeReady, registeredCase, type Office } from '../appData'
import { buttonTexts, clickButton, freshPinia, mountInApp, pageText, typeInto, type Mounted } from '../mountInApp'

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

const AT = new Date('2026-03-10T02:00:00.000Z') // 10:00 on 2026-03-10 in China

/** A case taken through `steps` (all on 2026-03-10), opened in the store, with the section mounted. */
async function sectionFor(steps: [CaseAction, object][]) {
  const pinia = freshPinia()
  await officeReady()
  const created = await registeredCase()
  const { db } = await getDatabase()
  const accept = { acceptedOn: '2026-03-02', deadlineDays: 30, mediatorIds: [office.mediatorIds[0]!] }
  for (const [action, input] of [['accept', accept], ['mediate', {}], ...steps] as [CaseAction, object][])
    await applyAction(db, created.id, action, input as never, office.committee, '测试', AT)
  const detail = useCaseDetailStore()
  await detail.load(created.id)
  mounted = await mountInApp(() => h(CaseJudicialConfirmation), { pinia })
  return detail
}

const WRITTEN: [CaseAction, object][] = [
  ['draftAgreement', {}],
  ['finalizeAgreement', {}],
]

function alertText(): string {
  return [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent?.trim()).join(' | ')
}

async function chooseResult(label: string) {
  const radio = [...document.querySelectorAll('label.n-radio')].find((l) => l.textContent?.trim() === label)
  if (!radio) throw new Error(`no result ${label}`)
  radio.querySelector('input')!.click()
  await flushPromises()
}

describe('the 司法确认 section', () => {
  it('shows the last day to apply and records an application, then the court’s ruling', async () => {
    const detail = await sectionFor(WRITTEN)
    expect(pageText()).toContain('协议于 2026-03-10 生效')
    expect(pageText()).toContain('申请的最后一天为 2026-04-09')
    expect(pageText()).toContain('还没有登记司法确认')

    await clickButton('登记司法确认')
    await typeInto('申请日期', '2026-03-12')
    await typeInto('受理法院', '广州市海珠区人民法院')
    await clickButton('保存')
    await vi.waitFor(() => expect(detail.caseRecord?.judicialConfirmation).toBeDefined())
    expect(detail.caseRecord?.judicialConfirmation).toEqual({ appliedOn: '2026-03-12', court: '广州市海珠区人民法院' })
    await vi.waitFor(() => expect(pageText()).toContain('尚未裁定'))
    expect(pageText()).not.toContain('已超过申请期限')

    await clickButton('修改司法确认')
    await chooseResult('已确认')
    await typeInto('裁定日期', '2026-03-20')
    await typeInto('文号', '（2026）粤0105民特12号')
    await clickButton('保存')
    await vi.waitFor(() => expect(detail.caseRecord?.judicialConfirmation?.result).toBe('confirmed'))
    expect(detail.caseRecord?.judicialConfirmation).toEqual({
      appliedOn: '2026-03-12',
      court: '广州市海珠区人民法院',
      result: 'confirmed',
      decidedOn: '2026-03-20',
      rulingNo: '（2026）粤0105民特12号',
    })
    await vi.waitFor(() => expect(pageText()).toContain('（2026）粤0105民特12号'))
    expect(pageText()).toContain('已确认')
  })

  it('refuses, in Chinese, an application dated before the agreement took effect, storing nothing', async () => {
    const detail = await sectionFor(WRITTEN)
    await clickButton('登记司法确认')
    await typeInto('申请日期', '2026-03-09')
    await typeInto('受理法院', '某区人民法院')
    await clickButton('保存')
    await vi.waitFor(() => expect(alertText()).toContain('申请日期不能早于协议生效日期（2026-03-10）'))
    expect(detail.caseRecord?.judicialConfirmation).toBeUndefined()
  })

  it('warns 已超过申请期限 for an application after the last day, and keeps it', async () => {
    const detail = await sectionFor(WRITTEN)
    await clickButton('登记司法确认')
    await typeInto('申请日期', '2026-04-10')
    expect(pageText()).toContain('已超过申请期限：应在 2026-04-09 前申请')
    await typeInto('受理法院', '某区人民法院')
    await clickButton('保存')
    await vi.waitFor(() => expect(detail.caseRecord?.judicialConfirmation?.appliedOn).toBe('2026-04-10'))
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="judicial-confirmation"]')?.textContent).toContain('已超过申请期限'),
    )
  })

  it('is not offered on an oral agreement', async () => {
    await sectionFor([['registerOralAgreement', { content: '当场返还农具' }]])
    expect(pageText()).toContain('口头协议不能申请司法确认')
    expect(buttonTexts()).not.toContain('登记司法确认')
  })

  it('is shown but no longer editable once the case is archived', async () => {
    await sectionFor([
      ...WRITTEN,
      ['recordJudicialConfirmation', { judicialConfirmation: { appliedOn: '2026-03-10', court: '某区人民法院' } }],
      ['close', { summary: '已履行' }],
      ['archive', {}],
    ])
    expect(pageText()).toContain('某区人民法院')
    expect(buttonTexts()).not.toContain('修改司法确认')
    expect(buttonTexts()).not.toContain('登记司法确认')
  })
})
