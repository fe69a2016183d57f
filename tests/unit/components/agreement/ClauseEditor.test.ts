// @vitest-environment happy-dom
/**
 * The agreement's clauses as a mediator writes them: the sentence each clause reads as, amounts typed
 * once with their capitals, instalments that must add up, and the checklist's warnings about amounts
 * and deadlines (打印前检查) as the clause is filled in. The editor is mounted with the checklist panel
 * fed by the domain's checklist, as the agreement page does; expected wording is written out here.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { computed, h, ref, type Ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { NSelect } from 'naive-ui'
import AgreementEditor from '../../../../src/components/agreement/AgreementEditor.vue'
import ChecklistPanel from '../../../../src/components/agreement/ChecklistPanel.vue'
import { checkAgreement } from '../../../../src/domain/checklist'
import type { Agreement, Party } from '../../../../src/domain/types'
import type { AgreementDraftInput } from '../../../../src/stores/agreement'
import { clickButton, mountInApp, typeInto, type Mounted } from '../mountInApp'

const TODAY = '2026-06-15'
const STAMP = '2026-06-01T00:00:00.000Z'

function party(id: string, role: Party['role'], name: string, order: number): Party {
  return {
    id,
    createdAt: STAMP,
    updatedAt: STAMP,
    caseId: 'case-1',
    role,
    kind: 'person',
    name,
    order,
    agents: [],
    gender: '男',
    ethnicity: '汉族',
    birthDate: '1980-01-01',
    idNumber: '11010519491231002X',
    phone: '13900001111',
    address: '城关镇东街1号',
    occupation: '务农',
  }
}

const PARTIES = [party('p1', '申请人', '王𠮷', 0), party('p2', '被申请人', '赵堃', 1)]

let mounted: Mounted | undefined
let model: Ref<AgreementDraftInput>

afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

async function openEditor(): Promise<void> {
  model = ref<AgreementDraftInput>({
    facts: '双方因院墙通道发生争执。',
    disputes: '通道如何使用',
    clauses: [],
    performanceTerms: '',
    copies: 3,
  })
  const findings = computed(() => {
    const draft = model.value
    const agreement: Agreement = {
      id: 'agreement-1',
      createdAt: STAMP,
      updatedAt: STAMP,
      caseId: 'case-1',
      version: 1,
      status: 'draft',
      ...draft,
    }
    return checkAgreement({ agreement, parties: PARTIES, caseRecord: { category: '邻里' }, today: TODAY })
  })
  mounted = await mountInApp(() =>
    h('div', [
      h(AgreementEditor, {
        modelValue: model.value,
        'onUpdate:modelValue': (v: AgreementDraftInput) => (model.value = v),
        parties: PARTIES,
        templates: [],
        disabled: false,
        flagged: [],
        caseId: 'case-1',
      }),
      h(ChecklistPanel, { findings: findings.value }),
    ]),
  )
}

/** What the first clause reads as in the agreement. */
function reads(): string {
  return document.querySelector('[aria-label="第一条"] .reads')?.textContent?.trim() ?? ''
}

/** The checklist's lines at one level ('block': 必须改正, 'warn': 请再看一下), without their tag. */
function checklist(level: 'block' | 'warn'): string[] {
  return [...document.querySelectorAll(`[aria-label="打印前检查"] li[data-level="${level}"]`)].map((li) =>
    (li.textContent ?? '').trim().replace(/^(必须改正|请再看一下)/, ''),
  )
}

function shownUnder(label: string): string {
  const input = document.querySelector(`[aria-label="${label}"]`)
  const box = input?.closest('.amount')
  return (box?.querySelector('[role="alert"]') ?? box?.querySelector('.capitals'))?.textContent?.trim() ?? ''
}

async function chooseMethod(method: string): Promise<void> {
  const select = mounted?.wrapper
    .findAllComponents(NSelect)
    .find((s) => s.attributes('aria-label') === '第一条支付方式')
  if (!select) throw new Error('no payment method select')
  const offered = (select.props('options') ?? []) as { label: string; value: string }[]
  expect(offered.map((o) => o.label)).toEqual(['现金', '银行转账', '分期', '其他'])
  select.vm.$emit('update:value', method)
  await flushPromises()
}

