// @vitest-environment happy-dom
/**
 * The case header offers the lifecycle actions of the case's state as buttons. The table below is
 * written out by hand from the mediation procedure (受理 → 调查/调解 → 协议/终止/撤回/转办 → 结案 → 归档),
 * not read from src/domain/lifecycle.ts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import CaseHeader from '../../../../src/components/cases/CaseHeader.vue'
import type { TransitionRule } from '../../../../src/domain/lifecycle'
import type { CaseRecord, CaseStatus } from '../../../../src/domain/types'
import { buttonTexts, clickButton, mountInApp, type Mounted } from '../mountInApp'

/** state → the buttons offered, in order (协议生效 comes from the agreement module, never from here). */
const OFFERED: [CaseStatus, string[]][] = [
  ['intake', ['受理', '不予受理', '撤回申请', '整案转办']],
  ['rejected', ['归档']],
  ['accepted', ['开始调查', '开始调解', '终止调解', '撤回申请', '整案转办', '延长期限']],
  ['investigating', ['开始调解', '终止调解', '撤回申请', '整案转办', '延长期限']],
  ['mediating', ['拟定书面协议', '开始调查', '登记口头协议', '终止调解', '撤回申请', '整案转办', '延长期限']],
  ['drafting', ['继续拟定协议', '退回继续调解', '终止调解', '撤回申请', '延长期限']],
  ['effective', ['登记履行情况', '结案']],
  ['terminated', ['结案']],
  ['withdrawn', ['结案']],
  ['referred', ['结案']],
  ['closed', ['修改防止激化情况', '归档']],
  ['archived', ['重新打开']],
]

/** state → the one button drawn as the step forward (filled), the others outlined. */
const MAIN_STEP: Record<CaseStatus, string[]> = {
  intake: ['受理'],
  rejected: ['归档'],
  accepted: ['开始调查'],
  investigating: ['开始调解'],
  mediating: ['拟定书面协议'],
  drafting: ['继续拟定协议'],
  effective: ['结案'],
  terminated: ['结案'],
  withdrawn: ['结案'],
  referred: ['结案'],
  closed: ['归档'],
  archived: [],
}

function record(status: CaseStatus, over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'case-1',
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
    ...over,
  }
}

let mounted: Mounted | undefined
afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
})

async function header(r: CaseRecord, onAction: (rule: TransitionRule) => void = () => undefined): Promise<HTMLElement> {
  mounted = await mountInApp(() => h(CaseHeader, { record: r, today: '2026-06-15', onAction }))
  return mounted.wrapper.element as HTMLElement
}

function toolbar(root: HTMLElement): HTMLElement | null {
  return root.querySelector('[role="toolbar"][aria-label="案件操作"]')
}

describe('the case actions offered in each state', () => {
  it.each(OFFERED)('%s', async (status, expected) => {
    const bar = toolbar(await header(record(status)))
    expect(bar).not.toBeNull()
    expect(buttonTexts(bar!)).toEqual(expected)
    const filled = [...bar!.querySelectorAll('button')].filter(
      (b) => b.className.includes('n-button--primary-type') && !b.className.includes('ghost'),
    )
    expect(filled.map((b) => b.textContent?.trim())).toEqual(MAIN_STEP[status])
  })

  it('a deadline already extended is not offered again', async () => {
    const extended = record('mediating', {
      extension: { days: 10, reason: '当事人外出', partiesConsent: true, at: '2026-06-10T00:00:00.000Z' },
    })
    const root = await header(extended)
    expect(buttonTexts(toolbar(root)!)).toEqual([
      '拟定书面协议',
      '开始调查',
      '登记口头协议',
      '终止调解',
      '撤回申请',
      '整案转办',
    ])
    expect(root.textContent).toContain('已延期10天')
  })

  it('a case the committee took up itself (主动排查) offers no 撤回申请', async () => {
    const root = await header(record('intake', { source: '主动排查' }))
    expect(buttonTexts(toolbar(root)!)).toEqual(['受理', '不予受理', '整案转办'])
  })

  it('a click hands the chosen action to the page', async () => {
    const chosen: string[] = []
    const root = await header(record('intake'), (rule) => chosen.push(`${rule.action}:${rule.from}→${rule.to}`))
    await clickButton('不予受理', toolbar(root)!)
    await clickButton('受理', toolbar(root)!)
    expect(chosen).toEqual(['reject:intake→rejected', 'accept:intake→accepted'])
  })

  it.each([
    ['mediating', '拟定书面协议'],
    ['drafting', '继续拟定协议'],
  ] as const)('%s: one click on %s opens the agreement editor, asking it to start the draft', async (status, label) => {
    const chosen: string[] = []
    const root = await header(record(status), (rule) => chosen.push(rule.action))
    await clickButton(label, toolbar(root)!)
    await mounted!.router.isReady()
    await new Promise<void>((resolve) => {
      if (mounted!.router.currentRoute.value.name === 'case-agreement') resolve()
      else mounted!.router.afterEach(() => resolve())
    })
    const route = mounted!.router.currentRoute.value
    expect([route.name, route.params.id, route.query.start]).toEqual(['case-agreement', 'case-1', 'draft'])
    expect(chosen).toEqual([])
  })

  it('shows 未受理 until the case has a number, then the number', async () => {
    expect((await header(record('intake'))).textContent).toContain('未受理')
    mounted?.wrapper.unmount()
    const numbered = await header(record('accepted', { caseNo: '（2026）城关镇调字第007号', dueOn: '2026-07-01' }))
    expect(numbered.textContent).toContain('（2026）城关镇调字第007号')
    expect(numbered.textContent).toContain('期限至 2026-07-01')
  })
})
