// @vitest-environment happy-dom
/**
 * The party form for people it did not fit: a pasted ID cleaned before any limit with what changed
 * said, other identity documents, the age, the correction (更正) of what a 身份证 says, and the guardian
 * of a minor. Real stores and database (fake-indexeddb); expected values written out.
 */
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { NSelect } from 'naive-ui'
import CaseNewView from '../../../src/views/CaseNewView.vue'
import { getDatabase } from '../../../src/db/connection'
import { todayInChina } from '../../../src/domain/dates'
import { officeReady } from '../components/appData'
import { clickButton, freshPinia, mountInApp, pageText, typeInto, type Mounted } from '../components/mountInApp'

let mounted: Mounted | undefined

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

async function choose(label: string, option: string): Promise<void> {
  const select = mounted?.wrapper.findAllComponents(NSelect).find((s) => s.attributes('aria-label') === label)
  if (!select) throw new Error(`no select labelled ${label}`)
  const offered = (select.props('options') ?? []) as { label: string; value: string }[]
  const picked = offered.find((o) => o.label === option)
  if (!picked) throw new Error(`${label} does not offer ${option}: ${offered.map((o) => o.label).join('、')}`)
  select.vm.$emit('update:value', picked.value)
  await flushPromises()
}

const valueOf = (label: string) => document.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)?.value ?? ''
const checkedGender = (n: number) =>
  document.querySelector(`[aria-label="第${n}位当事人性别"] .n-radio--checked`)?.textContent?.trim() ?? ''

async function clickGender(n: number, gender: string): Promise<void> {
  const radio = [...document.querySelectorAll<HTMLElement>(`[aria-label="第${n}位当事人性别"] .n-radio`)].find(
    (r) => r.textContent?.trim() === gender,
  )
  radio?.querySelector('input')?.click()
  await flushPromises()
}

/** A birth date that makes someone `years` old today (the intake date). */
function bornYearsAgo(years: number): string {
  const today = todayInChina()
  return `${Number(today.slice(0, 4)) - years}${today.slice(4)}`
}

describe('pasting an ID number', () => {
  it('keeps all 18 characters of a number pasted with spaces and a full-width Ｘ, and says what changed', async () => {
    await openForm()
    const input = document.querySelector<HTMLInputElement>('[aria-label="第1位当事人身份证号"]')
    // no length limit may cut the pasted text before it is cleaned
    expect(input?.getAttribute('maxlength')).toBeNull()
    await typeInto('第1位当事人身份证号', '1101 0519 4912 3100 2Ｘ')
    expect(valueOf('第1位当事人身份证号')).toBe('11010519491231002X')
    expect(pageText()).toContain('已去掉空格，全角Ｘ已改为X')
    expect(checkedGender(1)).toBe('女')
    expect(valueOf('第1位当事人出生日期')).toBe('1949-12-31')
  })
})

describe('other identity documents', () => {
  it('offers every document type and checks the number for the one chosen', async () => {
    await openForm()
    await choose('第1位当事人证件类型', '港澳居民来往内地通行证')
    await typeInto('第1位当事人证件号码', 'h12345678')
    expect(valueOf('第1位当事人证件号码')).toBe('H12345678')
    // a permit does not fill in sex or birth date
    expect(checkedGender(1)).toBe('')
    await clickButton('保存登记')
    await vi.waitFor(() => expect(pageText()).toContain('请先改正标红的内容'))
    expect(pageText()).not.toContain('身份证号应为18位')
  })
})

describe('age and minors', () => {
  it('shows the age and asks for a guardian of a 15-year-old, ticking 涉及未成年人', async () => {
    await openForm()
    await typeInto('第1位当事人姓名', '陈小雨')
    await choose('第1位当事人证件类型', '护照')
    await typeInto('第1位当事人证件号码', 'E12345678')
    await typeInto('第1位当事人出生日期', bornYearsAgo(15))
    expect(document.querySelector('[aria-label="第1位当事人年龄"]')?.textContent).toBe('年龄：15周岁')
    expect(pageText()).toContain('陈小雨未满18周岁')
    const flag = [...document.querySelectorAll('[role="checkbox"]')].find((c) =>
      c.textContent?.includes('涉及未成年人'),
    )
    expect(flag?.getAttribute('aria-checked')).toBe('true')
    await clickButton('＋ 添加监护人')
    expect(document.querySelector('[aria-label="第1位当事人的代理人1与当事人关系"]')).not.toBeNull()
    expect(pageText()).not.toContain('陈小雨未满18周岁')
  })
})

describe('correcting what a 身份证 says', () => {
  it('asks for a confirmation, then stores the different sex with the correction flag', async () => {
    const { router } = await openForm()
    await choose('纠纷类别', '邻里')
    await typeInto('纠纷名称', '王某与赵某相邻通行纠纷')
    await typeInto('纠纷事实', '双方因院墙通道发生争执。')
    await typeInto('第1位当事人姓名', '王𠮷')
    await typeInto('第1位当事人身份证号', '11010519491231002X')
    await typeInto('第2位当事人姓名', '赵堃')
    await clickGender(1, '男')
    expect(pageText()).toContain('与身份证号不一致（身份证号显示为女）')
    await clickButton('更正')
    expect(pageText()).toContain('身份证号显示为女，这里登记为男。确认按登记的性别保存吗？更正会记入操作日志。')
    await clickButton('确认更正')
    expect(pageText()).toContain('已更正，与身份证号不同')
    await clickButton('保存登记')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('case'))
    const stored = await (await getDatabase()).db.caseDocs.get(String(router.currentRoute.value.params.id))
    expect(stored?.parties[0]).toMatchObject({ gender: '男', birthDate: '1949-12-31', correctedFromId: ['gender'] })
    const audit = (await (await getDatabase()).db.audit.toArray()).filter((a) => a.entityId === stored?.parties[0]?.id)
    expect(audit.flatMap((a) => a.fields)).toEqual(expect.arrayContaining(['correctedFromId', 'gender']))
  })
})
