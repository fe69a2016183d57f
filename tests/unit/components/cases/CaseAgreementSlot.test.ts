// @vitest-environment happy-dom
/**
 * The 协议 tab leads into the agreement editor in one click while the agreement is being drafted: its
 * primary button asks the editor to start the draft (or reopen it). Labels written out by hand.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import CaseAgreementSlot from '../../../../src/components/cases/CaseAgreementSlot.vue'
import type { CaseRecord, CaseStatus } from '../../../../src/domain/types'
import { clickButton, mountInApp, type Mounted } from '../mountInApp'

function record(status: CaseStatus): CaseRecord {
  return {
    id: 'case-7',
    createdAt: '2026-06-01T00:00:00.000Z',
    updatedAt: '2026-06-01T00:00:00.000Z',
    committeeId: 'committee-1',
    roomId: 'room-1',
    status,
    source: '当事人申请',
    category: '邻里',
    title: '相邻通行纠纷',
    facts: '',
    requests: [],
    amountFen: 0,
    peopleCount: 2,
    flags: [],
    mediatorIds: [],
    receivedOn: '2026-06-01',
    performance: [],
    partySummary: '王𠮷 与 赵堃',
  }
}

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
})

describe('the 协议 tab', () => {
  it.each([
    ['mediating', '拟定书面协议'],
    ['drafting', '继续拟定协议'],
  ] as const)('%s: its primary button %s opens the editor asking it to start the draft', async (status, label) => {
    mounted = await mountInApp(() => h(CaseAgreementSlot, { record: record(status) }))
    const primary = [...document.body.querySelectorAll('button.n-button--primary-type')].map((b) =>
      b.textContent?.trim(),
    )
    expect(primary).toContain(label)
    await clickButton(label)
    await new Promise<void>((resolve) => {
      if (mounted!.router.currentRoute.value.name === 'case-agreement') resolve()
      else mounted!.router.afterEach(() => resolve())
    })
    const route = mounted!.router.currentRoute.value
    expect([route.name, route.params.id, route.query.start]).toEqual(['case-agreement', 'case-7', 'draft'])
  })

  it('before 调解中 there is no way into the editor yet', async () => {
    mounted = await mountInApp(() => h(CaseAgreementSlot, { record: record('accepted') }))
    expect(document.body.textContent).toContain('案件进入“调解中”后可以拟定书面协议。')
    expect([...document.body.querySelectorAll('button')].map((b) => b.textContent?.trim())).not.toContain(
      '拟定书面协议',
    )
  })
})
