// @vitest-environment happy-dom
/**
 * The intake form (登记新案件) as the desk uses it: what it refuses, in which words, beside which field;
 * what an ID number fills in; and a complete intake stored and opened. Real stores and database
 * (fake-indexeddb); the expected messages are written out here.
 */
// first: Dexie takes the IndexedDB it finds when it is loaded
import 'fake-indexeddb/auto'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { NSelect } from 'naive-ui'
import CaseNewView from '../../../src/views/CaseNewView.vue'
import { getDatabase } from '../../../src/db/connection'
import { officeReady } from '../components/appData'
import { clickButton, freshPinia, mountInApp, pageText, typeInto, type Mounted } from '../components/mountInApp'

let mounted: Mounted | undefined

beforeAll(async () => {
  freshPinia()
  await officeReady()
})

afterEach(() => {
  mounted?.wrapper.unmount()
  mounted = undefined
  document.body.innerHTML = ''
})

async function openForm(): Promise<Mounted> {
  const pinia = freshPinia()
  await officeReady()
  mounted = await mountInApp(() => h(CaseNewView), { pinia })
  return mounted
}

async function storedCases(): Promise<number> {
  return (await getDatabase()).db.caseDocs.count()
}

/** The messages of the summary above the save button, in order. */
function summary(): string[] {
  return [...document.querySelectorAll('.error-list li')].map((li) => li.textContent?.trim() ?? '')
}

/** The message shown beside the field holding the input with this aria-label. */
function feedbackOf(label: string): string {
  const input = document.querySelector(`[aria-label="${label}"]`)
  const item = input?.closest('.n-form-item')
  return item?.querySelector('.n-form-item-feedback')?.textContent?.trim() ?? ''
}

/**
 * Picks an option of the Naive UI select with this aria-label, by the text it offers. happy-dom lays
 * nothing out, so Naive's virtual option list draws no option to click: the option is looked up in
 * what the select offers and chosen as the select reports a click (its update:value).
 */
async function choose(label: string, option: string): Promise<void> {
  const select = mounted?.wrapper.findAllComponents(NSelect).find((s) => s.attributes('aria-label') === label)
  if (!select) throw new Error(`no select labelled ${label}`)
  const offered = (select.props('options') ?? []) as { label: string; value: string }[]
  const picked = offered.find((o) => o.label === option)
  if (!picked) throw new Error(`${label} does not offer ${option}: ${offered.map((o) => o.label).join('、')}`)
  select.vm.$emit('update:value', select.props('multiple') ? [picked.value] : picked.value)
  await flushPromises()
}

function checkedGender(n: number): string {
  const group = document.querySelector(`[aria-label="第${n}位当事人性别"]`)
  return group?.querySelector('.n-radio--checked')?.textContent?.trim() ?? ''
}

function valueOf(label: string): string {
  return document.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)?.value ?? ''
}

/** Saves, and waits for the form's answer: the refusal message or the success message. */
async function save(): Promise<void> {
  await clickButton('保存登记')
  await vi.waitFor(() => expect(pageText()).toMatch(/请先改正标红的内容，案件尚未保存|案件已登记/))
}

describe('an empty intake', () => {
  it('is refused with every missing field named, in Chinese, and nothing stored', async () => {
    await openForm()
    const before = await storedCases()
    await save()
    expect(pageText()).toContain('请先改正标红的内容，案件尚未保存')
    expect(pageText()).toContain('还有内容需要改正，案件尚未保存')
    expect(summary()).toEqual([
      '请选择纠纷类别',
      '请填写纠纷简要名称，如“张某与李某相邻通行纠纷”',
      '请简要填写纠纷事实',
      '第1位当事人：请填写当事人姓名',
      '第2位当事人：请填写当事人姓名',
    ])
    expect(feedbackOf('纠纷名称')).toBe('请填写纠纷简要名称，如“张某与李某相邻通行纠纷”')
    expect(feedbackOf('纠纷事实')).toBe('请简要填写纠纷事实')
    expect(feedbackOf('第2位当事人姓名')).toBe('请填写当事人姓名')
    expect(await storedCases()).toBe(before)
  })
})