describe('a payment clause', () => {
  it('starts as the respondent paying the applicant, with its blanks marked and refused for printing', async () => {
    await openEditor()
    expect(checklist('block')).toEqual(['协议没有任何条款'])
    await clickButton('＋ 给付金钱条款')
    expect(reads()).toBe('协议中写作：赵堃于【履行期限】前向王𠮷【事项】【金额】。')
    expect(checklist('block')).toEqual([
      '第1条：金钱给付条款没有金额',
      '第1条：金钱给付条款没有履行期限',
      '第1条还有未填写的空白：【履行期限】、【事项】、【金额】',
    ])
  })

  it('an amount typed in yuan shows its capitals and fills the sentence', async () => {
    await openEditor()
    await clickButton('＋ 给付金钱条款')
    await typeInto('第一条事项', '支付拖欠工资')
    await typeInto('第一条金额', '8000')
    expect(shownUnder('第一条金额')).toBe('人民币捌仟元整（¥8,000.00）')
    expect(model.value.clauses[0]?.amountFen).toBe(800_000)
    expect(reads()).toBe('协议中写作：赵堃于【履行期限】前向王𠮷支付拖欠工资人民币捌仟元整（¥8,000.00）。')
    expect(checklist('block')).toEqual(['第1条：金钱给付条款没有履行期限', '第1条还有未填写的空白：【履行期限】'])
    await typeInto('第一条金额', '12,345.6')
    // after 角 the 整 is optional (支付结算办法); the app writes it
    expect(shownUnder('第一条金额')).toBe('人民币壹万贰仟叁佰肆拾伍元陆角整（¥12,345.60）')
  })

  /** [typed, the message under the amount] */
  const WRONG: [string, string][] = [
    ['8千', '无法识别的金额“8千”：请填写数字，例如 8000 或 8000.50'],
    ['80.123', '无法识别的金额“80.123”：请填写数字，例如 8000 或 8000.50'],
    ['-5', '无法识别的金额“-5”：请填写数字，例如 8000 或 8000.50'],
  ]
  it.each(WRONG)('the amount %s is refused: %s', async (typed, message) => {
    await openEditor()
    await clickButton('＋ 给付金钱条款')
    await typeInto('第一条金额', '8000')
    await typeInto('第一条金额', typed)
    expect(shownUnder('第一条金额')).toBe(message)
    expect(model.value.clauses[0]?.amountFen).toBeUndefined()
    expect(checklist('block')).toContain('第1条：金钱给付条款没有金额')
  })

  it('a payment by instalments must add up to the total', async () => {
    await openEditor()
    await clickButton('＋ 给付金钱条款')
    await typeInto('第一条事项', '支付货款')
    await typeInto('第一条金额', '8000')
    await chooseMethod('分期')
    const schedule = () => document.querySelector('[aria-label="第一条分期计划"]')?.textContent ?? ''
    expect(schedule()).toContain('第1期')
    expect(schedule()).toContain('第2期')
    expect(schedule()).toContain('各期合计 人民币零元整（¥0.00），与总金额不一致')
    expect(checklist('block')).toContain('第1条：各期金额之和与总金额不一致')
    // the single deadline gives way to one date per instalment
    expect(checklist('block')).not.toContain('第1条：金钱给付条款没有履行期限')

    await typeInto('第一条第1期金额', '3000')
    await typeInto('第一条第2期金额', '4000')
    expect(schedule()).toContain('各期合计 人民币柒仟元整（¥7,000.00），与总金额不一致')
    expect(checklist('block')).toContain('第1条：各期金额之和与总金额不一致')

    await typeInto('第一条第2期金额', '5000')
    expect(schedule()).toContain('各期合计 人民币捌仟元整（¥8,000.00）')
    expect(schedule()).not.toContain('不一致')
    expect(checklist('block')).not.toContain('第1条：各期金额之和与总金额不一致')
  })

  it('a deadline already past is pointed out', async () => {
    await openEditor()
    await clickButton('＋ 给付金钱条款')
    await typeInto('第一条事项', '支付拖欠工资')
    await typeInto('第一条金额', '8000')
    // the date picker writes 'YYYY-MM-DD' into the clause; happy-dom cannot open its calendar
    model.value.clauses[0]!.dueOn = '2026-06-01'
    await flushPromises()
    expect(reads()).toBe('协议中写作：赵堃于2026年6月1日前向王𠮷支付拖欠工资人民币捌仟元整（¥8,000.00）。')
    expect(checklist('block')).toEqual([])
    expect(checklist('warn')).toEqual(['第1条：履行期限早于今天'])
  })
})

describe('an action clause and a free clause', () => {
  it('an action without a deadline is a warning, not a refusal', async () => {
    await openEditor()
    await clickButton('＋ 履行行为条款')
    await typeInto('第一条事项', '拆除占用通道的围栏')
    expect(reads()).toBe('协议中写作：赵堃于【履行期限】前拆除占用通道的围栏（权利人：王𠮷）。')
    expect(checklist('warn')).toEqual(['第1条：没有写明履行期限'])
    expect(checklist('block')).toEqual(['第1条还有未填写的空白：【履行期限】'])
  })

  it('a free clause reads as typed; clauses renumber when moved or removed', async () => {
    await openEditor()
    await clickButton('＋ 自由条款')
    await typeInto('第一条内容', '双方今后和睦相处。')
    await clickButton('＋ 履行行为条款')
    expect(reads()).toBe('协议中写作：双方今后和睦相处。')
    const second = document.querySelector('[aria-label="第二条"]') as HTMLElement
    await clickButton('上移', second)
    expect(reads()).toBe('协议中写作：赵堃于【履行期限】前【事项】（权利人：王𠮷）。')
    await clickButton('删除', document.querySelector('[aria-label="第一条"]') as HTMLElement)
    expect(reads()).toBe('协议中写作：双方今后和睦相处。')
    expect(document.querySelector('[aria-label="第二条"]')).toBeNull()
  })
})