describe('ID numbers at intake', () => {
  it('a valid number fills in gender and birth date', async () => {
    await openForm()
    await typeInto('第1位当事人身份证号', '11010519491231002X')
    expect(checkedGender(1)).toBe('女')
    expect(valueOf('第1位当事人出生日期')).toBe('1949-12-31')
  })

  /** [typed, the message beside the field] */
  const WRONG: [string, string][] = [
    ['110105194912310021', '身份证号最后一位不对，请核对'],
    ['1101051949', '身份证号应为18位，现在是10位，请核对'],
    ['11010519491331002X', '身份证号里的出生日期不对，请核对'],
    ['A10105194912310021', '身份证号只能是数字，最后一位可以是X，请核对'],
    ['990105194912310021', '身份证号开头6位（地区）不对，请核对'],
  ]
  it.each(WRONG)('%s is refused: %s', async (typed, message) => {
    await openForm()
    await typeInto('第1位当事人身份证号', typed)
    await save()
    expect(feedbackOf('第1位当事人身份证号')).toBe(message)
    expect(summary()).toContain(`第1位当事人：${message}`)
  })

  it('a gender that contradicts the number is refused', async () => {
    await openForm()
    await typeInto('第2位当事人身份证号', '11010519491231002X')
    const male = [...document.querySelectorAll<HTMLElement>('[aria-label="第2位当事人性别"] .n-radio')].find(
      (r) => r.textContent?.trim() === '男',
    )
    male?.querySelector('input')?.click()
    await flushPromises()
    expect(checkedGender(2)).toBe('男')
    await save()
    expect(summary()).toContain('第2位当事人：性别与身份证号不一致（身份证号显示为女）')
  })
})

describe('other intake rules', () => {
  it('a referred case needs the referring body', async () => {
    await openForm()
    expect(document.querySelector('[aria-label="移交单位"]')).toBeNull()
    await choose('案件来源', '公安机关移交')
    expect(document.querySelector('[aria-label="移交单位"]')).not.toBeNull()
    await save()
    expect(feedbackOf('移交单位')).toBe('请填写移交或委派的单位')
  })

  /** [typed, the message beside the field] */
  const PHONES: [string, string][] = [
    ['12345', '手机号码应为11位数字'],
    ['12912345678', '手机号码第二位应为3至9'],
    ['0730', '固定电话格式不正确，应为“区号-号码”，如 0571-88888888'],
  ]
  it.each(PHONES)('the phone %s is refused: %s', async (typed, message) => {
    await openForm()
    await typeInto('第1位当事人电话', typed)
    await save()
    expect(feedbackOf('第1位当事人电话')).toBe(message)
    expect(summary()).toContain(`第1位当事人：${message}`)
  })

  it('a date of intake in the future is refused', async () => {
    await openForm()
    await typeInto('登记日期', '2999-01-01')
    await save()
    expect(feedbackOf('登记日期')).toBe('登记日期不能晚于今天')
  })
})

describe('a complete intake', () => {
  it('is stored and opened', async () => {
    const { router } = await openForm()
    const before = await storedCases()
    await choose('纠纷类别', '邻里')
    await typeInto('纠纷名称', '王某与赵某相邻通行纠纷')
    await typeInto('纠纷事实', '双方因院墙通道发生争执。')
    await typeInto('第1位当事人姓名', '王𠮷')
    await typeInto('第1位当事人身份证号', '11010519491231002X')
    await typeInto('第2位当事人姓名', '赵堃')
    await save()
    expect(pageText()).toContain('案件已登记')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('case'))
    const id = String(router.currentRoute.value.params.id)
    const stored = await (await getDatabase()).db.caseDocs.get(id)
    expect(await storedCases()).toBe(before + 1)
    expect(stored).toMatchObject({
      status: 'intake',
      title: '王某与赵某相邻通行纠纷',
      category: '邻里',
      partySummary: '王𠮷 与 赵堃',
    })
    expect(stored?.parties.map((p) => [p.role, p.name, p.gender, p.birthDate])).toEqual([
      ['申请人', '王𠮷', '女', '1949-12-31'],
      ['被申请人', '赵堃', undefined, undefined],
    ])
  })
})
